import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// The signed-in person's own account (password, API tokens), the one-time reset page, and the admin's reset links.
struct AccountPages {
    let desk: AccountDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/account") { _, context in try await render(message: nil, context: context) }
        router.post("/account/password", use: changePassword)
        router.post("/account/tokens/:id/revoke", use: revokeToken)
        router.get("/reset-password") { request, context in
            try pages.render(
                ResetModel(title: context.words("Set a new password"), token: try request.queryDictionary["token"] ?? "", done: false, error: nil),
                context: context)
        }
        router.post("/reset-password", use: completeReset)
        router.post("/admin/accounts/:id/reset", use: issueReset)
    }

    struct AccountModel: PageModel {
        static let template = "account"
        let title: String
        let account: Account
        let message: String?
        let error: Problem?
        let tokens: [TokenRow]
        let passwordAction = SiteURL.account.path + "/password"
    }

    struct TokenRow {
        let id: String
        let name: String
        let created: String
        let expires: String
        let state: String
        let isLive: Bool
        let revokeAction: String
    }

    func render(message: String?, error: Problem? = nil, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw AccessError.unauthenticated }
        let now = Date()
        let tokens = try await desk.tokens(of: account.id, by: account).map { token in
            TokenRow(
                id: token.id, name: token.name, created: token.createdAt.isoDay, expires: token.expiresAt.isoDay,
                state: token.revokedAt != nil
                    ? context.words("revoked") : token.expiresAt <= now ? context.words("expired") : context.words("live"),
                isLive: token.isLive(at: now),
                revokeAction: SiteURL.account.path + "/tokens/\(token.id)/revoke")
        }
        var response = try pages.render(
            AccountModel(title: context.words("Your account"), account: account, message: message, error: error, tokens: tokens), context: context)
        if let error { response.status = error.httpStatus }
        return response
    }

    func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(PasswordForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        do {
            try await desk.changePassword(current: form.currentPassword ?? "", new: form.newPassword ?? "", by: context.account)
        } catch let failure as ValidationFailure {
            return try await render(message: nil, error: failure.problem, context: context)
        }
        // Every session ended with the change, this one too: sign in again with the new password.
        return .redirect(to: SiteURL.login(next: SiteURL.account.path).path, type: .normal)
    }

    func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(CSRFOnlyForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        guard let account = context.account else { throw AccessError.unauthenticated }
        let id = try context.parameters.require("id")
        try await desk.revokeToken(id, of: account.id, by: account)
        return try await render(message: context.words("Token {id} revoked.", ["id": id]), context: context)
    }

    struct ResetModel: PageModel {
        static let template = "reset"
        let title: String
        let token: String
        let done: Bool
        let error: String?
    }

    func completeReset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ResetForm.self, from: request, limit: 16 << 10)
        do {
            _ = try await desk.completeReset(token: form.token ?? "", newPassword: form.newPassword ?? "")
        } catch let failure as ValidationFailure {
            var response = try pages.render(
                ResetModel(
                    title: context.words("Set a new password"), token: form.token ?? "", done: false,
                    error: failure.issues.map(\.message).joined(separator: "; ")), context: context)
            response.status = .unprocessableContent
            return response
        }
        return try pages.render(ResetModel(title: context.words("Set a new password"), token: "", done: true, error: nil), context: context)
    }

    /// An admin's button: a one-time link to hand to the person, shown once.
    func issueReset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(CSRFOnlyForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let reset = try await desk.issueReset(for: .init(try context.parameters.require("id")), by: context.account)
        let link = SiteURL.resetPassword(token: reset.token).path
        return try pages.render(
            ResetIssuedModel(title: context.words("Password reset link"), link: link, expires: reset.expiresAt.formatted(.iso8601)), context: context)
    }

    struct ResetIssuedModel: PageModel {
        static let template = "reset-issued"
        let title: String
        let link: String
        let expires: String
    }
}
