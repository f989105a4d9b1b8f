import AccordServices
import Foundation
import Hummingbird
import Mustache
import RecognitionCore

/// The awarding provider's side of a qualification: the requests, with the credentials that counted; issue or refuse.
extension RecordPages {
    struct AwardQueueModel: PageModel {
        static let template = "awards"
        let title: String
        let items: [AwardRow]
        let hasItems: Bool
    }

    struct AwardRow {
        let id: String
        let learner: String
        let qualification: String
        let qualificationLink: String
        let version: Int
        let progress: String
        let requested: String
        let status: String
        let open: Bool
        let credentials: [String]
        let reason: String?
        let issueLink: String
        let refuseLink: String
    }

    /// A provider's award requests (staff see their provider's; admins every provider's): each with the learner, the
    /// rules version and the credentials that counted; issue or refuse with reasons.
    func awardQueue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let provider: Provider.ID? =
            switch context.account?.role {
            case .providerStaff(let own): own
            default: nil
            }
        var rows: [AwardRow] = []
        for item in try await awards.requests(for: provider, by: context.account) {
            let review = try await awards.review(item.id, by: context.account)
            rows.append(
                AwardRow(
                    id: item.id.rawValue, learner: review.learnerName, qualification: review.qualification.title,
                    qualificationLink: SiteURL.qualification(item.qualification).path, version: item.version,
                    progress: item.progress == "complete" ? words("every rule met") : words("undecided ranges: decide"),
                    requested: item.requestedAt.isoDay,
                    status: item.status == .requested ? words("waiting") : item.status == .issued ? words("issued") : words("refused"),
                    open: item.status == .requested,
                    credentials: review.entries.map { "\($0.title) (\($0.issuerName ?? $0.issuer))" }, reason: item.reason,
                    issueLink: SiteURL.issueAward(item.id).path, refuseLink: SiteURL.refuseAward(item.id).path))
        }
        return try pages.render(AwardQueueModel(title: words("Award requests"), items: rows, hasItems: !rows.isEmpty), context: context)
    }

    struct RefuseForm: Decodable {
        var csrf: String?
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case reason
        }
    }

    func issueAward(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(RefuseForm.self, from: request, limit: 2 << 10)
        try Forms.requireCSRF(form.csrf, context)
        _ = try await awards.issue(.init(try context.parameters.require("id")), by: context.account)
        return Response.redirect(to: SiteURL.awards.path, type: .normal)
    }

    func refuseAward(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(RefuseForm.self, from: request, limit: 8 << 10)
        try Forms.requireCSRF(form.csrf, context)
        _ = try await awards.refuse(.init(try context.parameters.require("id")), reason: form.reason ?? "", by: context.account)
        return Response.redirect(to: SiteURL.awards.path, type: .normal)
    }
}
