import Foundation

/// A credential in a learner's record: the document as the learner received it (JSON or a JWT), verified on entry,
/// and the facts stacking needs, read from it and from the registry when it was added.
public struct RecordEntry: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<RecordEntry>

    public enum Source: String, Sendable, Codable, CaseIterable {
        /// Through an Accord claim link.
        case claimed
        /// Uploaded or pasted: issued by anyone.
        case imported
    }

    public var id: ID
    public var learner: Account.ID
    public var source: Source
    /// The credential's own `id` (or the JWT's `jti`), when it has one.
    public var credentialID: String?
    /// SHA-256 of what identifies the credential (its id, or its bytes): how a second copy is recognised.
    public var fingerprint: String
    /// The signed credential: JSON, or a compact JWT.
    public var document: String
    public var title: String
    public var issuer: String
    public var issuerName: String?
    /// The registry provider, when the issuer is one.
    public var provider: Provider.ID?
    public var country: String?
    public var issuedOn: String?
    public var framework: Framework.ID?
    public var level: Int?
    public var credits: Double?
    public var hours: Double?
    /// What pathway rules may name it by: the achievement IRI, and the registry microcredential id when known.
    public var units: [String]
    /// Where the framework, level and size came from (the registry, the credential, or the learner's word).
    public var factsSource: String
    public var hidden: Bool
    public var addedAt: Date

    public init(
        id: ID, learner: Account.ID, source: Source, credentialID: String?, fingerprint: String, document: String, title: String,
        issuer: String, issuerName: String? = nil, provider: Provider.ID? = nil, country: String? = nil, issuedOn: String? = nil,
        framework: Framework.ID? = nil, level: Int? = nil, credits: Double? = nil, hours: Double? = nil, units: [String] = [],
        factsSource: String = "credential", hidden: Bool = false, addedAt: Date
    ) {
        self.id = id
        self.learner = learner
        self.source = source
        self.credentialID = credentialID
        self.fingerprint = fingerprint
        self.document = document
        self.title = title
        self.issuer = issuer
        self.issuerName = issuerName
        self.provider = provider
        self.country = country
        self.issuedOn = issuedOn
        self.framework = framework
        self.level = level
        self.credits = credits
        self.hours = hours
        self.units = units
        self.factsSource = factsSource
        self.hidden = hidden
        self.addedAt = addedAt
    }

    /// As stacking sees it.
    public var held: HeldCredential {
        HeldCredential(
            id: id.rawValue, title: title, units: units, provider: provider?.rawValue, issuer: issuer, country: country, issuedOn: issuedOn,
            framework: framework, level: level, credits: credits, hours: hours)
    }

    /// Most credentials one record holds.
    public static let maxPerLearner = 2_000
}

/// Learners' records. Every call names the learner: a record is read and changed only as its owner's.
public protocol LearnerRecordStore: Sendable {
    /// Adds an entry; a second entry with the same fingerprint for the same learner fails (`StoreError.conflict`).
    func add(_ entry: RecordEntry) async throws
    /// The learner's entries, oldest first.
    func entries(of learner: Account.ID) async throws -> [RecordEntry]
    func entry(_ id: RecordEntry.ID, of learner: Account.ID) async throws -> RecordEntry?
    func entry(fingerprint: String, of learner: Account.ID) async throws -> RecordEntry?
    /// False when the learner has no such entry.
    func setHidden(_ id: RecordEntry.ID, of learner: Account.ID, hidden: Bool) async throws -> Bool
    func delete(_ id: RecordEntry.ID, of learner: Account.ID) async throws -> Bool
    func count(of learner: Account.ID) async throws -> Int
}

/// Qualifications and their pathway rules, every version kept.
public protocol QualificationStore: Sendable {
    func qualifications() async throws -> [Qualification]
    func qualification(_ id: Qualification.ID) async throws -> Qualification?
    /// The rules as they were at `version`.
    func qualification(_ id: Qualification.ID, version: Int) async throws -> Qualification?
    /// Inserts or replaces the current row and keeps `qualification.version`'s rules.
    func save(_ qualification: Qualification) async throws
}

/// A link through which a learner shows a selection of their record: a random token (only its hash is kept), an
/// expiry, and a revoke button. Whoever opens it sees the credentials, each verified then.
public struct RecordShare: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<RecordShare>

    public var id: ID
    public var learner: Account.ID
    public var tokenHash: String
    /// The entries shown; each is read again when the link is opened, so a deleted entry drops out.
    public var entries: [RecordEntry.ID]
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?

    public init(
        id: ID, learner: Account.ID, tokenHash: String, entries: [RecordEntry.ID], createdAt: Date, expiresAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.learner = learner
        self.tokenHash = tokenHash
        self.entries = entries
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    public func isLive(at now: Date) -> Bool { revokedAt == nil && expiresAt > now }

    /// Longest a share link may live.
    public static let maxDays = 365
}

/// Learners' share links and the holder key each learner signs records and presentations with (sealed, like
/// issuer keys).
public protocol RecordShareStore: Sendable {
    func add(_ share: RecordShare) async throws
    func shares(of learner: Account.ID) async throws -> [RecordShare]
    func share(tokenHash: String) async throws -> RecordShare?
    /// False when the learner has no such live share.
    func revoke(_ id: RecordShare.ID, of learner: Account.ID, at: Date) async throws -> Bool
    func holderKey(of learner: Account.ID) async throws -> (didKey: String, sealed: SealedKey)?
    func addHolderKey(of learner: Account.ID, didKey: String, sealed: SealedKey, at: Date) async throws
}

/// A learner's request for a qualification whose pathway their record completes, and the awarding provider's answer:
/// the qualification credential (its evidence names the stacked credentials) or a refusal with reasons.
public struct AwardRequest: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<AwardRequest>

    public enum Status: String, Sendable, Codable, CaseIterable {
        case requested
        case issued
        case refused
    }

    public var id: ID
    public var learner: Account.ID
    public var qualification: Qualification.ID
    /// The rules version the record was evaluated against when the learner asked.
    public var version: Int
    public var provider: Provider.ID
    /// The progress status then: `complete`, or `may-be-complete` (ranges an evaluator decides).
    public var progress: String
    /// The credentials that counted.
    public var entries: [RecordEntry.ID]
    public var status: Status
    public var requestedAt: Date
    public var decidedAt: Date?
    public var decidedBy: Account.ID?
    public var reason: String?
    /// The signed qualification credential, once issued.
    public var credential: String?

    public init(
        id: ID, learner: Account.ID, qualification: Qualification.ID, version: Int, provider: Provider.ID, progress: String,
        entries: [RecordEntry.ID], status: Status = .requested, requestedAt: Date, decidedAt: Date? = nil, decidedBy: Account.ID? = nil,
        reason: String? = nil, credential: String? = nil
    ) {
        self.id = id
        self.learner = learner
        self.qualification = qualification
        self.version = version
        self.provider = provider
        self.progress = progress
        self.entries = entries
        self.status = status
        self.requestedAt = requestedAt
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.reason = reason
        self.credential = credential
    }
}

public protocol AwardRequestStore: Sendable {
    func add(_ request: AwardRequest) async throws
    func request(_ id: AwardRequest.ID) async throws -> AwardRequest?
    /// A provider's requests (all providers' for nil), newest first.
    func requests(provider: Provider.ID?) async throws -> [AwardRequest]
    func requests(learner: Account.ID) async throws -> [AwardRequest]
    func save(_ request: AwardRequest) async throws
}
