import Foundation

/// The one text normalisation of registry search, applied in Swift when a listing is indexed and to every query, so
/// both storage engines hold and match the same tokens.
///
/// Text is put in Unicode NFKC and lower-cased; Latin, Greek and Cyrillic letters lose their diacritics (Pātaka =
/// pataka, Māori = Maori), other scripts keep their marks (a Thai tone mark changes the word). Tokens are runs of letters
/// and digits. Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar) are cut
/// into overlapping pairs of characters instead (a lone character stays itself), so a word inside a title is found
/// by the pairs it is made of: 管理 inside 供应链管理基础, ข้อมูล inside การจัดการข้อมูล.
public enum SearchText {
    /// The tokens of `text`, in order, repeats kept.
    public static func tokens(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiTokens(text) }
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        // A run of an unspaced script, as units: a character and the marks after it.
        var run: [String.UnicodeScalarView] = []
        var unit = String.UnicodeScalarView()
        // Whether marks after the last base are dropped (it was a Latin, Greek or Cyrillic letter).
        var dropMarks = false
        func flushUnit() {
            if !unit.isEmpty { run.append(unit) }
            unit = String.UnicodeScalarView()
        }
        func flushWord() {
            if !word.isEmpty { tokens.append(String(word)) }
            word = String.UnicodeScalarView()
        }
        func flushRun() {
            flushUnit()
            if run.count == 1 {
                tokens.append(String(run[0]))
            } else if run.count > 1 {
                for index in 0..<(run.count - 1) {
                    var pair = run[index]
                    pair.append(contentsOf: run[index + 1])
                    tokens.append(String(pair))
                }
            }
            run = []
        }
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                // A mark belongs to the character before it: kept, unless that was a folded letter.
                if !unit.isEmpty {
                    unit.append(scalar)
                } else if !word.isEmpty, !dropMarks {
                    word.append(scalar)
                }
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber, .letterNumber, .otherNumber:
                if isUnspaced(scalar) {
                    flushWord()
                    flushUnit()
                    unit.append(scalar)
                    dropMarks = false
                } else {
                    flushRun()
                    dropMarks = isFoldable(scalar)
                    if dropMarks, scalar.value >= 0x80 {
                        word.append(contentsOf: folded(scalar))
                    } else {
                        word.append(scalar)
                    }
                }
            default:
                flushWord()
                flushRun()
                dropMarks = false
            }
        }
        flushWord()
        flushRun()
        return tokens
    }

    /// A listing's title and its translations, in one order (by language tag): what is indexed and ranked as its title.
    public static func titles(_ title: String, local: [String: String]) -> [String] {
        [title] + local.sorted { $0.key < $1.key }.map(\.value)
    }

    /// What a listing is indexed by: each distinct token of its titles (every language), provider name and learning
    /// outcomes, space-separated (the index column both engines read).
    public static func indexText(_ fields: [String]) -> String {
        var seen: Set<String> = []
        var ordered: [String] = []
        for field in fields {
            for token in tokens(field) where seen.insert(token).inserted { ordered.append(token) }
        }
        return ordered.joined(separator: " ")
    }

    /// Calls `body` with each token's UTF-8 bytes, in order: for ASCII text without building a string per token (what
    /// ranking reads for every candidate of every query).
    public static func forEachToken(_ text: String, _ body: (ArraySlice<UInt8>) -> Void) {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            for token in tokens(text) { body(Array(token.utf8)[...]) }
            return
        }
        let bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        var start = 0
        while start < bytes.count {
            guard isASCIIWordByte(bytes[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, isASCIIWordByte(bytes[end]) { end += 1 }
            body(bytes[start..<end])
            start = end
        }
    }

    private static func isASCIIWordByte(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) }

    private static func asciiTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x61...0x7A: current.append(byte)
            case 0x41...0x5A: current.append(byte + 0x20)
            default:
                if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
        return tokens
    }

    /// Scripts whose words are not separated by spaces.
    static func isUnspaced(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF,  // Thai, Lao
            0x1000...0x109F,  // Myanmar
            0x1780...0x17FF,  // Khmer
            0x3040...0x30FF, 0x31F0...0x31FF,  // Hiragana, Katakana
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F:  // Han
            true
        default: false
        }
    }

    /// Latin, Greek and Cyrillic letters, whose diacritics search ignores.
    private static func isFoldable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x0530 || (0x1E00..<0x2000).contains(scalar.value)
    }

    /// A foldable letter without its diacritics (ā → a, ữ → u), from its canonical decomposition.
    private static func folded(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        var result = String.UnicodeScalarView()
        for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        where part.properties.generalCategory != .nonspacingMark {
            result.append(part)
        }
        return result
    }
}
