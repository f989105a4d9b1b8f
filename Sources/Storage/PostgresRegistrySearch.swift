import SQLKit

/// A weighted `tsvector` (title A, provider B, outcomes C) with a GIN index; the `simple` configuration, since
/// listings come in many languages and stemming English would mangle the rest.
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

    /// All terms required, the last as a prefix if asked. Terms hold only letters and digits (`RegistryQuery.terms`).
    func tsquery(_ terms: [String], prefix: Bool) -> String {
        terms.enumerated().map { index, term in "'\(term)'" + (prefix && index == terms.count - 1 ? ":*" : "") }.joined(separator: " & ")
    }

    func candidates(terms: [String], prefix: Bool, filters: SQLQueryString, limit: Int) -> SQLQueryString {
        """
        SELECT m.id, m.title, m.provider_name, m.outcomes_text
        FROM microcredentials m JOIN providers p ON p.id = m.provider_id
        WHERE m.search @@ to_tsquery('simple', \(bind: tsquery(terms, prefix: prefix))) AND \(filters) LIMIT \(literal: limit)
        """
    }

    var titleOrderHint: SQLQueryString { "" }
}
