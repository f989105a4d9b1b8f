import Foundation
import RecognitionCore
import TestSupport
import Testing

@Suite("core rules")
struct CoreRulesTests {
    @Test("CSV: quotes, doubled quotes, CRLF, unterminated quote")
    func csv() throws {
        #expect(try CSV.parse("a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,2,3\n") == [["a", "b, c", "say \"hi\""], ["1", "2", "3"]])
        #expect(throws: CSV.Error.unterminatedQuote(line: 1)) { try CSV.parse("a,\"b\n") }
    }

    @Test("CSV lines quote what needs quoting, defuse formulas, and read back")
    func csvLine() throws {
        let line = CSV.line(["plain", "a, b", "say \"hi\"", "two\nlines", "=HYPERLINK(\"x\")", "-3"])
        #expect(line == "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\"'=HYPERLINK(\"\"x\"\")\",'-3\r\n")
        #expect(try CSV.parse(line) == [["plain", "a, b", "say \"hi\"", "two\nlines", "'=HYPERLINK(\"x\")", "'-3"]])
    }

    @Test("roles and scopes decide registry writes")
    func authorize() throws {
        let staff = Account(id: "s", email: "s@x", displayName: "S", role: .providerStaff("nz-a"), createdAt: .t0)
        let learner = Account(id: "l", email: "l@x", displayName: "L", role: .learner, createdAt: .t0)
        try Optional(staff).authorize(.editMicrocredentials(of: "nz-a"))
        #expect(throws: AccessError.self) { try Optional(staff).authorize(.editMicrocredentials(of: "nz-b")) }
        #expect(throws: AccessError.self) { try Optional(learner).authorize(.editMicrocredentials(of: "nz-a")) }
        #expect(throws: AccessError.unauthenticated) { try Optional<Account>.none.authorize(.manageProviders) }
    }

    @Test("NZQA size rule: 45 credits is not met, 12 is")
    func nzqaSize() {
        let provider = Provider.fixture("nz-test")
        let framework = Framework.fixture()
        func outcome(_ credits: Double) -> ConformanceReport.Outcome? {
            let report = ConformanceReport.check(.fixture(credits: credits), provider: provider, framework: framework)
            return report.sections.first { $0.rule == .nzqa }?.elements.first { $0.element.hasPrefix("Size") }?.outcome
        }
        #expect(outcome(45) == .notMet)
        #expect(outcome(12) == .met)
    }

    @Test("UNESCO's QA element needs a known QA standing, not just a named body; standalone value names what is missing")
    func qaAndStandalone() {
        func element(_ item: Microcredential, _ provider: Provider, _ prefix: String) -> ConformanceReport.Element? {
            ConformanceReport.check(item, provider: provider, framework: .fixture()).sections.first { $0.rule == .unesco2022 }?
                .elements.first { $0.element.hasPrefix(prefix) }
        }
        var unapproved = Microcredential.fixture()
        unapproved.qaType = nil
        #expect(element(unapproved, .fixture(status: .unknown), "Meets")?.outcome == .missing)
        #expect(element(.fixture(), .fixture(status: .unknown), "Meets")?.outcome == .met)  // the listing's own approval
        #expect(element(unapproved, .fixture(status: .accredited), "Meets")?.outcome == .met)
        #expect(element(unapproved, .fixture(status: .withdrawn), "Meets")?.outcome == .notMet)
        var noOutcomes = Microcredential.fixture()
        noOutcomes.learningOutcomes = []
        #expect(element(noOutcomes, .fixture(), "Has standalone")?.explanation == "learning outcomes not stated")
    }

    @Test("a key is compromised from no earlier than its creation; its creation day's start means its creation")
    func compromiseStart() throws {
        let created = Date.t0.addingTimeInterval(9 * 3600)  // 09:00 UTC on t0's day
        func start(_ date: Date, _ state: NICKey.State = .active) throws -> Date {
            try NICKey(id: "k", nic: "nz-nzqa", didKey: "did:key:z", publicKeyMultibase: "z", createdAt: created, state: state).compromiseStart(date)
        }
        #expect(try start(created.addingTimeInterval(60)) == created.addingTimeInterval(60))
        #expect(try start(Date.t0, .retired) == created)
        #expect(throws: ValidationFailure.self) { try start(Date.t0.addingTimeInterval(-1)) }
        #expect(throws: ValidationFailure.self) { try start(created, .compromised) }
        let key = NICKey(id: "k", nic: "nz-nzqa", didKey: "did:key:z", publicKeyMultibase: "z", createdAt: created, compromisedFrom: created)
        #expect(key.trusted(at: created.addingTimeInterval(-1)) && !key.trusted(at: created))
    }
}
