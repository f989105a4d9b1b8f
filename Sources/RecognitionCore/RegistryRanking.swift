import Foundation

/// Relevance of one listing to a text query, the same on every storage engine.
///
/// A field-weighted term frequency with length normalisation (title 10, provider 4, outcomes 2, as BM25 weights the
/// fields elsewhere): every candidate already holds every term, so document frequencies would only reorder
/// terms against each other, and computing them costs a pass over each term's whole posting list.
public struct RegistryRanking: Sendable {
    /// The query's terms as the indexes see them; the last one also matches as a prefix.
    let terms: [[UInt8]]
    static let fieldWeights = (title: 10.0, provider: 4.0, outcomes: 2.0)

    /// `terms` come from `RegistryQuery.terms`.
    public init(terms: [String]) { self.terms = terms.map(Self.fold).filter { !$0.isEmpty } }

    /// Higher is better.
    public func score(title: String, providerName: String, outcomes: String) -> Double {
        guard !terms.isEmpty else { return 0 }
        let weights = Self.fieldWeights
        return weights.title * fieldScore(title) + weights.provider * fieldScore(providerName) + weights.outcomes * fieldScore(outcomes)
    }

    /// Whole-word hits (a prefix hit of the last term counts half) over the square root of the field's word count.
    private func fieldScore(_ field: String) -> Double {
        let text = Self.fold(field)
        var words = 0
        var hits = 0.0
        var start = 0
        while start < text.count {
            guard Self.isWordByte(text[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < text.count, Self.isWordByte(text[end]) { end += 1 }
            let word = text[start..<end]
            words += 1
            for (position, term) in terms.enumerated() {
                if word.elementsEqual(term) {
                    hits += 1
                } else if position == terms.count - 1, word.starts(with: term) {
                    hits += 0.5
                }
            }
            start = end
        }
        return words > 0 ? hits / Double(words).squareRoot() : 0
    }

    /// Words are runs of ASCII letters and digits, or of any non-ASCII bytes (other scripts, after folding).
    private static func isWordByte(_ byte: UInt8) -> Bool { byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) }

    /// Lower-cased UTF-8 with diacritics removed, as the text indexes see it (Pātaka = pataka).
    static func fold(_ text: String) -> [UInt8] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        }
        return Array(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased().utf8)
    }
}
