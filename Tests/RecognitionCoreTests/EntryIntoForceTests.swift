import RecognitionCore
import Testing

/// Entry into force computed from deposits: the Tokyo and Lisbon rule (first day of the month after one month), the
/// Global rule (three months), partial and bounded dates, the adoption date as a floor, and a party that withdraws.
@Suite struct EntryIntoForceTests {
    static let tokyoRule = Convention.EntryIntoForceRule(instrumentsRequired: 5, delayMonths: 1, fromFirstOfNextMonth: true)
    static let globalRule = Convention.EntryIntoForceRule(instrumentsRequired: 20, delayMonths: 3)

    static func day(_ text: String) -> CalendarDay {
        guard let day = CalendarDay(text) else { preconditionFailure("not a day: \(text)") }
        return day
    }

    static func party(
        _ country: String, deposit: String? = nil, notAfter: String? = nil, notBefore: String? = nil, effective: String? = nil,
        withdrawn: String? = nil
    ) -> StateParty {
        StateParty(
            state: "State \(country)", country: country, depositDate: deposit, depositNotBefore: notBefore, depositNotAfter: notAfter,
            effectiveDate: effective, withdrawalEffective: withdrawn)
    }

    static func convention(_ rule: Convention.EntryIntoForceRule, adopted: String, inForce: String?, _ parties: [StateParty]) -> Convention {
        Convention(
            id: "test", shortName: "Test", title: "Test convention", adopted: .init(date: adopted), entryIntoForce: rule, inForceDate: inForce,
            parties: parties)
    }

    @Test("calendar arithmetic: a month after 31 January is the last of February; the first of the next month")
    func calendar() {
        #expect(Self.day("2018-01-31").adding(months: 1) == Self.day("2018-02-28"))
        #expect(Self.day("2020-01-31").adding(months: 1) == Self.day("2020-02-29"))
        #expect(Self.day("2022-12-05").adding(months: 3) == Self.day("2023-03-05"))
        #expect(Self.day("2023-03-05").adding(months: -3) == Self.day("2022-12-05"))
        #expect(Self.day("2017-12-31").adding(days: 1) == Self.day("2018-01-01"))
        #expect(Self.day("2018-03-01").adding(days: -1) == Self.day("2018-02-28"))
        #expect(Self.day("2018-12-19").firstOfNextMonth == Self.day("2019-01-01"))
        #expect(CalendarDay("2019-02-29") == nil)
        #expect(DayRange(partial: "2017-02")?.description == "between 2017-02-01 and 2017-02-28")
        #expect(DayRange(partial: "2017-13") == nil)
    }

    @Test("the Tokyo rule: first day of the month following the expiration of one month after the deposit")
    func tokyoDelay() {
        let rule = Self.tokyoRule
        #expect(rule.effect(of: Self.day("2017-12-19")) == Self.day("2018-02-01"))
        #expect(rule.effect(of: Self.day("2018-07-18")) == Self.day("2018-09-01"))
        // Deposited on the first: the month expires on the first of the next month, in force the month after.
        #expect(rule.effect(of: Self.day("2018-01-01")) == Self.day("2018-03-01"))
        #expect(rule.effect(of: Self.day("2018-01-31")) == Self.day("2018-03-01"))
        #expect(rule.deposits(takingEffectOn: Self.day("2019-05-01")) == DayRange(earliest: Self.day("2019-03-01"), latest: Self.day("2019-03-31")))
        #expect(rule.deposits(takingEffectOn: Self.day("2019-05-02")) == nil)
    }

    @Test("the rule's text is read when no computable form is recorded")
    func recognisedText() {
        let tokyo = Convention.EntryIntoForceRule.recognized(
            "first day of the month following the expiration of one month after the fifth consent")
        #expect(tokyo?.months == 1 && tokyo?.fromFirstOfNextMonth == true)
        let global = Convention.EntryIntoForceRule.recognized("Three months after the deposit of the 20th instrument")
        #expect(global?.months == 3 && global?.fromFirstOfNextMonth == false)
        #expect(Convention.EntryIntoForceRule.recognized("Article text not retrieved") == nil)
    }

    @Test("Tokyo: five deposits, the fifth on 2017-12-19, in force 2018-02-01; a bound deposit is named as relied on")
    func tokyo() {
        let result = EntryIntoForce(
            Self.convention(
                Self.tokyoRule, adopted: "2011-11-26", inForce: "2018-02-01",
                [
                    Self.party("AU", deposit: "2014-07-17", effective: "2018-02-01"),
                    Self.party("CN", deposit: "2014-07-17", effective: "2018-02-01"),
                    Self.party("NZ", notAfter: "2017-02", effective: "2018-02-01"),
                    Self.party("JP", deposit: "2017-12-06", effective: "2018-02-01"),
                    Self.party("KR", deposit: "2017-12-19", effective: "2018-02-01"),
                    Self.party("VA", deposit: "2018-07-18", effective: "2018-09-01"),
                    Self.party("MN", effective: "2019-05-01"),
                ]))
        #expect(result.computed == DayRange(Self.day("2018-02-01")))
        #expect(result.instrument == DayRange(Self.day("2017-12-19")))
        #expect(result.check == .agrees)
        #expect(result.reliesOn == ["State NZ"])
        #expect(result.flags.isEmpty)
        let byCountry = Dictionary(uniqueKeysWithValues: result.parties.map { ($0.country, $0) })
        #expect(byCountry["NZ"]?.computedEffective == DayRange(Self.day("2018-02-01")))
        #expect(byCountry["NZ"]?.check == .agrees)
        #expect(byCountry["VA"]?.computedEffective == DayRange(Self.day("2018-09-01")))
        #expect(byCountry["MN"]?.basis == .inferred)
        #expect(byCountry["MN"]?.deposit == DayRange(earliest: Self.day("2019-03-01"), latest: Self.day("2019-03-31")))
        #expect(byCountry["KR"]?.founding == true)
        #expect(byCountry["VA"]?.founding == false)
    }

    @Test("a wrong record is flagged by name, with the computed date beside it")
    func disagreement() {
        let result = EntryIntoForce(
            Self.convention(
                Self.tokyoRule, adopted: "2011-11-26", inForce: "2018-01-01",
                [
                    Self.party("AU", deposit: "2014-07-17"), Self.party("CN", deposit: "2014-07-17"), Self.party("NZ", deposit: "2016-02-19"),
                    Self.party("JP", deposit: "2017-12-06"), Self.party("KR", deposit: "2017-12-19"),
                    Self.party("VA", deposit: "2018-07-18", effective: "2018-08-01"),
                ]))
        #expect(result.check == .disagrees)
        #expect(result.flags.map(\.message) == ["entry into force", "State VA: effective date"])
        #expect(result.flags.last?.computed == "2018-09-01")
    }

    @Test("Global: three months after the 20th deposit, for the first twenty and then each later party")
    func global() {
        var parties = (1...18).map { Self.party("X\(Character(UnicodeScalar(64 + $0) ?? "A"))", deposit: "2021-0\($0 % 9 + 1)-10") }
        parties += [Self.party("IS", deposit: "2022-12-05"), Self.party("AD", deposit: "2022-12-05")]
        parties += [Self.party("NZ", deposit: "2024-09-17", effective: "2024-12-17"), Self.party("AU", deposit: "2023-02")]
        let result = EntryIntoForce(Self.convention(Self.globalRule, adopted: "2019-11-25", inForce: "2023-03-05", parties))
        #expect(result.computed == DayRange(Self.day("2023-03-05")))
        #expect(result.check == .agrees)
        let byCountry = Dictionary(uniqueKeysWithValues: result.parties.map { ($0.country, $0) })
        #expect(byCountry["NZ"]?.check == .agrees)
        #expect(byCountry["AU"]?.computedEffective == DayRange(earliest: Self.day("2023-05-01"), latest: Self.day("2023-05-28")))
        // Known only to the month, but every day of that month follows the 20th deposit: the result does not rest on it.
        #expect(!result.reliesOn.contains("State AU"))
    }

    @Test("Lisbon: too few deposits on record to compute, later parties still checked against the recorded date")
    func lisbon() {
        let rule = Convention.EntryIntoForceRule(instrumentsRequired: 5, delayMonths: 1, fromFirstOfNextMonth: true)
        let result = EntryIntoForce(
            Self.convention(
                rule, adopted: "1997-04-11", inForce: "1999-02-01",
                [Self.party("GR", deposit: "2024-09-13", effective: "2024-11-01"), Self.party("AU"), Self.party("NZ", effective: "2008-04-01")]))
        #expect(result.computed == nil)
        #expect(result.check == .unchecked(reason: "3 of the 5 instruments required are on record"))
        let byCountry = Dictionary(uniqueKeysWithValues: result.parties.map { ($0.country, $0) })
        #expect(byCountry["GR"]?.computedEffective == DayRange(Self.day("2024-11-01")))
        #expect(byCountry["GR"]?.check == .agrees)
        #expect(byCountry["AU"]?.computedEffective == DayRange(earliest: Self.day("1999-02-01"), latest: nil))
    }

    @Test("a deposit dated only by the year of adoption cannot precede the adoption")
    func adoptionFloor() {
        let rule = Convention.EntryIntoForceRule(instrumentsRequired: 2, delayMonths: 1, fromFirstOfNextMonth: true)
        let result = EntryIntoForce(
            Self.convention(rule, adopted: "1983-12-16", inForce: nil, [Self.party("AU", deposit: "1983"), Self.party("CN", deposit: "1983-12-20")]))
        let byCountry = Dictionary(uniqueKeysWithValues: result.parties.map { ($0.country, $0) })
        #expect(byCountry["AU"]?.deposit == DayRange(earliest: Self.day("1983-12-16"), latest: Self.day("1983-12-31")))
        // The second instrument: between the 20th (CN, if AU came first) and the 31st (AU, if it came last).
        #expect(result.instrument == DayRange(earliest: Self.day("1983-12-20"), latest: Self.day("1983-12-31")))
        #expect(result.computed == DayRange(earliest: Self.day("1984-02-01"), latest: Self.day("1984-02-01")))
        #expect(result.check == .unchecked(reason: "no date of entry into force is recorded"))
        #expect(result.reliesOn == ["State AU"])
    }

    @Test("a party that withdrew before the required deposit does not count toward entry into force")
    func withdrawal() {
        let rule = Convention.EntryIntoForceRule(instrumentsRequired: 3, delayMonths: 3)
        let parties = [
            Self.party("AA", deposit: "2020-01-10"), Self.party("BB", deposit: "2020-02-10", withdrawn: "2020-06-30"),
            Self.party("CC", deposit: "2020-09-10"), Self.party("DD", deposit: "2021-01-10"),
        ]
        let result = EntryIntoForce(Self.convention(rule, adopted: "2019-11-25", inForce: "2021-04-10", parties))
        #expect(result.instrument == DayRange(Self.day("2021-01-10")))
        #expect(result.computed == DayRange(Self.day("2021-04-10")))
        #expect(result.check == .agrees)
        #expect(result.parties.first { $0.country == "BB" }?.withdrawn == Self.day("2020-06-30"))
        // Withdrawn after the convention was in force: it still counted.
        var later = parties
        later[1].withdrawalEffective = "2022-01-01"
        #expect(EntryIntoForce(Self.convention(rule, adopted: "2019-11-25", inForce: nil, later)).computed == DayRange(Self.day("2020-12-10")))
    }

    @Test("no computable rule: nothing is computed and nothing is flagged")
    func noRule() {
        let result = EntryIntoForce(
            Self.convention(
                .init(delay: "Article text not retrieved"), adopted: "1983-12-16", inForce: "1985-10-23", [Self.party("AU", deposit: "1985")]))
        #expect(result.computed == nil)
        #expect(result.flags.isEmpty)
        #expect(result.parties.allSatisfy { if case .unchecked = $0.check { true } else { false } })
    }
}
