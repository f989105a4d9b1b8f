import Foundation

/// A language the pages are written in. Content keeps its own language; this is the interface around it.
enum InterfaceLanguage: String, CaseIterable, Sendable {
    case english = "en"
    case simplifiedChinese = "zh-Hans"
    case thai = "th"
    case maori = "mi"

    /// The language's own name, as the switch shows it.
    var nativeName: String {
        switch self {
        case .english: "English"
        case .simplifiedChinese: "简体中文"
        case .thai: "ไทย"
        case .maori: "Te reo Māori"
        }
    }

    /// The interface language for a BCP 47 tag, or nil: `zh`, `zh-CN`, `zh-SG` and `zh-Hans-*` read Simplified Chinese;
    /// `zh-TW`, `zh-HK`, `zh-MO` and `zh-Hant` do not (their readers expect Traditional characters).
    init?(tag: String) {
        let subtags = tag.lowercased().split(separator: "-").map(String.init)
        guard let primary = subtags.first else { return nil }
        switch primary {
        case "en": self = .english
        case "th": self = .thai
        case "mi": self = .maori
        case "zh":
            let rest = Set(subtags.dropFirst())
            if rest.contains("hans") || rest.isDisjoint(with: ["hant", "tw", "hk", "mo"]) {
                self = .simplifiedChinese
            } else {
                return nil
            }
        default: return nil
        }
    }

    /// The best language for an `Accept-Language` header (RFC 9110 §12.5.4): the supported tag with the highest
    /// weight, the earlier one on a tie; English when nothing matches. Long headers are read only in part.
    static func negotiate(acceptLanguage header: String?) -> InterfaceLanguage {
        guard let header else { return .english }
        var best: (language: InterfaceLanguage, weight: Double)?
        for range in header.prefix(1000).split(separator: ",").prefix(40) {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, let language = InterfaceLanguage(tag: tag) else { continue }
            // A weight that is not a number in 0...1 makes the range invalid: it is skipped, not read as 1.
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.map { Double($0.dropFirst(2)) ?? -1 } ?? 1
            guard weight > 0, weight <= 1 else { continue }
            if weight > best?.weight ?? 0 { best = (language, weight) }
        }
        return best?.language ?? .english
    }
}
