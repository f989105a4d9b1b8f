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
        let page = Page(chrome: Chrome(context), title: model.title, lang: context.words.language.rawValue, t: context.words.lambda, content: model)
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
    /// A learner: the header links to their record.
    let isLearner: Bool
    /// Learners, NIC evaluators and admins: the header links to recognition.
    let seesRecognition: Bool
    /// The network's members (admins, NIC evaluators, focal points): the header links to action plans; admins and
    /// focal points to surveys.
    let seesNetwork: Bool
    let seesSurveys: Bool
    let links = SiteLinks()
    /// The language switch: every interface language, linked back to this page.
    let languages: [LanguageChoice]
    /// Shown while the page's language has not been reviewed by a speaker.
    let unreviewedTranslation: Bool

    init(_ context: AppRequestContext) {
        signedIn = context.account != nil
        name = context.account?.displayName ?? ""
        role = context.account.map { context.words(Labels.role($0.role.kind)) } ?? ""
        csrf = context.session?.csrfToken ?? ""
        isAdmin = context.account.may(.manageAccounts)
        canEditRegistry = context.account.may(.importMicrocredentials)
        isLearner = context.account.may(.holdCredentials)
        seesRecognition = [.learner, .evaluator, .admin].contains(context.account?.role.kind)
        seesNetwork = context.account.may(.readNetworkContacts)
        seesSurveys = [.focalPoint, .admin].contains(context.account?.role.kind)
        languages = InterfaceLanguage.allCases.map {
            LanguageChoice(
                tag: $0.rawValue, name: $0.nativeName, link: SiteURL.language($0, back: context.pageAddress).path,
                isCurrent: $0 == context.words.language)
        }
        unreviewedTranslation = !context.words.reviewed
    }
}

struct LanguageChoice {
    let tag: String
    let name: String
    let link: String
    let isCurrent: Bool
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
    /// The interface language, for `<html lang>`; content in other languages carries its own `lang`.
    let lang: String
    /// Translates `{{#t}}…{{/t}}` sections.
    let t: MustacheLambda
    let content: Content
}

// Named lookups instead of reflection for what every row of a long table reaches through (`{{chrome.csrf}}`, `{{#t}}`):
// Mustache otherwise reflects on each enclosing value for each name, which dominated a 200-row page.
extension Page: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "title": title
        case "lang": lang
        case "t": t
        case "content": content
        default: nil
        }
    }
}

extension Chrome: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "signedIn": signedIn
        case "name": self.name
        case "role": role
        case "csrf": csrf
        case "isAdmin": isAdmin
        case "canEditRegistry": canEditRegistry
        case "isLearner": isLearner
        case "seesRecognition": seesRecognition
        case "seesNetwork": seesNetwork
        case "seesSurveys": seesSurveys
        case "links": links
        case "languages": languages
        case "unreviewedTranslation": unreviewedTranslation
        default: nil
        }
    }
}

// Every page's header reads about fifteen links; reflecting over SiteLinks' fields for each was a tenth of a queue
// page's time. The links never change, so they are read once.
extension SiteLinks: MustacheParent {
    private static let byName: [String: String] = Dictionary(
        uniqueKeysWithValues: Mirror(reflecting: SiteLinks()).children.compactMap { child in
            child.label.flatMap { label in (child.value as? String).map { (label, $0) } }
        })

    func child(named name: String) -> Any? { Self.byName[name] }
}

extension LanguageChoice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "tag": tag
        case "name": self.name
        case "link": link
        case "isCurrent": isCurrent
        default: nil
        }
    }
}
