import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// Finds the caller: a bearer token for `/api`, the session cookie for pages. Never rejects a missing identity;
/// use cases authorize. A bearer token that is not valid is refused at once.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "accord_session"
    let desk: AccountDesk

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if request.uri.path.hasPrefix("/api") {
            if let header = request.headers[.authorization] {
                // RFC 9110: the scheme is case-insensitive.
                let parts = header.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                    throw Problem(.unauthorized, "send 'Authorization: Bearer TOKEN'")
                }
                let token = parts[1].trimmingCharacters(in: .whitespaces)
                guard token.count <= 200, let account = try await desk.account(bearer: token) else {
                    throw Problem(.unauthorized, "the bearer token is not valid")
                }
                context.account = account
            }
        } else if let cookie = request.cookies[Self.cookieName]?.value, !cookie.isEmpty, cookie.count <= 200 {
            if let found = try await desk.session(cookie: cookie) {
                context.account = found.account
                context.session = found.session
            }
        }
        return try await next(request, context)
    }
}
