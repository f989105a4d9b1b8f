/// A credential in a learner's record as stacking sees it: what it is, who issued it, when, and its size and level in
/// the issuer's framework (from the registry, or from the credential itself).
public struct HeldCredential: Sendable, Equatable {
    public var id: String
    public var title: String
    /// What pathway rules may name it by: the registry microcredential id and the achievement IRI.
    public var units: [String]
    /// The registry provider id, when the issuer is a registered provider.
    public var provider: String?
    public var issuer: String
    /// ISO 3166 alpha-2 of the issuer, when known.
    public var country: String?
    /// `YYYY-MM-DD`.
    public var issuedOn: String?
    public var framework: Framework.ID?
    public var level: Int?
    public var credits: Double?
    public var hours: Double?
    /// Recognition of prior learning rather than a course completed.
    public var priorLearning: Bool

    public init(
        id: String, title: String, units: [String], provider: String? = nil, issuer: String, country: String? = nil, issuedOn: String?,
        framework: Framework.ID? = nil, level: Int? = nil, credits: Double? = nil, hours: Double? = nil, priorLearning: Bool = false
    ) {
        self.id = id
        self.title = title
        self.units = units
        self.provider = provider
        self.issuer = issuer
        self.country = country
        self.issuedOn = issuedOn
        self.framework = framework
        self.level = level
        self.credits = credits
        self.hours = hours
        self.priorLearning = priorLearning
    }
}

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

public enum Stacking {
    /// Evaluates `qualification`'s pathway over `record` (prepared in the qualification's framework) on `day`
    /// (`YYYY-MM-DD`). Pure: the same inputs give the same progress.
    public static func evaluate(_ qualification: Qualification, record: PreparedRecord, on day: String) -> StackingProgress {
        precondition(record.framework == qualification.framework, "the record must be prepared in the qualification's framework")
        let index = record.index
        let count = index.held.count
        var cutoff: String?
        for rule in qualification.rules {
            if case .recency(let years) = rule.kind { cutoff = shifted(day, years: -years) }
        }
        let cutoffDay = cutoff.map(dayNumber) ?? -1
        // Which credentials count at all.
        var uses = [CreditUse]()
        uses.reserveCapacity(count)
        var eligible = [Bool](repeating: false, count: count)
        var eligibleCount = 0
        var leftOut: [Int] = []
        for position in 0..<count {
            let credits = Span(record.low[position], record.high[position])
            var exclusion: CreditUse.Exclusion?
            if let duplicate = index.duplicateOf[position] {
                exclusion = .duplicate(of: duplicate)
            } else if cutoffDay >= 0 {
                let issued = index.issuedDay[position]
                if issued < 0 { exclusion = .undated } else if issued < cutoffDay { exclusion = .tooOld }
                if exclusion != nil { leftOut.append(position) }
            }
            eligible[position] = exclusion == nil
            if exclusion == nil { eligibleCount += 1 }
            uses.append(CreditUse(credits: credits, counted: exclusion == nil ? credits : .zero, excluded: exclusion))
        }
        // Caps: the greedy allowance, once for the low and once for the high bound of every range.
        var outside: [Bool]?
        var outsideMax = Double.infinity
        var priorMax = Double.infinity
        for rule in qualification.rules {
            switch rule.kind {
            case .capOutside(let providers, let countries, let max):
                outsideMax = Swift.min(outsideMax, max)
                let home = numbers(providers, in: index.providerNumbers)
                let homeCountries = numbers(countries, in: index.countryNumbers)
                var flags = [Bool](repeating: true, count: count)
                for position in 0..<count {
                    let provider = index.providerOf[position]
                    let country = index.countryOf[position]
                    if (provider >= 0 && home[provider]) || home[index.issuerOf[position]] || (country >= 0 && homeCountries[country]) {
                        flags[position] = false
                    }
                }
                outside = flags
            case .priorLearningCap(let max): priorMax = Swift.min(priorMax, max)
            default: break
            }
        }
        var outsideHeld = Span.zero
        var priorHeld = Span.zero
        var outsideCut: [Int] = []
        var priorCut: [Int] = []
        var total = Span.zero
        var uncapped = Span.zero
        var outsideLeft = (outsideMax, outsideMax)
        var priorLeft = (priorMax, priorMax)
        for position in 0..<count where eligible[position] {
            var low = record.low[position]
            var high = record.high[position]
            uncapped = uncapped + Span(low, high)
            let isOutside = outside?[position] ?? false
            let isPrior = index.prior[position]
            if isOutside {
                outsideHeld = outsideHeld + Span(low, high)
                let (l, h) = (Swift.min(low, outsideLeft.0), Swift.min(high, outsideLeft.1))
                if l < low || h < high { outsideCut.append(position) }
                low = l
                high = h
            }
            if isPrior {
                priorHeld = priorHeld + Span(record.low[position], record.high[position])
                let (l, h) = (Swift.min(low, priorLeft.0), Swift.min(high, priorLeft.1))
                if l < low || h < high { priorCut.append(position) }
                low = l
                high = h
            }
            if isOutside {
                outsideLeft.0 -= low
                outsideLeft.1 -= high
            }
            if isPrior {
                priorLeft.0 -= low
                priorLeft.1 -= high
            }
            uses[position].counted = Span(low, high)
            total = total + Span(low, high)
        }

        var outcomes: [RuleOutcome] = []
        outcomes.reserveCapacity(qualification.rules.count)
        for rule in qualification.rules {
            var outcome = RuleOutcome(
                rule: rule, status: .limit, have: .zero, need: nil, count: 0, needCount: nil, matched: [], missing: [], cut: .zero,
                withoutLevel: 0, cutoff: nil)
            switch rule.kind {
            case .totalCredits(let min):
                outcome.have = total
                outcome.need = min
                outcome.cut = Span(Swift.max(0, uncapped.min - total.min), Swift.max(0, uncapped.max - total.max))
                outcome.status = status(total, min)
                outcome.count = eligibleCount
            case .creditsAtLevel(let level, let min):
                var low = 0.0
                var high = 0.0
                for position in 0..<count where eligible[position] {
                    if record.levelHigh[position] == 0 {
                        if record.high[position] > 0 { outcome.withoutLevel += 1 }
                        continue
                    }
                    if record.levelLow[position] >= level {
                        low += record.low[position]
                        outcome.matched.append(position)
                    }
                    if record.levelHigh[position] >= level {
                        high += record.high[position]
                        if record.levelLow[position] < level { outcome.matched.append(position) }
                    }
                }
                outcome.have = Span(low, high)
                outcome.need = min
                outcome.count = outcome.matched.count
                outcome.status = status(outcome.have, min)
            case .requiredUnits(let units):
                for unit in units {
                    if let position = index.byUnit[unit], eligible[position] {
                        outcome.matched.append(position)
                    } else {
                        outcome.missing.append(unit)
                    }
                }
                outcome.count = outcome.matched.count
                outcome.needCount = units.count
                outcome.have = Span(exactly: Double(outcome.count))
                outcome.status = outcome.missing.isEmpty ? .met : .unmet
            case .fromList(let units, let minCredits, let minCount):
                outcome.matched = matches(units, in: index.byUnit, eligible: eligible)
                outcome.have = outcome.matched.reduce(Span.zero) { $0 + Span(record.low[$1], record.high[$1]) }
                outcome.count = outcome.matched.count
                outcome.need = minCredits
                outcome.needCount = minCount
                let byCredits = minCredits.map { status(outcome.have, $0) } ?? .met
                let byCount: RuleOutcome.Status = (minCount ?? 0) <= outcome.count ? .met : .unmet
                outcome.status = byCredits == .unmet || byCount == .unmet ? .unmet : byCredits
            case .fromProviders(let providers, let min):
                let named = numbers(providers, in: index.providerNumbers)
                for position in 0..<count where eligible[position] {
                    let provider = index.providerOf[position]
                    if (provider >= 0 && named[provider]) || named[index.issuerOf[position]] { outcome.matched.append(position) }
                }
                outcome.have = outcome.matched.reduce(Span.zero) { $0 + Span(record.low[$1], record.high[$1]) }
                outcome.count = outcome.matched.count
                outcome.need = min
                outcome.status = status(outcome.have, min)
            case .capOutside(_, _, let max):
                outcome.have = outsideHeld
                outcome.need = max
                outcome.matched = outsideCut
                outcome.cut = Span(Swift.max(0, outsideHeld.min - max), Swift.max(0, outsideHeld.max - max))
            case .recency:
                outcome.matched = leftOut
                outcome.cutoff = cutoff
            case .priorLearningCap(let max):
                outcome.have = priorHeld
                outcome.need = max
                outcome.matched = priorCut
                outcome.cut = Span(Swift.max(0, priorHeld.min - max), Swift.max(0, priorHeld.max - max))
            }
            outcomes.append(outcome)
        }
        var overall = StackingProgress.Status.complete
        for outcome in outcomes {
            if outcome.status == .unmet {
                overall = .incomplete
            } else if outcome.status == .uncertain && overall == .complete {
                overall = .mayBeComplete
            }
        }
        return StackingProgress(
            qualification: qualification.id, version: qualification.version, framework: qualification.framework, evaluatedOn: day,
            status: overall, rules: outcomes, uses: uses)
    }

    /// Met when even the low bound reaches the threshold, unmet when the high bound does not (a small tolerance
    /// absorbs floating-point sums).
    static func status(_ have: Span, _ need: Double) -> RuleOutcome.Status {
        if have.min + 1e-9 >= need { return .met }
        if have.max + 1e-9 < need { return .unmet }
        return .uncertain
    }

    /// Eligible credentials named by any of `keys`, each once, in record order.
    static func matches(_ keys: [String], in index: [String: Int], eligible: [Bool]) -> [Int] {
        var found = [Bool](repeating: false, count: eligible.count)
        for key in keys { if let position = index[key], eligible[position] { found[position] = true } }
        return found.indices.filter { found[$0] }
    }

    /// A flag per number of `table`, set for the numbers of `keys`.
    static func numbers(_ keys: [String], in table: [String: Int]) -> [Bool] {
        var flags = [Bool](repeating: false, count: table.count)
        for key in keys { if let number = table[key] { flags[number] = true } }
        return flags
    }

    /// `YYYY-MM-DD` as the integer YYYYMMDD (orders as the days do); -1 when it is not a day.
    static func dayNumber(_ day: String) -> Int {
        let digits = day.utf8.prefix(10).filter { $0 != UInt8(ascii: "-") }
        guard digits.count == 8 else { return -1 }
        var value = 0
        for digit in digits {
            guard (48...57).contains(digit) else { return -1 }
            value = value * 10 + Int(digit - 48)
        }
        return value
    }

    /// `day` (`YYYY-MM-DD`) moved by whole years; 29 February becomes 28 February in a common year.
    static func shifted(_ day: String, years: Int) -> String {
        let parts = day.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]) else { return day }
        let target = year + years
        var monthDay = "\(parts[1])-\(parts[2])"
        let leap = (target % 4 == 0 && target % 100 != 0) || target % 400 == 0
        if monthDay == "02-29" && !leap { monthDay = "02-28" }
        let digits = String(target)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "-" + monthDay
    }
}
