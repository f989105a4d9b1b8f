import SQLKit

/// Versioned schema changes, applied in order, each in its own transaction, recorded in `schema_migrations`.
enum Migrations {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: @Sendable (Database.Engine) -> [String]
        /// A step computed in Swift between `statements` and `then` (in the same transaction): backfilling a column
        /// whose values SQL cannot compute.
        var fill: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
        var then: @Sendable (Database.Engine) -> [String] = { _ in [] }
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "registry, reference data, accounts", statements: schemaV1),
        Migration(
            version: 2, name: "search indexes: filter pairs, titles in page order, word prefixes",
            statements: { engine in
                [
                    "CREATE INDEX microcredentials_mode_credits ON microcredentials (mode, credits, provider_id)",
                    "DROP INDEX microcredentials_title",
                    "CREATE INDEX microcredentials_title ON microcredentials (title, id)",
                ] + (engine == .sqlite ? SQLiteRegistrySearch.addPrefixIndex : [])
            }),
        Migration(
            version: 3, name: "PostgreSQL search: word postings in id order instead of a GIN index",
            statements: { engine in
                engine == .postgres ? PostgresRegistrySearch.postings : []
            }),
        Migration(version: 4, name: "typed reference data, the audit chain, records edited in Accord", statements: schemaV4),
        Migration(
            version: 5, name: "listing review: the reviewer's reasons, a status index",
            statements: { _ in
                [
                    "ALTER TABLE microcredentials ADD COLUMN review_note TEXT",
                    "CREATE INDEX microcredentials_status ON microcredentials (status, provider_id)",
                ]
            }),
        Migration(
            version: 6, name: "accounts: expiring, revocable tokens; sign-in throttling; password resets",
            statements: { _ in
                [
                    "ALTER TABLE api_tokens ADD COLUMN id TEXT",
                    "ALTER TABLE api_tokens ADD COLUMN expires_at DOUBLE PRECISION",
                    "ALTER TABLE api_tokens ADD COLUMN revoked_at DOUBLE PRECISION",
                    // Tokens issued before expiry existed get 90 days from their creation.
                    "UPDATE api_tokens SET id = substr(token_hash, 1, 16), expires_at = created_at + 7776000",
                    "CREATE UNIQUE INDEX api_tokens_id ON api_tokens (id)",
                    "CREATE INDEX api_tokens_account ON api_tokens (account_id)",
                    "CREATE INDEX sessions_account ON sessions (account_id)",
                    """
                    CREATE TABLE sign_in_throttle (key TEXT PRIMARY KEY, failures INTEGER NOT NULL,
                      last_failure DOUBLE PRECISION NOT NULL, locked_until DOUBLE PRECISION NOT NULL)
                    """,
                    """
                    CREATE TABLE password_resets (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id),
                      expires_at DOUBLE PRECISION NOT NULL, used_at DOUBLE PRECISION)
                    """,
                ]
            }),
        Migration(
            version: 7, name: "listing status in the filter indexes, so public searches stay index-only",
            statements: { _ in
                // Every public search now filters on status (drafts are private): without it in these indexes a
                // filters-only search visited each matching row (p99 11 -> 28 ms at 1M rows on SQLite).
                [
                    "DROP INDEX microcredentials_mode_credits",
                    "CREATE INDEX microcredentials_mode_credits ON microcredentials (mode, credits, provider_id, status)",
                    "DROP INDEX microcredentials_level",
                    "CREATE INDEX microcredentials_level ON microcredentials (framework_id, level, status)",
                    "DROP INDEX microcredentials_provider",
                    "CREATE INDEX microcredentials_provider ON microcredentials (provider_id, status)",
                ]
            }),
        Migration(
            version: 8, name: "issuer keys: providers' signing keys, the private half sealed",
            statements: { _ in
                [
                    """
                    CREATE TABLE issuer_keys (id TEXT PRIMARY KEY, provider_id TEXT NOT NULL REFERENCES providers (id),
                      did_key TEXT NOT NULL UNIQUE, public_key_multibase TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                      state TEXT NOT NULL, retired_at DOUBLE PRECISION, compromised_from DOUBLE PRECISION,
                      sealed_key TEXT NOT NULL, kek_id TEXT NOT NULL)
                    """,
                    "CREATE INDEX issuer_keys_provider ON issuer_keys (provider_id, state)",
                ]
            }),
        Migration(
            version: 9, name: "issued credentials: the signed forms, the learner, the claim link's hash",
            statements: { _ in
                [
                    """
                    CREATE TABLE issued_credentials (id TEXT PRIMARY KEY, provider_id TEXT NOT NULL REFERENCES providers (id),
                      microcredential_id TEXT NOT NULL REFERENCES microcredentials (id), recipient_kind TEXT NOT NULL,
                      recipient TEXT NOT NULL, recipient_name TEXT NOT NULL, issued_at DOUBLE PRECISION NOT NULL, suite TEXT NOT NULL,
                      signed TEXT NOT NULL, jwt TEXT NOT NULL, claim_token_hash TEXT NOT NULL UNIQUE,
                      claim_expires_at DOUBLE PRECISION NOT NULL, state TEXT NOT NULL)
                    """,
                    "CREATE INDEX issued_credentials_provider ON issued_credentials (provider_id, issued_at)",
                    "CREATE INDEX issued_credentials_microcredential ON issued_credentials (microcredential_id)",
                ]
            }),
        Migration(
            version: 10, name: "status lists: providers' revocation and suspension bits; each credential's slot",
            statements: { _ in
                [
                    """
                    CREATE TABLE status_lists (provider_id TEXT NOT NULL REFERENCES providers (id), purpose TEXT NOT NULL,
                      bits TEXT NOT NULL, signed TEXT NOT NULL, updated_at DOUBLE PRECISION NOT NULL, next_index INTEGER NOT NULL,
                      PRIMARY KEY (provider_id, purpose))
                    """,
                    "ALTER TABLE issued_credentials ADD COLUMN status_index INTEGER",
                    "ALTER TABLE issued_credentials ADD COLUMN state_reason TEXT",
                    "CREATE UNIQUE INDEX issued_credentials_status ON issued_credentials (provider_id, status_index)",
                ]
            }),
        Migration(
            version: 11, name: "issuance batches: a CSV's learners, checked; each credential names its batch row, once",
            statements: { _ in
                [
                    """
                    CREATE TABLE issuance_batches (id TEXT PRIMARY KEY, provider_id TEXT NOT NULL REFERENCES providers (id),
                      microcredential_id TEXT NOT NULL REFERENCES microcredentials (id), suite TEXT NOT NULL, state TEXT NOT NULL,
                      created_at DOUBLE PRECISION NOT NULL, created_by TEXT NOT NULL, content_hash TEXT NOT NULL, row_count INTEGER NOT NULL,
                      valid_count INTEGER NOT NULL, issued_count INTEGER NOT NULL, first_slot INTEGER, confirmed_by TEXT,
                      finished_at DOUBLE PRECISION, last_error TEXT)
                    """,
                    "CREATE INDEX issuance_batches_provider ON issuance_batches (provider_id, created_at)",
                    """
                    CREATE TABLE issuance_batch_rows (batch_id TEXT NOT NULL REFERENCES issuance_batches (id), number INTEGER NOT NULL,
                      line INTEGER NOT NULL, learner TEXT NOT NULL, name TEXT NOT NULL, completed TEXT NOT NULL, result TEXT NOT NULL,
                      error TEXT, ordinal INTEGER, PRIMARY KEY (batch_id, number))
                    """,
                    "ALTER TABLE issued_credentials ADD COLUMN batch_id TEXT",
                    "ALTER TABLE issued_credentials ADD COLUMN batch_row INTEGER",
                    "CREATE UNIQUE INDEX issued_credentials_batch_row ON issued_credentials (batch_id, batch_row)",
                ]
            }),
        Migration(
            version: 12, name: "learner records and qualifications: held credentials, pathway rules and their versions",
            statements: { _ in
                [
                    """
                    CREATE TABLE record_entries (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id), source TEXT NOT NULL,
                      credential_id TEXT, fingerprint TEXT NOT NULL, document TEXT NOT NULL, title TEXT NOT NULL, issuer TEXT NOT NULL,
                      issuer_name TEXT, provider_id TEXT, country TEXT, issued_on TEXT, framework_id TEXT, level INTEGER,
                      credits DOUBLE PRECISION, hours DOUBLE PRECISION, units TEXT NOT NULL, facts_source TEXT NOT NULL,
                      hidden INTEGER NOT NULL, added_at DOUBLE PRECISION NOT NULL)
                    """,
                    "CREATE UNIQUE INDEX record_entries_fingerprint ON record_entries (account_id, fingerprint)",
                    """
                    CREATE TABLE qualifications (id TEXT PRIMARY KEY, title TEXT NOT NULL, provider_id TEXT REFERENCES providers (id),
                      awarding_body TEXT, framework_id TEXT NOT NULL, level INTEGER, total_credits DOUBLE PRECISION, description TEXT,
                      version INTEGER NOT NULL, rules TEXT NOT NULL, saved_at DOUBLE PRECISION NOT NULL)
                    """,
                    """
                    CREATE TABLE qualification_versions (qualification_id TEXT NOT NULL, version INTEGER NOT NULL, rules TEXT NOT NULL,
                      saved_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (qualification_id, version))
                    """,
                ]
            }),
        Migration(
            version: 13, name: "record shares (token hashes, expiring, revocable) and learners' holder keys (sealed)",
            statements: { _ in
                [
                    """
                    CREATE TABLE record_shares (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id),
                      token_hash TEXT NOT NULL UNIQUE, entries TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                      expires_at DOUBLE PRECISION NOT NULL, revoked_at DOUBLE PRECISION)
                    """,
                    "CREATE INDEX record_shares_account ON record_shares (account_id, created_at)",
                    """
                    CREATE TABLE learner_keys (account_id TEXT PRIMARY KEY REFERENCES accounts (id), did_key TEXT NOT NULL UNIQUE,
                      sealed_key TEXT NOT NULL, kek_id TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
                    """,
                ]
            }),
        Migration(
            version: 14, name: "award requests: a learner asks for a completed qualification, its provider issues or refuses",
            statements: { _ in
                [
                    """
                    CREATE TABLE award_requests (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id),
                      qualification_id TEXT NOT NULL REFERENCES qualifications (id), version INTEGER NOT NULL,
                      provider_id TEXT NOT NULL REFERENCES providers (id), progress TEXT NOT NULL, entries TEXT NOT NULL, status TEXT NOT NULL,
                      requested_at DOUBLE PRECISION NOT NULL, decided_at DOUBLE PRECISION, decided_by TEXT, reason TEXT, credential TEXT)
                    """,
                    "CREATE INDEX award_requests_provider ON award_requests (provider_id, requested_at)",
                    "CREATE INDEX award_requests_account ON award_requests (account_id, requested_at)",
                ]
            }),
        Migration(
            version: 15, name: "recognition: cases, their precedents and statements, NIC signing keys and target times",
            statements: { _ in
                [
                    """
                    CREATE TABLE recognition_cases (id TEXT PRIMARY KEY, nic_id TEXT NOT NULL, applicant_id TEXT REFERENCES accounts (id),
                      applicant_name TEXT NOT NULL, title TEXT NOT NULL, state TEXT NOT NULL, origin_country TEXT,
                      created_at DOUBLE PRECISION NOT NULL, submitted_at DOUBLE PRECISION, due_at DOUBLE PRECISION,
                      closed_at DOUBLE PRECISION, outcome TEXT, body TEXT NOT NULL)
                    """,
                    "CREATE INDEX recognition_cases_queue ON recognition_cases (nic_id, state, due_at, id)",
                    "CREATE INDEX recognition_cases_due ON recognition_cases (nic_id, due_at, id)",
                    "CREATE INDEX recognition_cases_applicant ON recognition_cases (applicant_id, created_at)",
                    """
                    CREATE TABLE recognition_precedents (case_id TEXT NOT NULL REFERENCES recognition_cases (id), nic_id TEXT NOT NULL,
                      item_key TEXT NOT NULL, title TEXT NOT NULL, outcome TEXT NOT NULL, decided_at DOUBLE PRECISION NOT NULL)
                    """,
                    "CREATE INDEX recognition_precedents_key ON recognition_precedents (nic_id, item_key)",
                    "CREATE INDEX recognition_precedents_case ON recognition_precedents (case_id)",
                    """
                    CREATE TABLE recognition_statements (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES recognition_cases (id),
                      nic_id TEXT NOT NULL, issued_at DOUBLE PRECISION NOT NULL, document TEXT NOT NULL, replaces TEXT)
                    """,
                    """
                    CREATE TABLE nic_keys (nic_id TEXT PRIMARY KEY, did_key TEXT NOT NULL UNIQUE, sealed_key TEXT NOT NULL,
                      kek_id TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
                    """,
                    "CREATE TABLE nic_settings (nic_id TEXT PRIMARY KEY, target_days INTEGER NOT NULL)",
                ]
            }),
        Migration(
            version: 16, name: "recognition: the queue filtered by origin country (and state) reads an index, not the NIC's rows",
            statements: { _ in
                ["CREATE INDEX recognition_cases_origin ON recognition_cases (nic_id, origin_country, state, due_at, id)"]
            }),
        Migration(
            version: 17, name: "recognition: scanned documents attached to cases (base64, at most 2 MiB each)",
            statements: { _ in
                [
                    """
                    CREATE TABLE case_documents (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES recognition_cases (id),
                      name TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
                      uploaded_at DOUBLE PRECISION NOT NULL, uploaded_by TEXT NOT NULL, content TEXT NOT NULL)
                    """,
                    "CREATE INDEX case_documents_case ON case_documents (case_id, uploaded_at)",
                ]
            }),
        Migration(
            version: 18, name: "conventions: the rule's delay in computable form; deposit bounds and withdrawals of parties",
            statements: { _ in
                [
                    "ALTER TABLE conventions ADD COLUMN delay_months INTEGER",
                    "ALTER TABLE conventions ADD COLUMN from_first_of_next_month INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE state_parties ADD COLUMN deposit_not_before TEXT",
                    "ALTER TABLE state_parties ADD COLUMN deposit_not_after TEXT",
                    "ALTER TABLE state_parties ADD COLUMN withdrawal_effective TEXT",
                    // Seeded rules as the new seed reads them from their text (edited ones are left to their editors).
                    """
                    UPDATE conventions SET delay_months = 1, from_first_of_next_month = 1
                    WHERE id IN ('tokyo-2011', 'lisbon-1997') AND edited = 0
                    """,
                    "UPDATE conventions SET delay_months = 3 WHERE id IN ('global-2019', 'cultural-expressions-2005') AND edited = 0",
                ]
            }),
        Migration(
            version: 19, name: "NIC directory: contacts for the network's members (JSON)",
            statements: { _ in ["ALTER TABLE nics ADD COLUMN contacts TEXT NOT NULL DEFAULT '[]'"] }),
        Migration(
            version: 20, name: "the NIC network: surveys and each country's answers (JSON), national action plans",
            statements: { _ in
                [
                    "CREATE TABLE surveys (id TEXT PRIMARY KEY, state TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, body TEXT NOT NULL)",
                    """
                    CREATE TABLE survey_responses (survey_id TEXT NOT NULL REFERENCES surveys (id), country TEXT NOT NULL, state TEXT NOT NULL,
                      answers TEXT NOT NULL, updated_at DOUBLE PRECISION NOT NULL, updated_by TEXT NOT NULL, submitted_at DOUBLE PRECISION,
                      PRIMARY KEY (survey_id, country))
                    """,
                    """
                    CREATE TABLE action_items (id TEXT PRIMARY KEY, country TEXT NOT NULL, title TEXT NOT NULL, owner TEXT, due TEXT,
                      status TEXT NOT NULL, assistance TEXT, meeting TEXT, created_at DOUBLE PRECISION NOT NULL,
                      updated_at DOUBLE PRECISION NOT NULL)
                    """,
                    "CREATE INDEX action_items_country ON action_items (country, due, id)",
                ]
            }),
        Migration(
            version: 21, name: "the NIC network's meetings (JSON) and their documents (base64, at most 2 MiB each); items by meeting",
            statements: { _ in
                [
                    """
                    CREATE TABLE meetings (id TEXT PRIMARY KEY, starts_on TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                      body TEXT NOT NULL)
                    """,
                    """
                    CREATE TABLE meeting_documents (id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id),
                      name TEXT NOT NULL, language TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
                      uploaded_at DOUBLE PRECISION NOT NULL, uploaded_by TEXT NOT NULL, content TEXT NOT NULL)
                    """,
                    "CREATE INDEX meeting_documents_meeting ON meeting_documents (meeting_id, uploaded_at)",
                    "CREATE INDEX action_items_meeting ON action_items (meeting, country, id)",
                ]
            }),
        Migration(
            version: 22,
            name:
                "search: one normalisation in Swift (search_text) with filters as tokens; each listing's country; language and country in title order",
            statements: { engine in
                [
                    "ALTER TABLE microcredentials ADD COLUMN search_text TEXT NOT NULL DEFAULT ''",
                    "ALTER TABLE microcredentials ADD COLUMN country TEXT NOT NULL DEFAULT ''",
                ] + (engine == .sqlite ? SQLiteRegistrySearch.dropIndex : PostgresRegistrySearch.dropPostings)
            },
            fill: { connection in try await SQLRegistryStore.fillSearchText(on: connection) },
            then: { engine in
                (engine == .sqlite ? SQLiteRegistrySearch.searchTextIndex : PostgresRegistrySearch.searchTextPostings) + [
                    // A page of one language's or one country's listings in title order, read straight from an index
                    // (the title index alone walks every Latin title before the first Korean one).
                    "CREATE INDEX microcredentials_language_title ON microcredentials (language, title, id)",
                    "CREATE INDEX microcredentials_country_title ON microcredentials (country, title, id)",
                ]
            }),
        Migration(
            version: 23, name: "NIC signing keys: one row per key, so a NIC's key rotates and can be reported compromised",
            statements: { _ in
                [
                    """
                    CREATE TABLE nic_signing_keys (id TEXT PRIMARY KEY, nic_id TEXT NOT NULL, did_key TEXT NOT NULL UNIQUE,
                      public_key_multibase TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, state TEXT NOT NULL,
                      retired_at DOUBLE PRECISION, compromised_from DOUBLE PRECISION, sealed_key TEXT NOT NULL, kek_id TEXT NOT NULL)
                    """,
                    "CREATE INDEX nic_signing_keys_nic ON nic_signing_keys (nic_id, state)",
                    // A NIC's one key so far keeps its sealed half: it was sealed bound to `nic:ID`, which becomes its id.
                    """
                    INSERT INTO nic_signing_keys (id, nic_id, did_key, public_key_multibase, created_at, state, sealed_key, kek_id)
                    SELECT 'nic:' || nic_id, nic_id, did_key, substr(did_key, 9), created_at, 'active', sealed_key, kek_id FROM nic_keys
                    """,
                    "DROP TABLE nic_keys",
                ]
            }),
        Migration(
            version: 24, name: "PostgreSQL: the planner keeps the 10,000 commonest search terms, not 100",
            statements: { engine in
                // Filter tokens (a framework's levels, a country, a language) fall outside 100 common terms, and the
                // planner guessed their postings badly: at a million listings a framework and level range read 56,000
                // listing rows through a hash join (1.8 s p99); with this target, 99 ms. ANALYZE samples more (28 s).
                engine == .postgres ? ["ALTER TABLE microcredential_terms ALTER COLUMN term SET STATISTICS 10000"] : []
            }),
    ]

    static func apply(to database: Database) async throws {
        try await database.sql.raw(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        ).run()
        let applied = Set(
            try await database.sql.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) })
        for migration in all where !applied.contains(migration.version) {
            try await database.transaction { connection in
                for statement in migration.statements(database.engine) {
                    try await connection.raw(SQLQueryString(statement)).run()
                }
                try await migration.fill?(connection)
                for statement in migration.then(database.engine) {
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
}
