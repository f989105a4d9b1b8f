import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/audit`: the history of one record (or the latest events), for admins.
struct AuditPages {
    let trail: AuditTrail
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/audit", use: history)
    }

    struct HistoryModel: PageModel {
        static let template = "audit"
        let title: String
        let subject: String
        let events: [EventRow]
    }

    struct EventRow {
        let sequence: Int64
        let time: String
        let actor: String
        let action: String
        let subject: String
        let summary: String
        let hash: String
    }

    func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let filter = try AuditFilter(parameters: try request.queryDictionary)
        let events = try await trail.events(subject: filter.subject, since: filter.since, limit: filter.limit, by: context.account)
        let formatter = ISO8601DateFormatter()
        let rows = events.map { event in
            EventRow(
                sequence: event.sequence, time: formatter.string(from: event.time), actor: event.actor.description, action: event.action.rawValue,
                subject: event.subject.description, summary: event.summary, hash: String(event.hash.prefix(16)))
        }
        let title = filter.subject.map { context.words("History of {subject}", ["subject": $0.description]) } ?? context.words("Audit log")
        return try pages.render(HistoryModel(title: title, subject: filter.subject?.description ?? "", events: rows), context: context)
    }
}
