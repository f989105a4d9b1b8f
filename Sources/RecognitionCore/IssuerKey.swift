import Foundation

/// A signing key a provider issues credentials with (Ed25519). The public half is published in the provider's did:web
/// document and as a did:key; the private half is kept only sealed under the key-encryption key (`SealedKey`).
///
/// Rotation keeps old keys: the newest key that is neither retired nor compromised signs, and credentials signed by
/// a retired key still verify. A key marked compromised from a date makes credentials it signed from that date fail
/// the registry check.
public struct IssuerKey: Sendable, Equatable, Codable {
    public typealias ID = Identifier<IssuerKey>

    public enum State: String, Sendable, Codable, CaseIterable {
        /// Signs new credentials.
        case active
        /// Replaced by a newer key; what it signed still verifies.
        case retired
        /// Reported compromised from `compromisedFrom`.
        case compromised
    }

    public var id: ID
    public var provider: Provider.ID
    /// `did:key:z6Mk…`, also the multibase public key's DID.
    public var didKey: String
    /// The Ed25519 public key as Multikey multibase (`z6Mk…`).
    public var publicKeyMultibase: String
    public var createdAt: Date
    public var state: State
    public var retiredAt: Date?
    public var compromisedFrom: Date?

    public init(
        id: ID, provider: Provider.ID, didKey: String, publicKeyMultibase: String, createdAt: Date, state: State = .active,
        retiredAt: Date? = nil, compromisedFrom: Date? = nil
    ) {
        self.id = id
        self.provider = provider
        self.didKey = didKey
        self.publicKeyMultibase = publicKeyMultibase
        self.createdAt = createdAt
        self.state = state
        self.retiredAt = retiredAt
        self.compromisedFrom = compromisedFrom
    }

}

/// What every signing key Accord keeps has, whoever owns it (a provider's issuer key, a NIC's statement key): its public
/// half and its lifecycle. What the did:web documents and the registry check read.
public protocol SigningKey: Sendable {
    var didKey: String { get }
    var publicKeyMultibase: String { get }
    var createdAt: Date { get }
    var state: IssuerKey.State { get }
    var compromisedFrom: Date? { get }
}

extension SigningKey {
    /// Whether what this key signed at `date` is to be trusted: not if the key was reported compromised by then.
    public func trusted(at date: Date) -> Bool {
        guard let compromisedFrom else { return true }
        return date < compromisedFrom
    }

    /// When this key, reported compromised from `date`, stops being trusted. Refused when it is already compromised or
    /// the time is before the key existed, except on the key's own creation day (UTC): pages ask for a day, and its
    /// start then means the key's creation.
    public func compromiseStart(_ date: Date) throws(ValidationFailure) -> Date {
        guard state != .compromised else { throw ValidationFailure([.init(field: "id", message: "this key is already marked compromised")]) }
        if date >= createdAt.addingTimeInterval(-1) { return date }
        guard date.isoDay == createdAt.isoDay else {
            throw ValidationFailure([.init(field: "from", message: "must not be before the key was created")])
        }
        return createdAt
    }
}

extension IssuerKey: SigningKey {}

/// A private key sealed with AES-256-GCM under the key-encryption key, bound to its key id (additional data), so a
/// sealed key moved to another row does not open.
public struct SealedKey: Sendable, Equatable {
    /// Nonce, ciphertext and tag (`AES.GCM.SealedBox.combined`).
    public var combined: [UInt8]
    /// Which key-encryption key sealed it (the first 16 hex digits of SHA-256 of that key).
    public var kekID: String

    public init(combined: [UInt8], kekID: String) {
        self.combined = combined
        self.kekID = kekID
    }
}

/// Providers' signing keys. The sealed private halves are read only to sign.
public protocol IssuerKeyStore: Sendable {
    /// Adds a key and retires every other active key of its provider (one active key per provider).
    func add(_ key: IssuerKey, sealed: SealedKey) async throws
    func keys(of provider: Provider.ID) async throws -> [IssuerKey]
    func key(_ id: IssuerKey.ID) async throws -> IssuerKey?
    /// The key whose did:key is `didKey`, whatever its state.
    func key(didKey: String) async throws -> IssuerKey?
    func sealed(_ id: IssuerKey.ID) async throws -> SealedKey?
    func save(_ key: IssuerKey) async throws
}
