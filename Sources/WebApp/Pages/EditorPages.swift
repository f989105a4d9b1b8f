import Foundation
import HTTPTypes
import Hummingbird
import RecognitionCore
import Storage

/// Signed-in pages: sign in and out, listing forms, CSV/JSON import, admin forms. Every POST checks the CSRF token.
struct EditorPages {
    let dependencies: Dependencies
    let config: AppConfig
    let pages: PageRenderer
    var registrar: Registrar { Registrar(registry: dependencies.registry) }
    var desk: AccountDesk { AccountDesk(dependencies: dependencies, config: config) }

    func register(on router: Router<AppRequestContext>) {
        router.get("/login") { request, context in
            try pages.render("login", LoginModel(next: try request.queryDictionary["next"] ?? "/", error: nil), context: context)
        }
        router.post("/login", use: login)
        router.post("/logout", use: logout)
        router.get("/microcredentials/new") { _, context in
            guard context.account != nil else { throw AccessError.unauthenticated }
            return try pages.render("form", FormModel(title: "New listing", action: "/microcredentials/new", values: [:], isNew: true), context: context)
        }
        router.post("/microcredentials/new", use: create)
        router.get("/microcredentials/:id/edit", use: editForm)
        router.post("/microcredentials/:id/edit", use: update)
        router.get("/import") { _, context in
            guard context.account != nil else { throw AccessError.unauthenticated }
            return try pages.render("import", ImportModel(report: nil, columns: MicrocredentialInput.csvColumns.joined(separator: ",")), context: context)
        }
        router.post("/import", use: importFile)
        router.get("/admin") { _, context in
            try context.account.authorize(.manageAccounts)
            return try pages.render("admin", AdminModel(message: nil, providers: try await dependencies.registry.providers()), context: context)
        }
        router.post("/admin/providers", use: createProvider)
        router.post("/admin/accounts", use: createAccount)
    }

    struct LoginModel {
        let title = "Sign in"
        let next: String
        let error: String?
    }

    func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.parse(request, limit: 16 << 10)
        let next = form["next"].flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/"
        let account: Account
        do {
            account = try await desk.signIn(email: form["email"] ?? "", password: form["password"] ?? "")
        } catch let problem as Problem {
            var response = try pages.render("login", LoginModel(next: next, error: problem.detail), context: context)
            response.status = .unauthorized
            return response
        }
        let token = Secrets.token()
        try await dependencies.accounts.createSession(
            Session(tokenHash: Secrets.hash(token), accountID: account.id, csrfToken: Secrets.token(),
                    expiresAt: dependencies.clock.now.addingTimeInterval(config.sessionLifetime)))
        var response = Response.redirect(to: next, type: .normal)
        response.setCookie(.init(name: AuthMiddleware.cookieName, value: token, maxAge: Int(config.sessionLifetime), path: "/", secure: config.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.parse(request, limit: 16 << 10)
        try FormData.requireCSRF(form, context)
        if let session = context.session { try await dependencies.accounts.deleteSession(tokenHash: session.tokenHash) }
        var response = Response.redirect(to: "/", type: .normal)
        response.setCookie(.init(name: AuthMiddleware.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    struct FormModel {
        let title: String
        let action: String
        let values: [String: String]
        let isNew: Bool
        var error: Problem? = nil
    }

    static func input(from form: [String: String]) -> Result<MicrocredentialInput, ValidationFailure> {
        let header = MicrocredentialInput.csvColumns
        let row = header.map { column in
            let value = form[column] ?? ""
            return column == "learning_outcomes" || column == "prerequisites" || column == "stackable_into"
                ? value.split(whereSeparator: \.isNewline).joined(separator: "|") : value
        }
        return MicrocredentialInput.fromCSV(header: header, row: row)
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.parse(request)
        try FormData.requireCSRF(form, context)
        do {
            let item = try await registrar.create(try Self.input(from: form).get(), by: context.account)
            return .redirect(to: "/microcredentials/\(item.id)", type: .normal)
        } catch let error where error is ValidationFailure || error is StoreError {
            return try rerender(FormModel(title: "New listing", action: "/microcredentials/new", values: form, isNew: true, error: Problem(from: error)), context)
        }
    }

    func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let item = try await dependencies.registry.microcredential(.init(id)) else { throw StoreError.notFound(kind: "microcredential", id: id) }
        try context.account.authorize(.editMicrocredentials(of: item.providerID))
        let values: [String: String] = [
            "id": id, "provider_id": item.providerID.rawValue, "title": item.title, "learning_outcomes": item.learningOutcomes.joined(separator: "\n"),
            "framework": item.level?.framework.rawValue ?? "", "level": item.level.map { String($0.level) } ?? "",
            "credits": item.credits.map { RegistryPages.number($0) } ?? "", "notional_hours": item.notionalHours.map { RegistryPages.number($0) } ?? "",
            "assessment": item.assessment ?? "", "mode": item.mode?.rawValue ?? "", "qa_type": item.qaType ?? "", "language": item.language ?? "",
            "prerequisites": item.prerequisites.joined(separator: "\n"), "stackable_into": item.stackableInto.joined(separator: "\n"),
            "validity_months": item.validityMonths.map(String.init) ?? "", "status": item.status.rawValue,
        ]
        return try pages.render("form", FormModel(title: "Edit \(item.title)", action: "/microcredentials/\(id)/edit", values: values, isNew: false), context: context)
    }

    func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        var form = try await FormData.parse(request)
        try FormData.requireCSRF(form, context)
        form["id"] = id
        do {
            let item = try await registrar.update(.init(id), with: try Self.input(from: form).get(), by: context.account)
            return .redirect(to: "/microcredentials/\(item.id)", type: .normal)
        } catch let error where error is ValidationFailure {
            return try rerender(FormModel(title: "Edit listing", action: "/microcredentials/\(id)/edit", values: form, isNew: false, error: Problem(from: error)), context)
        }
    }

    func rerender(_ model: FormModel, _ context: AppRequestContext) throws -> Response {
        var response = try pages.render("form", model, context: context)
        response.status = .unprocessableContent
        return response
    }

    struct ImportModel {
        let title = "Import microcredentials"
        let report: Registrar.ImportReport?
        let columns: String
    }

    func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.parse(request)
        try FormData.requireCSRF(form, context)
        let text = form["file"] ?? ""
        let rows = try ImportFile.rows(Data(text.utf8), csv: false)
        let report = try await registrar.importRows(rows, skipInvalid: form["skip_invalid"] == "on", by: context.account)
        return try pages.render("import", ImportModel(report: report, columns: MicrocredentialInput.csvColumns.joined(separator: ",")), context: context)
    }

    struct AdminModel {
        let title = "Administration"
        let message: String?
        let providers: [Provider]
    }

    func createProvider(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.parse(request)
        try FormData.requireCSRF(form, context)
        let provider = Provider(
            id: .init(form["id"] ?? ""), name: form["name"] ?? "", country: (form["country"] ?? "").uppercased(),
            kind: Provider.Kind(rawValue: form["kind"] ?? "") ?? .university, qaBody: form["qa_body"].flatMap { $0.isEmpty ? nil : $0 },
            qa: QAStanding(status: QAStanding.Status(rawValue: form["qa_status"] ?? "") ?? .unknown, since: form["qa_since"].flatMap { $0.isEmpty ? nil : $0 }))
        if try await dependencies.registry.provider(provider.id) != nil { throw StoreError.conflict("provider '\(provider.id)' exists already") }
        try await registrar.save(provider, by: context.account)
        return try pages.render("admin", AdminModel(message: "Provider \(provider.name) created.", providers: try await dependencies.registry.providers()), context: context)
    }

    func createAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.parse(request)
        try FormData.requireCSRF(form, context)
        let account = try await desk.create(
            email: form["email"] ?? "", displayName: form["display_name"] ?? "", password: form["password"] ?? "",
            role: Role.Kind(rawValue: form["role"] ?? "") ?? .learner, scope: form["scope"].flatMap { $0.isEmpty ? nil : $0 }, by: context.account)
        return try pages.render("admin", AdminModel(message: "Account \(account.email) created.", providers: try await dependencies.registry.providers()), context: context)
    }
}
