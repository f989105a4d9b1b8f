import AccordServices
import Foundation
import Hummingbird
import Mustache
import NIOCore
import RecognitionCore

/// Renders Mustache templates (HTML-escaped by default) from page models.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    public static func load() async throws -> PageRenderer {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw Problem(.internalServerError, "page templates are missing from the bundle")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory.path))
    }

    func render<Model: PageModel>(_ model: Model, context: AppRequestContext) throws -> Response {
        let page = Page(chrome: Chrome(context), title: model.title, content: model)
        guard let html = library.render(page, withTemplate: Model.template) else {
            throw Problem(.internalServerError, "no page template '\(Model.template)'")
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// What every page shows around its content: who is signed in and the CSRF token for forms.
struct Chrome {
    let signedIn: Bool
    let name: String
    let role: String
    let csrf: String
    let isAdmin: Bool
    let canEditRegistry: Bool
    let links = SiteLinks()

    init(_ context: AppRequestContext) {
        signedIn = context.account != nil
        name = context.account?.displayName ?? ""
        role = context.account?.role.kind.rawValue ?? ""
        csrf = context.session?.csrfToken ?? ""
        isAdmin = context.account.may(.manageAccounts)
        canEditRegistry = context.account.may(.importMicrocredentials)
    }
}

/// A page's content: each model names the one template that renders it.
protocol PageModel {
    static var template: String { get }
    /// The page's `<title>` (the header reads it outside the content section).
    var title: String { get }
}

struct Page<Content: PageModel> {
    let chrome: Chrome
    let title: String
    let content: Content
}
