/// A quantity known only between two bounds (ECTS credits are 25 to 30 hours); `min == max` when it is exact.
public struct Span: Sendable, Equatable, Hashable, Codable {
    public var min: Double
    public var max: Double

    public init(_ min: Double, _ max: Double) {
        self.min = Swift.min(min, max)
        self.max = Swift.max(min, max)
    }

    public init(exactly value: Double) { self.init(value, value) }

    /// Bounds already in order (`min <= max`), as the evaluation's sums keep them: no comparison.
    init(ordered min: Double, _ max: Double) {
        assert(min <= max || min.isNaN || max.isNaN)
        self.min = min
        self.max = max
    }

    public static let zero = Span(exactly: 0)

    public var isExact: Bool { min == max }

    public static func + (a: Span, b: Span) -> Span { Span(a.min + b.min, a.max + b.max) }

    /// Both bounds multiplied by every bound of `factor`: the widest range the product can take.
    public func times(_ factor: ClosedRange<Double>) -> Span { Span(min * factor.lowerBound, max * factor.upperBound) }

    /// Divided by a positive range: the smallest result uses the largest divisor.
    public func divided(by divisor: ClosedRange<Double>) -> Span { Span(min / divisor.upperBound, max / divisor.lowerBound) }

    /// "15" or "12.5–15", as explanations write it.
    public var text: String { isExact ? Self.number(min) : "\(Self.number(min))–\(Self.number(max))" }

    /// A number without a trailing ".0", to two decimals at most.
    public static func number(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        // Whole hundredths written as digits (what `String(Double)` prints for them, without its shortest-digits
        // search); explanations format several per rule.
        if abs(hundredths) < 1e15 {
            let count = Int(hundredths)
            let whole = String(abs(count) / 100)
            let fraction = abs(count) % 100
            let sign = count < 0 ? "-" : ""
            if fraction == 0 { return count == 0 ? "0" : sign + whole }
            let decimals = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction)
            return sign + whole + "." + decimals
        }
        let rounded = hundredths / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// How much a credential weighs in another framework: credits through notional hours (credits × hours per credit of
/// the source ÷ hours per credit of the target), ranges kept; declared hours where the source has no credit standard.
/// DESIGN.md §2: every answer carries its basis, and a missing link is said, never guessed.
public struct ConvertedVolume: Sendable, Equatable, Codable {
    public enum Basis: String, Sendable, Codable {
        /// Credits in the target's own framework: counted as they are.
        case sameFramework = "same-framework"
        /// Credits of another framework, through its notional hours per credit.
        case throughHours = "through-hours"
        /// The source has no credit standard (or the credential no credits): its declared notional hours.
        case declaredHours = "declared-hours"
        /// Nothing to convert from, or the target has no hours per credit.
        case none
    }

    public var basis: Basis
    public var hours: Span?
    /// Credits in the target framework; nil when there is no basis.
    public var credits: Span?
    /// What the figures came from, for the explanation.
    public var sourceCredits: Double?
    public var sourceFramework: String?
    public var targetFramework: String

    public init(basis: Basis, hours: Span?, credits: Span?, sourceCredits: Double?, sourceFramework: String?, targetFramework: String) {
        self.basis = basis
        self.hours = hours
        self.credits = credits
        self.sourceCredits = sourceCredits
        self.sourceFramework = sourceFramework
        self.targetFramework = targetFramework
    }

    /// One sentence a learner or an evaluator can check.
    public var explanation: String {
        let source = sourceFramework ?? "an unstated framework"
        switch basis {
        case .sameFramework:
            return "\(credits?.text ?? "0") \(targetFramework) credits, counted as they are."
        case .throughHours:
            let credits = credits.map { "\($0.text) \(targetFramework) credits" } ?? "no \(targetFramework) credits (it has no hours per credit)"
            return "\(Span.number(sourceCredits ?? 0)) \(source) credits = \(hours?.text ?? "?") notional hours = \(credits)."
        case .declaredHours:
            let credits = credits.map { "\($0.text) \(targetFramework) credits" } ?? "no \(targetFramework) credits (it has no hours per credit)"
            let why = sourceCredits == nil ? "no credits are stated" : "\(source) has no credit standard"
            return "\(why.prefix(1).uppercased() + why.dropFirst()), so its declared \(hours?.text ?? "?") notional hours count: \(credits)."
        case .none:
            if sourceCredits != nil {
                return
                    "\(Span.number(sourceCredits ?? 0)) \(source) credits cannot be converted: \(source) has no notional hours per credit and no hours are declared."
            }
            return "No credits or notional hours are stated, so it adds no credits."
        }
    }
}

public enum CreditConversion {
    /// Converts `credits` of framework `from` (or the declared `hours`) into credits of `to`.
    public static func convert(
        credits: Double?, hours declared: Double?, from source: Framework.ID?, rule sourceRule: CreditRule?, to target: Framework.ID,
        rule targetRule: CreditRule?
    ) -> ConvertedVolume {
        let targetHours = usable(targetRule?.hoursPerCredit)
        func result(_ basis: ConvertedVolume.Basis, hours: Span?, credits converted: Span?) -> ConvertedVolume {
            ConvertedVolume(
                basis: basis, hours: hours, credits: converted, sourceCredits: credits, sourceFramework: source?.rawValue,
                targetFramework: target.rawValue)
        }
        if let credits, credits >= 0, source == target {
            let hours = targetHours.map { Span(exactly: credits).times($0) }
            return result(.sameFramework, hours: hours, credits: Span(exactly: credits))
        }
        if let credits, credits >= 0, let perCredit = usable(sourceRule?.hoursPerCredit) {
            let hours = Span(exactly: credits).times(perCredit)
            return result(.throughHours, hours: hours, credits: targetHours.map { hours.divided(by: $0) })
        }
        if let declared, declared >= 0 {
            let hours = Span(exactly: declared)
            return result(.declaredHours, hours: hours, credits: targetHours.map { hours.divided(by: $0) })
        }
        return result(.none, hours: nil, credits: nil)
    }

    private static func usable(_ range: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard let range, range.lowerBound > 0 else { return nil }
        return range
    }
}

/// Levels of one framework in another, from direct official statements (either direction). The comparison engine of
/// the recognition issue adds paths through hubs; stacking needs only this.
public enum LevelMapping {
    /// The levels of `target` that level `level` of `source` corresponds to, and the statement that says so; nil
    /// when no direct statement covers it, or one says no level is comparable.
    public static func direct(
        _ level: Int, of source: Framework.ID, in target: Framework.ID, statements: [Referencing]
    ) -> (levels: ClosedRange<Int>, statement: Referencing.ID?)? {
        if source == target { return (level...level, nil) }
        for statement in statements where statement.from == source && statement.to == target {
            let matches = statement.pairs.filter { $0.from == level }.compactMap(\.to)
            if let low = matches.min(), let high = matches.max() { return (low...high, statement.id) }
        }
        for statement in statements where statement.from == target && statement.to == source {
            let matches = statement.pairs.filter { $0.to == level }.map(\.from)
            if let low = matches.min(), let high = matches.max() { return (low...high, statement.id) }
        }
        return nil
    }
}
