import Foundation

/// A line of a queue or a case list: enough to sort and filter, without the case's items and evidence.
public struct CaseSummary: Sendable, Equatable {
    public var id: RecognitionCase.ID
    public var nic: NIC.ID
    public var applicant: Account.ID?
    public var applicantName: String
    public var title: String
    public var state: CaseWorkflow.Name
    public var originCountry: String?
    public var createdAt: Date
    public var submittedAt: Date?
    public var dueAt: Date?
    public var closedAt: Date?
    /// The decision in force, once decided.
    public var outcome: Decision.Outcome?

    public init(
        id: RecognitionCase.ID, nic: NIC.ID, applicant: Account.ID?, applicantName: String, title: String, state: CaseWorkflow.Name,
        originCountry: String?, createdAt: Date, submittedAt: Date?, dueAt: Date?, closedAt: Date?, outcome: Decision.Outcome?
    ) {
        self.id = id
        self.nic = nic
        self.applicant = applicant
        self.applicantName = applicantName
        self.title = title
        self.state = state
        self.originCountry = originCountry
        self.createdAt = createdAt
        self.submittedAt = submittedAt
        self.dueAt = dueAt
        self.closedAt = closedAt
        self.outcome = outcome
    }
}

/// Which cases to list: a NIC's queue or an applicant's cases, by state, overdue ones, by origin country.
public struct CaseQuery: Sendable, Equatable {
    public var nic: NIC.ID?
    public var applicant: Account.ID?
    /// Empty: every state.
    public var states: [CaseWorkflow.Name]
    /// Only open cases due before this instant.
    public var overdueAt: Date?
    public var originCountry: String?
    public var page: Int
    public var pageSize: Int

    public init(
        nic: NIC.ID? = nil, applicant: Account.ID? = nil, states: [CaseWorkflow.Name] = [], overdueAt: Date? = nil,
        originCountry: String? = nil, page: Int = 1, pageSize: Int = 50
    ) {
        self.nic = nic
        self.applicant = applicant
        self.states = states
        self.overdueAt = overdueAt
        self.originCountry = originCountry
        self.page = page
        self.pageSize = pageSize
    }
}

/// A signed recognition statement as kept: the credential and the case it decides.
public struct RecognitionStatement: Sendable, Equatable {
    /// The credential's id (`urn:uuid:…`).
    public var id: String
    public var caseID: RecognitionCase.ID
    public var nic: NIC.ID
    public var issuedAt: Date
    public var document: String
    /// The statement an appeal's statement replaces.
    public var replaces: String?

    public init(id: String, caseID: RecognitionCase.ID, nic: NIC.ID, issuedAt: Date, document: String, replaces: String?) {
        self.id = id
        self.caseID = caseID
        self.nic = nic
        self.issuedAt = issuedAt
        self.document = document
        self.replaces = replaces
    }
}

/// Recognition cases, their precedents and statements, the NICs' signing keys and target times.
public protocol RecognitionStore: Sendable {
    func add(_ recognitionCase: RecognitionCase) async throws
    /// Replaces the case (its state, evidence, statements and dates).
    func save(_ recognitionCase: RecognitionCase) async throws
    func recognitionCase(_ id: RecognitionCase.ID) async throws -> RecognitionCase?
    /// Newest first for applicants; by due date (oldest first) for a NIC's queue, which leaves out learners' drafts.
    func cases(_ query: CaseQuery) async throws -> SearchPage<CaseSummary>
    /// Every case of a NIC as summaries, for its statistics.
    func summaries(nic: NIC.ID) async throws -> [CaseSummary]

    /// Keeps a decided case's items as precedents of its NIC (replacing earlier ones of the case, for appeals).
    func savePrecedents(of recognitionCase: RecognitionCase) async throws
    /// Decided cases at `nic` with an item of one of these keys, newest first.
    func precedents(nic: NIC.ID, keys: [String], excluding: RecognitionCase.ID?) async throws -> [CaseEvidence.Precedent]
    /// Decided cases at `nic` whose item titles contain `text` (case-insensitive), newest first, at most `limit`.
    func precedents(nic: NIC.ID, matching text: String, limit: Int) async throws -> [CaseEvidence.Precedent]

    func add(_ statement: RecognitionStatement) async throws
    func statement(_ id: String) async throws -> RecognitionStatement?

    func add(_ document: CaseDocument, bytes: [UInt8]) async throws
    /// A case's documents, oldest first, without their bytes.
    func documents(of recognitionCase: RecognitionCase.ID) async throws -> [CaseDocument]
    func document(_ id: CaseDocument.ID) async throws -> (document: CaseDocument, bytes: [UInt8])?

    /// The NIC's target time from submission to decision, in days; nil when not set.
    func targetDays(of nic: NIC.ID) async throws -> Int?
    func setTargetDays(_ days: Int, of nic: NIC.ID) async throws
}

/// A scanned document an applicant attaches to a case when no digital credential exists (a diploma, a transcript):
/// PDF, JPEG or PNG, checked by its first bytes, at most `maxBytes`, at most `maxPerCase` per case.
public struct CaseDocument: Sendable, Equatable, Codable {
    public typealias ID = Identifier<CaseDocument>

    public enum MediaType: String, Sendable, Codable, CaseIterable {
        case pdf = "application/pdf"
        case jpeg = "image/jpeg"
        case png = "image/png"

        /// The type the bytes are, whatever the sender said: `%PDF-`, JPEG's FF D8 FF, PNG's signature.
        public init?(sniffing bytes: some Collection<UInt8>) {
            let head = Array(bytes.prefix(8))
            if head.starts(with: Array("%PDF-".utf8)) {
                self = .pdf
            } else if head.starts(with: [0xFF, 0xD8, 0xFF]) {
                self = .jpeg
            } else if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
                self = .png
            } else {
                return nil
            }
        }
    }

    public static let maxBytes = 2 << 20
    public static let maxPerCase = 5

    public var id: ID
    public var caseID: RecognitionCase.ID
    public var name: String
    public var mediaType: MediaType
    public var size: Int
    /// SHA-256 of the bytes, lower-case hex: what the evaluator and the audit log cite.
    public var sha256: String
    public var uploadedAt: Date
    public var uploadedBy: Account.ID

    public init(
        id: ID, caseID: RecognitionCase.ID, name: String, mediaType: MediaType, size: Int, sha256: String, uploadedAt: Date,
        uploadedBy: Account.ID
    ) {
        self.id = id
        self.caseID = caseID
        self.name = name
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.uploadedAt = uploadedAt
        self.uploadedBy = uploadedBy
    }
}
