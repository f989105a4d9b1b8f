import Credentials
import Foundation
import RecognitionCore

/// NICs' statement-signing identities: Ed25519 keys published in the NIC's did:web document. A NIC's evaluators (and
/// admins) rotate its key and report one compromised; anyone reads the public halves. A NIC's first statement makes
/// its first key.
public struct NICKeyDesk: Sendable {
    let dependencies: Dependencies

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// A NIC's keys, newest first: public facts only, as its did:web document publishes them.
    public func keys(of nic: NIC.ID) async throws -> [NICKey] {
        guard try await dependencies.stores.reference.nic(nic) != nil else { throw StoreError.notFound(kind: "NIC", id: nic.rawValue) }
        return try await dependencies.stores.nicKeys.keys(of: nic)
    }

    /// The NIC's did:web.
    public func did(of nic: NIC.ID) -> String { dependencies.site.did(ofNIC: nic) }

    /// A new key for `nic`; it signs the NIC's statements from now on and the previous one is retired (what it signed
    /// still verifies). The private half is sealed before it reaches the database.
    public func rotate(_ nic: NIC.ID, by caller: Account?) async throws -> NICKey {
        try caller.authorize(.manageNICKeys(of: nic))
        guard try await dependencies.stores.reference.nic(nic) != nil else { throw StoreError.notFound(kind: "NIC", id: nic.rawValue) }
        return try await create(for: nic, by: caller).key
    }

    /// Reports a key compromised from `date`: statements it signed from then fail the registry check. If it was the
    /// active key, the NIC's next statement (or a rotation) makes a new one.
    public func markCompromised(_ id: NICKey.ID, from date: Date, by caller: Account?) async throws -> NICKey {
        // Who asks is checked before the key is looked up, so the public learns nothing of which ids exist.
        guard caller != nil else { throw AccessError.unauthenticated }
        guard var key = try await dependencies.stores.nicKeys.key(id) else { throw StoreError.notFound(kind: "NIC key", id: id.rawValue) }
        try caller.authorize(.manageNICKeys(of: key.nic))
        let before = key
        key.compromisedFrom = try key.compromiseStart(date)
        key.state = .compromised
        let (dependencies, changed) = (dependencies, key)
        try await dependencies.stores.transaction { tx in
            try await tx.nicKeys.save(changed)
            try await dependencies.record(
                .markCompromised, .init(.nicKey, changed.id.rawValue), by: caller,
                summary: Change(before: PublicFacts(before), after: PublicFacts(changed)), in: tx)
        }
        return key
    }

    /// The NIC's active key, opened for signing a statement; made (and audited) when the NIC has none.
    func signingKey(for nic: NIC.ID, caller: Account?) async throws -> (key: NICKey, pair: Ed25519KeyPair) {
        guard let key = try await dependencies.stores.nicKeys.keys(of: nic).first(where: { $0.state == .active }) else {
            return try await create(for: nic, by: caller)
        }
        guard let sealed = try await dependencies.stores.nicKeys.sealed(key.id) else {
            throw StoreError.notFound(kind: "sealed key", id: key.id.rawValue)
        }
        return (key, try Ed25519KeyPair(seed: try dependencies.keyEncryption.open(sealed, keyID: key.id.rawValue)))
    }

    private func create(for nic: NIC.ID, by caller: Account?) async throws -> (key: NICKey, pair: Ed25519KeyPair) {
        let pair = try Ed25519KeyPair(seed: dependencies.random.bytes(32))
        let key = NICKey(
            id: .init("nk-" + dependencies.random.token(bytes: 12)), nic: nic, didKey: pair.did, publicKeyMultibase: pair.publicKeyMultibase,
            createdAt: dependencies.clock.now)
        let sealed = try dependencies.keyEncryption.seal(pair.seed, keyID: key.id.rawValue)
        let dependencies = dependencies
        try await dependencies.stores.transaction { tx in
            try await tx.nicKeys.add(key, sealed: sealed)
            try await dependencies.record(.create, .init(.nicKey, key.id.rawValue), by: caller, summary: PublicFacts(key), in: tx)
        }
        return (key, pair)
    }

    /// The NIC's did:web document (`/nics/ID/did.json`): every key it has had, the active one first (as a provider's).
    public func didDocument(for nic: NIC.ID) async throws -> JSON {
        let keys = try await keys(of: nic)
        guard !keys.isEmpty else { throw StoreError.notFound(kind: "NIC signing key", id: nic.rawValue) }
        let page = "\(dependencies.site.origin)/nics/\(nic.rawValue)"
        return IssuerDesk.didDocument(dependencies.site.did(ofNIC: nic), page: page, keys: keys, authentication: false)
    }

    /// What the audit log keeps of a key: never the sealed half.
    struct PublicFacts: Encodable {
        let nic: String
        let didKey: String
        let state: String
        let compromisedFrom: Date?

        init(_ key: NICKey) {
            nic = key.nic.rawValue
            didKey = key.didKey
            state = key.state.rawValue
            compromisedFrom = key.compromisedFrom
        }
    }
}
