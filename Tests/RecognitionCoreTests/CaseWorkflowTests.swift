import Foundation
import RecognitionCore
import Testing

/// The recognition case's state machine: every (state, event) pair with its expected result (STYLE.md, workflows).
@Suite struct CaseWorkflowTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let evaluator: Account.ID = "acc-evaluator"
    static let full = Decision(outcome: .full, reasons: "Comparable level and workload.", decidedBy: evaluator, decidedAt: t0)
    static let partial = Decision(
        outcome: .partial, credits: 15, differences: [.init(kind: .workload, text: "Half the workload of the NZ programme.")],
        reasons: "Recognised as credit toward a level 5 programme.", decidedBy: evaluator, decidedAt: t0)
    static let appeal = Appeal(grounds: "The workload was under-counted.", lodgedAt: t0)

    static let states: [(String, CaseWorkflow.State)] = [
        ("draft", .draft), ("submitted", .submitted(at: t0)), ("evidence-gathered", .evidenceGathered(at: t0)),
        ("under-assessment", .underAssessment(by: evaluator, since: t0)), ("decided", .decided(partial)),
        ("appealed", .appealed(partial, appeal)), ("appeal-decided", .appealDecided(partial, appeal, full)),
        ("withdrawn", .withdrawn(at: t0, from: .submitted)),
    ]
    static let events: [CaseWorkflow.Event] = [
        .submit, .recordEvidence, .assign("acc-other"), .decide(partial), .appeal(appeal), .decideAppeal(full), .withdraw,
    ]

    /// The state each legal pair leads to; every pair not listed must be refused with `notAllowed`.
    static let legal: [String: CaseWorkflow.Name] = [
        "draft submit": .submitted, "draft withdraw": .withdrawn,
        "submitted record-evidence": .evidenceGathered, "submitted withdraw": .withdrawn,
        "evidence-gathered assign": .underAssessment, "evidence-gathered withdraw": .withdrawn,
        "under-assessment assign": .underAssessment, "under-assessment decide": .decided, "under-assessment withdraw": .withdrawn,
        "decided appeal": .appealed,
        "appealed decide-appeal": .appealDecided, "appealed withdraw": .withdrawn,
    ]

    @Test("every (state, event) pair: the legal ones move, the rest are refused naming the state and the event")
    func transitionTable() {
        var checked = 0
        for (name, state) in Self.states {
            for event in Self.events {
                var workflow = CaseWorkflow(state: state)
                let key = "\(name) \(event.name)"
                do {
                    try workflow.apply(event, now: Self.t0.addingTimeInterval(60))
                    #expect(Self.legal[key] == workflow.name, "\(key) moved to \(workflow.name)")
                } catch {
                    #expect(Self.legal[key] == nil, "\(key) was refused: \(error)")
                    #expect(error == .notAllowed(from: CaseWorkflow.Name(rawValue: name) ?? .draft, event: event.name))
                    #expect(error.message.contains(name) && error.message.contains(event.name))
                    #expect(workflow.state == state, "a refused event leaves the state as it was")
                }
                checked += 1
            }
        }
        #expect(checked == Self.states.count * Self.events.count)
        #expect(checked == CaseWorkflow.Name.allCases.count * 7)
    }

    @Test("the states carry their data: who assessed, the first decision kept through the appeal, where it was withdrawn from")
    func stateData() throws {
        var workflow = CaseWorkflow()
        try workflow.apply(.submit, now: Self.t0)
        try workflow.apply(.recordEvidence, now: Self.t0)
        try workflow.apply(.assign(Self.evaluator), now: Self.t0)
        #expect(workflow.state == .underAssessment(by: Self.evaluator, since: Self.t0))
        try workflow.apply(.decide(Self.partial), now: Self.t0)
        try workflow.apply(.appeal(Self.appeal), now: Self.t0)
        #expect(workflow.decision == Self.partial && workflow.appeal == Self.appeal)
        try workflow.apply(.decideAppeal(Self.full), now: Self.t0)
        #expect(workflow.decision == Self.full && workflow.firstDecision == Self.partial)
        #expect(!workflow.name.isOpen)
        var withdrawn = CaseWorkflow(state: .evidenceGathered(at: Self.t0))
        try withdrawn.apply(.withdraw, now: Self.t0)
        #expect(withdrawn.state == .withdrawn(at: Self.t0, from: .evidenceGathered))
    }

    @Test("less than full recognition needs a substantial difference and its specifics; an appeal needs grounds")
    func decisionsNeedReasons() {
        var workflow = CaseWorkflow(state: .underAssessment(by: Self.evaluator, since: Self.t0))
        let bare = Decision(outcome: .refused, reasons: "No.", decidedBy: Self.evaluator, decidedAt: Self.t0)
        #expect(throws: CaseWorkflow.TransitionError.self) { try workflow.apply(.decide(bare), now: Self.t0) }
        #expect(workflow.name == .underAssessment)
        let cases: [(Decision, String)] = [
            (
                Decision(
                    outcome: .partial, differences: [.init(kind: .level, text: "x")], reasons: "r", decidedBy: Self.evaluator, decidedAt: Self.t0),
                "credits"
            ),
            (
                Decision(
                    outcome: .conditional, differences: [.init(kind: .level, text: "x")], reasons: "r", decidedBy: Self.evaluator, decidedAt: Self.t0),
                "conditions"
            ),
            (
                Decision(
                    outcome: .alternative, differences: [.init(kind: .level, text: "x")], reasons: "r", decidedBy: Self.evaluator, decidedAt: Self.t0),
                "level"
            ),
            (Decision(outcome: .full, reasons: " ", decidedBy: Self.evaluator, decidedAt: Self.t0), "reasons"),
            (
                Decision(
                    outcome: .refused, differences: [.init(kind: .purpose, text: "  ")], reasons: "r", decidedBy: Self.evaluator, decidedAt: Self.t0),
                "differences[0].text"
            ),
        ]
        for (decision, field) in cases {
            #expect(decision.issues.map(\.field).contains(field), "\(decision.outcome): \(decision.issues)")
        }
        #expect(Self.full.issues.isEmpty && Self.partial.issues.isEmpty)
        var decided = CaseWorkflow(state: .decided(Self.partial))
        #expect(throws: CaseWorkflow.TransitionError.self) { try decided.apply(.appeal(Appeal(grounds: " ", lodgedAt: Self.t0)), now: Self.t0) }
    }

    @Test("precedent keys fold case, accents and punctuation, and keep the framework level")
    func precedentKeys() {
        let a = CaseItem(source: .described, title: "Diploma in Māori Studies", awardedBy: "Te Wānanga", framework: "nzqcf", level: 5)
        let b = CaseItem(source: .upload, title: "diploma in maori studies.", awardedBy: "TE WANANGA", framework: "nzqcf", level: 5)
        let c = CaseItem(source: .upload, title: "diploma in maori studies", awardedBy: "te wananga", framework: "nzqcf", level: 6)
        #expect(a.precedentKey == b.precedentKey)
        #expect(a.precedentKey != c.precedentKey)
    }
}
