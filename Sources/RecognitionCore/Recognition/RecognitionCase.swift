import Foundation

/// An application to a NIC to recognise one or more credentials (DESIGN.md §2): who applies, for what purpose, what
/// they submit, where the case stands, the evidence gathered on submission and the statements issued.
public struct RecognitionCase: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<RecognitionCase>

    public enum Purpose: String, Sendable, Codable, CaseIterable {
        case furtherStudy = "further-study"
        case employment
        case professionalPractice = "professional-practice"
    }

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case wholeQualification = "whole-qualification"
        case microcredential
        case partialStudies = "partial-studies"
        case priorLearning = "prior-learning"
    }

    public static let maxItems = 20

    public var id: ID
    public var nic: NIC.ID
    /// The learner who applies; nil when the NIC entered the case for someone without an account.
    public var applicant: Account.ID?
    public var applicantName: String
    public var applicantEmail: String?
    /// Who created the case (the learner, or the evaluator entering it).
    public var createdBy: Account.ID
    public var purpose: Purpose
    public var kind: Kind
    public var note: String?
    public var items: [CaseItem]
    public var workflow: CaseWorkflow
    public var evidence: CaseEvidence?
    /// The ids of the recognition statements issued, first decision first.
    public var statements: [String]
    public var createdAt: Date
    public var submittedAt: Date?
    /// Submission plus the NIC's target time.
    public var dueAt: Date?
    public var closedAt: Date?

    public init(
        id: ID, nic: NIC.ID, applicant: Account.ID?, applicantName: String, applicantEmail: String? = nil, createdBy: Account.ID,
        purpose: Purpose, kind: Kind, note: String? = nil, items: [CaseItem], workflow: CaseWorkflow = .init(),
        evidence: CaseEvidence? = nil, statements: [String] = [], createdAt: Date, submittedAt: Date? = nil, dueAt: Date? = nil,
        closedAt: Date? = nil
    ) {
        self.id = id
        self.nic = nic
        self.applicant = applicant
        self.applicantName = applicantName
        self.applicantEmail = applicantEmail
        self.createdBy = createdBy
        self.purpose = purpose
        self.kind = kind
        self.note = note
        self.items = items
        self.workflow = workflow
        self.evidence = evidence
        self.statements = statements
        self.createdAt = createdAt
        self.submittedAt = submittedAt
        self.dueAt = dueAt
        self.closedAt = closedAt
    }

    /// Where the credentials come from: the first item's country that is known.
    public var originCountry: String? { items.lazy.compactMap(\.country).first }

    public func isOverdue(at now: Date) -> Bool { workflow.name.isOpen && (dueAt.map { $0 < now } ?? false) }
}

/// One credential submitted with a case: from the learner's record, uploaded as a file, or described (with what the
/// applicant states) when no digital credential exists.
public struct CaseItem: Sendable, Equatable, Codable {
    public enum Source: String, Sendable, Codable {
        case record
        case upload
        case described
    }

    public var source: Source
    public var title: String
    public var awardedBy: String?
    /// ISO 3166 alpha-2 of the awarding body.
    public var country: String?
    public var provider: Provider.ID?
    /// The registry listing the credential is for, when Accord knows it.
    public var microcredential: Microcredential.ID?
    public var framework: Framework.ID?
    public var level: Int?
    public var credits: Double?
    public var hours: Double?
    public var issuedOn: String?
    /// Learning outcomes or other description, as the applicant gives it.
    public var description: String?
    /// The credential itself (JSON or a VC-JWT) when there is one.
    public var document: String?
    public var recordEntry: RecordEntry.ID?

    public init(
        source: Source, title: String, awardedBy: String? = nil, country: String? = nil, provider: Provider.ID? = nil,
        microcredential: Microcredential.ID? = nil, framework: Framework.ID? = nil, level: Int? = nil, credits: Double? = nil, hours: Double? = nil,
        issuedOn: String? = nil,
        description: String? = nil, document: String? = nil, recordEntry: RecordEntry.ID? = nil
    ) {
        self.source = source
        self.title = title
        self.awardedBy = awardedBy
        self.country = country
        self.provider = provider
        self.microcredential = microcredential
        self.framework = framework
        self.level = level
        self.credits = credits
        self.hours = hours
        self.issuedOn = issuedOn
        self.description = description
        self.document = document
        self.recordEntry = recordEntry
    }

    /// What makes two applications "the same credential" for precedents: the awarding body, the title and the
    /// framework level, folded.
    public var precedentKey: String {
        let fold = { (text: String?) in
            (text ?? "").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
        }
        return [fold(provider?.rawValue ?? awardedBy), fold(title), framework.map { "\($0):\(level.map(String.init) ?? "")" } ?? ""]
            .joined(separator: "|")
    }
}

/// What Accord gathered when the case was submitted, per item and for the case, so the evaluator starts from facts.
public struct CaseEvidence: Sendable, Equatable, Codable {
    public var gatheredAt: Date
    public var items: [ItemEvidence]
    /// Earlier decisions at this NIC on the same credentials.
    public var precedents: [Precedent]
    /// The NIC's country and each origin country under the recognition conventions.
    public var conventions: [ConventionStanding]

    public init(gatheredAt: Date, items: [ItemEvidence], precedents: [Precedent], conventions: [ConventionStanding]) {
        self.gatheredAt = gatheredAt
        self.items = items
        self.precedents = precedents
        self.conventions = conventions
    }

    public struct ItemEvidence: Sendable, Equatable, Codable {
        /// "verified", "failed" or "no digital credential".
        public var authenticity: String
        /// Each verification step and its outcome, as "step: outcome (reason)".
        public var checks: [String]
        public var provider: String?
        public var qaStatus: String?
        public var qaStatusOnIssueDate: String?
        /// The registry listing's conformance: elements met of those checked, where the item is a listed microcredential.
        public var conformance: String?
        public var comparison: ComparisonSummary?
        public var notes: [String]

        public init(
            authenticity: String, checks: [String] = [], provider: String? = nil, qaStatus: String? = nil, qaStatusOnIssueDate: String? = nil,
            conformance: String? = nil, comparison: ComparisonSummary? = nil, notes: [String] = []
        ) {
            self.authenticity = authenticity
            self.checks = checks
            self.provider = provider
            self.qaStatus = qaStatus
            self.qaStatusOnIssueDate = qaStatusOnIssueDate
            self.conformance = conformance
            self.comparison = comparison
            self.notes = notes
        }
    }

    /// A comparison as it is kept with a case: what the engine proposed when the case was submitted.
    public struct ComparisonSummary: Sendable, Equatable, Codable {
        public var framework: Framework.ID
        public var levelMin: Int?
        public var levelMax: Int?
        public var basis: Comparison.Basis
        public var confidence: Double
        public var path: [String]
        public var hours: Span?
        public var credits: Span?
        public var explanation: String

        public init(_ comparison: Comparison) {
            framework = comparison.to.framework
            levelMin = comparison.to.levels?.lowerBound
            levelMax = comparison.to.levels?.upperBound
            basis = comparison.basis
            confidence = comparison.confidence
            path = comparison.path.map {
                "\($0.from.notation) → \($0.to.notation) (\($0.statement)\($0.date.map { ", \($0)" } ?? "")\($0.reversed ? ", read backwards" : ""))"
            }
            hours = comparison.volume?.hours
            credits = comparison.volume?.credits
            explanation = comparison.explanation
        }

        /// "nzqcf 5–6", or "no basis".
        public var levels: String {
            guard let levelMin, let levelMax else { return "no basis" }
            return levelMin == levelMax ? "\(framework) \(levelMin)" : "\(framework) \(levelMin)–\(levelMax)"
        }
    }

    public struct Precedent: Sendable, Equatable, Codable {
        public var caseID: RecognitionCase.ID
        public var title: String
        public var outcome: Decision.Outcome
        public var decidedAt: Date

        public init(caseID: RecognitionCase.ID, title: String, outcome: Decision.Outcome, decidedAt: Date) {
            self.caseID = caseID
            self.title = title
            self.outcome = outcome
            self.decidedAt = decidedAt
        }
    }

    public struct ConventionStanding: Sendable, Equatable, Codable {
        public var convention: Convention.ID
        public var title: String
        public var country: String
        /// The party's effective date (or deposit date), nil when the country is not a party.
        public var since: String?

        public init(convention: Convention.ID, title: String, country: String, since: String?) {
            self.convention = convention
            self.title = title
            self.country = country
            self.since = since
        }
    }
}
