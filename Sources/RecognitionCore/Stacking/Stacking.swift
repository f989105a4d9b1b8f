public enum Stacking {
    /// Evaluates `qualification`'s pathway over `record` (prepared in the qualification's framework) on `day`
    /// (`YYYY-MM-DD`). Pure: the same inputs give the same progress.
    public static func evaluate(_ qualification: Qualification, record: PreparedRecord, on day: String) -> StackingProgress {
        precondition(record.framework == qualification.framework, "the record must be prepared in the qualification's framework")
        // Flags per credential, per provider number (twice: the cap's home providers, a rule's named providers) and per
        // country number, on the stack: an evaluation allocates only what it returns.
        let (count, providers, countries) = (record.facts.count, record.index.providerNumbers.count, record.index.countryNumbers.count)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: count + 2 * providers + countries) { flags in
            flags.initialize(repeating: false)
            let eligible = UnsafeMutableBufferPointer(rebasing: flags[0..<count])
            let home = UnsafeMutableBufferPointer(rebasing: flags[count..<(count + providers)])
            let named = UnsafeMutableBufferPointer(rebasing: flags[(count + providers)..<(count + 2 * providers)])
            let homeCountries = UnsafeMutableBufferPointer(rebasing: flags[(count + 2 * providers)...])
            return evaluate(qualification, record: record, on: day, flags: (eligible, home, named, homeCountries))
        }
    }

    private typealias Flags = (
        eligible: UnsafeMutableBufferPointer<Bool>, home: UnsafeMutableBufferPointer<Bool>, named: UnsafeMutableBufferPointer<Bool>,
        homeCountries: UnsafeMutableBufferPointer<Bool>
    )

    private static func evaluate(_ qualification: Qualification, record: PreparedRecord, on day: String, flags: Flags) -> StackingProgress {
        let index = record.index
        let count = record.facts.count
        let (eligible, home, homeCountries) = (flags.eligible, flags.home, flags.homeCountries)
        // What the rules ask of every credential: the recency cut-off and the caps (the last cap-outside rule names
        // the home providers and countries; the smallest maximum of each kind applies).
        var cutoff: String?
        var outsideMax = Double.infinity
        var priorMax = Double.infinity
        var capsOutside = false
        for rule in qualification.rules {
            switch rule.kind {
            case .recency(let years): cutoff = shifted(day, years: -years)
            case .capOutside(let providers, let countries, let max):
                outsideMax = Swift.min(outsideMax, max)
                capsOutside = true
                mark(providers, in: index.providerNumbers, flags: home)
                mark(countries, in: index.countryNumbers, flags: homeCountries)
            case .priorLearningCap(let max): priorMax = Swift.min(priorMax, max)
            default: break
            }
        }

        // One pass in the record's order: what is left out, what the caps cut (greedily, once for the low and once
        // for the high bound of every range) and what each credential counts.
        var pass = Pass(cutoffDay: cutoff.map(dayNumber) ?? -1, capsOutside: capsOutside, outsideMax: outsideMax, priorMax: priorMax)
        let uses = record.facts.withUnsafeBufferPointer { facts in
            [CreditUse](unsafeUninitializedCapacity: count) { buffer, initialized in
                pass.run(facts: facts, flags: flags, writing: buffer)
                initialized = count
            }
        }
        let (total, uncapped) = (Span(ordered: pass.total.0, pass.total.1), Span(ordered: pass.uncapped.0, pass.uncapped.1))
        let caps = (
            Span(ordered: pass.outsideHeld.0, pass.outsideHeld.1), pass.outsideCut, Span(ordered: pass.priorHeld.0, pass.priorHeld.1),
            pass.priorCut
        )
        let eligibleCount = pass.eligibleCount
        let leftOut = pass.leftOut

        var outcomes: [RuleOutcome] = []
        outcomes.reserveCapacity(qualification.rules.count)
        record.facts.withUnsafeBufferPointer { facts in
            do {
                for rule in qualification.rules {
                    outcomes.append(
                        outcome(
                            of: rule, facts: facts, eligible: UnsafeBufferPointer(eligible), named: flags.named, index: index,
                            total: total, uncapped: uncapped, eligibleCount: eligibleCount, caps: caps, leftOut: leftOut, cutoff: cutoff))
                }
            }
        }
        var overall = StackingProgress.Status.complete
        for position in outcomes.indices {
            if outcomes[position].status == .unmet {
                overall = .incomplete
            } else if outcomes[position].status == .uncertain && overall == .complete {
                overall = .mayBeComplete
            }
        }
        return StackingProgress(
            qualification: qualification.id, version: qualification.version, framework: qualification.framework, evaluatedOn: day,
            status: overall, rules: outcomes, uses: uses)
    }

    /// The one pass over a prepared record: the limits every credential is held to, and what the pass found.
    private struct Pass {
        let cutoffDay: Int
        let capsOutside: Bool
        let outsideMax: Double
        let priorMax: Double
        var eligibleCount = 0
        // Sums as plain numbers: adding through `Span` orders its bounds on every step, a chain the loop waits on.
        var total = (0.0, 0.0)
        var uncapped = (0.0, 0.0)
        var outsideHeld = (0.0, 0.0)
        var priorHeld = (0.0, 0.0)
        var leftOut: [Int] = []
        var outsideCut: [Int] = []
        var priorCut: [Int] = []

        /// Decides each credential's use and writes it to `uses` (every position, once). The sums live in locals for
        /// the loop: kept in `self`, each addition would wait on the store of the one before.
        mutating func run(facts: UnsafeBufferPointer<CredentialFacts>, flags: Flags, writing uses: UnsafeMutableBufferPointer<CreditUse>) {
            let (eligible, home, homeCountries) = (flags.eligible, flags.home, flags.homeCountries)
            let (cutoffDay, capsOutside) = (self.cutoffDay, self.capsOutside)
            var eligibleCount = 0
            var (totalLow, totalHigh, uncappedLow, uncappedHigh) = (0.0, 0.0, 0.0, 0.0)
            var (outsideHeldLow, outsideHeldHigh, priorHeldLow, priorHeldHigh) = (0.0, 0.0, 0.0, 0.0)
            var (outsideLeftLow, outsideLeftHigh) = (outsideMax, outsideMax)
            var (priorLeftLow, priorLeftHigh) = (priorMax, priorMax)
            for position in 0..<facts.count {
                let fact = facts[position]
                let credits = Span(ordered: fact.low, fact.high)
                var exclusion: CreditUse.Exclusion?
                if fact.duplicateOf >= 0 {
                    exclusion = .duplicate(of: Int(fact.duplicateOf))
                } else if cutoffDay >= 0 {
                    if fact.issuedDay < 0 { exclusion = .undated } else if fact.issuedDay < cutoffDay { exclusion = .tooOld }
                    if exclusion != nil { leftOut.append(position) }
                }
                if let exclusion {
                    uses.initializeElement(at: position, to: CreditUse(credits: credits, counted: .zero, excluded: exclusion))
                    continue
                }
                eligible[position] = true
                eligibleCount += 1
                var (low, high) = (fact.low, fact.high)
                uncappedLow += low
                uncappedHigh += high
                let isOutside =
                    capsOutside
                    && !((fact.provider >= 0 && home[Int(fact.provider)]) || home[Int(fact.issuer)]
                        || (fact.country >= 0 && homeCountries[Int(fact.country)]))
                if isOutside {
                    outsideHeldLow += low
                    outsideHeldHigh += high
                    let (l, h) = (Swift.min(low, outsideLeftLow), Swift.min(high, outsideLeftHigh))
                    if l < low || h < high { outsideCut.append(position) }
                    (low, high) = (l, h)
                }
                if fact.prior {
                    priorHeldLow += fact.low
                    priorHeldHigh += fact.high
                    let (l, h) = (Swift.min(low, priorLeftLow), Swift.min(high, priorLeftHigh))
                    if l < low || h < high { priorCut.append(position) }
                    (low, high) = (l, h)
                }
                if isOutside {
                    outsideLeftLow -= low
                    outsideLeftHigh -= high
                }
                if fact.prior {
                    priorLeftLow -= low
                    priorLeftHigh -= high
                }
                // A cap can leave the low bound above the high one (the low bounds use up less of it): reordered, as
                // `Span` does.
                let counted = Span(low, high)
                uses.initializeElement(at: position, to: CreditUse(credits: credits, counted: counted, excluded: nil))
                totalLow += counted.min
                totalHigh += counted.max
            }
            self.eligibleCount = eligibleCount
            total = (totalLow, totalHigh)
            uncapped = (uncappedLow, uncappedHigh)
            outsideHeld = (outsideHeldLow, outsideHeldHigh)
            priorHeld = (priorHeldLow, priorHeldHigh)
        }
    }

    /// One rule's outcome, once the pass over the record has decided what counts.
    private static func outcome(
        of rule: PathwayRule, facts: UnsafeBufferPointer<CredentialFacts>, eligible: UnsafeBufferPointer<Bool>,
        named: UnsafeMutableBufferPointer<Bool>,
        index: LearnerIndex, total: Span,
        uncapped: Span, eligibleCount: Int, caps: (outsideHeld: Span, outsideCut: [Int], priorHeld: Span, priorCut: [Int]), leftOut: [Int],
        cutoff: String?
    ) -> RuleOutcome {
        var outcome = RuleOutcome(
            rule: rule, status: .limit, have: .zero, need: nil, count: 0, needCount: nil, matched: [], missing: [], cut: .zero, withoutLevel: 0,
            cutoff: nil)
        func credits(of positions: [Int]) -> Span {
            var low = 0.0
            var high = 0.0
            for position in positions {
                low += facts[position].low
                high += facts[position].high
            }
            return Span(low, high)
        }
        switch rule.kind {
        case .totalCredits(let min):
            outcome.have = total
            outcome.need = min
            outcome.cut = Span(Swift.max(0, uncapped.min - total.min), Swift.max(0, uncapped.max - total.max))
            outcome.status = status(total, min)
            outcome.count = eligibleCount
        case .creditsAtLevel(let level, let min):
            let level = Int32(clamping: level)
            outcome.matched.reserveCapacity(eligibleCount)
            var low = 0.0
            var high = 0.0
            var withoutLevel = 0
            for position in 0..<facts.count where eligible[position] {
                // `levelHigh` 0: no comparable level, so it adds to neither sum.
                let fact = facts[position]
                let hasLevel = fact.levelHigh != 0
                withoutLevel += !hasLevel && fact.high > 0 ? 1 : 0
                low += hasLevel && fact.levelLow >= level ? fact.low : 0
                guard hasLevel && fact.levelHigh >= level else { continue }
                high += fact.high
                outcome.matched.append(position)
            }
            outcome.withoutLevel = withoutLevel
            outcome.have = Span(low, high)
            outcome.need = min
            outcome.count = outcome.matched.count
            outcome.status = status(outcome.have, min)
        case .requiredUnits(let units):
            outcome.matched.reserveCapacity(units.count)
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
            outcome.have = credits(of: outcome.matched)
            outcome.count = outcome.matched.count
            outcome.need = minCredits
            outcome.needCount = minCount
            let byCredits = minCredits.map { status(outcome.have, $0) } ?? .met
            let byCount: RuleOutcome.Status = (minCount ?? 0) <= outcome.count ? .met : .unmet
            outcome.status = byCredits == .unmet || byCount == .unmet ? .unmet : byCredits
        case .fromProviders(let providers, let min):
            mark(providers, in: index.providerNumbers, flags: named)
            outcome.matched.reserveCapacity(eligibleCount)
            for position in 0..<facts.count where eligible[position] {
                let fact = facts[position]
                if (fact.provider >= 0 && named[Int(fact.provider)]) || named[Int(fact.issuer)] { outcome.matched.append(position) }
            }
            outcome.have = credits(of: outcome.matched)
            outcome.count = outcome.matched.count
            outcome.need = min
            outcome.status = status(outcome.have, min)
        case .capOutside(_, _, let max):
            outcome.have = caps.outsideHeld
            outcome.need = max
            outcome.matched = caps.outsideCut
            outcome.cut = Span(Swift.max(0, caps.outsideHeld.min - max), Swift.max(0, caps.outsideHeld.max - max))
        case .recency:
            outcome.matched = leftOut
            outcome.cutoff = cutoff
        case .priorLearningCap(let max):
            outcome.have = caps.priorHeld
            outcome.need = max
            outcome.matched = caps.priorCut
            outcome.cut = Span(Swift.max(0, caps.priorHeld.min - max), Swift.max(0, caps.priorHeld.max - max))
        }
        return outcome
    }

    /// Met when even the low bound reaches the threshold, unmet when the high bound does not (a small tolerance
    /// absorbs floating-point sums).
    static func status(_ have: Span, _ need: Double) -> RuleOutcome.Status {
        if have.min + 1e-9 >= need { return .met }
        if have.max + 1e-9 < need { return .unmet }
        return .uncertain
    }

    /// Eligible credentials named by any of `keys`, each once, in record order.
    static func matches(_ keys: [String], in table: NameTable, eligible: UnsafeBufferPointer<Bool>) -> [Int] {
        var found: [Int] = []
        found.reserveCapacity(keys.count)
        for key in keys { if let position = table[key], eligible[position] { found.append(position) } }
        found.sort()
        var kept = 0
        for position in found where kept == 0 || found[kept - 1] != position {
            found[kept] = position
            kept += 1
        }
        found.removeLast(found.count - kept)
        return found
    }

    /// Sets the flag of each number of `keys` in `table`, and clears the others.
    static func mark(_ keys: [String], in table: NameTable, flags: UnsafeMutableBufferPointer<Bool>) {
        flags.update(repeating: false)
        for key in keys { if let number = table[key] { flags[number] = true } }
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
        let number = dayNumber(day)
        guard number >= 0 else { return day }
        let target = number / 10_000 + years
        var monthDay = number % 10_000
        let leap = (target % 4 == 0 && target % 100 != 0) || target % 400 == 0
        if monthDay == 229 && !leap { monthDay = 228 }
        guard (0...9_999).contains(target) else { return day }
        // The ten bytes of `YYYY-MM-DD` written in place: evaluation does this for every pathway with a recency rule.
        let date = target * 10_000 + monthDay
        return String(unsafeUninitializedCapacity: 10) { bytes in
            var rest = date
            for position in (0..<10).reversed() {
                if position == 4 || position == 7 {
                    bytes[position] = UInt8(ascii: "-")
                } else {
                    bytes[position] = UInt8(48 + rest % 10)
                    rest /= 10
                }
            }
            return 10
        }
    }
}
