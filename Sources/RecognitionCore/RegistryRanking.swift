import Foundation

/// Relevance of one listing to a text query, the same on every storage engine.
///
/// A field-weighted term frequency with length normalisation (title 10, provider 4, outcomes 2, as BM25 weights the
/// fields elsewhere): every candidate already holds every term, so document frequencies would only reorder
/// terms against each other, and computing them costs a pass over each term's whole posting list.
public struct RegistryRanking: Sendable {
    /// The query's terms as the indexes see them (`SearchText` tokens); the last one also matches as a prefix.
    let terms: [[UInt8]]
    static let fieldWeights = (title: 10.0, provider: 4.0, outcomes: 2.0)

    /// `terms` come from `RegistryQuery.terms` (already tokens; normalising a token again leaves it as it is).
    public init(terms: [String]) { self.terms = terms.flatMap(SearchText.tokens).map { Array($0.utf8) } }

    /// Higher is better. `title` holds the title and its translations.
    public func score(title: String, providerName: String, outcomes: String) -> Double {
        guard !terms.isEmpty else { return 0 }
        let weights = Self.fieldWeights
        return weights.title * fieldScore(title) + weights.provider * fieldScore(providerName) + weights.outcomes * fieldScore(outcomes)
    }

    /// Whole-token hits (a prefix hit of the last term counts half) over the square root of the field's token count.
    private func fieldScore(_ field: String) -> Double {
        var count = 0
        var hits = 0.0
        SearchText.forEachToken(field) { token in
            count += 1
            for (position, term) in terms.enumerated() {
                if token.elementsEqual(term) {
                    hits += 1
                } else if position == terms.count - 1, token.starts(with: term) {
                    hits += 0.5
                }
            }
        }
        return count > 0 ? hits / Double(count).squareRoot() : 0
    }
}
