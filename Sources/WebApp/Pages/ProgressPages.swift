import AccordServices
import Foundation
import Hummingbird
import Mustache
import RecognitionCore

/// Progress toward a qualification in the browser: a bar and an explanation per rule, what each credential counts and
/// how it was converted; and the learner's request for the qualification once the pathway is complete.
extension RecordPages {
    struct ProgressModel: PageModel {
        static let template = "progress"
        let title: String
        let qualificationLink: String
        let status: String
        let statusClass: String
        let version: Int
        let framework: String
        let evaluatedOn: String
        let rules: [RuleRow]
        let credentials: [UseRow]
        let hasCredentials: Bool
        /// The learner may ask the awarding provider for the qualification.
        let canAsk: Bool
        let askLink: String
        let qualificationID: String
        let requests: [RequestRow]
        let hasRequests: Bool
        let awardNote: String?
    }

    struct RequestRow {
        let requested: String
        let status: String
        let reason: String?
    }

    struct RuleRow {
        let label: String
        let explanation: String
        let percent: Int
        let status: String
        let statusClass: String
    }

    struct UseRow {
        let title: String
        let credits: String
        let counted: String
        let note: String?
        let conversion: String
        let level: String?
    }

    func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let report = try await record.progress(toward: .init(try context.parameters.require("qualification")), by: context.account)
        let progress = report.progress
        let status: (String, String) =
            switch progress.status {
            case .complete: (words("Every rule is met: you can ask for this qualification."), "met")
            case .mayBeComplete: (words("No rule is unmet, but converted credits leave some undecided: an evaluator decides."), "unconfirmed")
            case .incomplete: (words("Not complete yet: see what each rule still needs."), "not-met")
            }
        let rules = progress.rules.map { outcome in
            let label: String =
                switch outcome.status {
                case .met: words("met")
                case .uncertain: words("undecided")
                case .unmet: words("not met")
                case .limit: words("limit")
                }
            return RuleRow(
                label: outcome.rule.label ?? outcome.rule.kindName, explanation: outcome.explanation,
                percent: Int((outcome.fraction * 100).rounded()),
                status: label,
                statusClass: outcome.status == .met ? "met" : outcome.status == .unmet ? "not-met" : outcome.status == .uncertain ? "unconfirmed" : ""
            )
        }
        let uses = progress.uses.enumerated().map { position, use in
            let note: String? =
                switch use.excluded {
                case .duplicate: words("a duplicate: the newer award counts")
                case .tooOld: words("too old for the recency rule")
                case .undated: words("no issue date, so the recency rule leaves it out")
                case nil: use.counted == use.credits ? nil : words("capped")
                }
            return UseRow(
                title: report.entries[position].title, credits: use.credits.text, counted: use.counted.text, note: note,
                conversion: report.volumes[position].explanation, level: report.levels[position])
        }
        let mine = try await awards.mine(by: context.account).filter { $0.qualification == report.qualification.id }
        let open = mine.contains { $0.status == .requested }
        let requests = mine.map { request in
            RequestRow(
                requested: request.requestedAt.isoDay,
                status: request.status == .requested
                    ? words("waiting for the provider") : request.status == .issued ? words("issued: it is in your record") : words("refused"),
                reason: request.reason)
        }
        let awardNote: String? =
            report.qualification.provider == nil && progress.status != .incomplete
            ? words("This qualification is awarded by a body outside Accord: send it a share link of your record.") : nil
        let model = ProgressModel(
            title: report.qualification.title, qualificationLink: SiteURL.qualification(report.qualification.id).path, status: status.0,
            statusClass: status.1, version: progress.version, framework: progress.framework.rawValue, evaluatedOn: progress.evaluatedOn,
            rules: rules, credentials: uses, hasCredentials: !uses.isEmpty,
            canAsk: progress.status != .incomplete && report.qualification.provider != nil && !open, askLink: SiteURL.recordAwards.path,
            qualificationID: report.qualification.id.rawValue, requests: requests, hasRequests: !requests.isEmpty, awardNote: awardNote)
        return try pages.render(model, context: context)
    }

    struct AskForm: Decodable {
        var csrf: String?
        var qualification: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case qualification
        }
    }

    func askForAward(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(AskForm.self, from: request, limit: 2 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let id = Qualification.ID(form.qualification ?? "")
        _ = try await awards.request(id, by: context.account)
        return Response.redirect(to: SiteURL.progress(id).path, type: .normal)
    }
}

extension RecordPages.ProgressModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "qualificationLink": qualificationLink
        case "status": status
        case "statusClass": statusClass
        case "version": version
        case "framework": framework
        case "evaluatedOn": evaluatedOn
        case "rules": rules
        case "credentials": credentials
        case "hasCredentials": hasCredentials
        case "canAsk": canAsk
        case "askLink": askLink
        case "qualificationID": qualificationID
        case "requests": requests
        case "hasRequests": hasRequests
        case "awardNote": awardNote
        default: nil
        }
    }
}

extension RecordPages.UseRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "credits": credits
        case "counted": counted
        case "note": note
        case "conversion": conversion
        case "level": level
        default: nil
        }
    }
}
