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
        router.put("conventions/:id", use: saveConvention)
        router.get("conventions/:id/report") { request, context in
            let report = try await desk.report(.init(try context.parameters.require("id")))
            if request.uri.queryParameters["format"] == "csv" {
                return Response(
                    status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: report.csv)))
            }
            return try JSONInput.response(report)
        }
        router.put("conventions/:id/parties/:country", use: saveParty)
        router.get("countries/:code") { _, context in
            try JSONInput.response(try await desk.country(try context.parameters.require("code"), for: context.account))
        }
        router.get("nics") { _, context in try JSONInput.response(try await desk.nics(for: context.account)) }
        router.get("nics/:id") { _, context in
            try JSONInput.response(try await desk.nic(.init(try context.parameters.require("id")), for: context.account))
        }
        router.put("nics/:id", use: saveNIC)
        router.get("referencing") { _, _ in try JSONInput.response(try await desk.referencing()) }
        router.get("referencing/:id") { _, context in try JSONInput.response(try await desk.referencing(.init(try context.parameters.require("id"))))
        }
        router.put("referencing/:id", use: saveReferencing)
        router.get("rules") { _, _ in try JSONInput.response(try await desk.rules()) }
        router.get("compare") { request, _ in try JSONInput.response(try await desk.compare(try Self.comparison(request.uri.queryParameters))) }
    }

    /// `from=hkqf:4&to=nzqcf&credits=15` (or `hours=`) as a request; every fault named by its parameter.
    static func comparison(_ query: Hummingbird.Parameters) throws -> ComparisonRequest {
        try comparison { query[$0[...]].map(String.init) }
    }

    /// The same from any source of named values (the page's form).
    static func comparison(_ query: (String) -> String?) throws -> ComparisonRequest {
        var issues: [ValidationIssue] = []
        let from = query("from").flatMap { ComparisonRequest.place($0) }
        if from == nil { issues.append(.init(field: "from", message: "must be FRAMEWORK or FRAMEWORK:LEVEL, such as hkqf:4")) }
        let to = query("to") ?? ""
        if to.isEmpty || to.count > 120 { issues.append(.init(field: "to", message: "must name a framework, such as nzqcf")) }
        func number(_ name: String) -> Double? {
            guard let text = query(name), !text.isEmpty else { return nil }
            guard let value = Double(text), value.isFinite else {
                issues.append(.init(field: name, message: "must be a number"))
                return nil
            }
            return value
        }
        let credits = number("credits")
        let hours = number("hours")
        guard issues.isEmpty, let from else { throw ValidationFailure(issues) }
        return ComparisonRequest(from: from.0, level: from.1, credits: credits, hours: hours, to: .init(to))
    }

    func saveParty(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.editReferenceData)
        var party = try await JSONInput.decode(StateParty.self, from: request)
        party.country = try context.parameters.require("country")
        return try JSONInput.response(try await desk.save(party, of: .init(try context.parameters.require("id")), by: context.account))
    }

    func saveConvention(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.editReferenceData)
        let edit = try await JSONInput.decode(ReferenceDesk.ConventionEdit.self, from: request)
        return try JSONInput.response(try await desk.save(edit, of: .init(try context.parameters.require("id")), by: context.account))
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
