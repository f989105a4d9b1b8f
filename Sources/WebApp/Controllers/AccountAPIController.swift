import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/api/v1` tokens and accounts.
struct AccountAPIController {
    let desk: AccountDesk

    struct TokenRequest: Decodable {
        let email: String
        let password: String
        let name: String?
        let days: Int?
    }

    struct TokenResponse: Encodable {
        let token: String
        let id: String
        let expiresAt: Date
        let account: Account
    }

    /// A token as lists show it: never its secret or hash.
    struct TokenInfo: Encodable {
        let id: String
        let name: String
        let createdAt: Date
        let expiresAt: Date
        let revokedAt: Date?

        init(_ token: APIToken) {
            (id, name, createdAt, expiresAt, revokedAt) = (token.id, token.name, token.createdAt, token.expiresAt, token.revokedAt)
        }
    }

    struct PasswordChange: Decodable {
        let currentPassword: String
        let newPassword: String
    }

    struct ResetCompletion: Decodable {
        let token: String
        let newPassword: String
    }

    struct ResetLink: Encodable {
        let resetURL: String
        let expiresAt: Date

        enum CodingKeys: String, CodingKey {
            case resetURL = "reset_url"
            case expiresAt = "expires_at"
        }
    }

    struct AccountRequest: Decodable {
        let email: String
        let displayName: String
        let password: String
        let role: Role.Kind
        let scope: String?
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.post("tokens", use: createToken)
        router.get("tokens") { _, context in
            guard let account = context.account else { throw AccessError.unauthenticated }
            return try JSONInput.response(try await desk.tokens(of: account.id, by: account).map(TokenInfo.init))
        }
        router.delete("tokens/:id") { _, context in
            guard let account = context.account else { throw AccessError.unauthenticated }
            try await desk.revokeToken(try context.parameters.require("id"), of: account.id, by: account)
            return Response(status: .noContent)
        }
        router.post("me/password") { request, context in
            let body = try await JSONInput.decode(PasswordChange.self, from: request, limit: 16 << 10)
            try await desk.changePassword(current: body.currentPassword, new: body.newPassword, by: context.account)
            return Response(status: .noContent)
        }
        router.post("accounts/:id/reset") { _, context in
            let reset = try await desk.issueReset(for: .init(try context.parameters.require("id")), by: context.account)
            return try JSONInput.response(
                ResetLink(resetURL: SiteURL.resetPassword(token: reset.token).path, expiresAt: reset.expiresAt), status: .created)
        }
        router.post("password-reset") { request, _ in
            let body = try await JSONInput.decode(ResetCompletion.self, from: request, limit: 16 << 10)
            _ = try await desk.completeReset(token: body.token, newPassword: body.newPassword)
            return Response(status: .noContent)
        }
        router.get("me") { _, context in
            guard let account = context.account else { throw AccessError.unauthenticated }
            return try JSONInput.response(account)
        }
        router.get("accounts") { _, context in try JSONInput.response(try await desk.accounts(by: context.account)) }
        router.post("accounts", use: createAccount)
    }

    func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONInput.decode(TokenRequest.self, from: request)
        let account = try await desk.signIn(email: body.email, password: body.password, from: context.remoteAddress)
        let issued = try await desk.issueToken(for: account, name: body.name, days: body.days)
        return try JSONInput.response(
            TokenResponse(token: issued.token, id: issued.info.id, expiresAt: issued.info.expiresAt, account: account), status: .created)
    }

    func createAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.manageAccounts)
        let body = try await JSONInput.decode(AccountRequest.self, from: request)
        let account = try await desk.create(
            email: body.email, displayName: body.displayName, password: body.password, role: body.role, scope: body.scope, by: context.account)
        return try JSONInput.response(account, status: .created)
    }
}
