import Foundation
import RecognitionCore

/// The site's pages: every link and redirect the server writes comes from here, so none can drift from the routes.
enum SiteURL: Sendable, Equatable {
    case home
    case login(next: String?)
    case microcredential(Microcredential.ID)
    case newMicrocredential
    case editMicrocredential(Microcredential.ID)
    case importFile
    case admin
    case frameworks
    case reference
    case audit(subject: AuditSubject?)

    var path: String {
        switch self {
        case .home: "/"
        case .login(let next?): "/login?next=\(Self.escape(next))"
        case .login(nil): "/login"
        case .microcredential(let id): "/microcredentials/\(Self.escape(id.rawValue))"
        case .newMicrocredential: "/microcredentials/new"
        case .editMicrocredential(let id): "/microcredentials/\(Self.escape(id.rawValue))/edit"
        case .importFile: "/import"
        case .admin: "/admin"
        case .frameworks: "/frameworks"
        case .reference: "/reference"
        case .audit(let subject?): "/audit?subject=\(Self.escape(subject.description))"
        case .audit(nil): "/audit"
        }
    }

    /// A `next` parameter that stays on this site: a path starting with one `/`, with no backslash or control character
    /// (browsers read `/\\host` and `//host` as other hosts).
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), text.count <= 500,
            !text.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F })
        else { return "/" }
        return text
    }

    private static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
