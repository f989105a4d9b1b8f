import Credentials
import Foundation
import RecognitionCore

/// Providers' issuer identities: Ed25519 keys (did:key) published in the provider's did:web document. Staff of the
/// provider (and admins) create and rotate keys and report them compromised; anyone reads the public halves.
public struct IssuerDesk: Sendable {
    let dependencies: Dependencies

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// A new key for `provider`; it becomes the active key and the previous one is retired (what it signed still
    /// verifies). The private half is sealed before it reaches the database.
    public func createKey(for provider: Provider.ID, by caller: Account?) async throws -> IssuerKey {
        try caller.authorize(.manageIssuerKeys(of: provider))
        let stores = dependencies.stores
        guard try await stores.registry.provider(provider) != nil else { throw StoreError.notFound(kind: "provider", id: provider.rawValue) }
        let pair = try Ed25519KeyPair(seed: dependencies.random.bytes(32))
        let key = IssuerKey(
            id: .init("ik-" + dependencies.random.token(bytes: 12)), provider: provider, didKey: pair.did,
            publicKeyMultibase: pair.publicKeyMultibase, createdAt: dependencies.clock.now)
        let sealed = try dependencies.keyEncryption.seal(pair.seed, keyID: key.id.rawValue)
        let dependencies = dependencies
        try await stores.transaction { tx in
            try await tx.issuerKeys.add(key, sealed: sealed)
            // A provider's first key opens its revocation and suspension lists; a later key signs them again.
            try await StatusDesk.openOrResign(for: provider, key: key, pair: pair, in: tx, dependencies: dependencies)
            try await dependencies.record(.create, .init(.issuerKey, key.id.rawValue), by: caller, summary: PublicFacts(key), in: tx)
        }
        return key
    }

    /// A provider's issuer DID (did:web, served by Accord).
    public func did(of provider: Provider.ID) -> String { dependencies.site.did(of: provider) }

    /// A provider's keys, newest first: public facts only.
    public func keys(of provider: Provider.ID) async throws -> [IssuerKey] {
        try await dependencies.stores.issuerKeys.keys(of: provider)
    }

    /// Reports a key compromised from `date`: credentials it signed from then fail the registry check. If it was the
    /// active key the provider has none until a new one is created.
    public func markCompromised(_ id: IssuerKey.ID, from date: Date, by caller: Account?) async throws -> IssuerKey {
        // Who asks is checked before the key is looked up, so the public learns nothing of which ids exist.
        guard caller != nil else { throw AccessError.unauthenticated }
        guard var key = try await dependencies.stores.issuerKeys.key(id) else { throw StoreError.notFound(kind: "issuer key", id: id.rawValue) }
        try caller.authorize(.manageIssuerKeys(of: key.provider))
        let before = key
        key.compromisedFrom = try key.compromiseStart(date)
        key.state = .compromised
        let dependencies = dependencies
        let changed = key
        try await dependencies.stores.transaction { tx in
            try await tx.issuerKeys.save(changed)
            try await dependencies.record(
                .markCompromised, .init(.issuerKey, changed.id.rawValue), by: caller,
                summary: Change(before: PublicFacts(before), after: PublicFacts(changed)), in: tx)
        }
        return key
    }

    /// The provider's did:web document: every key it has had (retired and compromised ones too, so that what they
    /// signed can still be checked and reported), the active one first, and a link to its registry page.
    public func didDocument(for provider: Provider.ID) async throws -> JSON {
        guard try await dependencies.stores.registry.provider(provider) != nil else {
            throw StoreError.notFound(kind: "provider", id: provider.rawValue)
        }
        let did = dependencies.site.did(of: provider)
        let page = "\(dependencies.site.origin)/providers/\(provider.rawValue)"
        return Self.didDocument(did, page: page, keys: try await keys(of: provider), authentication: true)
    }

    /// A did:web document over signing keys: every key (retired and compromised ones too, so that what they signed can
    /// still be checked and reported) as a Multikey method, the active one first; the owner's page and the keys'
    /// did:keys as also-known-as. Providers' and NICs' documents differ only in the page and `authentication`.
    static func didDocument(_ did: String, page: String, keys: [some SigningKey], authentication: Bool) -> JSON {
        let keys = keys.sorted { ($0.state == .active ? 0 : 1, $1.createdAt) < ($1.state == .active ? 0 : 1, $0.createdAt) }
        let methods: [JSON] = keys.map {
            [
                "id": .string("\(did)#\($0.publicKeyMultibase)"), "type": "Multikey", "controller": .string(did),
                "publicKeyMultibase": .string($0.publicKeyMultibase),
            ]
        }
        let references = JSON.array(methods.compactMap { $0["id"] })
        var document: JSONObject = [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"], "id": .string(did),
            "alsoKnownAs": .array([.string(page)] + keys.map { .string($0.didKey) }), "verificationMethod": .array(methods),
            "assertionMethod": references,
        ]
        if authentication { document["authentication"] = references }
        return .object(document)
    }

    /// The active key of `provider`, opened for signing (issuance).
    func signingKey(for provider: Provider.ID) async throws -> (key: IssuerKey, pair: Ed25519KeyPair) {
        guard let key = try await keys(of: provider).first(where: { $0.state == .active }) else {
            throw ValidationFailure([.init(field: "provider", message: "'\(provider)' has no active issuer key: create one first")])
        }
        guard let sealed = try await dependencies.stores.issuerKeys.sealed(key.id) else {
            throw StoreError.notFound(kind: "sealed key", id: key.id.rawValue)
        }
        return (key, try Ed25519KeyPair(seed: try dependencies.keyEncryption.open(sealed, keyID: key.id.rawValue)))
    }

    /// What the audit log keeps of a key: never the sealed half.
    struct PublicFacts: Encodable {
        let provider: String
        let didKey: String
        let state: String
        let compromisedFrom: Date?

        init(_ key: IssuerKey) {
            provider = key.provider.rawValue
            didKey = key.didKey
            state = key.state.rawValue
            compromisedFrom = key.compromisedFrom
        }
    }
}
