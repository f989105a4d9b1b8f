import Foundation

/// A key a NIC signs its recognition statements with (Ed25519), published in the NIC's did:web document
/// (`/nics/ID/did.json`) and as a did:key. Keys rotate as providers' issuer keys do: the newest active key signs, a
/// retired key's statements still verify, and a key reported compromised from a date makes the statements it signed
/// from then fail the registry check. The private half is kept only sealed under the key-encryption key.
public struct NICKey: SigningKey, Equatable, Codable {
    public typealias ID = Identifier<NICKey>
    public typealias State = IssuerKey.State

    public var id: ID
    public var nic: NIC.ID
    /// `did:key:z6Mk…`.
    public var didKey: String
    /// The Ed25519 public key as Multikey multibase (`z6Mk…`).
    public var publicKeyMultibase: String
    public var createdAt: Date
    public var state: State
    public var retiredAt: Date?
    public var compromisedFrom: Date?

    public init(
        id: ID, nic: NIC.ID, didKey: String, publicKeyMultibase: String, createdAt: Date, state: State = .active, retiredAt: Date? = nil,
        compromisedFrom: Date? = nil
    ) {
        self.id = id
        self.nic = nic
        self.didKey = didKey
        self.publicKeyMultibase = publicKeyMultibase
        self.createdAt = createdAt
        self.state = state
        self.retiredAt = retiredAt
        self.compromisedFrom = compromisedFrom
    }
}

/// NICs' signing keys. The sealed private halves are read only to sign.
public protocol NICKeyStore: Sendable {
    /// Adds a key and retires every other active key of its NIC (one active key per NIC).
    func add(_ key: NICKey, sealed: SealedKey) async throws
    /// A NIC's keys, newest first.
    func keys(of nic: NIC.ID) async throws -> [NICKey]
    func key(_ id: NICKey.ID) async throws -> NICKey?
    /// The key whose did:key is `didKey`, whatever its state.
    func key(didKey: String) async throws -> NICKey?
    func sealed(_ id: NICKey.ID) async throws -> SealedKey?
    func save(_ key: NICKey) async throws
}
