import SQLKit

/// The listing's `SearchText` tokens (`search_text`, normalised in Swift as SQLite's index is), kept as a B-tree of
/// `(term, id)` postings. Migrations 1 and 3 built them from a `tsvector` of PostgreSQL's own; migration 22 replaced it.
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
    static let postings =
        [
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
        ] + triggers + ["DROP INDEX microcredentials_search"]

    /// Migration 22, before `search_text` is filled: the postings and their triggers go.
    static let dropPostings = [
        "DROP TRIGGER microcredentials_terms_added ON microcredentials", "DROP TRIGGER microcredentials_terms_removed ON microcredentials",
        "DROP TRIGGER microcredentials_terms_changed ON microcredentials", "DROP TABLE microcredential_terms",
    ]

    /// The postings of the rows of `rows` (a table or a transition table, as `n`).
    private static func postingsOf(_ rows: String) -> String {
        "SELECT t.term, n.id FROM \(rows) n CROSS JOIN unnest(string_to_array(n.search_text, ' ')) AS t(term) WHERE n.search_text <> ''"
    }

    /// Migration 22, once `search_text` is filled: postings of `(term, id)` only (the filters are tokens among the
    /// words now, so the filter columns no longer ride in the index), built by one sort, and triggers that follow
    /// `search_text`; the `tsvector` column goes.
    static let searchTextPostings =
        [
            """
            CREATE TABLE microcredential_terms (term TEXT COLLATE "C" NOT NULL, id TEXT NOT NULL)
            """,
            "INSERT INTO microcredential_terms \(postingsOf("microcredentials"))",
            "ALTER TABLE microcredential_terms ADD PRIMARY KEY (term, id)",
            """
            CREATE OR REPLACE FUNCTION microcredential_terms_added() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO microcredential_terms \(postingsOf("new_rows"));
              RETURN NULL;
            END $$
            """,
            """
            CREATE OR REPLACE FUNCTION microcredential_terms_removed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              DELETE FROM microcredential_terms t
              USING (SELECT u.term, o.id FROM old_rows o CROSS JOIN unnest(string_to_array(o.search_text, ' ')) AS u(term)) gone
              WHERE t.term = gone.term AND t.id = gone.id;
              RETURN NULL;
            END $$
            """,
            // An upsert that leaves a listing's search text as it was keeps its postings.
            """
            CREATE OR REPLACE FUNCTION microcredential_terms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              DELETE FROM microcredential_terms t
              USING (SELECT u.term, o.id FROM old_rows o CROSS JOIN unnest(string_to_array(o.search_text, ' ')) AS u(term)
                     WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id AND n.search_text = o.search_text)) gone
              WHERE t.term = gone.term AND t.id = gone.id;
              INSERT INTO microcredential_terms
              \(postingsOf("new_rows")) AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id AND o.search_text = n.search_text);
              RETURN NULL;
            END $$
            """,
        ] + triggers + ["ALTER TABLE microcredentials DROP COLUMN search"]

    /// Statement-level triggers that keep the postings in step, calling the functions above (migrations 3 and 22).
    private static let triggers = [
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
    ]

    /// Joins that require, of listing `t0.id`, each term and one token of each group.
    private func joins(terms: [String], groups: [[String]], first: Int = 1) -> SQLQueryString {
        var joins: SQLQueryString = ""
        for (index, term) in terms.enumerated() {
            let alias = "t\(index + first)"
            joins += " JOIN microcredential_terms \(unsafeRaw: alias) ON \(unsafeRaw: alias).term = \(bind: term) AND \(unsafeRaw: alias).id = t0.id"
        }
        for (index, group) in groups.enumerated() {
            let alias = "g\(index)"
            joins +=
                " JOIN microcredential_terms \(unsafeRaw: alias) ON \(unsafeRaw: alias).term IN (\(binds: group)) AND \(unsafeRaw: alias).id = t0.id"
        }
        return joins
    }

    /// One postings list drives (the first word, or the prefix as a range of the index, or the first group); the other
    /// words and the groups are joined by `(term, id)`, and PostgreSQL picks the order from the terms' statistics (a
    /// provider's few postings drive a common word). Only then are the listings visited, for the exact filters. A
    /// prefix may reach one listing through two words, so the caller drops repeated ids. Terms hold only letters and
    /// digits (`SearchText`), so none is a `LIKE` wildcard.
    func candidates(terms: [String], prefix: Bool, groups: [[String]], filters: SQLQueryString, limit: Int) -> SQLQueryString {
        let driving: SQLQueryString = prefix ? "t0.term LIKE \(bind: terms[terms.count - 1] + "%")" : "t0.term = \(bind: terms[0])"
        let others = prefix ? Array(terms.dropLast()) : Array(terms.dropFirst())
        return """
            SELECT m.id, m.title, m.title_local, m.provider_name, m.outcomes_text FROM microcredential_terms t0\(joins(terms: others, groups: groups))
            JOIN microcredentials m ON m.id = t0.id JOIN providers p ON p.id = m.provider_id
            WHERE \(driving) AND \(filters) LIMIT \(literal: limit)
            """
    }

    /// The listings holding a token of every group, as ids from the postings.
    private func matching(_ groups: [[String]]) -> SQLQueryString {
        "SELECT t0.id FROM microcredential_terms t0\(joins(terms: [], groups: Array(groups.dropFirst()))) WHERE t0.term IN (\(binds: groups[0]))"
    }

    /// Each posting probes its listing by key (`LATERAL … OFFSET 0` keeps PostgreSQL from turning the probes into a
    /// hash of every listing the filters match, which it chose for a framework's levels: 56,000 rows hashed to count
    /// 1,000), so a count or a page stops as soon as it has its rows.
    func hits(groups: [[String]]) -> SQLQueryString {
        "(\(matching(groups))) h CROSS JOIN LATERAL (SELECT * FROM microcredentials l WHERE l.id = h.id OFFSET 0) m"
    }

    func titleOrderHint(language: Bool, country: Bool) -> SQLQueryString { "" }

    /// Postings arrive in no order of `(term, id)`, so a large load splits the key's pages and leaves them about half
    /// full (1,977 MB at 54 % leaf density for a million listings); rebuilt, the key is 1,174 MB. `CONCURRENTLY` keeps
    /// searches and edits running meanwhile; statistics are gathered afresh for the planner.
    var compaction: [String] {
        ["REINDEX INDEX CONCURRENTLY microcredential_terms_pkey", "VACUUM (ANALYZE) microcredentials, microcredential_terms"]
    }

    func excluding(_ terms: [String]) -> SQLQueryString {
        "NOT EXISTS (SELECT 1 FROM microcredential_terms e WHERE e.term IN (\(binds: terms)) AND e.id = m.id)"
    }
}
