import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/api/v1/audit`: the audit log for admins, filtered by subject and time, and the chain's verdict.
struct AuditAPIController {
    let trail: AuditTrail

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("audit", use: list)
        router.get("audit/verify") { _, context in
            switch try await trail.verify(by: context.account) {
            case .intact(let events): try JSONInput.response(Verdict(intact: true, events: events, brokenAt: nil, reason: nil))
            case .broken(let sequence, let reason): try JSONInput.response(Verdict(intact: false, events: nil, brokenAt: sequence, reason: reason))
            }
        }
    }

    struct Verdict: Encodable {
        let intact: Bool
        let events: Int?
        let brokenAt: Int64?
        let reason: String?
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.readAuditLog)
        let filter = try AuditFilter(parameters: try request.queryDictionary)
        return try JSONInput.response(try await trail.events(subject: filter.subject, since: filter.since, limit: filter.limit, by: context.account))
    }
}

/// `subject=KIND:ID`, `since=DATE` and `limit=N` from a query string (API and page alike).
struct AuditFilter {
    var subject: AuditSubject?
    var since: Date?
    var limit: Int

    init(parameters: [String: String]) throws {
        subject = nil
        if let text = parameters["subject"], !text.isEmpty {
            guard let parsed = AuditSubject(parsing: text), parsed.id.count <= 300 else {
                throw Problem(
                    .badRequest, "'subject' must be KIND:ID with KIND one of \(AuditSubject.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            subject = parsed
        }
        since = nil
        if let text = parameters["since"], !text.isEmpty {
            let formatter = ISO8601DateFormatter()
            guard text.count <= 40, let date = formatter.date(from: text) ?? formatter.date(from: text + "T00:00:00Z") else {
                throw Problem(.badRequest, "'since' must be a date (2026-11-30) or an ISO 8601 date-time")
            }
            since = date
        }
        limit = InputLimits.auditPage
        if let text = parameters["limit"], !text.isEmpty {
            guard let number = Int(text), (1...InputLimits.auditPage).contains(number) else {
                throw Problem(.badRequest, "'limit' must be a number from 1 to \(InputLimits.auditPage)")
            }
            limit = number
        }
    }
}
