import SQLKit

/// The first schema and the version-4 rework, which are long enough to read on their own.
extension Migrations {
    static func schemaV4(_ engine: Database.Engine) -> [String] {
        let provenance = "source TEXT, as_of TEXT, confirmed TEXT NOT NULL, edited INTEGER NOT NULL DEFAULT 0"
        var statements = [
            "ALTER TABLE frameworks ADD COLUMN edited INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE providers ADD COLUMN edited INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE microcredentials ADD COLUMN edited INTEGER NOT NULL DEFAULT 0",
            // Conventions, NICs and referencing now live in their own tables; the seed on next start fills them.
            "DELETE FROM reference_documents WHERE kind <> 'microcredential-rule'",
            """
            CREATE TABLE conventions (id TEXT PRIMARY KEY, short_name TEXT NOT NULL, title TEXT NOT NULL, adopted TEXT,
              instruments_required INTEGER, delay TEXT, rule_source TEXT, rule_as_of TEXT, rule_confirmed TEXT NOT NULL,
              in_force_date TEXT, depositary TEXT, open_to TEXT, \(provenance))
            """,
            """
            CREATE TABLE state_parties (convention_id TEXT NOT NULL REFERENCES conventions (id), country TEXT NOT NULL,
              state TEXT NOT NULL, instrument TEXT, deposit_date TEXT, date_precision TEXT, effective_date TEXT, note TEXT,
              \(provenance), PRIMARY KEY (convention_id, country))
            """,
            """
            CREATE TABLE nics (id TEXT PRIMARY KEY, country TEXT NOT NULL, country_name TEXT NOT NULL, body TEXT,
              acronym TEXT, website TEXT, networks TEXT NOT NULL, note TEXT, \(provenance))
            """,
            "CREATE INDEX nics_country ON nics (country)",
            """
            CREATE TABLE referencing (id TEXT PRIMARY KEY, from_framework TEXT NOT NULL, to_framework TEXT NOT NULL, kind TEXT,
              statement_date TEXT, report TEXT, pairs TEXT NOT NULL, notes TEXT, \(provenance))
            """,
            """
            CREATE TABLE audit_events (sequence BIGINT PRIMARY KEY, at_ms BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
              subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL, summary TEXT NOT NULL, previous_hash TEXT NOT NULL,
              hash TEXT NOT NULL)
            """,
            "CREATE INDEX audit_events_subject ON audit_events (subject_kind, subject_id, sequence)",
            "CREATE INDEX audit_events_time ON audit_events (at_ms)",
            "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, sequence BIGINT NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '\(String(repeating: "0", count: 64))')",
        ]
        switch engine {
        case .sqlite:
            statements += [
                "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
                "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
            ]
        case .postgres:
            statements += [
                """
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
                """,
                """
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """,
            ]
        }
        return statements
    }

    static func schemaV1(_ engine: Database.Engine) -> [String] {
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
