import Foundation

/// A credential a provider issued through Accord: who received it, for which listing, and the signed forms the learner
/// downloads. The learner's claim link is a random token; only its hash is stored.
public struct IssuedCredential: Sendable, Equatable {
    public typealias ID = Identifier<IssuedCredential>

    public enum State: String, Sendable, Codable, CaseIterable {
        case issued
        case revoked
        case suspended
    }

    /// How the credential was signed: Data Integrity (either suite) or VC-JWT.
    public enum Suite: String, Sendable, Codable, CaseIterable {
        case eddsaRdfc2022 = "eddsa-rdfc-2022"
        case eddsaJcs2022 = "eddsa-jcs-2022"
        case jwt
    }

    /// The learner, as the credential names them.
    public enum Recipient: Sendable, Equatable {
        /// By email: the credential carries only a salted hash of it.
        case email(String)
        case did(String)

        /// The email or the DID.
        public var value: String {
            switch self {
            case .email(let email): email
            case .did(let did): did
            }
        }
    }

    /// `urn:uuid:…`, the credential's own `id`.
    public var id: ID
    public var provider: Provider.ID
    public var microcredential: Microcredential.ID
    public var recipient: Recipient
    public var recipientName: String
    public var issuedAt: Date
    public var suite: Suite
    /// The signed credential: Data Integrity JSON (for the JSON suites) or the JWT (for `jwt`).
    public var signed: String
    /// The same credential as a VC-JWT (the learner may download either form).
    public var jwt: String
    public var claimTokenHash: String
    public var claimExpiresAt: Date
    public var state: State
    /// The credential's slot in its provider's revocation and suspension lists.
    public var statusIndex: Int?
    /// Why it was last revoked, suspended or reinstated (the provider's words).
    public var stateReason: String?
    /// The batch and row it was issued for (nil for a credential issued on its own).
    public var batch: IssuanceBatch.ID?
    public var batchRow: Int?

    public init(
        id: ID, provider: Provider.ID, microcredential: Microcredential.ID, recipient: Recipient, recipientName: String, issuedAt: Date,
        suite: Suite, signed: String, jwt: String, claimTokenHash: String, claimExpiresAt: Date, state: State = .issued,
        statusIndex: Int? = nil, stateReason: String? = nil, batch: IssuanceBatch.ID? = nil, batchRow: Int? = nil
    ) {
        self.id = id
        self.provider = provider
        self.microcredential = microcredential
        self.recipient = recipient
        self.recipientName = recipientName
        self.issuedAt = issuedAt
        self.suite = suite
        self.signed = signed
        self.jwt = jwt
        self.claimTokenHash = claimTokenHash
        self.claimExpiresAt = claimExpiresAt
        self.state = state
        self.statusIndex = statusIndex
        self.stateReason = stateReason
        self.batch = batch
        self.batchRow = batchRow
    }
}

/// Credentials issued through Accord.
public protocol IssuedCredentialStore: Sendable {
    func add(_ credential: IssuedCredential) async throws
    /// Adds many in one go (a batch's unit of work); a batch row issued before makes the whole call fail.
    func add(_ credentials: [IssuedCredential]) async throws
    func credential(_ id: IssuedCredential.ID) async throws -> IssuedCredential?
    func credential(claimTokenHash: String) async throws -> IssuedCredential?
    /// The state of each of `ids` that Accord issued (ids it did not issue are absent): one read for a whole record.
    func states(of ids: [IssuedCredential.ID]) async throws -> [IssuedCredential.ID: IssuedCredential.State]
    /// A provider's credentials that match, newest first.
    func credentials(matching query: IssuedCredentialQuery) async throws -> [IssuedCredential]
    func setState(of id: IssuedCredential.ID, to state: IssuedCredential.State, reason: String?) async throws
}

/// Which of a provider's issued credentials to list: from one batch, in one state, and whose learner's name, email or
/// DID, or whose id, contains a text (any case); a page of them, newest first.
public struct IssuedCredentialQuery: Sendable, Equatable {
    public static let maxLimit = 1_000

    public var provider: Provider.ID
    public var batch: IssuanceBatch.ID?
    public var state: IssuedCredential.State?
    public var text: String?
    public var limit: Int
    public var offset: Int

    public init(
        provider: Provider.ID, batch: IssuanceBatch.ID? = nil, state: IssuedCredential.State? = nil, text: String? = nil, limit: Int = 200,
        offset: Int = 0
    ) {
        self.provider = provider
        self.batch = batch
        self.state = state
        let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
        self.text = trimmed.isEmpty ? nil : String(trimmed.prefix(200))
        self.limit = min(max(limit, 1), Self.maxLimit)
        self.offset = max(offset, 0)
    }
}
