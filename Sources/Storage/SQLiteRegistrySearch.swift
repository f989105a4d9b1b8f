import Foundation
import SQLKit

/// FTS5 over `search_text`, the listing's `SearchText` tokens (normalised in Swift, as PostgreSQL's postings are); the
/// `ascii` tokenizer only splits them at the spaces between them (`:` and `-` kept, for the filter tokens of
/// `SearchTokens`). Migrations 1 and 2 built an index over title,
/// outcomes and provider name with SQLite's own folding; migration 22 replaced it.
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

    /// Migration 22, before `search_text` is filled: the old index and its triggers go (filling would fire them).
    static let dropIndex = [
        "DROP TRIGGER microcredentials_fts_insert", "DROP TRIGGER microcredentials_fts_delete", "DROP TRIGGER microcredentials_fts_update",
        "DROP TABLE microcredential_fts",
    ]

    /// Migration 22, once `search_text` is filled: the index over it (prefix indexes for 3 and 4 bytes: a Chinese or
    /// Thai character typed alone is 3), rebuilt, and triggers that follow only changes of `search_text`.
    static let searchTextIndex = [
        """
        CREATE VIRTUAL TABLE microcredential_fts USING fts5(search_text, content='microcredentials', content_rowid='rowid',
          tokenize="ascii tokenchars ':-'", prefix='3 4')
        """,
        """
        CREATE TRIGGER microcredentials_fts_insert AFTER INSERT ON microcredentials BEGIN
          INSERT INTO microcredential_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
        END
        """,
        """
        CREATE TRIGGER microcredentials_fts_delete AFTER DELETE ON microcredentials BEGIN
          INSERT INTO microcredential_fts (microcredential_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
        END
        """,
        """
        CREATE TRIGGER microcredentials_fts_update AFTER UPDATE OF search_text ON microcredentials BEGIN
          INSERT INTO microcredential_fts (microcredential_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
          INSERT INTO microcredential_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
        END
        """,
        "INSERT INTO microcredential_fts (microcredential_fts) VALUES ('rebuild')",
    ]

    static func quoted(_ token: String) -> String { "\"\(token.replacingOccurrences(of: "\"", with: "\"\""))\"" }

    /// Each term quoted (so FTS5 syntax in user input is inert), all required, the last as a prefix if asked; then one
    /// token of each group.
    func matchExpression(_ terms: [String], prefix: Bool, groups: [[String]]) -> String {
        let words = terms.enumerated().map { index, term in Self.quoted(term) + (prefix && index == terms.count - 1 ? "*" : "") }
        let filters = groups.map { group in group.count == 1 ? Self.quoted(group[0]) : "(" + group.map(Self.quoted).joined(separator: " OR ") + ")" }
        return (words + filters).joined(separator: " AND ")
    }

    /// The index drives (`CROSS JOIN`): SQLite may otherwise start from a filter's index and run the full-text match
    /// once per row (a framework's 25,000 listings, seconds).
    func candidates(terms: [String], prefix: Bool, groups: [[String]], filters: SQLQueryString, limit: Int) -> SQLQueryString {
        """
        SELECT m.id, m.title, m.title_local, m.provider_name, m.outcomes_text
        FROM microcredential_fts f CROSS JOIN microcredentials m ON m.rowid = f.rowid
        JOIN providers p ON p.id = m.provider_id
        WHERE microcredential_fts MATCH \(bind: matchExpression(terms, prefix: prefix, groups: groups)) AND \(filters) LIMIT \(literal: limit)
        """
    }

    /// `CROSS JOIN` keeps the index first: left to itself, SQLite may walk the title index and probe each row.
    func hits(groups: [[String]]) -> SQLQueryString {
        """
        (SELECT rowid AS hit FROM microcredential_fts WHERE microcredential_fts MATCH \(bind: matchExpression([], prefix: false, groups: groups))) h
        CROSS JOIN microcredentials m ON m.rowid = h.hit
        """
    }

    func titleOrderHint(language: Bool, country: Bool) -> SQLQueryString {
        language
            ? "INDEXED BY microcredentials_language_title"
            : country ? "INDEXED BY microcredentials_country_title" : "INDEXED BY microcredentials_title"
    }

    /// FTS5 keeps each batch's postings in its own segment and merges them over time; `optimize` merges them all into
    /// one. `PRAGMA optimize` refreshes the statistics the planner reads.
    var compaction: [String] { ["INSERT INTO microcredential_fts (microcredential_fts) VALUES ('optimize')", "PRAGMA optimize"] }

    func excluding(_ terms: [String]) -> SQLQueryString {
        let any = terms.map(Self.quoted).joined(separator: " OR ")
        return "m.rowid NOT IN (SELECT rowid FROM microcredential_fts WHERE microcredential_fts MATCH \(bind: any))"
    }
}
