import Foundation
import HTTPTypes
import Hummingbird
import RecognitionCore
import Storage

/// `/api/v1` registry resources: frameworks, providers, microcredentials, search, import.
struct RegistryAPIController {
    let dependencies: Dependencies
    var registrar: Registrar { Registrar(registry: dependencies.registry) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("frameworks") { _, _ in try JSONInput.response(try await dependencies.registry.frameworks()) }
        router.get("frameworks/:id", use: framework)
        router.put("frameworks/:id", use: saveFramework)
        router.get("providers") { _, _ in try JSONInput.response(try await dependencies.registry.providers()) }
        router.get("providers/:id", use: provider)
        router.post("providers", use: createProvider)
        router.put("providers/:id", use: updateProvider)
        router.get("microcredentials", use: search)
        router.post("microcredentials", use: create)
        router.post("microcredentials/import", use: importFile)
        router.get("microcredentials/:id", use: detail)
        router.put("microcredentials/:id", use: update)
    }

    func framework(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let framework = try await dependencies.registry.framework(.init(id)) else { throw StoreError.notFound(kind: "framework", id: id) }
        return try JSONInput.response(framework)
    }

    func saveFramework(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.editReferenceData)
        var framework = try await JSONInput.decode(Framework.self, from: request)
        framework.id = .init(try context.parameters.require("id"))
        guard framework.id.isValidSlug, !framework.name.isEmpty, framework.levels.count <= 30 else {
            throw ValidationFailure([.init(field: "framework", message: "needs a slug id, a name and at most 30 levels")])
        }
        try await dependencies.registry.save(framework)
        return try JSONInput.response(framework)
    }

    func provider(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let provider = try await dependencies.registry.provider(.init(id)) else { throw StoreError.notFound(kind: "provider", id: id) }
        return try JSONInput.response(provider)
    }

    func createProvider(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.manageProviders)
        let provider = try await JSONInput.decode(Provider.self, from: request)
        if try await dependencies.registry.provider(provider.id) != nil { throw StoreError.conflict("provider '\(provider.id)' exists already") }
        try await registrar.save(provider, by: context.account)
        return try JSONInput.response(provider, status: .created)
    }

    func updateProvider(_ request: Request, context: AppRequestContext) async throws -> Response {
        var provider = try await JSONInput.decode(Provider.self, from: request)
        provider.id = .init(try context.parameters.require("id"))
        try await registrar.save(provider, by: context.account)
        return try JSONInput.response(provider)
    }

    func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await dependencies.registry.search(try RegistryQuery(parameters: try request.queryDictionary))
        return try JSONInput.response(SearchResponse(page))
    }

    func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONInput.response(try await registrar.detail(.init(try context.parameters.require("id"))))
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await JSONInput.decode(MicrocredentialInput.self, from: request)
        let item = try await registrar.create(input, by: context.account)
        return try JSONInput.response(try await registrar.detail(item.id), status: .created)
    }

    func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await JSONInput.decode(MicrocredentialInput.self, from: request)
        let item = try await registrar.update(.init(try context.parameters.require("id")), with: input, by: context.account)
        return try JSONInput.response(try await registrar.detail(item.id))
    }

    /// `text/csv` or `application/json` (a list of records, or `{"microcredentials": [...]}`); `?skip_invalid=true`.
    func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONInput.body(request, limit: InputLimits.importBody)
        let data = Data(body.readableBytesView)
        let isCSV = request.headers[.contentType]?.lowercased().hasPrefix("text/csv") ?? false
        let rows = try ImportFile.rows(data, csv: isCSV)
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

    enum CodingKeys: String, CodingKey {
        case items, total, page
        case totalIsCapped = "total_is_capped"
        case perPage = "per_page"
    }
}
