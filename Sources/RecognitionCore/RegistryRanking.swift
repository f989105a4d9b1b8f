import Foundation

/// Relevance of one listing to a text query, the same on every storage engine.
///
/// A field-weighted term frequency with length normalisation (title 10, provider 4, outcomes 2, as BM25 weights the
/// fields elsewhere): every candidate already holds every term, so document frequencies would only reorder
/// terms against each other, and computing them costs a pass over each term's whole posting list.
public enum RegistryRanking {
    /// Higher is better. `terms` come from `RegistryQuery.terms`; the last one also matches as a prefix.
    public static func score(terms: [String], title: String, providerName: String, outcomes: String) -> Double {
        let folded = terms.map(fold).filter { !$0.isEmpty }
        guard !folded.isEmpty else { return 0 }
        var score = 0.0
        for (weight, field) in [(10.0, title), (4.0, providerName), (2.0, outcomes)] {
            let text = fold(field)
            var words = 0
            var hits = 0.0
            var start = 0
            // Words are runs of ASCII letters and digits, or of any non-ASCII bytes (other scripts, after folding).
            func isWordByte(_ byte: UInt8) -> Bool { byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) }
            while start < text.count {
                guard isWordByte(text[start]) else {
                    start += 1
                    continue
                }
                var end = start
                while end < text.count, isWordByte(text[end]) { end += 1 }
                let word = text[start..<end]
                words += 1
                for (position, term) in folded.enumerated() {
                    if word.elementsEqual(term) {
                        hits += 1
                    } else if position == folded.count - 1, word.starts(with: term) {
                        hits += 0.5
                    }
                }
                start = end
            }
            if words > 0 { score += weight * hits / Double(words).squareRoot() }
        }
        return score
    }

    /// Lower-cased UTF-8 with diacritics removed, as the text indexes see it (Pātaka = pataka).
    static func fold(_ text: String) -> [UInt8] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        }
        return Array(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased().utf8)
    }
}
