import AccordServices
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RecognitionCore

/// `/api/v1` issuing: one credential for a listing; a provider's issued credentials; one of them.
struct IssuingAPIController {
    let desk: IssuingDesk
    let status: StatusDesk

    struct StatusRequest: Decodable {
        let action: String
        let reason: String
    }

    struct IssueRequest: Decodable {
        let email: String?
        let did: String?
        let name: String
        let suite: String?
    }

    /// What the issuer gets back: the signed credential in the chosen form and as a JWT, and the learner's claim link
    /// (shown once).
    struct IssueResponse: Encodable {
        let id: String
        let suite: String
        let signed: String
        let jwt: String
        let claimURL: String
        let claimExpiresAt: Date

        enum CodingKeys: String, CodingKey {
            case id, suite, signed, jwt
            case claimURL = "claim_url"
            case claimExpiresAt = "claim_expires_at"
        }
    }

    /// An issued credential as its provider sees it (never the claim token's hash).
    struct CredentialInfo: Encodable {
        let id: String
        let provider: String
        let microcredential: String
        let recipient: String
        let recipientName: String
        let issuedAt: Date
        let suite: String
        let state: String
        let signed: String

        init(_ credential: IssuedCredential) {
            id = credential.id.rawValue
            provider = credential.provider.rawValue
            microcredential = credential.microcredential.rawValue
            recipient = credential.recipient.value
            recipientName = credential.recipientName
            issuedAt = credential.issuedAt
            suite = credential.suite.rawValue
            state = credential.state.rawValue
            signed = credential.signed
        }
    }

    func register(on api: RouterGroup<AppRequestContext>, site: Router<AppRequestContext>) {
        api.post("credentials/:id/status") { request, context in
            let body = try await JSONInput.decode(StatusRequest.self, from: request, limit: 8 << 10)
            guard let change = StatusDesk.Change(rawValue: body.action) else {
                throw ValidationFailure([.init(field: "action", message: "must be revoke, suspend or unsuspend")])
            }
            return try JSONInput.response(
                CredentialInfo(try await status.change(.init(try context.parameters.require("id")), change, reason: body.reason, by: context.account))
            )
        }
        // The status lists verifiers fetch: public, cacheable for five minutes, revalidated by ETag.
        site.get("/status/:provider/:purpose") { request, context in
            guard let purpose = StoredStatusList.Purpose(rawValue: try context.parameters.require("purpose")) else {
                throw Problem(.notFound, "a status list is /status/PROVIDER/revocation or /status/PROVIDER/suspension")
            }
            let provider = Provider.ID(try context.parameters.require("provider"))
            guard let list = try await status.signedList(of: provider, purpose: purpose) else {
                throw Problem(.notFound, "no \(purpose.rawValue) list for '\(provider)'")
            }
            let etag = "\"" + Secrets.etag(list.signed) + "\""
            var headers: HTTPFields = [.eTag: etag, .cacheControl: "public, max-age=300"]
            if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: headers) }
            headers[.contentType] = "application/vc+ld+json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: list.signed)))
        }
        api.post("microcredentials/:id/credentials") { request, context in
            let body = try await JSONInput.decode(IssueRequest.self, from: request, limit: 16 << 10)
            let order = try Self.order(
                microcredential: try context.parameters.require("id"), email: body.email, did: body.did, name: body.name, suite: body.suite)
            let issued = try await desk.issue(order, by: context.account)
            return try JSONInput.response(
                IssueResponse(
                    id: issued.credential.id.rawValue, suite: issued.credential.suite.rawValue, signed: issued.credential.signed,
                    jwt: issued.credential.jwt, claimURL: SiteURL.claim(token: issued.claimToken).path,
                    claimExpiresAt: issued.credential.claimExpiresAt),
                status: .created)
        }
        api.get("providers/:id/credentials") { request, context in
            let query = try IssuingParameters.credentialQuery(provider: try context.parameters.require("id"), try request.queryDictionary)
            return try JSONInput.response(try await desk.credentials(matching: query, by: context.account).map(CredentialInfo.init))
        }
        api.get("credentials/:id") { _, context in
            try JSONInput.response(CredentialInfo(try await desk.credential(.init(try context.parameters.require("id")), by: context.account)))
        }
    }

    /// An order from the API's or the page's fields: exactly one of email and DID; a known suite.
    static func order(microcredential: String, email: String?, did: String?, name: String, suite: String?) throws -> IssuingDesk.Order {
        let email = email.flatMap { $0.isEmpty ? nil : $0 }
        let did = did.flatMap { $0.isEmpty ? nil : $0 }
        let recipient: IssuedCredential.Recipient
        switch (email, did) {
        case (let email?, nil): recipient = .email(email.lowercased())
        case (nil, let did?): recipient = .did(did)
        default: throw ValidationFailure([.init(field: "email", message: "give the learner's email or DID, one of the two")])
        }
        return IssuingDesk.Order(
            microcredential: .init(microcredential), recipient: recipient, recipientName: name, suite: try IssuingParameters.suite(suite))
    }
}
