import Credentials

/// A name as the viewer reads it: from a credential's language map (`nameByLanguage`), the value whose BCP 47 tag is the
/// page's language, or shares its primary language ("zh" for "zh-Hans"); nil when the map has none, so the caller
/// shows the plain name.
enum LanguageTagged {
    struct Pick {
        let text: String
        let language: String
    }

    static func pick(_ map: JSON?, for language: InterfaceLanguage) -> Pick? {
        guard case .object(let values)? = map else { return nil }
        let wanted = language.rawValue.lowercased()
        let primary = wanted.split(separator: "-").first.map(String.init) ?? wanted
        var partial: Pick?
        for (tag, value) in values {
            guard let text = value.stringValue else { continue }
            let candidate = tag.lowercased()
            if candidate == wanted { return Pick(text: text, language: tag) }
            if partial == nil, candidate.split(separator: "-").first.map(String.init) == primary { partial = Pick(text: text, language: tag) }
        }
        return partial
    }

    /// The achievement's name in the viewer's language, if the credential carries one.
    static func achievementName(_ credential: JSON, for language: InterfaceLanguage) -> Pick? {
        pick(credential["credentialSubject"]?["achievement"]?["nameByLanguage"], for: language)
    }
}
