import RecognitionCore
import SQLKit

/// The one engine-specific part of the registry: full-text indexing and matching.
///
/// Text queries take a bounded candidate set (`RegistryQuery.candidateLimit` matches, filters applied first, in index
/// order) and rank it in Swift (`RegistryRanking`), so a query matching most of a million rows costs the same as a
/// narrow one, and both engines rank alike.
protocol RegistrySearch: Sendable {
    /// DDL that creates the text index (run by migration 1).
    var schema: [String] { get }
    /// A query selecting `id`, `title`, `title_local`, `provider_name` and `outcomes_text` of microcredentials that hold
    /// every term and a token of every group (`SearchTokens.groups`) and match `filters` (written against listing
    /// columns `m` and providers `p`), at most `limit` rows. With `prefix`, the last term also matches longer words.
    func candidates(terms: [String], prefix: Bool, groups: [[String]], filters: SQLQueryString, limit: Int) -> SQLQueryString
    /// A `FROM` source ending in listings `m`: those holding a token of every group, driven from the index.
    func hits(groups: [[String]]) -> SQLQueryString
    /// Placed after `FROM microcredentials m` when many rows match the filters: walk titles in order (a language's or a
    /// country's, when the query has one) and stop at the page, rather than sort every match (SQLite's planner would
    /// otherwise sort, or scan the wrong index).
    func titleOrderHint(language: Bool, country: Bool) -> SQLQueryString
    /// A condition (on listing `m`) that holds when the listing contains none of `terms` (`forestry -roads`).
    func excluding(_ terms: [String]) -> SQLQueryString
    /// Statements that make the text index dense again after a bulk load, each run on its own (outside a transaction),
    /// while reads and writes go on.
    var compaction: [String] { get }
}

extension Database.Engine {
    /// The search implementation for this engine.
    var search: any RegistrySearch {
        switch self {
        case .sqlite: SQLiteRegistrySearch()
        case .postgres: PostgresRegistrySearch()
        }
    }
}
