import Credentials
import Crypto
import Foundation
import RecognitionCore

/// A learner shows their record: a signed CLR 2.0 `ClrCredential` of the whole record or a selection, a Verifiable
/// Presentation for a verifier who sends a challenge and a domain, and share links that expire and can be revoked.
/// Records and presentations are signed with the learner's holder key (a did:key Accord keeps sealed for them).
public struct SharingDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// The desk's clock: whether a link is live is read against it.
    public var now: Date { dependencies.clock.now }

    /// Most credentials one record, presentation or link holds (what the verifier opens in one document).
    public static let maxSelection = 256

    /// What the audit log keeps of a new share link: never its token.
    struct ShareSummary: Encodable {
        let entries: Int
        let expires: String
    }

    /// How long a share link lives unless the learner says otherwise.
    public static let defaultDays = 30

    /// A link as created: the token is in `link` and shown once; only its hash is kept.
    public struct Created: Sendable {
        public var share: RecordShare
        public var token: String
        public var link: String
    }

    /// What a share link shows: whose record, and each credential checked now.
    public struct Shown: Sendable {
        public var share: RecordShare
        public var learnerName: String
        public var holder: String?
        public var credentials: [(entry: RecordEntry, result: VerificationDesk.Result)]
    }

    /// The learner's holder key, made on first use; its did:key is the issuer of their records and the holder of their
    /// presentations.
    func holderKey(for learner: Account, caller: Account?) async throws -> Ed25519KeyPair {
        if let (_, sealed) = try await stores.shares.holderKey(of: learner.id) {
            return try Ed25519KeyPair(seed: try dependencies.keyEncryption.open(sealed, keyID: "holder:" + learner.id.rawValue))
        }
        let pair = try Ed25519KeyPair(seed: dependencies.random.bytes(32))
        let sealed = try dependencies.keyEncryption.seal(pair.seed, keyID: "holder:" + learner.id.rawValue)
        try await stores.transaction { tx in
            try await tx.shares.addHolderKey(of: learner.id, didKey: pair.did, sealed: sealed, at: dependencies.clock.now)
            try await dependencies.record(.create, .init(.holderKey, learner.id.rawValue), by: caller, summary: ["did": pair.did], in: tx)
        }
        return pair
    }

    /// The learner's entries named by `ids` (all shown ones when nil), in record order; an id that is not theirs is an error.
    func selection(_ ids: [RecordEntry.ID]?, of learner: Account.ID) async throws -> [RecordEntry] {
        let entries = try await stores.records.entries(of: learner)
        guard let ids else { return Array(entries.filter { !$0.hidden }.prefix(Self.maxSelection)) }
        guard ids.count <= Self.maxSelection else {
            throw ValidationFailure([.init(field: "entries", message: "at most \(Self.maxSelection)")])
        }
        let known = Set(entries.map(\.id))
        if let missing = ids.first(where: { !known.contains($0) }) { throw StoreError.notFound(kind: "record entry", id: missing.rawValue) }
        let wanted = Set(ids)
        return entries.filter { wanted.contains($0.id) }
    }

    /// A credential as a CLR or presentation holds it: the JSON object, or a VC-JWT in a VC 2.0 envelope.
    static func embedded(_ entry: RecordEntry) -> JSON {
        if let document = try? JSON(parsing: Array(entry.document.utf8)), case .object = document { return document }
        return [
            "@context": "https://www.w3.org/ns/credentials/v2", "id": .string("data:application/vc+jwt," + entry.document),
            "type": "EnvelopedVerifiableCredential",
        ]
    }

    /// A signed CLR 2.0 `ClrCredential` of the learner's shown credentials, or of those named.
    public func clr(_ ids: [RecordEntry.ID]? = nil, by caller: Account?) async throws -> JSON {
        let learner = try LearnerRecordDesk.learner(caller)
        return try await clr(of: learner, entries: try await selection(ids, of: learner.id), caller: caller)
    }

    func clr(of learner: Account, entries: [RecordEntry], caller: Account?) async throws -> JSON {
        guard !entries.isEmpty else { throw ValidationFailure([.init(field: "entries", message: "choose at least one credential")]) }
        let pair = try await holderKey(for: learner, caller: caller)
        let now = DateTime.format(dependencies.clock.now)
        let record: JSON = [
            "@context": [
                "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ],
            "id": .string("urn:uuid:" + IssuingDesk.uuid(dependencies.random.bytes(16))),
            "type": ["VerifiableCredential", "ClrCredential"],
            "issuer": ["id": .string(pair.did), "type": ["Profile"], "name": .string(learner.displayName)],
            "name": .string("Comprehensive Learner Record of \(learner.displayName)"),
            "validFrom": .string(now),
            "credentialSubject": [
                "id": .string(pair.did), "type": ["ClrSubject"], "verifiableCredential": .array(entries.map(Self.embedded)),
            ],
        ]
        let options = ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: pair.verificationMethod, created: now)
        return try dependencies.verifier.integrity.sign(record, with: pair, options: options)
    }

    /// A Verifiable Presentation of the named (or all shown) credentials, signed by the learner's holder key for the
    /// verifier's `challenge` and `domain` (proof purpose authentication).
    public func presentation(_ ids: [RecordEntry.ID]?, challenge: String, domain: String, by caller: Account?) async throws -> JSON {
        let learner = try LearnerRecordDesk.learner(caller)
        var issues: [ValidationIssue] = []
        if challenge.isEmpty || challenge.count > 200 { issues.append(.init(field: "challenge", message: "1 to 200 characters")) }
        if domain.isEmpty || domain.count > 200 { issues.append(.init(field: "domain", message: "1 to 200 characters")) }
        if !issues.isEmpty { throw ValidationFailure(issues) }
        let entries = try await selection(ids, of: learner.id)
        guard !entries.isEmpty else { throw ValidationFailure([.init(field: "entries", message: "choose at least one credential")]) }
        let pair = try await holderKey(for: learner, caller: caller)
        let presentation: JSON = [
            "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"], "holder": .string(pair.did),
            "verifiableCredential": .array(entries.map(Self.embedded)),
        ]
        let options = ProofOptions(
            cryptosuite: .eddsaRdfc2022, verificationMethod: pair.verificationMethod, proofPurpose: "authentication",
            created: DateTime.format(dependencies.clock.now), challenge: challenge, domain: domain)
        return try dependencies.verifier.integrity.sign(presentation, with: pair, options: options)
    }

    /// A link to the named (or all shown) credentials, for `days` days.
    public func share(_ ids: [RecordEntry.ID]?, days: Int = defaultDays, by caller: Account?) async throws -> Created {
        let learner = try LearnerRecordDesk.learner(caller)
        guard (1...RecordShare.maxDays).contains(days) else {
            throw ValidationFailure([.init(field: "days", message: "must be between 1 and \(RecordShare.maxDays)")])
        }
        let entries = try await selection(ids, of: learner.id)
        guard !entries.isEmpty else { throw ValidationFailure([.init(field: "entries", message: "choose at least one credential")]) }
        let token = Base64URL.encode(dependencies.random.bytes(24))
        let now = dependencies.clock.now
        let share = RecordShare(
            id: .init("sh-" + Hex.encode(dependencies.random.bytes(8))), learner: learner.id, tokenHash: Secrets.hash(token),
            entries: entries.map(\.id), createdAt: now, expiresAt: now.addingTimeInterval(Double(days) * 86_400))
        try await stores.transaction { tx in
            try await tx.shares.add(share)
            try await dependencies.record(
                .create, .init(.recordShare, share.id.rawValue), by: caller,
                summary: ShareSummary(entries: share.entries.count, expires: share.expiresAt.isoDay), in: tx)
        }
        return Created(share: share, token: token, link: "\(dependencies.site.origin)/shared/\(token)")
    }

    public func shares(by caller: Account?) async throws -> [RecordShare] {
        try await stores.shares.shares(of: try LearnerRecordDesk.learner(caller).id)
    }

    public func revoke(_ id: RecordShare.ID, by caller: Account?) async throws {
        let learner = try LearnerRecordDesk.learner(caller)
        try await stores.transaction { tx in
            guard try await tx.shares.revoke(id, of: learner.id, at: dependencies.clock.now) else {
                throw StoreError.notFound(kind: "live share", id: id.rawValue)
            }
            try await dependencies.record(.revoke, .init(.recordShare, id.rawValue), by: caller, summary: ["revoked": true], in: tx)
        }
    }

    /// What a share link shows, while it is live: anyone holding the link may read it. Each credential is verified now.
    public func shown(token: String) async throws -> Shown {
        guard token.count <= 200, let share = try await stores.shares.share(tokenHash: Secrets.hash(token)), share.isLive(at: dependencies.clock.now),
            let learner = try await stores.accounts.account(share.learner)
        else { throw StoreError.notFound(kind: "share link", id: "(not valid, expired or revoked)") }
        let entries = try await stores.records.entries(of: share.learner)
        let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
        var credentials: [(entry: RecordEntry, result: VerificationDesk.Result)] = []
        for id in share.entries {
            guard let entry = byID[id] else { continue }
            credentials.append((entry, try await VerificationDesk(dependencies: dependencies).verify(Array(entry.document.utf8))))
        }
        return Shown(
            share: share, learnerName: learner.displayName, holder: try await stores.shares.holderKey(of: learner.id)?.didKey,
            credentials: credentials)
    }

    /// The shared credentials as a signed CLR, for the link's recipient to keep.
    public func sharedCLR(token: String) async throws -> JSON {
        let shown = try await shown(token: token)
        guard let learner = try await stores.accounts.account(shown.share.learner) else {
            throw StoreError.notFound(kind: "share link", id: "(not valid, expired or revoked)")
        }
        return try await clr(of: learner, entries: shown.credentials.map(\.entry), caller: nil)
    }
}
