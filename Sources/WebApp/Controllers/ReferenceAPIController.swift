import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/api/v1` reference data as typed resources: conventions and their parties, NICs, referencing statements, rules.
struct ReferenceAPIController {
    let desk: ReferenceDesk

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("conventions") { _, _ in try JSONInput.response(try await desk.conventions()) }
        router.get("conventions/:id") { _, context in try JSONInput.response(try await desk.convention(.init(try context.parameters.require("id")))) }
        router.put("conventions/:id/parties/:country", use: saveParty)
        router.get("nics") { _, _ in try JSONInput.response(try await desk.nics()) }
        router.get("nics/:id") { _, context in try JSONInput.response(try await desk.nic(.init(try context.parameters.require("id")))) }
        router.put("nics/:id", use: saveNIC)
        router.get("referencing") { _, _ in try JSONInput.response(try await desk.referencing()) }
        router.get("referencing/:id") { _, context in try JSONInput.response(try await desk.referencing(.init(try context.parameters.require("id"))))
        }
        router.put("referencing/:id", use: saveReferencing)
        router.get("rules") { _, _ in try JSONInput.response(try await desk.rules()) }
    }

    func saveParty(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.editReferenceData)
        var party = try await JSONInput.decode(StateParty.self, from: request)
        party.country = try context.parameters.require("country")
        return try JSONInput.response(try await desk.save(party, of: .init(try context.parameters.require("id")), by: context.account))
    }

    func saveNIC(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.editReferenceData)
        var nic = try await JSONInput.decode(NIC.self, from: request)
        nic.id = .init(try context.parameters.require("id"))
        return try JSONInput.response(try await desk.save(nic, by: context.account))
    }

    func saveReferencing(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.editReferenceData)
        var statement = try await JSONInput.decode(Referencing.self, from: request)
        statement.id = .init(try context.parameters.require("id"))
        return try JSONInput.response(try await desk.save(statement, by: context.account))
    }
}
