import Foundation

/// Frameworks, providers and microcredentials: the public registry.
public protocol RegistryStore: Sendable {
    func frameworks() async throws -> [Framework]
    func framework(_ id: Framework.ID) async throws -> Framework?
    /// Adds or replaces one framework (admin edits of reference data).
    func save(_ framework: Framework, edited: Bool) async throws

    func providers() async throws -> [Provider]
    func provider(_ id: Provider.ID) async throws -> Provider?
    /// Adds or replaces one provider.
    func save(_ provider: Provider, edited: Bool) async throws

    func microcredential(_ id: Microcredential.ID) async throws -> Microcredential?
    /// Adds or replaces every item in one transaction: all are written or none.
    func save(_ items: [Microcredential], edited: Bool) async throws
    func search(_ query: RegistryQuery) async throws -> SearchPage<RegistryHit>
    /// Counts over the public listings: per provider, per framework level, per credit band (the regional report).
    func statistics() async throws -> RegistryStatistics
    /// Makes the search index dense again after a bulk load (many imports, a migration), while searches go on; not
    /// inside a transaction.
    func compactSearchIndex() async throws
}

/// What the public registry holds, counted: the regional report's registry section.
public struct RegistryStatistics: Sendable, Equatable, Codable {
    public struct LevelCount: Sendable, Equatable, Codable {
        public var framework: Framework.ID?
        public var level: Int?
        public var count: Int

        public init(framework: Framework.ID?, level: Int?, count: Int) {
            self.framework = framework
            self.level = level
            self.count = count
        }
    }

    /// Credit bands: "none" (no credit value, such as Dreyfus-scale listings) and then 0-4, 5-9, … 40+.
    public static let bands = ["none", "under 5", "5–9", "10–14", "15–19", "20–29", "30–39", "40 or more"]

    public var total: Int
    public var byProvider: [String: Int]
    public var byLevel: [LevelCount]
    /// A count per entry of `bands`, in that order.
    public var byCredits: [Int]

    public init(total: Int, byProvider: [String: Int], byLevel: [LevelCount], byCredits: [Int]) {
        self.total = total
        self.byProvider = byProvider
        self.byLevel = byLevel
        self.byCredits = byCredits
    }
}

/// The reference data: frameworks' referencing statements, conventions with their parties, NICs, and the
/// microcredential rules (kept whole as documents). Saves upsert by id.
public protocol ReferenceDataStore: Sendable {
    func conventions() async throws -> [Convention]
    func convention(_ id: Convention.ID) async throws -> Convention?
    /// Adds or replaces a convention and its parties; `edited` marks a change made in Accord, which a re-seed keeps.
    func save(_ convention: Convention, edited: Bool) async throws
    /// Adds or replaces one party of a convention.
    func save(_ party: StateParty, of convention: Convention.ID, edited: Bool) async throws

    func nics() async throws -> [NIC]
    func nic(_ id: NIC.ID) async throws -> NIC?
    func save(_ nic: NIC, edited: Bool) async throws

    func referencing() async throws -> [Referencing]
    func referencing(_ id: Referencing.ID) async throws -> Referencing?
    func save(_ referencing: Referencing, edited: Bool) async throws

    func documents(_ kind: ReferenceDocument.Kind) async throws -> [ReferenceDocument]
    /// Upserts every record in `data` by id, except records edited in Accord since they were seeded; deletes nothing.
    func seed(_ data: ReferenceData) async throws -> SeedReport
    /// True once reference data has been seeded.
    func isSeeded() async throws -> Bool
}

/// What a seed did: how many records it wrote and which edited records it kept.
public struct SeedReport: Sendable, Equatable, Codable {
    public var written: Int
    public var keptEdited: [String]

    public init(written: Int = 0, keptEdited: [String] = []) {
        self.written = written
        self.keptEdited = keptEdited
    }
}

/// The append-only audit log. Appends are serialised so the chain never forks.
public protocol AuditLog: Sendable {
    /// Adds `entry` after the chain's head, at `milliseconds`; returns the event as stored.
    @discardableResult
    func append(_ entry: AuditEntry, at milliseconds: Int64) async throws -> AuditEvent
    /// Adds `entries` in order after the chain's head, all at `milliseconds` (a batch's unit of work).
    func append(_ entries: [AuditEntry], at milliseconds: Int64) async throws
    /// Events newest first, filtered, at most `limit`.
    func events(subject: AuditSubject?, since milliseconds: Int64?, limit: Int) async throws -> [AuditEvent]
    /// Walks the whole chain in order, from the first event.
    func verify() async throws -> AuditChainVerdict
    func count() async throws -> Int
}

/// Every store, over one database. `transaction` binds all of them to one database transaction: everything written
/// through `tx` commits together or not at all. Calling `transaction` on a bound set throws (no hidden nesting).
public protocol Stores: Sendable {
    var registry: any RegistryStore { get }
    var reference: any ReferenceDataStore { get }
    var accounts: any AccountStore { get }
    var audit: any AuditLog { get }
    var issuerKeys: any IssuerKeyStore { get }
    var issued: any IssuedCredentialStore { get }
    var statusLists: any StatusListStore { get }
    var batches: any IssuanceBatchStore { get }
    var records: any LearnerRecordStore { get }
    var qualifications: any QualificationStore { get }
    var shares: any RecordShareStore { get }
    var awards: any AwardRequestStore { get }
    var recognition: any RecognitionStore { get }
    var nicKeys: any NICKeyStore { get }
    var network: any NetworkStore { get }

    func transaction<R: Sendable>(_ body: @escaping @Sendable (any Stores) async throws -> R) async throws -> R
}

/// Accounts, browser sessions and API tokens. Secrets are stored only as hashes.
public protocol AccountStore: Sendable {
    func create(_ account: Account, passwordHash: String) async throws
    func account(_ id: Account.ID) async throws -> Account?
    func credentials(email: String) async throws -> (account: Account, passwordHash: String)?
    func accounts() async throws -> [Account]
    func hasAdmin() async throws -> Bool

    func createSession(_ session: Session) async throws
    func session(tokenHash: String) async throws -> (session: Session, account: Account)?
    func deleteSession(tokenHash: String) async throws

    func createToken(_ token: APIToken) async throws
    /// The account behind a token hash, with the token (the caller checks expiry and revocation against its clock).
    func account(tokenHash: String) async throws -> (account: Account, token: APIToken)?
    /// An account's tokens, newest first.
    func tokens(of account: Account.ID) async throws -> [APIToken]
    /// Marks a token revoked; false when the account has no such token.
    func revokeToken(id: String, of account: Account.ID, at: Date) async throws -> Bool

    /// Replaces the password hash and ends every browser session of the account.
    func setPassword(of account: Account.ID, hash: String) async throws

    /// Failed sign-ins under a key (an email or an address); nil when there are none.
    func throttle(_ key: String) async throws -> SignInThrottle?
    /// Saves a key's failures, or forgets them (nil).
    func saveThrottle(_ throttle: SignInThrottle?, for key: String) async throws

    func createReset(_ reset: PasswordReset) async throws
    func reset(tokenHash: String) async throws -> PasswordReset?
    func markResetUsed(tokenHash: String, at: Date) async throws
}

/// A signed-in browser session. The cookie holds the token; the store holds its hash.
public struct Session: Sendable, Equatable {
    public var tokenHash: String
    public var accountID: Account.ID
    public var csrfToken: String
    public var expiresAt: Date

    public init(tokenHash: String, accountID: Account.ID, csrfToken: String, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// A bearer token for the JSON API, stored hashed. `id` names it in lists and revocations (never the secret).
public struct APIToken: Sendable, Equatable {
    public var id: String
    public var tokenHash: String
    public var accountID: Account.ID
    public var name: String
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?

    public init(
        id: String, tokenHash: String, accountID: Account.ID, name: String, createdAt: Date, expiresAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.name = name
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Valid at `now`: not expired, not revoked.
    public func isLive(at now: Date) -> Bool { revokedAt == nil && expiresAt > now }
}

/// A one-time link an admin issues so a person can set a new password; stored hashed, expiring, used once.
public struct PasswordReset: Sendable, Equatable {
    public var tokenHash: String
    public var accountID: Account.ID
    public var expiresAt: Date
    public var usedAt: Date?

    public init(tokenHash: String, accountID: Account.ID, expiresAt: Date, usedAt: Date? = nil) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// Failed sign-ins under one key (an email, or a client address), and until when that key is locked out.
/// Each failure past the free ones doubles the wait (1 s, 2 s, 4 s … up to 15 minutes); a quiet hour starts over.
public struct SignInThrottle: Sendable, Equatable {
    public var failures: Int
    public var lastFailure: Date
    public var lockedUntil: Date

    public static let freeFailuresPerAccount = 5
    public static let freeFailuresPerAddress = 20
    public static let longestLockout: TimeInterval = 15 * 60
    public static let forgetAfter: TimeInterval = 60 * 60

    public init(failures: Int, lastFailure: Date, lockedUntil: Date) {
        self.failures = failures
        self.lastFailure = lastFailure
        self.lockedUntil = lockedUntil
    }

    /// The state after one more failure at `now`, with `free` failures allowed before any wait.
    public static func failing(_ previous: SignInThrottle?, at now: Date, free: Int) -> SignInThrottle {
        var failures = 1
        if let previous, now.timeIntervalSince(previous.lastFailure) < forgetAfter { failures = previous.failures + 1 }
        let wait = failures < free ? 0 : min(longestLockout, pow(2, Double(failures - free)))
        return SignInThrottle(failures: failures, lastFailure: now, lockedUntil: now.addingTimeInterval(wait))
    }
}

/// The NIC network's working records: surveys with each country's answers, national action plans, and meetings with
/// their documents.
public protocol NetworkStore: Sendable {
    func surveys() async throws -> [Survey]
    func survey(_ id: Survey.ID) async throws -> Survey?
    /// Adds or replaces a survey.
    func save(_ survey: Survey) async throws
    func responses(to survey: Survey.ID) async throws -> [SurveyResponse]
    func response(to survey: Survey.ID, from country: String) async throws -> SurveyResponse?
    func save(_ response: SurveyResponse) async throws

    /// A country's items, or every country's (by country, then due day).
    func actionItems(country: String?) async throws -> [ActionItem]
    func actionItem(_ id: ActionItem.ID) async throws -> ActionItem?
    func save(_ item: ActionItem) async throws
    /// Items recorded as a meeting's outcomes.
    func actionItems(meeting: Meeting.ID) async throws -> [ActionItem]

    /// Meetings, latest first.
    func meetings() async throws -> [Meeting]
    func meeting(_ id: Meeting.ID) async throws -> Meeting?
    /// The meeting, its row held until the unit of work ends (PostgreSQL `FOR UPDATE`; SQLite's one writer holds the
    /// database already): for a change read and written back, so that a concurrent one waits instead of being lost.
    func meetingForUpdate(_ id: Meeting.ID) async throws -> Meeting?
    /// Adds or replaces a meeting.
    func save(_ meeting: Meeting) async throws
    func documents(of meeting: Meeting.ID) async throws -> [MeetingDocument]
    func add(_ document: MeetingDocument, bytes: [UInt8]) async throws
    func document(_ id: MeetingDocument.ID) async throws -> (document: MeetingDocument, bytes: [UInt8])?
}
