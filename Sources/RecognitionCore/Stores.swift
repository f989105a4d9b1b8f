import Foundation

/// Frameworks, providers and microcredentials: the public registry.
public protocol RegistryStore: Sendable {
    func frameworks() async throws -> [Framework]
    func framework(_ id: Framework.ID) async throws -> Framework?
    /// Adds or replaces one framework (admin edits of reference data).
    func save(_ framework: Framework) async throws

    func providers() async throws -> [Provider]
    func provider(_ id: Provider.ID) async throws -> Provider?
    /// Adds or replaces one provider.
    func save(_ provider: Provider) async throws

    func microcredential(_ id: Microcredential.ID) async throws -> Microcredential?
    /// Adds or replaces every item in one transaction: all are written or none.
    func save(_ items: [Microcredential]) async throws
    func search(_ query: RegistryQuery) async throws -> SearchPage<RegistryHit>
}

/// The reference data seeded from `shared/data` (frameworks, referencing, conventions, NICs, rules).
public protocol ReferenceDataStore: Sendable {
    /// Replaces every reference record of the kinds present in `data`, in one transaction.
    func replace(with data: ReferenceData) async throws
    func documents(_ kind: ReferenceDocument.Kind) async throws -> [ReferenceDocument]
    /// True once reference data has been seeded.
    func isSeeded() async throws -> Bool
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
    func account(tokenHash: String) async throws -> Account?
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

/// A bearer token for the JSON API, stored hashed.
public struct APIToken: Sendable, Equatable {
    public var tokenHash: String
    public var accountID: Account.ID
    public var name: String
    public var createdAt: Date

    public init(tokenHash: String, accountID: Account.ID, name: String, createdAt: Date) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.name = name
        self.createdAt = createdAt
    }
}
