/// How far a learner is along one qualification's pathway, rule by rule, with what each credential counts.
public struct StackingProgress: Sendable {
    public enum Status: String, Sendable, Codable {
        case complete
        /// No rule is unmet, but converted ranges leave at least one undecided: an evaluator decides.
        case mayBeComplete = "may-be-complete"
        case incomplete
    }

    public var qualification: Qualification.ID
    public var version: Int
    public var framework: Framework.ID
    public var evaluatedOn: String
    public var status: Status
    public var rules: [RuleOutcome]
    /// One per held credential, in the record's order.
    public var uses: [CreditUse]
}

/// What one credential counts toward a pathway.
public struct CreditUse: Sendable, Equatable {
    public enum Exclusion: Sendable, Equatable {
        case duplicate(of: Int)
        /// Issued before the recency rule's cut-off.
        case tooOld
        /// A recency rule applies and the credential has no issue date.
        case undated
    }

    /// Credits in the qualification's framework (before caps); zero when it has no credit basis.
    public var credits: Span
    /// What the total counts of it after the caps.
    public var counted: Span
    public var excluded: Exclusion?
}

/// One rule's outcome: what the learner has against what it needs, and which credentials it matched.
public struct RuleOutcome: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case met
        /// The converted range straddles the threshold.
        case uncertain
        case unmet
        /// A cap or recency rule: it shapes what counts and is never unmet.
        case limit
    }

    public var rule: PathwayRule
    public var status: Status
    /// Credits (or, for units, credentials) the learner has toward it.
    public var have: Span
    public var need: Double?
    public var count: Int
    public var needCount: Int?
    /// Indexes into the record of the credentials it matched (for a cap or recency rule: those it cut or left out).
    public var matched: [Int]
    /// Units it names that the learner does not hold (required units only).
    public var missing: [String]
    /// Credits a cap kept from counting.
    public var cut: Span
    /// Matched credentials with no level comparable in the framework (credits-at-level only).
    public var withoutLevel: Int
    /// The cut-off day of a recency rule.
    public var cutoff: String?

    /// How full its bar is, 0 to 1 (the lower bound of a range).
    public var fraction: Double {
        switch rule.kind {
        case .requiredUnits: return needCount.map { $0 == 0 ? 1 : min(1, Double(count) / Double($0)) } ?? 1
        case .fromList(_, let minCredits, let minCount):
            let byCredits = minCredits.map { $0 <= 0 ? 1 : min(1, have.min / $0) } ?? 1
            let byCount = minCount.map { $0 <= 0 ? 1 : min(1, Double(count) / Double($0)) } ?? 1
            return min(byCredits, byCount)
        default:
            guard let need else { return 1 }
            return need <= 0 ? 1 : min(1, have.min / need)
        }
    }

    /// What the rule found, in a sentence.
    public var explanation: String {
        let name = rule.label.map { "\($0): " } ?? ""
        switch rule.kind {
        case .totalCredits(let min):
            let cutText = cut.max > 0 ? "; \(cut.text) more are held but capped" : ""
            return "\(name)\(have.text) of \(Span.number(min)) credits count\(cutText)."
        case .creditsAtLevel(let level, let min):
            let missing =
                withoutLevel > 0 ? "; \(withoutLevel) credential\(withoutLevel == 1 ? " has" : "s have") no level comparable in this framework" : ""
            return "\(name)\(have.text) of \(Span.number(min)) credits at level \(level) or above\(missing)."
        case .requiredUnits(let units):
            let missingText = missing.isEmpty ? "" : "; missing: \(missing.joined(separator: ", "))"
            return "\(name)\(count) of \(units.count) required units held\(missingText)."
        case .fromList(_, let minCredits, let minCount):
            var needs: [String] = []
            if let minCredits { needs.append("\(Span.number(minCredits)) credits") }
            if let minCount { needs.append("\(minCount) credential\(minCount == 1 ? "" : "s")") }
            return
                "\(name)\(have.text) credits from \(count) credential\(count == 1 ? "" : "s") on the list; needs \(needs.joined(separator: " and "))."
        case .fromProviders(_, let min):
            return "\(name)\(have.text) of \(Span.number(min)) credits from the named providers."
        case .capOutside(_, _, let max):
            return "\(name)At most \(Span.number(max)) credits from outside providers count; \(have.text) held, \(cut.text) not counted."
        case .recency(let years):
            return "\(name)Credentials issued before \(cutoff ?? "?") (\(years) years) do not count; \(matched.count) left out."
        case .priorLearningCap(let max):
            return "\(name)At most \(Span.number(max)) credits from prior learning count; \(have.text) held, \(cut.text) not counted."
        }
    }
}
