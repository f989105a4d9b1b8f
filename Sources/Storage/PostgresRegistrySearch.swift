import SQLKit

/// Words from a `tsvector` (title, provider, outcomes; the `simple` configuration, since listings come in many
/// languages and stemming English would mangle the rest), kept as a B-tree of `(term, id)` postings.
///
/// A GIN index answers `@@` with a bitmap of every matching row before `LIMIT` applies, so two common words at a
/// million rows cost tens of milliseconds however few candidates are wanted. Postings in id order let PostgreSQL
/// merge-join the words and stop after `limit` rows, and probe `(term, id)` for the words that do not drive the scan.
struct PostgresRegistrySearch: RegistrySearch {
    var schema: [String] {
        [
            """
            ALTER TABLE microcredentials ADD COLUMN search tsvector GENERATED ALWAYS AS (
              setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', provider_name), 'B')
              || setweight(to_tsvector('simple', outcomes_text), 'C')) STORED
            """,
            "CREATE INDEX microcredentials_search ON microcredentials USING GIN (search)",
        ]
    }

    /// Migration 3: the postings table, filled from the listings and kept in step by a trigger; the GIN index goes.
    ///
    /// Each posting also carries its listing's filter columns under the listing's own column names, and the key
    /// includes them, so the shared filters (written against `m`) are checked in the index: a word with filters reads
    /// a few thousand postings instead of visiting as many listing rows. The table is filled before its key exists, so
    /// the index is built by one sort rather than ten million inserts.
    static let postings = [
        """
        CREATE TABLE microcredential_terms (term TEXT COLLATE "C" NOT NULL, id TEXT NOT NULL, provider_id TEXT NOT NULL,
          framework_id TEXT, level INTEGER, credits DOUBLE PRECISION, mode TEXT, language TEXT, status TEXT NOT NULL)
        """,
        """
        INSERT INTO microcredential_terms
        SELECT unnest(tsvector_to_array(search)), id, provider_id, framework_id, level, credits, mode, language, status FROM microcredentials
        """,
        "ALTER TABLE microcredential_terms ADD PRIMARY KEY (term, id) INCLUDE (provider_id, framework_id, level, credits, mode, language, status)",
        """
        CREATE FUNCTION microcredential_terms_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND OLD.search = NEW.search
            AND (OLD.id, OLD.provider_id, OLD.framework_id, OLD.level, OLD.credits, OLD.mode, OLD.language, OLD.status)
              IS NOT DISTINCT FROM (NEW.id, NEW.provider_id, NEW.framework_id, NEW.level, NEW.credits, NEW.mode, NEW.language, NEW.status)
          THEN RETURN NULL; END IF;
          IF TG_OP <> 'INSERT' THEN
            DELETE FROM microcredential_terms WHERE term = ANY (tsvector_to_array(OLD.search)) AND id = OLD.id;
          END IF;
          IF TG_OP <> 'DELETE' THEN
            INSERT INTO microcredential_terms
            SELECT unnest(tsvector_to_array(NEW.search)), NEW.id, NEW.provider_id, NEW.framework_id, NEW.level, NEW.credits,
              NEW.mode, NEW.language, NEW.status;
          END IF;
          RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER microcredentials_terms AFTER INSERT OR UPDATE OR DELETE ON microcredentials
        FOR EACH ROW EXECUTE FUNCTION microcredential_terms_sync()
        """,
        "DROP INDEX microcredentials_search",
    ]

    /// One postings scan drives: the first word in id order (further words merge-join on it), or the prefix as a range
    /// of the index (further words probed by `(term, id)`). The postings are named `m` so the filters apply to them;
    /// only the chosen candidates visit their listings. A prefix may reach one listing through two words, so the caller
    /// drops repeated ids. Terms hold only letters and digits (`RegistryQuery.terms`), so none is a `LIKE` wildcard.
    func candidates(terms: [String], prefix: Bool, filters: SQLQueryString, limit: Int) -> SQLQueryString {
        let driving: SQLQueryString = prefix ? "m.term LIKE \(bind: terms[terms.count - 1] + "%")" : "m.term = \(bind: terms[0])"
        var joins: SQLQueryString = ""
        for (index, term) in (prefix ? terms.dropLast() : terms.dropFirst()).enumerated() {
            let alias = "t\(index + 1)"
            joins += " JOIN microcredential_terms \(unsafeRaw: alias) ON \(unsafeRaw: alias).term = \(bind: term) AND \(unsafeRaw: alias).id = m.id"
        }
        return """
            SELECT x.id, x.title, x.provider_name, x.outcomes_text FROM (
              SELECT m.id FROM microcredential_terms m\(joins) JOIN providers p ON p.id = m.provider_id
              WHERE \(driving) AND \(filters)\(unsafeRaw: prefix ? "" : " ORDER BY m.id") LIMIT \(literal: limit)
            ) c JOIN microcredentials x ON x.id = c.id
            """
    }

    var titleOrderHint: SQLQueryString { "" }
}
