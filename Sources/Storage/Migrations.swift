import SQLKit

/// Versioned schema changes, applied in order, each in its own transaction, recorded in `schema_migrations`.
enum Migrations {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: @Sendable (Database.Engine) -> [String]
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "registry, reference data, accounts", statements: schemaV1),
        Migration(version: 2, name: "search indexes: filter pairs, titles in page order, word prefixes", statements: { engine in
            [
                "CREATE INDEX microcredentials_mode_credits ON microcredentials (mode, credits, provider_id)",
                "DROP INDEX microcredentials_title",
                "CREATE INDEX microcredentials_title ON microcredentials (title, id)",
            ] + (engine == .sqlite ? SQLiteRegistrySearch.addPrefixIndex : [])
        }),
        Migration(version: 3, name: "PostgreSQL search: word postings in id order instead of a GIN index", statements: { engine in
            engine == .postgres ? PostgresRegistrySearch.postings : []
        }),
    ]

    static func apply(to database: Database) async throws {
        try await database.sql.raw(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        ).run()
        let applied = Set(try await database.sql.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) })
        for migration in all where !applied.contains(migration.version) {
            try await database.transaction { connection in
                for statement in migration.statements(database.engine) {
                    try await connection.raw(SQLQueryString(statement)).run()
                }
                try await connection.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), CURRENT_TIMESTAMP)"
                ).run()
            }
        }
    }

    /// The newest schema version this build knows.
    static var latestVersion: Int { all.map(\.version).max() ?? 0 }

    private static func schemaV1(_ engine: Database.Engine) -> [String] {
        var statements = [
            """
            CREATE TABLE frameworks (id TEXT PRIMARY KEY, name TEXT NOT NULL, jurisdiction TEXT NOT NULL, kind TEXT NOT NULL,
              body TEXT, levels TEXT NOT NULL, credit TEXT, source TEXT, as_of TEXT, confirmed TEXT NOT NULL)
            """,
            """
            CREATE TABLE providers (id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, kind TEXT NOT NULL,
              qa_body TEXT, qa_status TEXT NOT NULL, qa_since TEXT, qa_until TEXT, website TEXT,
              source TEXT, as_of TEXT, confirmed TEXT NOT NULL)
            """,
            "CREATE INDEX providers_country ON providers (country)",
            """
            CREATE TABLE microcredentials (id TEXT PRIMARY KEY, provider_id TEXT NOT NULL REFERENCES providers (id),
              provider_name TEXT NOT NULL, title TEXT NOT NULL, title_local TEXT NOT NULL, learning_outcomes TEXT NOT NULL,
              outcomes_text TEXT NOT NULL, framework_id TEXT REFERENCES frameworks (id), level INTEGER,
              credits DOUBLE PRECISION, notional_hours DOUBLE PRECISION, assessment TEXT, mode TEXT, qa_type TEXT,
              language TEXT, prerequisites TEXT NOT NULL, stackable_into TEXT NOT NULL, validity_months INTEGER,
              status TEXT NOT NULL, source TEXT, as_of TEXT, confirmed TEXT NOT NULL)
            """,
            "CREATE INDEX microcredentials_provider ON microcredentials (provider_id)",
            "CREATE INDEX microcredentials_level ON microcredentials (framework_id, level)",
            "CREATE INDEX microcredentials_title ON microcredentials (title)",
            """
            CREATE TABLE reference_documents (kind TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, json TEXT NOT NULL,
              source TEXT, as_of TEXT, confirmed TEXT NOT NULL, PRIMARY KEY (kind, id))
            """,
            """
            CREATE TABLE accounts (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
              role TEXT NOT NULL, scope TEXT, password_hash TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
            """,
            """
            CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id),
              csrf_token TEXT NOT NULL, expires_at DOUBLE PRECISION NOT NULL)
            """,
            """
            CREATE TABLE api_tokens (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id),
              name TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
            """,
        ]
        statements += engine.search.schema
        return statements
    }
}
