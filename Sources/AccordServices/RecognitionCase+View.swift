import Foundation
import RecognitionCore

/// A case as the API answers it and the CLI prints it (snake_case on the wire). Credentials are named, not repeated:
/// `has_credential` says a signed document was submitted.
public struct CaseView: Sendable, Encodable {
    public struct Item: Sendable, Encodable {
        public var source: CaseItem.Source
        public var title: String
        public var awardedBy: String?
        public var country: String?
        public var provider: String?
        public var microcredential: String?
        public var framework: String?
        public var level: Int?
        public var credits: Double?
        public var hours: Double?
        public var issuedOn: String?
        public var description: String?
        public var hasCredential: Bool
        public var recordEntry: String?
    }

    public var id: String
    public var nic: String
    public var applicant: String?
    public var applicantName: String
    public var applicantEmail: String?
    public var purpose: RecognitionCase.Purpose
    public var kind: RecognitionCase.Kind
    public var note: String?
    public var state: CaseWorkflow.Name
    public var assignedTo: String?
    public var overdue: Bool
    public var items: [Item]
    public var evidence: CaseEvidence?
    public var decision: Decision?
    public var appeal: Appeal?
    public var appealDecision: Decision?
    /// Statement ids, first decision first.
    public var statements: [String]
    /// Scanned documents attached, without their bytes.
    public var documents: [CaseDocument]
    public var createdAt: Date
    public var submittedAt: Date?
    public var dueAt: Date?
    public var closedAt: Date?

    public init(_ c: RecognitionCase, documents: [CaseDocument] = [], now: Date) {
        id = c.id.rawValue
        nic = c.nic.rawValue
        applicant = c.applicant?.rawValue
        applicantName = c.applicantName
        applicantEmail = c.applicantEmail
        purpose = c.purpose
        kind = c.kind
        note = c.note
        state = c.workflow.name
        if case .underAssessment(let by, _) = c.workflow.state { assignedTo = by.rawValue }
        overdue = c.isOverdue(at: now)
        items = c.items.map {
            Item(
                source: $0.source, title: $0.title, awardedBy: $0.awardedBy, country: $0.country, provider: $0.provider?.rawValue,
                microcredential: $0.microcredential?.rawValue, framework: $0.framework?.rawValue, level: $0.level, credits: $0.credits,
                hours: $0.hours, issuedOn: $0.issuedOn, description: $0.description, hasCredential: $0.document != nil,
                recordEntry: $0.recordEntry?.rawValue)
        }
        evidence = c.evidence
        decision = c.workflow.firstDecision
        appeal = c.workflow.appeal
        if case .appealDecided(_, _, let final) = c.workflow.state { appealDecision = final }
        statements = c.statements
        self.documents = documents
        createdAt = c.createdAt
        submittedAt = c.submittedAt
        dueAt = c.dueAt
        closedAt = c.closedAt
    }
}

/// A queue line on the wire.
public struct CaseLine: Sendable, Encodable {
    public var id: String
    public var nic: String
    public var applicantName: String
    public var title: String
    public var state: CaseWorkflow.Name
    public var originCountry: String?
    public var submittedAt: Date?
    public var dueAt: Date?
    public var overdue: Bool
    public var ageDays: Int?
    public var outcome: Decision.Outcome?

    public init(_ s: CaseSummary, now: Date) {
        id = s.id.rawValue
        nic = s.nic.rawValue
        applicantName = s.applicantName
        title = s.title
        state = s.state
        originCountry = s.originCountry
        submittedAt = s.submittedAt
        dueAt = s.dueAt
        overdue = s.state.isOpen && (s.dueAt.map { $0 < now } ?? false)
        ageDays = s.submittedAt.map { Int(now.timeIntervalSince($0) / 86_400) }
        outcome = s.outcome
    }
}
