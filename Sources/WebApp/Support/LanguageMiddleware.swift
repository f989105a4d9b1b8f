import Hummingbird

/// Chooses the interface language of a page: the switch's cookie if set, else the browser's `Accept-Language`.
/// API responses stay in English (their messages are for programs and logs).
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "accord_lang"
    let catalogue: Catalogue

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.path.hasPrefix("/api") else { return try await next(request, context) }
        let chosen = request.cookies[Self.cookieName].flatMap { InterfaceLanguage(rawValue: $0.value) }
        let language = chosen ?? InterfaceLanguage.negotiate(acceptLanguage: request.headers[.acceptLanguage])
        var context = context
        context.words = catalogue.words(in: language)
        context.pageAddress = SiteURL.localPath(request.uri.description)
        var response = try await next(request, context)
        response.headers[.contentLanguage] = language.rawValue
        response.headers[.vary] = "Accept-Language, Cookie"
        return response
    }
}
