import Foundation
import RecognitionCore
import Testing

/// The evaluation is written for speed (one pass, numbered names, rows of facts). This suite checks it against a plain
/// reading of the rules, built only from the public conversion and level mapping, over thousands of random records and
/// pathways: duplicates, undated and old credentials, prior learning, outside providers, ranges and missing levels.
@Suite("stacking against a plain reading of the rules")
struct StackingOracleTests {
    struct Use: Equatable {
        var credits: Span
        var counted: Span
        var excluded: CreditUse.Exclusion?
    }

    struct Outcome: Equatable {
        var status: RuleOutcome.Status
        var have: Span
        var count: Int
        var matched: [Int]
        var missing: [String]
        var cut: Span
        var withoutLevel: Int
        var cutoff: String?
    }

    /// What the rules say, read one at a time over the whole record.
    static func oracle(_ qualification: Qualification, record: PreparedRecord, on day: String) -> (StackingProgress.Status, [Outcome], [Use]) {
        let held = record.held
        let credits = held.indices.map { record.volume($0).credits ?? .zero }
        let levels = held.indices.map { record.levels($0)?.levels }
        func dayNumber(_ text: String?) -> Int? { text.flatMap { Int($0.replacingOccurrences(of: "-", with: "")) } }
        var cutoff: String?
        for rule in qualification.rules {
            if case .recency(let years) = rule.kind {
                let parts = day.split(separator: "-").map(String.init)
                let year = (Int(parts[0]) ?? 0) - years
                let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
                let monthDay = parts[1] == "02" && parts[2] == "29" && !leap ? "02-28" : "\(parts[1])-\(parts[2])"
                cutoff = String(format: "%04d", year) + "-" + monthDay
            }
        }
        var uses: [Use] = held.indices.map { position in
            if let duplicate = record.index.duplicateOf[position] {
                return Use(credits: credits[position], counted: .zero, excluded: .duplicate(of: duplicate))
            }
            if let cutoff {
                guard let issued = dayNumber(held[position].issuedOn) else {
                    return Use(credits: credits[position], counted: .zero, excluded: .undated)
                }
                if let limit = dayNumber(cutoff), issued < limit { return Use(credits: credits[position], counted: .zero, excluded: .tooOld) }
            }
            return Use(credits: credits[position], counted: credits[position], excluded: nil)
        }
        let eligible = held.indices.filter { uses[$0].excluded == nil }
        var home: (providers: Set<String>, countries: Set<String>)?
        var outsideMax = Double.infinity
        var priorMax = Double.infinity
        for rule in qualification.rules {
            if case .capOutside(let providers, let countries, let max) = rule.kind {
                home = (Set(providers), Set(countries))
                outsideMax = min(outsideMax, max)
            }
            if case .priorLearningCap(let max) = rule.kind { priorMax = min(priorMax, max) }
        }
        func isOutside(_ position: Int) -> Bool {
            guard let home else { return false }
            let credential = held[position]
            return !(credential.provider.map(home.providers.contains) ?? false) && !home.providers.contains(credential.issuer)
                && !(credential.country.map(home.countries.contains) ?? false)
        }
        // The caps, greedily in the record's order, for each bound of the range on its own.
        var outsideLeft = (outsideMax, outsideMax)
        var priorLeft = (priorMax, priorMax)
        var outsideCut: [Int] = []
        var priorCut: [Int] = []
        var outsideHeld = Span.zero
        var priorHeld = Span.zero
        for position in eligible {
            var (low, high) = (credits[position].min, credits[position].max)
            if isOutside(position) {
                outsideHeld = outsideHeld + credits[position]
                if low > outsideLeft.0 || high > outsideLeft.1 { outsideCut.append(position) }
                (low, high) = (min(low, outsideLeft.0), min(high, outsideLeft.1))
            }
            if held[position].priorLearning {
                priorHeld = priorHeld + credits[position]
                if low > priorLeft.0 || high > priorLeft.1 { priorCut.append(position) }
                (low, high) = (min(low, priorLeft.0), min(high, priorLeft.1))
            }
            if isOutside(position) { outsideLeft = (outsideLeft.0 - low, outsideLeft.1 - high) }
            if held[position].priorLearning { priorLeft = (priorLeft.0 - low, priorLeft.1 - high) }
            uses[position].counted = Span(low, high)
        }
        let total = eligible.reduce(Span.zero) { $0 + uses[$1].counted }
        let uncapped = eligible.reduce(Span.zero) { $0 + credits[$1] }
        func status(_ have: Span, _ need: Double) -> RuleOutcome.Status {
            have.min + 1e-9 >= need ? .met : (have.max + 1e-9 < need ? .unmet : .uncertain)
        }
        func sum(_ positions: [Int]) -> Span { positions.reduce(Span.zero) { $0 + credits[$1] } }
        func holder(_ unit: String) -> Int? {
            // The newest holder of a unit, skipping duplicates (they point at the survivor, which holds it too).
            held.indices.filter { held[$0].units.contains(unit) && record.index.duplicateOf[$0] == nil }.last
        }
        let outcomes: [Outcome] = qualification.rules.map { rule in
            var outcome = Outcome(status: .limit, have: .zero, count: 0, matched: [], missing: [], cut: .zero, withoutLevel: 0, cutoff: nil)
            switch rule.kind {
            case .totalCredits(let min):
                outcome.have = total
                outcome.cut = Span(max(0, uncapped.min - total.min), max(0, uncapped.max - total.max))
                outcome.status = status(total, min)
                outcome.count = eligible.count
            case .creditsAtLevel(let level, let min):
                let ranged = eligible.filter { levels[$0] != nil }
                outcome.withoutLevel = eligible.filter { levels[$0] == nil && credits[$0].max > 0 }.count
                outcome.matched = ranged.filter { (levels[$0]?.upperBound ?? 0) >= level }
                let low = ranged.filter { (levels[$0]?.lowerBound ?? 0) >= level }.reduce(0.0) { $0 + credits[$1].min }
                let high = outcome.matched.reduce(0.0) { $0 + credits[$1].max }
                outcome.have = Span(low, high)
                outcome.count = outcome.matched.count
                outcome.status = status(outcome.have, min)
            case .requiredUnits(let units):
                for unit in units {
                    if let position = holder(unit), uses[position].excluded == nil {
                        outcome.matched.append(position)
                    } else {
                        outcome.missing.append(unit)
                    }
                }
                outcome.count = outcome.matched.count
                outcome.have = Span(exactly: Double(outcome.count))
                outcome.status = outcome.missing.isEmpty ? .met : .unmet
            case .fromList(let units, let minCredits, let minCount):
                outcome.matched = Set(units.compactMap(holder).filter { uses[$0].excluded == nil }).sorted()
                outcome.have = sum(outcome.matched)
                outcome.count = outcome.matched.count
                let byCredits = minCredits.map { status(outcome.have, $0) } ?? .met
                let byCount: RuleOutcome.Status = (minCount ?? 0) <= outcome.count ? .met : .unmet
                outcome.status = byCredits == .unmet || byCount == .unmet ? .unmet : byCredits
            case .fromProviders(let providers, let min):
                outcome.matched = eligible.filter { position in
                    (held[position].provider.map(providers.contains) ?? false) || providers.contains(held[position].issuer)
                }
                outcome.have = sum(outcome.matched)
                outcome.count = outcome.matched.count
                outcome.status = status(outcome.have, min)
            case .capOutside(_, _, let max):
                outcome.have = outsideHeld
                outcome.matched = outsideCut
                outcome.cut = Span(Swift.max(0, outsideHeld.min - max), Swift.max(0, outsideHeld.max - max))
            case .recency:
                outcome.matched = held.indices.filter { uses[$0].excluded == .tooOld || uses[$0].excluded == .undated }
                outcome.cutoff = cutoff
            case .priorLearningCap(let max):
                outcome.have = priorHeld
                outcome.matched = priorCut
                outcome.cut = Span(Swift.max(0, priorHeld.min - max), Swift.max(0, priorHeld.max - max))
            }
            return outcome
        }
        let overall: StackingProgress.Status =
            outcomes.contains { $0.status == .unmet } ? .incomplete : outcomes.contains { $0.status == .uncertain } ? .mayBeComplete : .complete
        return (overall, outcomes, uses)
    }

    /// A deterministic generator, so a failure names a seed that reproduces it.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    static func randomRecord(_ random: inout Generator) -> [HeldCredential] {
        let frameworks: [Framework.ID] = ["nzqcf", "eqf", "aqf"]
        return (0..<Int.random(in: 0...40, using: &random)).map { index in
            let provider = "p\(Int.random(in: 0...4, using: &random))"
            let framework = frameworks.randomElement(using: &random) ?? "nzqcf"
            return HeldCredential(
                id: "c\(index)", title: "C\(index)", units: ["u\(Int.random(in: 0...30, using: &random))", "mc-\(index)"],
                provider: Bool.random(using: &random) ? provider : nil, issuer: "did:web:x:\(provider)",
                country: ["NZ", "AU", "MY", nil].randomElement(using: &random) ?? nil,
                issuedOn: Int.random(in: 0...9, using: &random) == 0
                    ? nil
                    : "20\(10 + Int.random(in: 0...16, using: &random))-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))",
                framework: Int.random(in: 0...12, using: &random) == 0 ? nil : framework,
                level: Int.random(in: 0...6, using: &random) == 0 ? nil : Int.random(in: 1...10, using: &random),
                credits: Int.random(in: 0...5, using: &random) == 0 ? nil : Double(Int.random(in: 1...60, using: &random)) / 2,
                hours: Bool.random(using: &random) ? Double(Int.random(in: 10...300, using: &random)) : nil,
                priorLearning: Int.random(in: 0...5, using: &random) == 0)
        }
    }

    static func randomRules(_ random: inout Generator) -> [PathwayRule] {
        func units() -> [String] { Array(Set((0..<Int.random(in: 1...8, using: &random)).map { _ in "u\(Int.random(in: 0...34, using: &random))" })) }
        func credits() -> Double { Double(Int.random(in: 0...120, using: &random)) }
        var rules: [PathwayRule] = [.init(.totalCredits(min: credits()))]
        for _ in 0..<Int.random(in: 1...7, using: &random) {
            let kind: PathwayRule.Kind
            switch Int.random(in: 0...6, using: &random) {
            case 0: kind = .creditsAtLevel(level: Int.random(in: 1...9, using: &random), min: credits())
            case 1: kind = .requiredUnits(units())
            case 2:
                kind = .fromList(
                    units: units(), minCredits: Bool.random(using: &random) ? credits() : nil,
                    minCount: Bool.random(using: &random) ? Int.random(in: 0...4, using: &random) : nil)
            case 3: kind = .fromProviders(providers: ["p1", "did:web:x:p2", "p9"].filter { _ in Bool.random(using: &random) }, min: credits())
            case 4:
                kind = .capOutside(providers: ["p0", "did:web:x:p3"].filter { _ in Bool.random(using: &random) }, countries: ["NZ"], max: credits())
            case 5: kind = .priorLearningCap(max: credits())
            default: kind = .totalCredits(min: credits())
            }
            rules.append(.init(kind))
        }
        if Bool.random(using: &random) { rules.append(.init(.recency(years: Int.random(in: 1...12, using: &random)))) }
        return rules.shuffled(using: &random)
    }

    static func close(_ a: Span, _ b: Span) -> Bool { abs(a.min - b.min) < 1e-9 && abs(a.max - b.max) < 1e-9 }

    @Test("3,000 random records and pathways: the same progress as the plain reading, rule by rule and credential by credential")
    func randomAgreement() {
        var random = Generator(state: 20_261_201)
        let targets = [StackingTests.nz, StackingTests.eqf, StackingTests.au]
        var compared = 0
        for round in 0..<3_000 {
            let held = Self.randomRecord(&random)
            let target = targets[round % targets.count]
            let qualification = Qualification(
                id: "q", title: "Q", awardingBody: "Body", framework: target.id, rules: Self.randomRules(&random), savedAt: Date())
            let day = ["2026-12-01", "2028-02-29", "2024-06-15"][round % 3]
            let record = PreparedRecord(held, in: target, frameworks: StackingTests.frameworks, statements: StackingTests.statements)
            let fast = Stacking.evaluate(qualification, record: record, on: day)
            let (status, outcomes, uses) = Self.oracle(qualification, record: record, on: day)
            #expect(fast.status == status, "round \(round): overall status")
            #expect(fast.uses.count == uses.count)
            for (position, (use, expected)) in zip(fast.uses, uses).enumerated() {
                #expect(use.excluded == expected.excluded, "round \(round), credential \(position): exclusion")
                #expect(Self.close(use.credits, expected.credits), "round \(round), credential \(position): credits")
                #expect(Self.close(use.counted, expected.counted), "round \(round), credential \(position): counted")
            }
            for (index, (outcome, expected)) in zip(fast.rules, outcomes).enumerated() {
                let context = "round \(round), rule \(index) (\(outcome.rule.kindName))"
                #expect(outcome.status == expected.status, "\(context): status")
                #expect(Self.close(outcome.have, expected.have), "\(context): have \(outcome.have) vs \(expected.have)")
                #expect(outcome.count == expected.count, "\(context): count")
                #expect(outcome.matched == expected.matched, "\(context): matched")
                #expect(outcome.missing == expected.missing, "\(context): missing")
                #expect(Self.close(outcome.cut, expected.cut), "\(context): cut")
                #expect(outcome.withoutLevel == expected.withoutLevel, "\(context): without level")
                #expect(outcome.cutoff == expected.cutoff, "\(context): cut-off")
                compared += 1
            }
        }
        #expect(compared > 10_000)
    }

    @Test("numbers in explanations read as Swift prints the rounded value: no trailing .0, at most two decimals")
    func numbers() {
        for hundredths in stride(from: -250_000, through: 250_000, by: 7) {
            let value = Double(hundredths) / 100
            let rounded = (value * 100).rounded() / 100
            let expected = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
            #expect(Span.number(value) == expected)
        }
        #expect(Span.number(12.345) == "12.35")
        #expect(Span.number(-0.004) == "0")
        #expect(Span.number(0.05) == "0.05")
        #expect(Span.number(1e16) == "10000000000000000")
    }
}
