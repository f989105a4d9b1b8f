import Credentials
import Foundation
import RecognitionCore

/// Revocation and suspension through Bitstring Status Lists: each provider has one list per purpose (131,072 entries),
/// signed with its active key and served at `/status/PROVIDER/PURPOSE`; a credential holds the same slot in both.
public struct StatusDesk: Sendable {
    let dependencies: Dependencies

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    public enum Change: String, Sendable, CaseIterable {
        case revoke, suspend, unsuspend
    }

    /// Revokes (for good), suspends or reinstates a credential, with the provider's reason: the bit changes, the list is
    /// signed again, the credential's state and the audit log record it, in one unit of work.
    public func change(_ id: IssuedCredential.ID, _ change: Change, reason: String, by caller: Account?) async throws -> IssuedCredential {
        guard caller != nil else { throw AccessError.unauthenticated }
        guard var credential = try await dependencies.stores.issued.credential(id) else {
            throw StoreError.notFound(kind: "credential", id: id.rawValue)
        }
        try caller.authorize(.issueCredentials(of: credential.provider))
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [ValidationIssue] = []
        if reason.isEmpty { issues.append(.init(field: "reason", message: "say why; it is recorded in the audit log")) }
        if let issue = TextRules.issue(field: "reason", reason, limit: 1_000) { issues.append(issue) }
        let next: IssuedCredential.State
        switch (credential.state, change) {
        case (.revoked, _):
            issues.append(.init(field: "action", message: "a revoked credential stays revoked"))
            next = .revoked
        case (_, .revoke): next = .revoked
        case (.issued, .suspend): next = .suspended
        case (.suspended, .unsuspend): next = .issued
        default:
            issues.append(.init(field: "action", message: "a credential that is \(credential.state.rawValue) cannot be \(change.rawValue)ed"))
            next = credential.state
        }
        guard let index = credential.statusIndex else {
            throw ValidationFailure([.init(field: "id", message: "this credential carries no status entry")])
        }
        if !issues.isEmpty { throw ValidationFailure(issues) }
        let (key, pair) = try await IssuerDesk(dependencies: dependencies).signingKey(for: credential.provider)
        let dependencies = dependencies
        let provider = credential.provider
        let previous = credential.state
        credential.state = next
        credential.stateReason = reason
        let changed = credential
        try await dependencies.stores.transaction { tx in
            for purpose in StoredStatusList.Purpose.allCases {
                guard var list = try await tx.statusLists.list(of: provider, purpose: purpose) else {
                    throw StoreError.notFound(kind: "status list", id: "\(provider)/\(purpose.rawValue)")
                }
                var bits = try BitstringStatusList(bytes: list.bytes)
                let value = purpose == .revocation ? next == .revoked : next == .suspended
                guard try bits.isSet(index) != value else { continue }
                try bits.set(index, to: value)
                list.bytes = bits.bytes
                list.signed = try Self.sign(bits, provider: provider, purpose: purpose, key: key, pair: pair, dependencies: dependencies)
                list.updatedAt = dependencies.clock.now
                try await tx.statusLists.save(list)
            }
            try await tx.issued.setState(of: changed.id, to: next, reason: reason)
            try await dependencies.record(
                change == .revoke ? .revoke : change == .suspend ? .suspend : .unsuspend, .init(.credential, changed.id.rawValue), by: caller,
                summary: StateChange(from: previous.rawValue, to: next.rawValue, reason: reason, statusIndex: index), in: tx)
        }
        return changed
    }

    /// The signed list credential as served, or nil when the provider has none.
    public func signedList(of provider: Provider.ID, purpose: StoredStatusList.Purpose) async throws -> StoredStatusList? {
        try await dependencies.stores.statusLists.list(of: provider, purpose: purpose)
    }

    /// Opens a provider's two lists with its first key, or signs the existing ones again with a new key (so that after
    /// a rotation, or a key reported compromised, the lists verifiers fetch carry the new key's signature).
    static func openOrResign(for provider: Provider.ID, key: IssuerKey, pair: Ed25519KeyPair, in tx: any Stores, dependencies: Dependencies)
        async throws
    {
        for purpose in StoredStatusList.Purpose.allCases {
            if var list = try await tx.statusLists.list(of: provider, purpose: purpose) {
                list.signed = try sign(
                    try BitstringStatusList(bytes: list.bytes), provider: provider, purpose: purpose, key: key, pair: pair, dependencies: dependencies
                )
                list.updatedAt = dependencies.clock.now
                try await tx.statusLists.save(list)
            } else {
                let bits = BitstringStatusList()
                let signed = try sign(bits, provider: provider, purpose: purpose, key: key, pair: pair, dependencies: dependencies)
                try await tx.statusLists.create(
                    StoredStatusList(provider: provider, purpose: purpose, bytes: bits.bytes, signed: signed, updatedAt: dependencies.clock.now),
                    nextIndex: 0)
            }
        }
    }

    /// The entries a credential carries for its slot.
    static func entries(provider: Provider.ID, index: Int, site: PublicSite) -> [JSON] {
        StoredStatusList.Purpose.allCases.map { purpose in
            BitstringStatusList.entry(listID: site.statusListURL(provider, purpose.rawValue), index: index, purpose: .init(purpose))
        }
    }

    static func sign(
        _ bits: BitstringStatusList, provider: Provider.ID, purpose: StoredStatusList.Purpose, key: IssuerKey, pair: Ed25519KeyPair,
        dependencies: Dependencies
    ) throws -> String {
        let site = dependencies.site
        let did = site.did(of: provider)
        let now = DateTime.format(dependencies.clock.now)
        let unsigned = bits.credential(id: site.statusListURL(provider, purpose.rawValue), issuer: did, purpose: .init(purpose), validFrom: now)
        let options = ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: "\(did)#\(key.publicKeyMultibase)", created: now)
        return try dependencies.verifier.integrity.sign(unsigned, with: pair, options: options).canonicalString
    }

    struct StateChange: Encodable {
        let from: String
        let to: String
        let reason: String
        let statusIndex: Int
    }
}

extension BitstringStatusList.Purpose {
    init(_ purpose: StoredStatusList.Purpose) {
        switch purpose {
        case .revocation: self = .revocation
        case .suspension: self = .suspension
        }
    }
}

extension PublicSite {
    /// Where a provider's status list of one purpose is served.
    public func statusListURL(_ provider: Provider.ID, _ purpose: String) -> String { "\(origin)/status/\(provider.rawValue)/\(purpose)" }
}
