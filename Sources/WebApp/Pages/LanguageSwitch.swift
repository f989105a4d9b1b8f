import Hummingbird

/// The interface-language switch: remembers the choice in a cookie for a year, then returns to the page.
struct LanguageSwitch {
    let config: AppConfig

    func register(on router: Router<AppRequestContext>) {
        router.get("/language") { request, _ in
            let query = try request.queryDictionary
            guard let language = query["to"].flatMap(InterfaceLanguage.init(rawValue:)) else {
                throw Problem(.badRequest, "'to' must be one of \(InterfaceLanguage.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var response = Response.redirect(to: SiteURL.localPath(query["back"]), type: .normal)
            response.setCookie(
                .init(
                    name: LanguageMiddleware.cookieName, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                    secure: config.secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
    }
}
