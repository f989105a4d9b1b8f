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

    /// An old row `o` and a new row `n` of one listing with the same words and filter columns.
    private static let unchanged = """
        o.id = n.id AND o.search = n.search AND (o.provider_id, o.framework_id, o.level, o.credits, o.mode, o.language, o.status)
          IS NOT DISTINCT FROM (n.provider_id, n.framework_id, n.level, n.credits, n.mode, n.language, n.status)
        """

    /// Migration 3: the postings table, filled from the listings and kept in step by triggers; the GIN index goes.
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
        // Statement-level triggers: one INSERT … SELECT per batch rather than a function call and an INSERT per listing.
        """
        CREATE FUNCTION microcredential_terms_added() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO microcredential_terms
          SELECT unnest(tsvector_to_array(n.search)), n.id, n.provider_id, n.framework_id, n.level, n.credits, n.mode, n.language, n.status
          FROM new_rows n;
          RETURN NULL;
        END $$
        """,
        """
        CREATE FUNCTION microcredential_terms_removed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          DELETE FROM microcredential_terms t
          USING (SELECT unnest(tsvector_to_array(o.search)) AS term, o.id FROM old_rows o) gone
          WHERE t.term = gone.term AND t.id = gone.id;
          RETURN NULL;
        END $$
        """,
        // An upsert that leaves a listing's words and filter columns as they were keeps its postings.
        """
        CREATE FUNCTION microcredential_terms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          DELETE FROM microcredential_terms t
          USING (SELECT unnest(tsvector_to_array(o.search)) AS term, o.id FROM old_rows o
                 WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE \(unchanged))) gone
          WHERE t.term = gone.term AND t.id = gone.id;
          INSERT INTO microcredential_terms
          SELECT unnest(tsvector_to_array(n.search)), n.id, n.provider_id, n.framework_id, n.level, n.credits, n.mode, n.language, n.status
          FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE \(unchanged));
          RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER microcredentials_terms_added AFTER INSERT ON microcredentials
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION microcredential_terms_added()
        """,
        """
        CREATE TRIGGER microcredentials_terms_removed AFTER DELETE ON microcredentials
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION microcredential_terms_removed()
        """,
        """
        CREATE TRIGGER microcredentials_terms_changed AFTER UPDATE ON microcredentials
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION microcredential_terms_changed()
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

    func excluding(_ terms: [String]) -> SQLQueryString {
        "NOT EXISTS (SELECT 1 FROM microcredential_terms e WHERE e.term IN (\(binds: terms)) AND e.id = m.id)"
    }
}
