import AccordServices
import Foundation
import Hummingbird
import Mustache
import RecognitionCore

/// Qualifications and their pathways in the browser: the list, one qualification with its rules, and its JSON editor
/// for admins and the awarding provider's staff.
extension RecordPages {
    struct ListModel: PageModel {
        static let template = "qualifications"
        let title: String
        let items: [QualificationRow]
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let names = Dictionary(uniqueKeysWithValues: try await qualifications.frameworks().map { ($0.id, $0.name) })
        let items = try await qualifications.all().map { Self.row($0, names) }
        return try pages.render(ListModel(title: context.words("Qualifications"), items: items), context: context)
    }

    struct QualificationModel: PageModel {
        static let template = "qualification"
        let title: String
        let id: String
        let description: String?
        let awardedBy: String
        let framework: String
        let level: String?
        let totalCredits: String?
        let version: Int
        let rules: [RuleText]
        let canEdit: Bool
        let editLink: String
        let editJSON: String
        let progressLink: String?
        let schemaLink: String
        let error: String?
        let issues: [String]
    }

    struct RuleText {
        let label: String
        let json: String
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try await qualifications.qualification(.init(try context.parameters.require("id"))), context: context)
    }

    func render(
        _ q: Qualification, context: AppRequestContext, editJSON: String? = nil, error: String? = nil, issues: [String] = []
    ) async throws -> Response {
        let frameworks = try await qualifications.frameworks()
        let name = frameworks.first { $0.id == q.framework }?.name ?? q.framework.rawValue
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let rules = q.rules.map { rule in
            RuleText(label: rule.label ?? rule.kindName, json: (try? encoder.encode(rule)).map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
        let model = QualificationModel(
            title: q.title, id: q.id.rawValue, description: q.description, awardedBy: q.awardingBody ?? q.provider?.rawValue ?? "",
            framework: name, level: q.level.map(String.init), totalCredits: q.totalCredits.map(Span.number), version: q.version,
            rules: rules, canEdit: context.account.may(.editQualification(of: q.provider)), editLink: SiteURL.qualification(q.id).path,
            editJSON: editJSON ?? QualificationDesk.json(q), progressLink: context.account.may(.holdCredentials) ? SiteURL.progress(q.id).path : nil,
            schemaLink: "/api/v1/schemas/pathway-rules.json", error: error, issues: issues)
        var response = try pages.render(model, context: context)
        if error != nil { response.status = .unprocessableContent }
        return response
    }

    struct EditForm: Decodable {
        var csrf: String?
        var qualification: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case qualification
        }
    }

    func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(EditForm.self, from: request, limit: InputLimits.jsonBody * 2)
        try Forms.requireCSRF(form.csrf, context)
        let id = Qualification.ID(try context.parameters.require("id"))
        let text = form.qualification ?? ""
        do {
            let input = try WireJSON.decode(QualificationDesk.Input.self, from: Data(text.utf8))
            _ = try await qualifications.save(id, input, by: context.account)
        } catch let error as ValidationFailure {
            guard let existing = try? await qualifications.qualification(id) else { throw error }
            return try await render(
                existing, context: context, editJSON: text, error: context.words("Not saved:"), issues: error.issues.map(\.description))
        } catch let error as InputError {
            guard let existing = try? await qualifications.qualification(id) else { throw error }
            return try await render(existing, context: context, editJSON: text, error: context.words("Not saved:"), issues: [error.description])
        }
        return Response.redirect(to: SiteURL.qualification(id).path, type: .normal)
    }
}
