import Foundation

/// An evaluator's decision on a recognition case (or on its appeal). Under the Lisbon, Tokyo and Global Conventions a
/// qualification is recognised unless a substantial difference is shown, so anything less than full recognition must
/// name at least one difference and say why.
public struct Decision: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case full
        /// Some credits or units are recognised.
        case partial
        /// Recognised once a condition is met (a bridging course, a test).
        case conditional
        /// Recognised at another (lower) level than the one sought.
        case alternative
        case refused
    }

    public var outcome: Outcome
    /// The level recognised in the NIC's framework, where one is.
    public var level: Int?
    public var framework: Framework.ID?
    /// Credits recognised in the NIC's framework (partial recognition).
    public var credits: Double?
    /// Units or modules recognised (partial recognition).
    public var units: [String]
    public var conditions: String?
    public var differences: [SubstantialDifference]
    /// The reasons, as the applicant reads them.
    public var reasons: String
    public var decidedBy: Account.ID
    public var decidedAt: Date

    public init(
        outcome: Outcome, level: Int? = nil, framework: Framework.ID? = nil, credits: Double? = nil, units: [String] = [],
        conditions: String? = nil, differences: [SubstantialDifference] = [], reasons: String, decidedBy: Account.ID, decidedAt: Date
    ) {
        self.outcome = outcome
        self.level = level
        self.framework = framework
        self.credits = credits
        self.units = units
        self.conditions = conditions
        self.differences = differences
        self.reasons = reasons
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }

    /// What is missing or out of bounds; empty when the decision can be recorded.
    public var issues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let blank = { (text: String?) in (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if blank(reasons) || reasons.count > 10_000 { issues.append(.init(field: "reasons", message: "are required (at most 10000 characters)")) }
        if outcome != .full && differences.isEmpty {
            issues.append(.init(field: "differences", message: "name at least one substantial difference for anything less than full recognition"))
        }
        if differences.count > 20 { issues.append(.init(field: "differences", message: "at most 20")) }
        for (number, difference) in differences.enumerated() where blank(difference.text) || difference.text.count > 5_000 {
            issues.append(.init(field: "differences[\(number)].text", message: "say what the difference is (at most 5000 characters)"))
        }
        if outcome == .partial && credits == nil && units.isEmpty {
            issues.append(.init(field: "credits", message: "partial recognition names the credits or units recognised"))
        }
        if let credits, !(credits.isFinite && credits >= 0 && credits <= 10_000) {
            issues.append(.init(field: "credits", message: "must be between 0 and 10000"))
        }
        if units.count > 100 || units.contains(where: { blank($0) || $0.count > 300 }) {
            issues.append(.init(field: "units", message: "at most 100 units of 1-300 characters"))
        }
        if outcome == .conditional && blank(conditions) { issues.append(.init(field: "conditions", message: "say what the condition is")) }
        if let conditions, conditions.count > 5_000 { issues.append(.init(field: "conditions", message: "at most 5000 characters")) }
        if outcome == .alternative && level == nil { issues.append(.init(field: "level", message: "name the level recognised instead")) }
        if let level, !(0...63).contains(level) { issues.append(.init(field: "level", message: "must be a level of the framework")) }
        return issues
    }
}

/// One substantial difference (the conventions' term) between the foreign credential and what it is compared with.
public struct SubstantialDifference: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case level
        case workload
        case learningOutcomes = "learning-outcomes"
        case qualityAssurance = "quality-assurance"
        case purpose
    }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}
