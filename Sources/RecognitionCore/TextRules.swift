/// Rules every stored text obeys, whatever the input path.
public enum TextRules {
    public static let controlMessage = "contains a control character (such as U+0000); remove it"

    /// True when `text` holds a C0 or C1 control character or DEL; line breaks and tabs pass when `allowingLineBreaks`.
    public static func hasControlCharacters(_ text: String, allowingLineBreaks: Bool = false) -> Bool {
        text.unicodeScalars.contains { scalar in
            let value = scalar.value
            guard value < 0x20 || (0x7F...0x9F).contains(value) else { return false }
            return !(allowingLineBreaks && (value == 0x0A || value == 0x0D || value == 0x09))
        }
    }

    /// The problem with one free-text field, or nil: control characters, or longer than `limit` characters.
    public static func issue(field: String, _ text: String, limit: Int) -> ValidationIssue? {
        if hasControlCharacters(text, allowingLineBreaks: true) { return .init(field: field, message: controlMessage) }
        if text.count > limit { return .init(field: field, message: "is longer than \(limit) characters") }
        return nil
    }
}
