import Credentials
import Crypto
import Foundation
import RecognitionCore

/// Issuing: a provider's staff (or an admin) issue an Open Badges 3.0 credential for one of the provider's approved
/// listings to a learner, signed with the provider's active key as its did:web. The learner gets a claim link.
public struct IssuingDesk: Sendable {
    let dependencies: Dependencies

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// How long a claim link works.
    public static let claimLifetime: TimeInterval = 30 * 24 * 3600

    public struct Order: Sendable {
        public var microcredential: Microcredential.ID
        public var recipient: IssuedCredential.Recipient
        public var recipientName: String
        public var suite: IssuedCredential.Suite

        public init(
            microcredential: Microcredential.ID, recipient: IssuedCredential.Recipient, recipientName: String,
            suite: IssuedCredential.Suite = .eddsaRdfc2022
        ) {
            self.microcredential = microcredential
            self.recipient = recipient
            self.recipientName = recipientName
            self.suite = suite
        }
    }

    /// A credential as issued, with the claim token (shown once; only its hash is kept).
    public struct Issued: Sendable {
        public var credential: IssuedCredential
        public var claimToken: String
        public var listingTitle: String
    }

    public func issue(_ order: Order, by caller: Account?) async throws -> Issued {
        guard caller != nil else { throw AccessError.unauthenticated }
        let listing = try await issuable(order.microcredential, by: caller)
        try Self.validate(order, listing: listing)
        let signer = try await signer(listing: listing, suite: order.suite)
        let now = dependencies.clock.now
        let id = IssuedCredential.ID("urn:uuid:" + Self.uuid(dependencies.random.bytes(16)))
        let token = dependencies.random.token(bytes: 32)
        let dependencies = dependencies
        // The slot, the signature over the credential that names it, the row and the audit event: one unit of work,
        // so a failure leaves no slot taken without a credential, and no credential without its slot.
        let credential = try await dependencies.stores.transaction { tx in
            guard let index = try await tx.statusLists.allocate(1, for: signer.provider.id) else {
                throw StoreError.notFound(kind: "status list", id: "\(signer.provider.id)/revocation")
            }
            guard index < BitstringStatusList.minimumLength else {
                throw ValidationFailure([.init(field: "provider", message: "its status lists are full (131,072 credentials)")])
            }
            let learner = CredentialSigner.Learner(recipient: order.recipient, name: order.recipientName, awarded: nil, result: nil)
            let signed = try signer.sign(id: id, learner: learner, statusIndex: index, at: now)
            let credential = IssuedCredential(
                id: id, provider: signer.provider.id, microcredential: signer.listing.id, recipient: order.recipient,
                recipientName: order.recipientName, issuedAt: now, suite: order.suite, signed: signed.document, jwt: signed.jwt,
                claimTokenHash: Secrets.hash(token), claimExpiresAt: now.addingTimeInterval(Self.claimLifetime), statusIndex: index)
            try await tx.issued.add(credential)
            try await dependencies.record(.issue, .init(.credential, id.rawValue), by: caller, summary: Summary(credential), in: tx)
            return credential
        }
        return Issued(credential: credential, claimToken: token, listingTitle: signer.listing.title)
    }

    /// The listing, when the caller may issue its provider's credentials.
    func issuable(_ microcredential: Microcredential.ID, by caller: Account?) async throws -> Microcredential {
        guard let listing = try await dependencies.stores.registry.microcredential(microcredential) else {
            throw StoreError.notFound(kind: "microcredential", id: microcredential.rawValue)
        }
        try caller.authorize(.issueCredentials(of: listing.providerID))
        return listing
    }

    /// What signing credentials for a listing needs, read once: its provider and framework, and the provider's active key.
    func signer(listing: Microcredential, suite: IssuedCredential.Suite) async throws -> CredentialSigner {
        let stores = dependencies.stores
        guard let provider = try await stores.registry.provider(listing.providerID) else {
            throw StoreError.notFound(kind: "provider", id: listing.providerID.rawValue)
        }
        let framework = try await listing.level.asyncMap { try await stores.registry.framework($0.framework) } ?? nil
        let (key, pair) = try await IssuerDesk(dependencies: dependencies).signingKey(for: provider.id)
        return CredentialSigner(
            desk: self, listing: listing, provider: provider, framework: framework, pair: pair,
            method: "\(dependencies.site.did(of: provider.id))#\(key.publicKeyMultibase)", suite: suite)
    }

    /// The credential behind a claim link, while the link works. Anyone holding the link may read it.
    public func claim(token: String) async throws -> IssuedCredential {
        guard token.count <= 200, let found = try await dependencies.stores.issued.credential(claimTokenHash: Secrets.hash(token)),
            found.claimExpiresAt > dependencies.clock.now
        else { throw StoreError.notFound(kind: "claim link", id: "(not valid or expired)") }
        return found
    }

    /// A credential Accord issued, by its id, for its verification link: anyone holding the credential holds the id.
    public func credential(id: IssuedCredential.ID) async throws -> IssuedCredential {
        guard id.rawValue.count <= 200, let found = try await dependencies.stores.issued.credential(id) else {
            throw StoreError.notFound(kind: "credential", id: id.rawValue)
        }
        return found
    }

    /// One issued credential, for its provider's staff and admins.
    public func credential(_ id: IssuedCredential.ID, by caller: Account?) async throws -> IssuedCredential {
        guard caller != nil else { throw AccessError.unauthenticated }
        guard let found = try await dependencies.stores.issued.credential(id) else {
            throw StoreError.notFound(kind: "credential", id: id.rawValue)
        }
        try caller.authorize(.issueCredentials(of: found.provider))
        return found
    }

    /// A provider's issued credentials that match, newest first, for its staff and admins.
    public func credentials(matching query: IssuedCredentialQuery, by caller: Account?) async throws -> [IssuedCredential] {
        try caller.authorize(.issueCredentials(of: query.provider))
        return try await dependencies.stores.issued.credentials(matching: query)
    }

    static func validate(_ order: Order, listing: Microcredential) throws {
        var issues: [ValidationIssue] = []
        if !listing.status.isIssuable {
            issues.append(.init(field: "microcredential", message: "only approved listings are issued; this one is \(listing.status.label)"))
        }
        if let problem = order.recipient.problem {
            let field = if case .email = order.recipient { "email" } else { "did" }
            issues.append(.init(field: field, message: problem))
        }
        let name = order.recipientName.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { issues.append(.init(field: "name", message: "is required")) }
        if let issue = TextRules.issue(field: "name", order.recipientName, limit: 200) { issues.append(issue) }
        if !issues.isEmpty { throw ValidationFailure(issues) }
    }

    /// The unsigned Open Badges 3.0 credential: the listing's outcomes, criteria, level and credits (Accord's extension
    /// context), the provider as issuer (its did:web), the learner by DID or by a salted hash of their email.
    func credentialJSON(
        id: IssuedCredential.ID, learner: CredentialSigner.Learner, listing: Microcredential, provider: Provider, framework: Framework?,
        at now: Date
    ) -> JSON {
        let site = dependencies.site
        let level = listing.level.map { reference in
            FrameworkLevel(
                framework: "\(site.origin)/frameworks/\(reference.framework.rawValue)",
                frameworkName: framework?.name ?? reference.framework.rawValue,
                level: framework?.level(reference.level)?.name ?? String(reference.level), credits: listing.credits,
                creditSystem: framework?.credit?.unit)
        }
        let description = listing.learningOutcomes.isEmpty ? listing.title : listing.learningOutcomes.joined(separator: "\n")
        let achievement = Achievement(
            id: site.microcredentialURL(listing.id), name: listing.title, description: description,
            criteriaNarrative: listing.assessment.map { "Assessed: \($0)" } ?? "Completed and assessed as the listing describes.",
            creditsAvailable: listing.credits, notionalHours: listing.notionalHours, frameworkLevel: level, inLanguage: listing.language,
            namesByLanguage: Self.names(of: listing))
        let subjectID: String =
            switch learner.recipient {
            case .did(let did): did
            case .email: ""
            }
        let badge = OpenBadgeCredential(
            id: id.rawValue, name: listing.title,
            issuer: IssuerProfile(id: site.did(of: provider.id), name: provider.name, url: "\(site.origin)/providers/\(provider.id.rawValue)"),
            subjectID: subjectID, achievement: achievement, validFrom: DateTime.format(now))
        guard case .object(var object) = badge.json, case .object(var subject)? = object["credentialSubject"] else { return badge.json }
        var identifiers: [JSON] = [
            ["type": "IdentityObject", "identityType": "name", "hashed": false, "identityHash": .string(learner.name)]
        ]
        if case .email(let email) = learner.recipient {
            subject["id"] = nil
            let salt = Hex.encode(dependencies.random.bytes(8))
            let hash = Hex.encode(SHA256.hash(data: Array((email.lowercased() + salt).utf8)))
            identifiers.append(
                [
                    "type": "IdentityObject", "identityType": "emailAddress", "hashed": true, "identityHash": .string("sha256$" + hash),
                    "salt": .string(salt),
                ])
        }
        subject["identifier"] = .array(identifiers)
        if let result = learner.result, !result.isEmpty {
            subject["result"] = [["type": ["Result"], "value": .string(result)]]
        }
        object["credentialSubject"] = .object(subject)
        if let awarded = learner.awarded { object["awardedDate"] = .string(awarded + "T00:00:00Z") }
        return .object(object)
    }

    /// The listing's title by language, when it has titles in other languages: those, and the title itself under the
    /// listing's language (if known). Empty for a title in one language only.
    static func names(of listing: Microcredential) -> [String: String] {
        guard !listing.titleLocal.isEmpty else { return [:] }
        var names = listing.titleLocal
        if let language = listing.language, names[language] == nil { names[language] = listing.title }
        return names
    }

    /// RFC 9562 version-4 layout over 16 random bytes.
    static func uuid(_ bytes: [UInt8]) -> String {
        var bytes = bytes
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.encode(bytes)
        let h = Array(hex)
        return [h[0..<8], h[8..<12], h[12..<16], h[16..<20], h[20..<32]].map { String($0) }.joined(separator: "-")
    }

    /// What the audit log keeps of an issuance: no email, no name.
    struct Summary: Encodable {
        let provider: String
        let microcredential: String
        let recipientKind: String
        let suite: String
        let batch: String?
        let row: Int?

        init(_ credential: IssuedCredential) {
            provider = credential.provider.rawValue
            microcredential = credential.microcredential.rawValue
            recipientKind = if case .email = credential.recipient { "email" } else { "did" }
            suite = credential.suite.rawValue
            batch = credential.batch?.rawValue
            row = credential.batchRow
        }
    }
}

/// Signs one learner's credential for a listing: everything but the learner, the id and the slot is read once.
struct CredentialSigner: Sendable {
    let desk: IssuingDesk
    let listing: Microcredential
    let provider: Provider
    let framework: Framework?
    let pair: Ed25519KeyPair
    /// The did:web verification method that names the key.
    let method: String
    let suite: IssuedCredential.Suite

    struct Learner: Sendable {
        var recipient: IssuedCredential.Recipient
        var name: String
        /// `YYYY-MM-DD`, when the learner completed (the credential's `awardedDate`).
        var awarded: String?
        var result: String?
    }

    /// The credential in the chosen form, and as a VC-JWT (the learner may download either).
    func sign(id: IssuedCredential.ID, learner: Learner, statusIndex: Int, at now: Date) throws -> (document: String, jwt: String) {
        var unsigned = desk.credentialJSON(id: id, learner: learner, listing: listing, provider: provider, framework: framework, at: now)
        if case .object(var object) = unsigned {
            object["credentialStatus"] = .array(StatusDesk.entries(provider: provider.id, index: statusIndex, site: desk.dependencies.site))
            unsigned = .object(object)
        }
        let jwt = try VCJWT.sign(unsigned, with: pair, keyID: method)
        switch suite {
        case .jwt: return (jwt, jwt)
        case .eddsaRdfc2022, .eddsaJcs2022:
            let options = ProofOptions(
                cryptosuite: suite == .eddsaRdfc2022 ? .eddsaRdfc2022 : .eddsaJcs2022, verificationMethod: method, created: DateTime.format(now))
            return (try desk.dependencies.verifier.integrity.sign(unsigned, with: pair, options: options).canonicalString, jwt)
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
