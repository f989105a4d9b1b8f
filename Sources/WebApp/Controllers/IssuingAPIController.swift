import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/api/v1` issuing: one credential for a listing; a provider's issued credentials; one of them.
struct IssuingAPIController {
    let desk: IssuingDesk

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
            recipient =
                switch credential.recipient {
                case .email(let email): email
                case .did(let did): did
                }
            recipientName = credential.recipientName
            issuedAt = credential.issuedAt
            suite = credential.suite.rawValue
            state = credential.state.rawValue
            signed = credential.signed
        }
    }

    func register(on api: RouterGroup<AppRequestContext>) {
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
        api.get("providers/:id/credentials") { _, context in
            try JSONInput.response(
                try await desk.credentials(of: .init(try context.parameters.require("id")), by: context.account).map(CredentialInfo.init))
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
        guard let chosen = IssuedCredential.Suite(rawValue: suite.flatMap { $0.isEmpty ? nil : $0 } ?? "eddsa-rdfc-2022") else {
            throw ValidationFailure([.init(field: "suite", message: "must be eddsa-rdfc-2022, eddsa-jcs-2022 or jwt")])
        }
        return IssuingDesk.Order(microcredential: .init(microcredential), recipient: recipient, recipientName: name, suite: chosen)
    }
}
