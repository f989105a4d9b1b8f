import RecognitionCore
import SQLKit

/// The one engine-specific part of the registry: full-text indexing and matching.
///
/// Broad queries are ranked over a bounded candidate set (`RegistryQuery.candidateLimit` matches, filters
/// applied first), so a query matching most of a million rows costs the same as a narrow one.
protocol RegistrySearch: Sendable {
    /// DDL that creates the text index (run by migration 1).
    var schema: [String] { get }
    /// A query selecting `id` and `score` (higher is better) of microcredentials `m` (joined with providers `p`)
    /// that match `terms` and `filters`, at most `limit` rows, in no particular order. The score is computed in
    /// the same pass as the match, so ranking never goes back to the text index row by row.
    func candidates(terms: [String], filters: SQLQueryString, limit: Int) -> SQLQueryString
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
