import AccordServices
import Hummingbird
import RecognitionCore

/// `/api/v1` tokens and accounts.
struct AccountAPIController {
    let desk: AccountDesk

    struct TokenRequest: Decodable {
        let email: String
        let password: String
        let name: String?
    }

    struct TokenResponse: Encodable {
        let token: String
        let account: Account
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
        router.get("me") { _, context in
            guard let account = context.account else { throw AccessError.unauthenticated }
            return try JSONInput.response(account)
        }
        router.get("accounts") { _, context in try JSONInput.response(try await desk.accounts(by: context.account)) }
        router.post("accounts", use: createAccount)
    }

    func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONInput.decode(TokenRequest.self, from: request)
        let account = try await desk.signIn(email: body.email, password: body.password)
        let token = try await desk.issueToken(for: account, name: body.name)
        return try JSONInput.response(TokenResponse(token: token, account: account), status: .created)
    }

    func createAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.manageAccounts)
        let body = try await JSONInput.decode(AccountRequest.self, from: request)
        let account = try await desk.create(
            email: body.email, displayName: body.displayName, password: body.password, role: body.role, scope: body.scope, by: context.account)
        return try JSONInput.response(account, status: .created)
    }
}
