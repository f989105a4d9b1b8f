import AccordServices
import Credentials
import Foundation
import Hummingbird
import NIOCore
import RecognitionCore

/// `/api/v1` issuer keys and public verification; providers' did:web documents at `/providers/ID/did.json`. A key
/// is answered as `IssuerKey` itself: public facts only (its sealed private half is a separate store read).
struct IssuerAPIController {
    let desk: IssuerDesk
    let verification: VerificationDesk

    struct CompromiseRequest: Decodable {
        let from: String
    }

    func register(api: RouterGroup<AppRequestContext>, site: Router<AppRequestContext>) {
        api.get("providers/:id/issuer-keys") { _, context in
            try JSONInput.response(try await desk.keys(of: .init(try context.parameters.require("id"))))
        }
        api.post("providers/:id/issuer-keys") { _, context in
            try JSONInput.response(
                try await desk.createKey(for: .init(try context.parameters.require("id")), by: context.account), status: .created)
        }
        api.post("issuer-keys/:id/compromised") { request, context in
            let body = try await JSONInput.decode(CompromiseRequest.self, from: request, limit: 4 << 10)
            guard let from = DateTime.parse(body.from) else {
                throw ValidationFailure([.init(field: "from", message: "must be a date-time such as 2026-12-01T00:00:00Z")])
            }
            return try JSONInput.response(
                try await desk.markCompromised(.init(try context.parameters.require("id")), from: from, by: context.account))
        }
        api.post("verify", use: verify)
        site.get("/providers/:id/did.json") { _, context in
            let document = try await desk.didDocument(for: .init(try context.parameters.require("id")))
            return Response(
                status: .ok, headers: [.contentType: "application/did+ld+json"], body: .init(byteBuffer: ByteBuffer(bytes: document.canonicalBytes)))
        }
    }

    /// A credential or presentation as JSON, or a compact JWT (`application/jwt` or text): the engine's report, every
    /// step in order, and what the registry says of the issuer and the microcredential.
    func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let type = (request.headers[.contentType] ?? "").lowercased()
        if !type.hasPrefix("application/jwt") && !type.hasPrefix("text/plain") && !type.hasPrefix("application/vc+jwt") {
            try JSONInput.requireJSON(request)
        }
        let body = try await JSONInput.body(request, limit: InputLimits.jsonBody)
        let result = try await verification.verify(Array(body.readableBytesView))
        return Self.response(result)
    }

    static func response(_ result: VerificationDesk.Result) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: result.json.canonicalBytes)))
    }
}
