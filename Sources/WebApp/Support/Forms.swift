import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// Reads `application/x-www-form-urlencoded` bodies into typed forms with Hummingbird's `URLEncodedFormDecoder`,
/// within `InputLimits.formBody` and at most 100 fields.
enum Forms {
    static func decode<Form: Decodable>(_ type: Form.Type, from request: Request, limit: Int = InputLimits.formBody) async throws -> Form {
        let text = String(buffer: try await request.body.collect(upTo: limit))
        guard text.utf8.lazy.filter({ $0 == UInt8(ascii: "&") }).count < 100 else { throw Problem(.badRequest, "too many form fields") }
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: text)
        } catch let error as DecodingError {
            throw Problem(.badRequest, "the form could not be read: \(error.summary)")
        }
    }

    /// Pages change state only with the session's CSRF token in the form.
    static func requireCSRF(_ sent: String?, _ context: AppRequestContext) throws {
        guard let session = context.session else { throw AccessError.unauthenticated }
        guard let sent, !sent.isEmpty, sent == session.csrfToken else {
            throw Problem(.forbidden, "the form's security token is missing or stale; reload the page and try again")
        }
    }

    /// Every `name=value` pair of a form body in order, repeated names kept (checkboxes), within `limit` and at most
    /// 300 fields: for forms whose fields are named by data (a survey's questions).
    static func pairs(from request: Request, limit: Int = InputLimits.formBody) async throws -> [(name: String, value: String)] {
        let text = String(buffer: try await request.body.collect(upTo: limit))
        let parts = text.split(separator: "&", omittingEmptySubsequences: true)
        guard parts.count <= 300 else { throw Problem(.badRequest, "too many form fields") }
        func decode(_ part: Substring) -> String {
            String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
        }
        return parts.map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }

    /// Nil for an absent or blank field.
    static func present(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return text
    }
}

struct LoginForm: Decodable {
    var email: String?
    var password: String?
    var next: String?
}

struct CSRFOnlyForm: Decodable {
    var csrf: String?

    enum CodingKeys: String, CodingKey {
        case csrf = "_csrf"
    }
}

/// A form field by its name, for forms whose fields are a list of names.
struct FieldName: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    /// The CSRF token and the named fields of a form, as text.
    static func fields(_ names: [String], from decoder: any Decoder) throws -> (csrf: String?, values: [String: String]) {
        let container = try decoder.container(keyedBy: FieldName.self)
        var values: [String: String] = [:]
        for name in names { values[name] = try container.decodeIfPresent(String.self, forKey: FieldName(stringValue: name)) }
        return (try container.decodeIfPresent(String.self, forKey: FieldName(stringValue: "_csrf")), values)
    }
}

/// The listing form: every field of `MicrocredentialInput` as text, lists one item per line.
struct ListingForm: Decodable {
    var csrf: String?
    var values: [String: String]

    init(from decoder: any Decoder) throws {
        (csrf, values) = try FieldName.fields(MicrocredentialInput.csvColumns, from: decoder)
    }

    /// The input the use case checks; `id` replaces the posted id on edits.
    func input(id: String? = nil) -> Result<MicrocredentialInput, ValidationFailure> {
        var fields = values
        if let id { fields["id"] = id }
        return MicrocredentialInput.fromFields(
            MicrocredentialInput.csvColumns.compactMap { column in fields[column].map { (column, $0) } }, lists: .lines)
    }
}

struct ImportForm: Decodable {
    var csrf: String?
    var file: String?
    var skipInvalid: String?

    enum CodingKeys: String, CodingKey {
        case csrf = "_csrf"
        case file
        case skipInvalid = "skip_invalid"
    }
}

struct ProviderForm: Decodable {
    var csrf: String?
    var id: String?
    var name: String?
    var country: String?
    var kind: String?
    var qaBody: String?
    var qaStatus: String?
    var qaSince: String?

    enum CodingKeys: String, CodingKey {
        case csrf = "_csrf"
        case id, name, country, kind
        case qaBody = "qa_body"
        case qaStatus = "qa_status"
        case qaSince = "qa_since"
    }
}

struct AccountForm: Decodable {
    var csrf: String?
    var email: String?
    var displayName: String?
    var password: String?
    var role: String?
    var scope: String?

    enum CodingKeys: String, CodingKey {
        case csrf = "_csrf"
        case email
        case displayName = "display_name"
        case password, role, scope
    }
}

struct ReviewForm: Decodable {
    var csrf: String?
    var step: String?
    var reasons: String?

    enum CodingKeys: String, CodingKey {
        case csrf = "_csrf"
        case step
        case reasons
    }
}

struct PasswordForm: Decodable {
    var csrf: String?
    var currentPassword: String?
    var newPassword: String?

    enum CodingKeys: String, CodingKey {
        case csrf = "_csrf"
        case currentPassword = "current_password"
        case newPassword = "new_password"
    }
}

/// The reset page has no session, so no CSRF token: the one-time token in the form is the proof.
struct ResetForm: Decodable {
    var token: String?
    var newPassword: String?

    enum CodingKeys: String, CodingKey {
        case token
        case newPassword = "new_password"
    }
}
