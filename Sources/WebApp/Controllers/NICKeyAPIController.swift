import AccordServices
import Credentials
import Foundation
import Hummingbird
import NIOCore
import RecognitionCore

/// `/api/v1` NIC signing keys, and NICs' did:web documents at `/nics/ID/did.json`. A key is answered as `NICKey`
/// itself: public facts only (its sealed private half is a separate store read).
struct NICKeyAPIController {
    let desk: NICKeyDesk

    func register(api: RouterGroup<AppRequestContext>, site: Router<AppRequestContext>) {
        api.get("nics/:id/keys") { _, context in
            try JSONInput.response(try await desk.keys(of: .init(try context.parameters.require("id"))))
        }
        api.post("nics/:id/keys") { _, context in
            try JSONInput.response(try await desk.rotate(.init(try context.parameters.require("id")), by: context.account), status: .created)
        }
        api.post("nic-keys/:id/compromised") { request, context in
            let body = try await JSONInput.decode(IssuerAPIController.CompromiseRequest.self, from: request, limit: 4 << 10)
            guard let from = DateTime.parse(body.from) else {
                throw ValidationFailure([.init(field: "from", message: "must be a date-time such as 2026-12-01T00:00:00Z")])
            }
            return try JSONInput.response(
                try await desk.markCompromised(.init(try context.parameters.require("id")), from: from, by: context.account))
        }
        site.get("/nics/:id/did.json") { _, context in
            let document = try await desk.didDocument(for: .init(try context.parameters.require("id")))
            return Response(
                status: .ok, headers: [.contentType: "application/did+ld+json"], body: .init(byteBuffer: ByteBuffer(bytes: document.canonicalBytes)))
        }
    }
}
