import Foundation

/// One problem with one field of a record.
public struct ValidationIssue: Sendable, Equatable, Codable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Bounds every registry text field obeys, whatever the input path (API, form, CSV, JSON file).
public enum RegistryLimits {
    public static let titleLength = 300
    public static let textLength = 4_000
    public static let outcomes = 50
    public static let listItems = 50
    public static let maxCredits = 1_000.0
    public static let maxHours = 100_000.0
}

extension Microcredential {
    /// Checks the record against the registry's rules and the frameworks it names.
    /// Returns every issue found, not only the first, so a form or an import row can show them all.
    public func validationIssues(frameworks: [Framework.ID: Framework]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func check(_ ok: Bool, _ field: String, _ message: String) {
            if !ok { issues.append(.init(field: field, message: message)) }
        }
        check(id.isValidSlug, "id", "must be 1-120 lower-case letters, digits or '-'")
        check(providerID.isValidSlug, "provider_id", "must be a provider id")
        let trimmedTitle = title.trimmingCharacters(in: .whitespacesAndNewlines)
        check(!trimmedTitle.isEmpty, "title", "is required")
        check(title.count <= RegistryLimits.titleLength, "title", "is longer than \(RegistryLimits.titleLength) characters")
        check(learningOutcomes.count <= RegistryLimits.outcomes, "learning_outcomes", "has more than \(RegistryLimits.outcomes) items")
        check(
            learningOutcomes.allSatisfy { $0.count <= RegistryLimits.textLength && !$0.isEmpty },
            "learning_outcomes", "items must be non-empty and at most \(RegistryLimits.textLength) characters")
        for (field, list) in [("prerequisites", prerequisites), ("stackable_into", stackableInto)] {
            check(list.count <= RegistryLimits.listItems, field, "has more than \(RegistryLimits.listItems) items")
            check(list.allSatisfy { $0.count <= RegistryLimits.textLength }, field, "items are too long")
        }
        for (field, text) in [("assessment", assessment), ("qa_type", qaType)] {
            check((text?.count ?? 0) <= RegistryLimits.textLength, field, "is longer than \(RegistryLimits.textLength) characters")
        }
        check(titleLocal.count <= 20, "title_local", "has more than 20 languages")
        // ids and the language tag have their own character rules above and below; these are the free one-line texts.
        let lines: [(String, String?)] = [("title", title)]
        for (field, text) in lines + titleLocal.map({ ("title_local.\($0.key)", $0.value) })
        where text.map({ TextRules.hasControlCharacters($0) }) == true {
            issues.append(.init(field: field, message: TextRules.controlMessage))
        }
        let paragraphs: [(String, [String])] = [
            ("assessment", assessment.map { [$0] } ?? []), ("qa_type", qaType.map { [$0] } ?? []), ("learning_outcomes", learningOutcomes),
            ("prerequisites", prerequisites), ("stackable_into", stackableInto),
        ]
        for (field, texts) in paragraphs where texts.contains(where: { TextRules.hasControlCharacters($0, allowingLineBreaks: true) }) {
            issues.append(.init(field: field, message: TextRules.controlMessage))
        }
        if let credits {
            check(credits.isFinite && credits > 0 && credits <= RegistryLimits.maxCredits, "credits", "must be between 0 and 1000")
        }
        if let notionalHours {
            check(
                notionalHours.isFinite && notionalHours > 0 && notionalHours <= RegistryLimits.maxHours,
                "notional_hours", "must be between 0 and 100000")
        }
        if let validityMonths {
            check(validityMonths > 0 && validityMonths <= 1200, "validity_months", "must be between 1 and 1200")
        }
        if let language {
            check(Self.isLanguageTag(language), "language", "must be a BCP 47 tag such as 'en' or 'mi'")
        }
        if let level {
            if let framework = frameworks[level.framework] {
                check(
                    framework.level(level.level) != nil, "level",
                    "\(framework.id) has no level \(level.level) (levels: \(framework.levels.map { String($0.number) }.joined(separator: ", ")))")
            } else {
                issues.append(.init(field: "framework", message: "unknown framework '\(level.framework)'"))
            }
        }
        if credits != nil && level == nil {
            issues.append(.init(field: "credits", message: "credits need a framework that defines the credit unit"))
        }
        return issues
    }

    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }),
            tag.count <= 35
        else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}

/// A record that failed validation, with every issue found.
public struct ValidationFailure: Error, Sendable, Equatable {
    public var issues: [ValidationIssue]
    public init(_ issues: [ValidationIssue]) { self.issues = issues }
}

extension ValidationFailure: CustomStringConvertible {
    public var description: String { "not valid: \(issues.map(\.description).joined(separator: "; "))" }
}
