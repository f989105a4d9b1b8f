import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/api/v1` registry resources: frameworks, providers, microcredentials, search, import.
struct RegistryAPIController {
    let registrar: Registrar

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("frameworks") { _, _ in try JSONInput.response(try await registrar.frameworks()) }
        router.get("frameworks/:id") { _, context in
            try JSONInput.response(try await registrar.framework(.init(try context.parameters.require("id"))))
        }
        router.put("frameworks/:id", use: saveFramework)
        router.get("providers") { _, _ in try JSONInput.response(try await registrar.providers()) }
        router.get("providers/:id") { _, context in try JSONInput.response(try await registrar.provider(.init(try context.parameters.require("id"))))
        }
        router.post("providers", use: createProvider)
        router.put("providers/:id", use: updateProvider)
        router.get("microcredentials", use: search)
        router.post("microcredentials", use: create)
        router.post("microcredentials/import", use: importFile)
        router.get("microcredentials/:id", use: detail)
        router.put("microcredentials/:id", use: update)
        router.post("microcredentials/:id/review", use: review)
    }

    func saveFramework(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.editReferenceData)
        let framework = try await JSONInput.decode(Framework.self, from: request)
        try Self.requireSameID(framework.id.rawValue, context)
        return try JSONInput.response(try await registrar.save(framework, by: context.account))
    }

    func createProvider(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.manageProviders)
        let provider = try await JSONInput.decode(Provider.self, from: request)
        return try JSONInput.response(try await registrar.create(provider, by: context.account), status: .created)
    }

    func updateProvider(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.manageProviders)
        let provider = try await JSONInput.decode(Provider.self, from: request)
        try Self.requireSameID(provider.id.rawValue, context)
        return try JSONInput.response(try await registrar.update(provider, by: context.account))
    }

    /// A body whose id differs from the address is refused: an id cannot be changed by a PUT.
    static func requireSameID(_ body: String, _ context: AppRequestContext) throws {
        let address = try context.parameters.require("id")
        guard body == address else {
            throw ValidationFailure([.init(field: "id", message: "is '\(body)' but the address names '\(address)'; an id cannot be changed")])
        }
    }

    func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await registrar.search(try RegistryQuery(parameters: try request.queryDictionary), by: context.account)
        return try JSONInput.response(SearchResponse(page))
    }

    func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONInput.response(try await registrar.detail(.init(try context.parameters.require("id")), by: context.account))
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.importMicrocredentials)
        let input = try await JSONInput.decode(MicrocredentialInput.self, from: request)
        let item = try await registrar.create(input, by: context.account)
        return try JSONInput.response(try await registrar.detail(item.id, by: context.account), status: .created)
    }

    func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.importMicrocredentials)
        let input = try await JSONInput.decode(MicrocredentialInput.self, from: request)
        let item = try await registrar.update(.init(try context.parameters.require("id")), with: input, by: context.account)
        return try JSONInput.response(try await registrar.detail(item.id, by: context.account))
    }

    /// One review step: `{"step": "submit" | "approve" | "return" | "withdraw", "reasons": "..."}` (reasons to return).
    func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.account != nil else { throw AccessError.unauthenticated }
        let body = try await JSONInput.decode(ReviewRequest.self, from: request)
        let item = try await registrar.review(body.step, .init(try context.parameters.require("id")), reasons: body.reasons, by: context.account)
        return try JSONInput.response(try await registrar.detail(item.id, by: context.account))
    }

    struct ReviewRequest: Decodable {
        let step: ListingReview.Step
        let reasons: String?
    }

    /// `text/csv` or `application/json` (a list of records, or `{"microcredentials": [...]}`); `?skip_invalid=true`.
    func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.importMicrocredentials)
        let body = try await JSONInput.body(request, limit: InputLimits.importBody)
        let isCSV = request.headers[.contentType]?.lowercased().hasPrefix("text/csv") ?? false
        let rows = try ImportFile.rows(Data(body.readableBytesView), csv: isCSV)
        let skip = try request.queryDictionary["skip_invalid"] == "true"
        let report = try await registrar.importRows(rows, skipInvalid: skip, by: context.account)
        return try JSONInput.response(report, status: report.imported > 0 ? .created : .ok)
    }
}

/// A search page as the API returns it.
struct SearchResponse: Encodable {
    let items: [RegistryHit]
    let total: Int
    let totalIsCapped: Bool
    let page: Int
    let perPage: Int

    init(_ page: SearchPage<RegistryHit>) {
        self.items = page.items
        self.total = page.total
        self.totalIsCapped = page.totalIsCapped
        self.page = page.page
        self.perPage = page.pageSize
    }
}
