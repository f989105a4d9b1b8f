import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/api/v1/cases` (recognition cases: applicants, the NIC's evaluators, admins), `/api/v1/statements` (signed
/// statements, for whoever holds the id) and a NIC's statistics, precedents and target time.
struct RecognitionAPIController {
    let desk: RecognitionDesk
    let clock: any Clock

    struct AppealRequest: Decodable {
        let grounds: String
    }

    struct TargetRequest: Decodable {
        let targetDays: Int
    }

    struct CasePage: Encodable {
        let items: [CaseLine]
        let total: Int
        /// True when counting stopped at 10,000: there are at least `total`.
        let totalIsCapped: Bool
        let page: Int
        let perPage: Int
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("cases") { request, context in
            let input = try await JSONInput.decode(RecognitionDesk.ApplicationInput.self, from: request)
            return try await view(try await desk.apply(input, by: context.account), context, status: .created)
        }
        api.get("cases") { request, context in
            let query = try query(request.uri.queryParameters)
            let page = try await desk.cases(query, by: context.account)
            let now = clock.now
            return try JSONInput.response(
                CasePage(
                    items: page.items.map { CaseLine($0, now: now) }, total: page.total, totalIsCapped: page.totalIsCapped, page: page.page,
                    perPage: page.pageSize))
        }
        api.get("cases/:id") { _, context in try await view(try await desk.recognitionCase(try Self.id(context), by: context.account), context) }
        api.get("cases/:id/history") { _, context in
            try JSONInput.response(try await desk.history(try Self.id(context), by: context.account))
        }
        api.post("cases/:id/submit") { _, context in try await view(try await desk.submit(try Self.id(context), by: context.account), context) }
        api.post("cases/:id/take") { _, context in try await view(try await desk.take(try Self.id(context), by: context.account), context) }
        api.post("cases/:id/withdraw") { _, context in try await view(try await desk.withdraw(try Self.id(context), by: context.account), context) }
        api.post("cases/:id/decision") { request, context in
            let input = try await JSONInput.decode(RecognitionDesk.DecisionInput.self, from: request, limit: 64 << 10)
            return try await view(try await desk.decide(try Self.id(context), input, by: context.account), context)
        }
        api.post("cases/:id/appeal") { request, context in
            let body = try await JSONInput.decode(AppealRequest.self, from: request, limit: 32 << 10)
            return try await view(try await desk.appeal(try Self.id(context), grounds: body.grounds, by: context.account), context)
        }
        api.post("cases/:id/appeal-decision") { request, context in
            let input = try await JSONInput.decode(RecognitionDesk.DecisionInput.self, from: request, limit: 64 << 10)
            return try await view(try await desk.decideAppeal(try Self.id(context), input, by: context.account), context)
        }
        api.post("cases/:id/documents") { request, context in
            let type = (request.headers[.contentType] ?? "").lowercased()
            guard CaseDocument.MediaType.allCases.contains(where: { type.hasPrefix($0.rawValue) }) else {
                throw InputError.mediaType("send the document as application/pdf, image/jpeg or image/png")
            }
            let bytes = Array(try await JSONInput.body(request, limit: CaseDocument.maxBytes).readableBytesView)
            let name = request.uri.queryParameters["name"].map(String.init) ?? "document"
            return try JSONInput.response(try await desk.attach(bytes, name: name, to: try Self.id(context), by: context.account), status: .created)
        }
        api.get("cases/:id/documents") { _, context in
            try JSONInput.response(try await desk.documents(of: try Self.id(context), by: context.account))
        }
        api.get("cases/:id/documents/:document") { _, context in
            let found = try await desk.document(.init(try context.parameters.require("document")), of: try Self.id(context), by: context.account)
            return Self.download(found.document, found.bytes)
        }
        api.get("statements/:id") { _, context in
            let statement = try await desk.statement(try context.parameters.require("id"))
            return Response(
                status: .ok, headers: [.contentType: "application/vc+ld+json"], body: .init(byteBuffer: ByteBuffer(string: statement.document)))
        }
        api.get("nics/:id/statistics") { request, context in
            let statistics = try await desk.statistics(of: .init(try context.parameters.require("id")), by: context.account)
            if request.uri.queryParameters["format"] == "csv" {
                return Response(
                    status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: statistics.csv)))
            }
            return try JSONInput.response(statistics)
        }
        api.get("nics/:id/precedents") { request, context in
            let text = request.uri.queryParameters["q"].map(String.init) ?? ""
            return try JSONInput.response(
                try await desk.precedents(at: .init(try context.parameters.require("id")), matching: text, by: context.account))
        }
        api.put("nics/:id/target") { request, context in
            let body = try await JSONInput.decode(TargetRequest.self, from: request, limit: 4 << 10)
            let nic = NIC.ID(try context.parameters.require("id"))
            try await desk.setTargetDays(body.targetDays, of: nic, by: context.account)
            return try JSONInput.response(["nic": nic.rawValue, "target_days": "\(try await desk.targetDays(of: nic))"])
        }
    }

    func view(_ recognitionCase: RecognitionCase, _ context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let documents = try await desk.documents(of: recognitionCase, by: context.account)
        return try JSONInput.response(CaseView(recognitionCase, documents: documents, now: clock.now), status: status)
    }

    /// A document as a download: its own type (sniffed on upload), never rendered inline.
    static func download(_ document: CaseDocument, _ bytes: [UInt8]) -> Response {
        Downloads.attachment(bytes, name: document.name, type: document.mediaType.rawValue)
    }

    static func id(_ context: AppRequestContext) throws -> RecognitionCase.ID { .init(try context.parameters.require("id")) }

    /// `state` (repeatable, comma-separated), `overdue=true`, `country`, `nic` (admins), `page`, `per_page`.
    func query(_ parameters: Hummingbird.Parameters) throws -> CaseQuery {
        var query = CaseQuery()
        var issues: [ValidationIssue] = []
        for text in parameters.getAll("state").flatMap({ $0.split(separator: ",") }) {
            guard let name = CaseWorkflow.Name(rawValue: String(text)) else {
                issues.append(.init(field: "state", message: "one of \(CaseWorkflow.Name.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            query.states.append(name)
        }
        if let overdue = parameters["overdue"] {
            guard overdue == "true" || overdue == "false" else { throw ValidationFailure([.init(field: "overdue", message: "true or false")]) }
            if overdue == "true" { query.overdueAt = clock.now }
        }
        if let country = parameters["country"] {
            guard country.count == 2 else { throw ValidationFailure([.init(field: "country", message: "an ISO 3166 alpha-2 code")]) }
            query.originCountry = country.uppercased()
        }
        if let nic = parameters["nic"] { query.nic = .init(String(nic.prefix(120))) }
        query.page = try IssuingParameters.wholeNumber(parameters.get("page"), field: "page", default: 1)
        query.pageSize = try IssuingParameters.wholeNumber(parameters.get("per_page"), field: "per_page", default: 50)
        if !(1...10_000).contains(query.page) { issues.append(.init(field: "page", message: "1 to 10000")) }
        if !(1...200).contains(query.pageSize) { issues.append(.init(field: "per_page", message: "1 to 200")) }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return query
    }
}

extension CaseWorkflow.TransitionError: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .notAllowed: Problem(.conflict, message)
        case .invalidDecision(let issues): Problem(.unprocessableContent, message, issues: issues)
        }
    }
}
