import Foundation

/// A provider's batch of credentials for one listing, from a CSV of learners. A batch is first a preview (every row
/// checked, nothing signed); once confirmed it holds a range of status slots (valid row k gets `firstSlot + k`) and
/// runs until every valid row has its credential. A row's credential is recorded with the batch id and row number,
/// which the database keeps unique: a batch re-run, resumed after a crash, or run twice at once never issues a row twice.
public struct IssuanceBatch: Sendable, Equatable {
    public typealias ID = Identifier<IssuanceBatch>

    public enum State: String, Sendable, Codable, CaseIterable {
        /// Uploaded and checked; nothing issued until it is confirmed.
        case preview
        /// Confirmed: credentials are being issued (or wait for a restart to resume).
        case running
        /// Every valid row has its credential.
        case done
        /// Discarded before it was confirmed.
        case cancelled
    }

    /// Which rows a read returns.
    public enum RowFilter: Sendable {
        case all
        /// Valid rows without a credential yet.
        case pending
        /// Rows with an error.
        case refused
    }

    /// The most rows one batch takes (a provider's status lists hold 131,072 credentials).
    public static let maxRows = 100_000

    public var id: ID
    public var provider: Provider.ID
    public var microcredential: Microcredential.ID
    public var suite: IssuedCredential.Suite
    public var state: State
    public var createdAt: Date
    public var createdBy: AuditEvent.Actor
    /// SHA-256 (hex) of the uploaded file: the same id with other content is refused.
    public var contentHash: String
    public var rowCount: Int
    public var validCount: Int
    public var issuedCount: Int
    /// The status slot of the first valid row, once confirmed.
    public var firstSlot: Int?
    /// Who confirmed it: the issuance events name them.
    public var confirmedBy: AuditEvent.Actor?
    public var finishedAt: Date?
    /// Why the last run stopped before the end (a withdrawn listing, no active key); nil once it runs again.
    public var lastError: String?

    public init(
        id: ID, provider: Provider.ID, microcredential: Microcredential.ID, suite: IssuedCredential.Suite, state: State = .preview,
        createdAt: Date, createdBy: AuditEvent.Actor, contentHash: String, rowCount: Int, validCount: Int, issuedCount: Int = 0,
        firstSlot: Int? = nil, confirmedBy: AuditEvent.Actor? = nil, finishedAt: Date? = nil, lastError: String? = nil
    ) {
        self.id = id
        self.provider = provider
        self.microcredential = microcredential
        self.suite = suite
        self.state = state
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.contentHash = contentHash
        self.rowCount = rowCount
        self.validCount = validCount
        self.issuedCount = issuedCount
        self.firstSlot = firstSlot
        self.confirmedBy = confirmedBy
        self.finishedAt = finishedAt
        self.lastError = lastError
    }

    /// One learner of the file, as typed, with what is wrong with it (if anything).
    public struct Row: Sendable, Equatable {
        /// 1-based among the file's learner rows.
        public var number: Int
        /// The file's line, for messages.
        public var line: Int
        public var learner: String
        public var name: String
        /// `YYYY-MM-DD`: the credential's `awardedDate`.
        public var completed: String
        /// The learner's result (a grade, "Pass", a score), empty when the file gives none.
        public var result: String
        /// Why this row will not be issued; nil for a valid row.
        public var error: String?
        /// The row's place among the valid rows (0-based): its status slot's offset.
        public var ordinal: Int?
        /// The credential issued for it, once issued.
        public var credential: IssuedCredential.ID?

        public init(
            number: Int, line: Int, learner: String, name: String, completed: String, result: String, error: String? = nil, ordinal: Int? = nil,
            credential: IssuedCredential.ID? = nil
        ) {
            self.number = number
            self.line = line
            self.learner = learner
            self.name = name
            self.completed = completed
            self.result = result
            self.error = error
            self.ordinal = ordinal
            self.credential = credential
        }

        /// The learner as the credential names them (a valid row's learner parses).
        public var recipient: IssuedCredential.Recipient? { IssuedCredential.Recipient(parsing: learner) }
    }

    /// The learners of a CSV file, each checked: learner email or DID, name, completion date, result (optional). A
    /// first line naming those columns is read as a header (columns in any order); without one, they are taken in that
    /// order. A learner twice in the file is an error on the second row.
    public static func rows(csv text: String, today: Date) throws -> [Row] {
        let parsed = try CSV.rows(text, maxRows: maxRows + 1)
        guard let first = parsed.first else { throw ValidationFailure([.init(field: "learners", message: "the file has no rows")]) }
        var columns = (learner: 0, name: 1, completed: 2, result: 3)
        var body = parsed[...]
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if let learner = header.firstIndex(where: { ["email", "did", "learner", "recipient", "email or did"].contains($0) }) {
            guard let name = header.firstIndex(where: { ["name", "learner name", "full name"].contains($0) }),
                let completed = header.firstIndex(where: { ["completion date", "completed", "date", "completion_date"].contains($0) })
            else {
                throw ValidationFailure([
                    .init(field: "learners", message: "the header names a learner column but not both of 'name' and 'completion date'")
                ])
            }
            columns = (learner, name, completed, header.firstIndex(of: "result") ?? -1)
            body = parsed.dropFirst()
        }
        guard body.count <= maxRows else {
            throw ValidationFailure([.init(field: "learners", message: "a batch takes at most \(maxRows) learners; split the file")])
        }
        guard !body.isEmpty else { throw ValidationFailure([.init(field: "learners", message: "the file names no learners")]) }
        let todayText = today.isoDay
        var seen: [String: Int] = [:]
        var rows: [Row] = []
        rows.reserveCapacity(body.count)
        var ordinal = 0
        for (offset, line) in body.enumerated() {
            func field(_ index: Int) -> String {
                index >= 0 && index < line.fields.count ? line.fields[index].trimmingCharacters(in: .whitespaces) : ""
            }
            var row = Row(
                number: offset + 1, line: line.line, learner: field(columns.learner), name: field(columns.name),
                completed: field(columns.completed), result: field(columns.result))
            var problems: [String] = []
            if let recipient = row.recipient {
                if let problem = recipient.problem { problems.append(problem) }
                let key = recipient.value.lowercased()
                if let earlier = seen[key] { problems.append("this learner is already on row \(earlier)") } else { seen[key] = row.number }
            } else {
                problems.append(
                    row.learner.isEmpty ? "the learner's email or DID is missing" : "'\(row.learner.prefix(60))' is not an email or a DID")
            }
            if row.name.isEmpty { problems.append("the name is missing") }
            if let issue = TextRules.issue(field: "name", row.name, limit: 200) { problems.append("the name " + issue.message) }
            if let problem = Self.dateProblem(row.completed, today: todayText) { problems.append(problem) }
            if let issue = TextRules.issue(field: "result", row.result, limit: 100) { problems.append("the result " + issue.message) }
            if problems.isEmpty {
                row.ordinal = ordinal
                ordinal += 1
            } else {
                row.error = problems.joined(separator: "; ")
            }
            rows.append(row)
        }
        return rows
    }

    /// Why a completion date is refused: not `YYYY-MM-DD`, not a calendar day, before 1950 or after today.
    static func dateProblem(_ text: String, today: String) -> String? {
        if text.isEmpty { return "the completion date is missing" }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return "the completion date '\(text.prefix(20))' is not YYYY-MM-DD" }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return "the completion date \(text) is not a calendar day" }
        if year < 1950 { return "the completion date \(text) is before 1950" }
        if text > today { return "the completion date \(text) is in the future" }
        return nil
    }
}

extension IssuedCredential.Recipient {
    /// A DID when the text starts with `did:`, else an email (lower-cased); nil for empty text.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        self = trimmed.hasPrefix("did:") ? .did(trimmed) : .email(trimmed.lowercased())
    }

    /// What is wrong with the address, if anything.
    public var problem: String? {
        switch self {
        case .email(let email):
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if email.count > 320 || parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(where: \.isWhitespace) {
                return "'\(email.prefix(60))' is not an email address"
            }
        case .did(let did):
            if !did.hasPrefix("did:") || did.count > 500 || did.contains(where: \.isWhitespace) || did.split(separator: ":").count < 3 {
                return "a DID looks like did:key:z6Mk…"
            }
        }
        return nil
    }
}

/// Issuance batches and their rows. A row's credential lives in the issued credentials (by batch and row), so "issued"
/// is never stored twice.
public protocol IssuanceBatchStore: Sendable {
    func add(_ batch: IssuanceBatch, rows: [IssuanceBatch.Row]) async throws
    func batch(_ id: IssuanceBatch.ID) async throws -> IssuanceBatch?
    /// A provider's batches, newest first.
    func batches(of provider: Provider.ID, limit: Int) async throws -> [IssuanceBatch]
    /// Batches confirmed but not finished (to resume after a restart).
    func unfinished() async throws -> [IssuanceBatch.ID]
    /// Rows after `number`, in order, with their credentials.
    func rows(of batch: IssuanceBatch.ID, after number: Int, limit: Int, only filter: IssuanceBatch.RowFilter) async throws -> [IssuanceBatch.Row]
    /// Confirms a preview: its status slots start at `firstSlot`.
    func confirm(_ id: IssuanceBatch.ID, firstSlot: Int, by actor: AuditEvent.Actor) async throws
    func setState(_ id: IssuanceBatch.ID, to state: IssuanceBatch.State, at: Date?) async throws
    func setError(_ id: IssuanceBatch.ID, to message: String?) async throws
    /// Adds `count` to the batch's issued count.
    func countIssued(_ id: IssuanceBatch.ID, adding count: Int) async throws
}
