import Foundation
import SQLKit

/// FTS5 over title, outcomes and provider name; `unicode61 remove_diacritics 2` folds macrons (Pātaka = pataka).
struct SQLiteRegistrySearch: RegistrySearch {
    var schema: [String] {
        [
            Self.createTable(prefixIndex: false),
            """
            CREATE TRIGGER microcredentials_fts_insert AFTER INSERT ON microcredentials BEGIN
              INSERT INTO microcredential_fts (rowid, title, outcomes_text, provider_name)
              VALUES (new.rowid, new.title, new.outcomes_text, new.provider_name);
            END
            """,
            """
            CREATE TRIGGER microcredentials_fts_delete AFTER DELETE ON microcredentials BEGIN
              INSERT INTO microcredential_fts (microcredential_fts, rowid, title, outcomes_text, provider_name)
              VALUES ('delete', old.rowid, old.title, old.outcomes_text, old.provider_name);
            END
            """,
            """
            CREATE TRIGGER microcredentials_fts_update AFTER UPDATE ON microcredentials BEGIN
              INSERT INTO microcredential_fts (microcredential_fts, rowid, title, outcomes_text, provider_name)
              VALUES ('delete', old.rowid, old.title, old.outcomes_text, old.provider_name);
              INSERT INTO microcredential_fts (rowid, title, outcomes_text, provider_name)
              VALUES (new.rowid, new.title, new.outcomes_text, new.provider_name);
            END
            """,
        ]
    }

    /// The FTS5 table; migration 2 recreates it with prefix indexes for 3 and 4 characters, so that a short last term
    /// (the usual case when a word is typed halfway) is read from an index instead of merging every longer word's postings.
    static func createTable(prefixIndex: Bool) -> String {
        """
        CREATE VIRTUAL TABLE microcredential_fts USING fts5(title, outcomes_text, provider_name,
          content='microcredentials', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'\(prefixIndex ? ", prefix='3 4'" : ""))
        """
    }

    /// Migration 2: the table again with prefix indexes, refilled from the listings.
    static let addPrefixIndex = [
        "DROP TABLE microcredential_fts", createTable(prefixIndex: true), "INSERT INTO microcredential_fts (microcredential_fts) VALUES ('rebuild')",
    ]

    /// Each term quoted (so FTS5 syntax in user input is inert), all required; the last as a prefix if asked.
    func matchExpression(_ terms: [String], prefix: Bool) -> String {
        terms.enumerated().map { index, term in
            "\"\(term.replacingOccurrences(of: "\"", with: "\"\""))\"" + (prefix && index == terms.count - 1 ? "*" : "")
        }.joined(separator: " ")
    }

    func candidates(terms: [String], prefix: Bool, filters: SQLQueryString, limit: Int) -> SQLQueryString {
        """
        SELECT m.id, m.title, m.provider_name, m.outcomes_text
        FROM microcredential_fts f JOIN microcredentials m ON m.rowid = f.rowid
        JOIN providers p ON p.id = m.provider_id
        WHERE microcredential_fts MATCH \(bind: matchExpression(terms, prefix: prefix)) AND \(filters) LIMIT \(literal: limit)
        """
    }

    var titleOrderHint: SQLQueryString { "INDEXED BY microcredentials_title" }

    func excluding(_ terms: [String]) -> SQLQueryString {
        let any = terms.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: " OR ")
        return "m.rowid NOT IN (SELECT rowid FROM microcredential_fts WHERE microcredential_fts MATCH \(bind: any))"
    }
}
