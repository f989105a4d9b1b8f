import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// Signed-in pages: sign in and out, listing forms, CSV/JSON import, admin forms. Every POST checks the CSRF token.
struct EditorPages {
    let registrar: Registrar
    let desk: AccountDesk
    let reference: ReferenceDesk
    let config: AppConfig
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/login") { request, context in
            try pages.render(
                LoginModel(title: context.words("Sign in"), next: SiteURL.localPath(try request.queryDictionary["next"]), error: nil),
                context: context)
        }
        router.post("/login", use: login)
        router.post("/logout", use: logout)
        router.get("/microcredentials/new") { _, context in
            try context.account.authorize(.importMicrocredentials)
            return try pages.render(
                try await formModel(
                    title: context.words("New listing"), action: SiteURL.newMicrocredential.path, values: [:], isNew: true, context: context),
                context: context)
        }
        router.post("/microcredentials/new", use: create)
        router.get("/microcredentials/:id/edit", use: editForm)
        router.post("/microcredentials/:id/edit", use: update)
        router.get("/import") { _, context in
            try context.account.authorize(.importMicrocredentials)
            return try pages.render(
                ImportModel(
                    title: context.words("Import microcredentials"), report: nil,
                    columns: MicrocredentialInput.csvColumns.joined(separator: ",")),
                context: context)
        }
        router.post("/import", use: importFile)
        router.get("/admin") { _, context in
            try context.account.authorize(.manageAccounts)
            return try await adminPage(message: nil, context: context)
        }
        router.post("/admin/providers", use: createProvider)
        router.post("/admin/accounts", use: createAccount)
    }

    struct LoginModel: PageModel {
        static let template = "login"
        let title: String
        let next: String
        let error: String?
    }

    func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(LoginForm.self, from: request, limit: 16 << 10)
        let next = SiteURL.localPath(form.next)
        let account: Account
        do {
            account = try await desk.signIn(email: form.email ?? "", password: form.password ?? "", from: context.remoteAddress)
        } catch is AccountDesk.SignInRefused {
            var response = try pages.render(
                LoginModel(title: context.words("Sign in"), next: next, error: context.words("The email or password is wrong.")), context: context)
            response.status = .unauthorized
            return response
        } catch let throttled as AccountDesk.SignInThrottled {
            var response = try pages.render(
                LoginModel(
                    title: context.words("Sign in"), next: next,
                    error: context.words(
                        "Too many failed sign-ins for this account or from this address; try again in {seconds} s.",
                        ["seconds": String(throttled.retryAfter)])), context: context)
            response.status = .tooManyRequests
            response.headers[.retryAfter] = String(throttled.retryAfter)
            return response
        }
        let (cookie, _) = try await desk.openSession(for: account, lifetime: config.sessionLifetime)
        var response = Response.redirect(to: next, type: .normal)
        response.setCookie(
            .init(
                name: AuthMiddleware.cookieName, value: cookie, maxAge: Int(config.sessionLifetime), path: "/", secure: config.secureCookies,
                httpOnly: true, sameSite: .lax))
        return response
    }

    func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(CSRFOnlyForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        if let session = context.session { try await desk.closeSession(session) }
        var response = Response.redirect(to: SiteURL.home.path, type: .normal)
        response.setCookie(.init(name: AuthMiddleware.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    struct FormModel: PageModel {
        static let template = "form"
        let title: String
        let action: String
        let values: [String: String]
        let isNew: Bool
        var error: Problem? = nil
        /// Choice lists: the providers this caller may list for, the frameworks, the modes.
        let providers: [RegistryPages.Option]
        let frameworks: [RegistryPages.Option]
        let modes: [RegistryPages.Option]
    }

    func formModel(
        title: String, action: String, values: [String: String], isNew: Bool, error: Problem? = nil, context: AppRequestContext
    ) async throws -> FormModel {
        let providers = try await registrar.providers().filter { context.account.may(.editMicrocredentials(of: $0.id)) }
        func options(_ pairs: [(String, String)], _ key: String, none: String?) -> [RegistryPages.Option] {
            (none.map { [RegistryPages.Option(value: "", label: $0, selected: (values[key] ?? "").isEmpty)] } ?? [])
                + pairs.map { RegistryPages.Option(value: $0.0, label: $0.1, selected: values[key] == $0.0) }
        }
        return FormModel(
            title: title, action: action, values: values, isNew: isNew, error: error,
            providers: options(
                providers.map { ($0.id.rawValue, "\($0.name) (\($0.id))") }, "provider_id",
                none: providers.count == 1 ? nil : context.words("choose")),
            frameworks: options(
                try await registrar.frameworks().map { ($0.id.rawValue, "\($0.name) (\($0.id))") }, "framework", none: context.words("none")),
            modes: options(
                Microcredential.Mode.allCases.map { ($0.rawValue, context.words(Labels.mode($0))) }, "mode", none: context.words("not stated")))
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ListingForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        do {
            let item = try await registrar.create(try form.input().get(), by: context.account)
            return .redirect(to: SiteURL.microcredential(item.id).path, type: .normal)
        } catch let error where error is ValidationFailure || error is StoreError || error is ListingReview.Refusal {
            return try rerender(
                try await formModel(
                    title: context.words("New listing"), action: SiteURL.newMicrocredential.path, values: form.values, isNew: true,
                    error: Problem(from: error), context: context),
                context)
        }
    }

    func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let item = try await registrar.editable(.init(id), by: context.account)
        let values: [String: String] = [
            "id": id, "provider_id": item.providerID.rawValue, "title": item.title,
            "learning_outcomes": item.learningOutcomes.joined(separator: "\n"),
            "framework": item.level?.framework.rawValue ?? "", "level": item.level.map { String($0.level) } ?? "",
            "credits": item.credits.map { RegistryPages.number($0) } ?? "",
            "notional_hours": item.notionalHours.map { RegistryPages.number($0) } ?? "",
            "assessment": item.assessment ?? "", "mode": item.mode?.rawValue ?? "", "qa_type": item.qaType ?? "", "language": item.language ?? "",
            "prerequisites": item.prerequisites.joined(separator: "\n"), "stackable_into": item.stackableInto.joined(separator: "\n"),
            "validity_months": item.validityMonths.map(String.init) ?? "",
        ]
        return try pages.render(
            try await formModel(
                title: context.words("Edit {title}", ["title": item.title]), action: SiteURL.editMicrocredential(.init(id)).path, values: values,
                isNew: false, context: context),
            context: context)
    }

    func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        var form = try await Forms.decode(ListingForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        form.values["id"] = id
        do {
            var input = try form.input(id: id).get()
            // The form has no fields for titles in other languages: keep the ones the listing has.
            input.titleLocal = try await registrar.editable(.init(id), by: context.account).titleLocal
            let item = try await registrar.update(.init(id), with: input, by: context.account)
            return .redirect(to: SiteURL.microcredential(item.id).path, type: .normal)
        } catch let error where error is ValidationFailure || error is ListingReview.Refusal {
            return try rerender(
                try await formModel(
                    title: context.words("Edit listing"), action: SiteURL.editMicrocredential(.init(id)).path, values: form.values, isNew: false,
                    error: Problem(from: error), context: context),
                context)
        }
    }

    func rerender(_ model: FormModel, _ context: AppRequestContext) throws -> Response {
        var response = try pages.render(model, context: context)
        response.status = .unprocessableContent
        return response
    }

    struct ImportModel: PageModel {
        static let template = "import"
        let title: String
        let report: Registrar.ImportReport?
        let columns: String
    }

    func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ImportForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        let text = form.file ?? ""
        let rows = try ImportFile.rows(Data(text.utf8), csv: false)
        let report = try await registrar.importRows(rows, skipInvalid: form.skipInvalid == "on", by: context.account)
        return try pages.render(
            ImportModel(
                title: context.words("Import microcredentials"), report: report, columns: MicrocredentialInput.csvColumns.joined(separator: ",")),
            context: context)
    }

    struct AdminModel: PageModel {
        static let template = "admin"
        let title: String
        let message: String?
        let providers: [ProviderRow]
        let accounts: [AccountRow]
        let kinds: [RegistryPages.Option]
        let qaStatuses: [RegistryPages.Option]
        let roles: [RegistryPages.Option]
        /// Where an account's role applies: a provider for staff, a NIC for evaluators.
        let providerScopes: [RegistryPages.Option]
        let nicScopes: [RegistryPages.Option]
        let countryScopes: [RegistryPages.Option]
    }

    struct ProviderRow {
        let id: String
        let name: String
        let country: String
        let link: String
    }

    struct AccountRow {
        let email: String
        let name: String
        let role: String
        let resetAction: String
    }

    func adminPage(message: String?, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let accounts = try await desk.accounts(by: context.account).map {
            AccountRow(
                email: $0.email, name: $0.displayName, role: words(Labels.role($0.role.kind)) + ($0.role.scope.map { " · \($0)" } ?? ""),
                resetAction: SiteURL.adminAccounts.path + "/\($0.id.rawValue)/reset")
        }
        func option(_ value: String, _ label: String) -> RegistryPages.Option { .init(value: value, label: label, selected: false) }
        let providers = try await registrar.providers()
        let model = AdminModel(
            title: words("Administration"), message: message,
            providers: providers.map { ProviderRow(id: $0.id.rawValue, name: $0.name, country: $0.country, link: SiteURL.provider($0.id).path) },
            accounts: accounts,
            kinds: Provider.Kind.allCases.map { option($0.rawValue, words(Labels.kind($0))) },
            qaStatuses: QAStanding.Status.allCases.map { option($0.rawValue, words(Labels.qaStatus($0))) },
            roles: Role.Kind.allCases.map { option($0.rawValue, words(Labels.role($0))) },
            providerScopes: providers.map { option($0.id.rawValue, "\($0.name) (\($0.id))") },
            nicScopes: try await reference.nics().map { option($0.id.rawValue, "\($0.acronym ?? $0.body ?? $0.countryName) (\($0.id))") },
            countryScopes: ReferenceDesk.countryNames(conventions: try await reference.conventions(), nics: try await reference.nics()).map {
                option($0.code, "\($0.name) (\($0.code))")
            })
        return try pages.render(model, context: context)
    }

    func createProvider(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ProviderForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        let provider = Provider(
            id: .init(form.id ?? ""), name: form.name ?? "", country: (form.country ?? "").uppercased(),
            kind: try Self.choice(Provider.Kind.self, form.kind, field: "kind"), qaBody: Forms.present(form.qaBody),
            qa: QAStanding(
                status: try Self.choice(QAStanding.Status.self, form.qaStatus, field: "qa_status"),
                since: Forms.present(form.qaSince)))
        _ = try await registrar.create(provider, by: context.account)
        return try await adminPage(message: context.words("Provider {name} created.", ["name": provider.name]), context: context)
    }

    static func choice<T: RawRepresentable<String> & CaseIterable>(_ type: T.Type, _ text: String?, field: String) throws -> T {
        guard let value = T(rawValue: text ?? "") else {
            throw ValidationFailure([.init(field: field, message: "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        return value
    }

    static func roleKind(_ text: String?) throws -> Role.Kind {
        guard let kind = Role.Kind(rawValue: text ?? "") else {
            throw ValidationFailure([.init(field: "role", message: "must be one of \(Role.Kind.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        return kind
    }

    func createAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(AccountForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        let account = try await desk.create(
            email: form.email ?? "", displayName: form.displayName ?? "", password: form.password ?? "",
            role: try Self.roleKind(form.role), scope: Forms.present(form.scope), by: context.account)
        return try await adminPage(message: context.words("Account {email} created.", ["email": account.email]), context: context)
    }
}
