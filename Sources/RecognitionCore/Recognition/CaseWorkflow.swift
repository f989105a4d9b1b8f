import Foundation

/// Where a recognition case stands, and the events that move it (STYLE.md §2.3): draft → submitted → evidence gathered
/// → under assessment → decided → [appealed → appeal decided]; withdrawn from any open state.
public struct CaseWorkflow: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case draft
        case submitted(at: Date)
        case evidenceGathered(at: Date)
        case underAssessment(by: Account.ID, since: Date)
        case decided(Decision)
        case appealed(Decision, Appeal)
        case appealDecided(Decision, Appeal, Decision)
        case withdrawn(at: Date, from: Name)
    }

    /// The states by name, as the database stores them and the queue filters them.
    public enum Name: String, Sendable, Codable, CaseIterable {
        case draft
        case submitted
        case evidenceGathered = "evidence-gathered"
        case underAssessment = "under-assessment"
        case decided
        case appealed
        case appealDecided = "appeal-decided"
        case withdrawn

        /// Open states: the applicant may still withdraw, the case counts in the queue.
        public var isOpen: Bool { ![.decided, .appealDecided, .withdrawn].contains(self) }
    }

    public enum Event: Sendable, Equatable {
        case submit
        /// The automatic evidence (verification, registry, comparison, precedents, convention status) is attached.
        case recordEvidence
        /// An evaluator takes the case (or another evaluator takes it over).
        case assign(Account.ID)
        case decide(Decision)
        case appeal(Appeal)
        case decideAppeal(Decision)
        case withdraw

        public var name: String {
            switch self {
            case .submit: "submit"
            case .recordEvidence: "record-evidence"
            case .assign: "assign"
            case .decide: "decide"
            case .appeal: "appeal"
            case .decideAppeal: "decide-appeal"
            case .withdraw: "withdraw"
            }
        }
    }

    public enum TransitionError: Error, Sendable, Equatable {
        /// The event does not apply in this state (HTTP 409).
        case notAllowed(from: Name, event: String)
        /// The decision is incomplete (HTTP 422).
        case invalidDecision([ValidationIssue])

        public var message: String {
            switch self {
            case .notAllowed(let from, let event): "a case that is \(from.rawValue) cannot take '\(event)'"
            case .invalidDecision(let issues): issues.map(\.description).joined(separator: "; ")
            }
        }
    }

    public private(set) var state: State

    public init(state: State = .draft) { self.state = state }

    public var name: Name {
        switch state {
        case .draft: .draft
        case .submitted: .submitted
        case .evidenceGathered: .evidenceGathered
        case .underAssessment: .underAssessment
        case .decided: .decided
        case .appealed: .appealed
        case .appealDecided: .appealDecided
        case .withdrawn: .withdrawn
        }
    }

    /// The decision in force: the appeal's once decided, else the first.
    public var decision: Decision? {
        switch state {
        case .decided(let decision), .appealed(let decision, _): decision
        case .appealDecided(_, _, let final): final
        default: nil
        }
    }

    public var firstDecision: Decision? {
        switch state {
        case .decided(let decision), .appealed(let decision, _), .appealDecided(let decision, _, _): decision
        default: nil
        }
    }

    public var appeal: Appeal? {
        switch state {
        case .appealed(_, let appeal), .appealDecided(_, let appeal, _): appeal
        default: nil
        }
    }

    public mutating func apply(_ event: Event, now: Date) throws(TransitionError) {
        switch (state, event) {
        case (.draft, .submit):
            state = .submitted(at: now)
        case (.submitted, .recordEvidence):
            state = .evidenceGathered(at: now)
        case (.evidenceGathered, .assign(let evaluator)), (.underAssessment, .assign(let evaluator)):
            state = .underAssessment(by: evaluator, since: now)
        case (.underAssessment, .decide(let decision)):
            let issues = decision.issues
            guard issues.isEmpty else { throw .invalidDecision(issues) }
            state = .decided(decision)
        case (.decided(let decision), .appeal(let appeal)):
            guard !appeal.grounds.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, appeal.grounds.count <= 10_000 else {
                throw .invalidDecision([.init(field: "grounds", message: "say why the decision should change (at most 10000 characters)")])
            }
            state = .appealed(decision, appeal)
        case (.appealed(let first, let appeal), .decideAppeal(let decision)):
            let issues = decision.issues
            guard issues.isEmpty else { throw .invalidDecision(issues) }
            state = .appealDecided(first, appeal, decision)
        case (_, .withdraw) where name.isOpen:
            state = .withdrawn(at: now, from: name)
        default:
            throw .notAllowed(from: name, event: event.name)
        }
    }
}

/// The applicant's appeal against a decision: their grounds and when they lodged it.
public struct Appeal: Sendable, Equatable, Codable {
    public var grounds: String
    public var lodgedAt: Date

    public init(grounds: String, lodgedAt: Date) {
        self.grounds = grounds
        self.lodgedAt = lodgedAt
    }
}
