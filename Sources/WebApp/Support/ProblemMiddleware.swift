import AccordServices
import Foundation
import Hummingbird
import Logging

/// Turns every error into a response: problem JSON under `/api`, an HTML error page elsewhere. Nothing else maps errors.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer
    /// Finds who is signed in for an error page: this middleware runs outside `AuthMiddleware`, so its context has
    /// no account, and a 403 page would otherwise offer "Sign in" to someone signed in.
    let desk: AccountDesk

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem(from: error)
            if problem.status >= 500 {
                context.logger.error(
                    "request failed", metadata: ["path": "\(Self.loggable(request.uri.path))", "error": "\(String(reflecting: error))"])
            }
            if request.uri.path.hasPrefix("/api") {
                var response = try Self.json(problem)
                if let throttled = error as? AccountDesk.SignInThrottled { response.headers[.retryAfter] = String(throttled.retryAfter) }
                return response
            }
            if problem.status == 401 {
                return Response.redirect(to: SiteURL.login(next: request.uri.path).path, type: .normal)
            }
            var context = context
            if let cookie = request.cookies[AuthMiddleware.cookieName]?.value, !cookie.isEmpty, cookie.count <= 200,
                let found = try? await desk.session(cookie: cookie)
            {
                context.account = found.account
                context.session = found.session
            }
            var response = try pages.render(ErrorPage(problem: problem, words: context.words), context: context)
            response.status = problem.httpStatus
            return response
        }
    }

    /// A path fit for the log: a claim link's token is a secret (whoever holds it reads the credential), so it is cut.
    static func loggable(_ path: String) -> String {
        path.hasPrefix("/claim/")
            ? "/claim/(token)" + (path.hasSuffix(".json") ? "/credential.json" : path.hasSuffix(".jwt") ? "/credential.jwt" : "")
            : path
    }

    static func json(_ problem: Problem) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(problem)
        return Response(
            status: problem.httpStatus, headers: [.contentType: "application/problem+json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

struct ErrorPage: PageModel {
    static let template = "error"
    let problem: Problem
    /// "404 Not found" in the page's language; the detail below stays in English, as the API gives it.
    let heading: String
    var title: String { heading }

    init(problem: Problem, words: Words) {
        self.problem = problem
        heading = "\(problem.status) " + (Self.reasons[problem.status].map { words($0) } ?? problem.title)
    }

    static let reasons: [Int: Phrase] = [
        400: Phrase("Bad request"), 401: Phrase("Sign-in needed"), 403: Phrase("Not allowed"), 404: Phrase("Not found"),
        409: Phrase("Conflict"), 413: Phrase("Too large"), 415: Phrase("Unsupported media type"), 422: Phrase("Not valid"),
        429: Phrase("Too many requests"), 500: Phrase("Server error"), 503: Phrase("Unavailable"),
    ]
}
