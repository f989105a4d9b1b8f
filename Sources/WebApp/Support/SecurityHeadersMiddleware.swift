import HTTPTypes
import Hummingbird

/// Headers every response carries: no framing, no type sniffing, no referrer leaking paths, scripts only from here.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        if let name = Self.referrerPolicy { response.headers[name] = "same-origin" }
        return response
    }
}
