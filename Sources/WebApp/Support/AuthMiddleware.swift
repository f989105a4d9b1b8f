import Foundation
import HTTPTypes
import Hummingbird
import RecognitionCore
import Storage

/// Finds the caller: a bearer token for `/api`, the session cookie for pages. Never rejects; handlers authorize.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "accord_session"
    let dependencies: Dependencies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if request.uri.path.hasPrefix("/api") {
            if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
                let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
                guard let account = try await dependencies.accounts.account(tokenHash: Secrets.hash(token)) else {
                    throw Problem(.unauthorized, "the bearer token is not valid")
                }
                context.account = account
            }
        } else if let cookie = request.cookies[Self.cookieName]?.value, !cookie.isEmpty {
            if let found = try await dependencies.accounts.session(tokenHash: Secrets.hash(cookie)), found.session.expiresAt > dependencies.clock.now {
                context.account = found.account
                context.session = found.session
            }
        }
        return try await next(request, context)
    }
}
