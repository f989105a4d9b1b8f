import Credentials
import Crypto
import Foundation
import RecognitionCore

/// Claiming an award: a learner whose record completes a qualification's pathway asks for it; the awarding provider's
/// staff review the request and issue the qualification as an Open Badges 3.0 credential whose `evidence` names the
/// stacked credentials (or refuse it with reasons). The issued credential lands in the learner's record.
public struct AwardDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// Asks for `qualification`: allowed when the learner's shown credentials complete its pathway (or leave only
    /// converted ranges undecided), the qualification has an awarding provider in Accord, and no request is open.
    public func request(_ qualification: Qualification.ID, by caller: Account?) async throws -> AwardRequest {
        let learner = try LearnerRecordDesk.learner(caller)
        let report = try await LearnerRecordDesk(dependencies: dependencies).progress(toward: qualification, by: caller)
        guard let provider = report.qualification.provider else {
            throw StoreError.conflict("'\(report.qualification.title)' is awarded by a body outside Accord; ask it directly, with a share link")
        }
        guard report.progress.status != .incomplete else {
            throw StoreError.conflict("the pathway is not complete yet; see what each rule still needs")
        }
        let counted = report.progress.uses.enumerated().filter { $0.element.excluded == nil }.map { report.entries[$0.offset].id }
        let request = AwardRequest(
            id: .init("aw-" + Hex.encode(dependencies.random.bytes(8))), learner: learner.id, qualification: qualification,
            version: report.progress.version, provider: provider, progress: report.progress.status.rawValue, entries: counted,
            requestedAt: dependencies.clock.now)
        return try await stores.transaction { tx in
            let open = try await tx.awards.requests(learner: learner.id).contains { $0.qualification == qualification && $0.status == .requested }
            if open { throw StoreError.conflict("a request for this qualification is already waiting for the provider") }
            try await tx.awards.add(request)
            try await dependencies.record(
                .request, .init(.awardRequest, request.id.rawValue), by: caller,
                summary: ["qualification": qualification.rawValue, "version": String(request.version), "progress": request.progress], in: tx)
            return request
        }
    }

    /// The signed-in learner's requests.
    public func mine(by caller: Account?) async throws -> [AwardRequest] {
        try await stores.awards.requests(learner: try LearnerRecordDesk.learner(caller).id)
    }

    /// Requests to a provider (its staff; admins see every provider's when `provider` is nil).
    public func requests(for provider: Provider.ID?, by caller: Account?) async throws -> [AwardRequest] {
        if let provider {
            try caller.authorize(.issueCredentials(of: provider))
        } else {
            try caller.authorize(.manageProviders)
        }
        return try await stores.awards.requests(provider: provider)
    }

    /// One request with what a reviewer needs: the learner's name, and the stacked credentials as they are now.
    public struct Review: Sendable {
        public var request: AwardRequest
        public var qualification: Qualification
        public var learnerName: String
        public var entries: [RecordEntry]
    }

    public func review(_ id: AwardRequest.ID, by caller: Account?) async throws -> Review {
        // Only staff and admins review; others learn nothing, not even whether the request exists.
        guard let role = caller?.role else { throw AccessError.unauthenticated }
        switch role {
        case .admin, .providerStaff: break
        case .evaluator, .focalPoint, .learner: throw AccessError.forbidden("only the awarding provider's staff review award requests")
        }
        guard let request = try await stores.awards.request(id) else { throw StoreError.notFound(kind: "award request", id: id.rawValue) }
        try caller.authorize(.issueCredentials(of: request.provider))
        guard let qualification = try await stores.qualifications.qualification(request.qualification, version: request.version),
            let learner = try await stores.accounts.account(request.learner)
        else { throw StoreError.notFound(kind: "award request", id: id.rawValue) }
        let wanted = Set(request.entries)
        let entries = try await stores.records.entries(of: request.learner).filter { wanted.contains($0.id) }
        return Review(request: request, qualification: qualification, learnerName: learner.displayName, entries: entries)
    }

    /// Issues the qualification credential: signed with the provider's active key (its did:web), to the learner's
    /// holder DID, its evidence the stacked credentials; added to the learner's record.
    public func issue(_ id: AwardRequest.ID, by caller: Account?) async throws -> AwardRequest {
        let review = try await review(id, by: caller)
        guard review.request.status == .requested else { throw StoreError.conflict("this request was \(review.request.status.rawValue) already") }
        guard let learner = try await stores.accounts.account(review.request.learner),
            let provider = try await stores.registry.provider(review.request.provider)
        else { throw StoreError.notFound(kind: "award request", id: id.rawValue) }
        let holder = try await SharingDesk(dependencies: dependencies).holderKey(for: learner, caller: caller)
        let (_, pair) = try await IssuerDesk(dependencies: dependencies).signingKey(for: provider.id)
        let site = dependencies.site
        let now = dependencies.clock.now
        let q = review.qualification
        let framework = try await stores.registry.framework(q.framework)
        let credentialID = "urn:uuid:" + IssuingDesk.uuid(dependencies.random.bytes(16))
        let level = q.level.map { level in
            FrameworkLevel(
                framework: "\(site.origin)/frameworks/\(q.framework.rawValue)", frameworkName: framework?.name ?? q.framework.rawValue,
                level: framework?.level(level)?.name ?? String(level), credits: q.totalCredits, creditSystem: framework?.credit?.unit)
        }
        let achievement = Achievement(
            id: "\(site.origin)/qualifications/\(q.id.rawValue)", name: q.title, description: q.description ?? q.title,
            criteriaNarrative: "Completed the pathway of rules version \(q.version): the evidence lists the credentials that counted.",
            creditsAvailable: q.totalCredits, frameworkLevel: level)
        let badge = OpenBadgeCredential(
            id: credentialID, name: q.title,
            issuer: IssuerProfile(id: site.did(of: provider.id), name: provider.name, url: "\(site.origin)/providers/\(provider.id.rawValue)"),
            subjectID: holder.did, achievement: achievement, validFrom: DateTime.format(now))
        guard case .object(var object) = badge.json else { throw StoreError.conflict("the credential could not be built") }
        object["evidence"] = .array(
            review.entries.map { entry in
                var evidence: JSONObject = [
                    "type": ["Evidence"], "name": .string(entry.title),
                    "narrative": .string("Issued by \(entry.issuerName ?? entry.issuer)\(entry.issuedOn.map { " on \($0)" } ?? "")"),
                ]
                if let id = entry.credentialID, id.contains(":") { evidence["id"] = .string(id) }
                return .object(evidence)
            })
        let options = ProofOptions(
            cryptosuite: .eddsaRdfc2022, verificationMethod: "\(site.did(of: provider.id))#\(pair.publicKeyMultibase)",
            created: DateTime.format(now))
        let signed = try dependencies.verifier.integrity.sign(.object(object), with: pair, options: options).canonicalString
        var decided = review.request
        decided.status = .issued
        decided.decidedAt = now
        decided.decidedBy = caller?.id
        decided.credential = signed
        let entry = RecordEntry(
            id: .init("rec-" + Hex.encode(dependencies.random.bytes(12))), learner: learner.id, source: .claimed, credentialID: credentialID,
            fingerprint: Hex.encode(SHA256.hash(data: Array(("id:" + credentialID).utf8))), document: signed, title: q.title,
            issuer: site.did(of: provider.id), issuerName: provider.name, provider: provider.id, country: provider.country,
            issuedOn: now.isoDay, framework: q.framework, level: q.level, credits: q.totalCredits, units: [achievement.id], factsSource: "registry",
            addedAt: now)
        let final = decided
        try await stores.transaction { tx in
            try await tx.awards.save(final)
            try await tx.records.add(entry)
            try await dependencies.record(
                .issue, .init(.awardRequest, final.id.rawValue), by: caller,
                summary: ["credential": credentialID, "qualification": q.id.rawValue], in: tx)
        }
        return final
    }

    /// Refuses a request with the reasons the learner reads.
    public func refuse(_ id: AwardRequest.ID, reason: String, by caller: Account?) async throws -> AwardRequest {
        let review = try await review(id, by: caller)
        guard review.request.status == .requested else { throw StoreError.conflict("this request was \(review.request.status.rawValue) already") }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 2_000 else {
            throw ValidationFailure([.init(field: "reason", message: "say why, in at most 2000 characters")])
        }
        var decided = review.request
        decided.status = .refused
        decided.decidedAt = dependencies.clock.now
        decided.decidedBy = caller?.id
        decided.reason = trimmed
        let final = decided
        try await stores.transaction { tx in
            try await tx.awards.save(final)
            try await dependencies.record(.refuse, .init(.awardRequest, final.id.rawValue), by: caller, summary: ["reason": trimmed], in: tx)
        }
        return final
    }
}
