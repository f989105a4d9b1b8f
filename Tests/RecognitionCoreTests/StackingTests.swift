import Foundation
import RecognitionCore
import Testing

/// Every pathway rule kind, with the edges a credit bank meets: exact thresholds, converted ranges that straddle one,
/// caps, recency and duplicates; and the credit conversion behind them.
@Suite("stacking")
struct StackingTests {
    static let nz = Framework(
        id: "nzqcf", name: "NZQCF", jurisdiction: "NZ", kind: .national, levels: (1...10).map { .init(number: $0, name: "Level \($0)") },
        credit: CreditRule(unit: "credit", hoursPerCredit: 10...10, perFullTimeYear: 120))
    static let eqf = Framework(
        id: "eqf", name: "EQF", jurisdiction: "EU", kind: .regionalReference, levels: (1...8).map { .init(number: $0, name: "Level \($0)") },
        credit: CreditRule(unit: "ECTS", hoursPerCredit: 25...30, perFullTimeYear: 60))
    static let au = Framework(
        id: "aqf", name: "AQF", jurisdiction: "AU", kind: .national, levels: (1...10).map { .init(number: $0, name: "Level \($0)") })
    static let frameworks: [Framework.ID: Framework] = [nz.id: nz, eqf.id: eqf, au.id: au]
    static let statements = [
        Referencing(id: "nzqf-eqf", from: "nzqcf", to: "eqf", pairs: [.init(from: 5, to: 5), .init(from: 6, to: 5), .init(from: 7, to: 6)]),
        Referencing(id: "aqf-nzqf", from: "aqf", to: "nzqcf", pairs: (1...10).map { .init(from: $0, to: $0) }),
    ]

    static func held(
        _ id: String, unit: String? = nil, provider: String = "nz-a", country: String = "NZ", on day: String = "2026-01-10",
        framework: Framework.ID = "nzqcf", level: Int? = 5, credits: Double? = 15, hours: Double? = nil, prior: Bool = false
    ) -> HeldCredential {
        HeldCredential(
            id: id, title: id, units: [unit ?? "mc-\(id)"], provider: provider, issuer: "did:web:x:providers:\(provider)", country: country,
            issuedOn: day, framework: framework, level: level, credits: credits, hours: hours, priorLearning: prior)
    }

    static func progress(_ rules: [PathwayRule.Kind], _ held: [HeldCredential], in target: Framework = nz, on day: String = "2026-12-01")
        -> StackingProgress
    {
        let qualification = Qualification(
            id: "q", title: "Q", awardingBody: "Body", framework: target.id, rules: rules.map { PathwayRule($0) }, savedAt: Date())
        let record = PreparedRecord(held, in: target, frameworks: frameworks, statements: statements)
        return Stacking.evaluate(qualification, record: record, on: day)
    }

    @Test("credits convert through notional hours, ranges kept; declared hours where there is no credit standard")
    func conversion() {
        let ects = CreditConversion.convert(credits: 6, hours: nil, from: "eqf", rule: Self.eqf.credit, to: "nzqcf", rule: Self.nz.credit)
        #expect(ects.basis == .throughHours)
        #expect(ects.hours == Span(150, 180))
        #expect(ects.credits == Span(15, 18))
        #expect(ects.explanation == "6 eqf credits = 150–180 notional hours = 15–18 nzqcf credits.")
        let intoECTS = CreditConversion.convert(credits: 15, hours: nil, from: "nzqcf", rule: Self.nz.credit, to: "eqf", rule: Self.eqf.credit)
        #expect(intoECTS.credits == Span(5, 6))
        let australian = CreditConversion.convert(credits: nil, hours: 40, from: "aqf", rule: nil, to: "nzqcf", rule: Self.nz.credit)
        #expect(australian.basis == .declaredHours)
        #expect(australian.credits == Span(exactly: 4))
        #expect(australian.explanation.hasPrefix("No credits are stated, so its declared 40 notional hours count"))
        let nothing = CreditConversion.convert(credits: 10, hours: nil, from: "aqf", rule: nil, to: "nzqcf", rule: Self.nz.credit)
        #expect(nothing.basis == .none && nothing.credits == nil)
        let same = CreditConversion.convert(credits: 12, hours: nil, from: "nzqcf", rule: Self.nz.credit, to: "nzqcf", rule: Self.nz.credit)
        #expect(same.basis == .sameFramework && same.credits == Span(exactly: 12))
    }

    @Test("total credits: an exact threshold is met, one credit short is not")
    func totalExact() {
        let held = [Self.held("a", credits: 20), Self.held("b", credits: 20)]
        #expect(Self.progress([.totalCredits(min: 40)], held).status == .complete)
        let short = Self.progress([.totalCredits(min: 41)], held)
        #expect(short.status == .incomplete)
        #expect(short.rules[0].have == Span(exactly: 40) && short.rules[0].status == .unmet)
        #expect(short.rules[0].explanation == "40 of 41 credits count.")
    }

    @Test("a converted range that straddles a threshold is uncertain, not met and not unmet")
    func straddle() {
        // 6 ECTS = 15 to 18 NZ credits: 30 needs 12 more, 15 + 15–18 = 30–33 meets it; 32 is undecided; 34 is not met.
        let held = [Self.held("nz", credits: 15), Self.held("eu", framework: "eqf", credits: 6)]
        #expect(Self.progress([.totalCredits(min: 30)], held).status == .complete)
        let undecided = Self.progress([.totalCredits(min: 32)], held)
        #expect(undecided.rules[0].status == .uncertain && undecided.status == .mayBeComplete)
        #expect(Self.progress([.totalCredits(min: 34)], held).status == .incomplete)
    }

    @Test("credits at or above a level: mapped levels, ranges of levels, and credentials with no comparable level")
    func atLevel() {
        // NZQCF 6 maps to EQF 5; in an EQF pathway it counts at level 5 but not 6. AQF 7 maps to NZQCF 7.
        let held = [
            Self.held("six", level: 6, credits: 30), Self.held("three", level: 3, credits: 30),
            Self.held("au", framework: "aqf", level: 7, credits: nil, hours: 100), Self.held("none", level: nil, credits: 10),
        ]
        let nz = Self.progress([.creditsAtLevel(level: 6, min: 40)], held)
        #expect(nz.rules[0].have == Span(exactly: 40))
        #expect(nz.rules[0].status == .met)
        #expect(nz.rules[0].withoutLevel == 1)
        #expect(nz.rules[0].explanation.contains("1 credential has no level comparable"))
        let eu = Self.progress([.creditsAtLevel(level: 5, min: 10)], held, in: Self.eqf)
        #expect(eu.rules[0].have == Span(10, 12))  // 30 NZ credits = 300 h = 10–12 ECTS; AQF has no EQF statement
        #expect(eu.rules[0].status == .met)
        #expect(Self.progress([.creditsAtLevel(level: 6, min: 1)], held, in: Self.eqf).rules[0].status == .unmet)
    }

    @Test("required units: all held is met; a missing unit is named")
    func required() {
        let held = [Self.held("a"), Self.held("b")]
        #expect(Self.progress([.requiredUnits(["mc-a", "mc-b"])], held).status == .complete)
        let missing = Self.progress([.requiredUnits(["mc-a", "mc-c"])], held)
        #expect(missing.rules[0].missing == ["mc-c"])
        #expect(missing.rules[0].explanation == "1 of 2 required units held; missing: mc-c.")
        #expect(missing.rules[0].fraction == 0.5)
    }

    @Test("units from a list: credits and count both needed, at the exact threshold")
    func fromList() {
        let held = [Self.held("a", credits: 10), Self.held("b", credits: 5), Self.held("c", credits: 40)]
        let list = ["mc-a", "mc-b", "mc-x"]
        #expect(Self.progress([.fromList(units: list, minCredits: 15, minCount: 2)], held).status == .complete)
        #expect(Self.progress([.fromList(units: list, minCredits: 16, minCount: nil)], held).status == .incomplete)
        #expect(Self.progress([.fromList(units: list, minCredits: nil, minCount: 3)], held).status == .incomplete)
    }

    @Test("credits from named providers, by registry id or issuer DID")
    func fromProviders() {
        let held = [Self.held("a", provider: "kr-a", credits: 12), Self.held("b", provider: "kr-b", credits: 6), Self.held("c", provider: "kr-c")]
        #expect(Self.progress([.fromProviders(providers: ["kr-a", "did:web:x:providers:kr-b"], min: 18)], held).status == .complete)
        #expect(Self.progress([.fromProviders(providers: ["kr-a"], min: 18)], held).status == .incomplete)
    }

    @Test("a cap on outside credits limits the total, not the credits each holds; the rule reports what it cut")
    func capOutside() {
        let held = [
            Self.held("home", provider: "nz-home", credits: 30), Self.held("au", provider: "au-x", country: "AU", credits: 20),
            Self.held("nz-other", provider: "nz-other", credits: 20),
        ]
        let byProvider = Self.progress([.totalCredits(min: 60), .capOutside(providers: ["nz-home"], countries: [], max: 25)], held)
        #expect(byProvider.rules[0].have == Span(exactly: 55))
        #expect(byProvider.rules[0].cut == Span(exactly: 15))
        #expect(byProvider.rules[1].status == .limit && byProvider.rules[1].cut == Span(exactly: 15))
        #expect(byProvider.status == .incomplete)
        // Counting New Zealand as home, only the Australian 20 is outside, under the cap.
        let byCountry = Self.progress([.totalCredits(min: 60), .capOutside(providers: [], countries: ["NZ"], max: 25)], held)
        #expect(byCountry.rules[0].have == Span(exactly: 70) && byCountry.status == .complete)
        // Exactly at the cap: nothing cut.
        let atCap = Self.progress([.totalCredits(min: 1), .capOutside(providers: [], countries: ["NZ"], max: 20)], held)
        #expect(atCap.rules[1].cut == .zero)
    }

    @Test("recency: issued on the cut-off day counts, the day before does not; undated credentials do not count")
    func recency() {
        var undated = Self.held("undated", credits: 10)
        undated.issuedOn = nil
        let held = [Self.held("on", on: "2021-12-01", credits: 10), Self.held("before", on: "2021-11-30", credits: 10), undated]
        let progress = Self.progress([.totalCredits(min: 10), .recency(years: 5)], held)
        #expect(progress.rules[0].have == Span(exactly: 10))
        #expect(progress.rules[1].cutoff == "2021-12-01")
        #expect(progress.rules[1].matched == [1, 2])
        #expect(progress.uses[1].excluded == .tooOld)
        #expect(progress.uses[2].excluded == .undated)
        // Leap day: five years before 29 February 2028 is 28 February 2023.
        #expect(Self.progress([.recency(years: 5)], [], on: "2028-02-29").rules[0].cutoff == "2023-02-28")
    }

    @Test("prior learning is capped; a credential both outside and prior learning is capped by both")
    func priorLearning() {
        let held = [
            Self.held("rpl", credits: 30, prior: true), Self.held("course", credits: 30),
            Self.held("both", provider: "au-x", country: "AU", credits: 20, prior: true),
        ]
        let progress = Self.progress(
            [.totalCredits(min: 60), .priorLearningCap(max: 35), .capOutside(providers: [], countries: ["NZ"], max: 10)], held)
        // rpl 30 (prior allowance 35 → 5 left), course 30, both: outside allows 10, prior allows 5 → 5.
        #expect(progress.rules[0].have == Span(exactly: 65))
        #expect(progress.uses[2].counted == Span(exactly: 5))
        #expect(progress.rules[1].have == Span(exactly: 50) && progress.rules[1].cut == Span(exactly: 15))
        #expect(progress.status == .complete)
    }

    @Test("duplicates: the newer award of the same achievement counts once")
    func duplicates() {
        let held = [
            Self.held("old", unit: "mc-same", on: "2024-01-01", credits: 15), Self.held("new", unit: "mc-same", on: "2025-01-01", credits: 15),
            Self.held("again", unit: "mc-same", on: "2023-01-01", credits: 15),
        ]
        let progress = Self.progress([.totalCredits(min: 30), .requiredUnits(["mc-same"])], held)
        #expect(progress.rules[0].have == Span(exactly: 15))
        #expect(progress.uses[0].excluded == .duplicate(of: 1))
        #expect(progress.uses[2].excluded == .duplicate(of: 1))
        #expect(progress.uses[1].excluded == nil)
        #expect(progress.rules[1].status == .met)
    }

    @Test("rules read and write their JSON form; a bad pathway says what is wrong")
    func rulesJSON() throws {
        let json = """
            [{"kind":"total-credits","min_credits":140},{"kind":"units-from-list","label":"Major","units":["a","b"],"min_credits":60},
             {"kind":"cap-outside","countries":["KR"],"max_credits":30},{"kind":"recency","years":10}]
            """
        let rules = try JSONDecoder().decode([PathwayRule].self, from: Data(json.utf8))
        #expect(rules[1].label == "Major" && rules[1].kind == .fromList(units: ["a", "b"], minCredits: 60, minCount: nil))
        let again = try JSONDecoder().decode([PathwayRule].self, from: JSONEncoder().encode(rules))
        #expect(again == rules)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PathwayRule].self, from: Data(#"[{"kind":"vibes"}]"#.utf8)) }
        let bad = Qualification(
            id: "Bad Id", title: "", framework: "nzqcf", level: 11,
            rules: [.init(.totalCredits(min: -1)), .init(.fromList(units: ["a", "a"], minCredits: nil, minCount: nil)), .init(.recency(years: 0))],
            savedAt: Date())
        // An empty list with a count (sent by an API fuzzer once) is an issue, not a crash.
        let empty = Qualification(
            id: "q", title: "Q", awardingBody: "Body", framework: "nzqcf", rules: [.init(.fromList(units: [], minCredits: nil, minCount: 1))],
            savedAt: Date())
        #expect(empty.issues(frameworks: [Self.nz]).map(\.field) == ["rules[0].units"])
        let fields = Set(bad.issues(frameworks: [Self.nz]).map(\.field))
        #expect(
            fields == [
                "id", "title", "provider", "level", "rules[0].min_credits", "rules[1].units", "rules[1].min_credits", "rules[2].years",
            ])
    }
}
