import Foundation
import RecognitionCore
import SQLKit

/// Learners' requests for qualifications and the providers' answers.
struct SQLAwardRequestStore: AwardRequestStore {
    let handle: SQLHandle

    static let columns = """
        id, account_id, qualification_id, version, provider_id, progress, entries, status, requested_at, decided_at, decided_by, reason,
        credential
        """

    func add(_ request: AwardRequest) async throws {
        let entries = String(decoding: try JSONEncoder().encode(request.entries.map(\.rawValue)), as: UTF8.self)
        try await handle.sql.raw(
            """
            INSERT INTO award_requests (\(unsafeRaw: Self.columns))
            VALUES (\(bind: request.id.rawValue), \(bind: request.learner.rawValue), \(bind: request.qualification.rawValue),
              \(bind: request.version), \(bind: request.provider.rawValue), \(bind: request.progress), \(bind: entries),
              \(bind: request.status.rawValue), \(bind: request.requestedAt.timeIntervalSince1970), \(bind: request.decidedAt?.timeIntervalSince1970),
              \(bind: request.decidedBy?.rawValue), \(bind: request.reason), \(bind: request.credential))
            """
        ).run()
    }

    func request(_ id: AwardRequest.ID) async throws -> AwardRequest? {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM award_requests WHERE id = \(bind: id.rawValue)").first().map(Self.request)
    }

    func requests(provider: Provider.ID?) async throws -> [AwardRequest] {
        if let provider {
            return try await handle.sql.raw(
                """
                SELECT \(unsafeRaw: Self.columns) FROM award_requests WHERE provider_id = \(bind: provider.rawValue)
                ORDER BY requested_at DESC, id LIMIT 500
                """
            ).all().map(Self.request)
        }
        return try await handle.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM award_requests ORDER BY requested_at DESC, id LIMIT 500").all()
            .map(Self.request)
    }

    func requests(learner: Account.ID) async throws -> [AwardRequest] {
        try await handle.sql.raw(
            "SELECT \(unsafeRaw: Self.columns) FROM award_requests WHERE account_id = \(bind: learner.rawValue) ORDER BY requested_at DESC, id"
        ).all().map(Self.request)
    }

    func save(_ request: AwardRequest) async throws {
        try await handle.sql.raw(
            """
            UPDATE award_requests SET status = \(bind: request.status.rawValue), decided_at = \(bind: request.decidedAt?.timeIntervalSince1970),
              decided_by = \(bind: request.decidedBy?.rawValue), reason = \(bind: request.reason), credential = \(bind: request.credential)
            WHERE id = \(bind: request.id.rawValue)
            """
        ).run()
    }

    static func request(_ row: any SQLRow) throws -> AwardRequest {
        let status = try row.decode(column: "status", as: String.self)
        guard let known = AwardRequest.Status(rawValue: status) else { throw StoreError.unknownValue(column: "status", value: status) }
        let entries = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "entries", as: String.self).utf8))
        return AwardRequest(
            id: .init(try row.decode(column: "id", as: String.self)), learner: .init(try row.decode(column: "account_id", as: String.self)),
            qualification: .init(try row.decode(column: "qualification_id", as: String.self)),
            version: try row.decode(column: "version", as: Int.self),
            provider: .init(try row.decode(column: "provider_id", as: String.self)), progress: try row.decode(column: "progress", as: String.self),
            entries: entries.map { .init($0) }, status: known,
            requestedAt: Date(timeIntervalSince1970: try row.decode(column: "requested_at", as: Double.self)),
            decidedAt: try row.decode(column: "decided_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            decidedBy: try row.decode(column: "decided_by", as: String?.self).map { .init($0) },
            reason: try row.decode(column: "reason", as: String?.self),
            credential: try row.decode(column: "credential", as: String?.self))
    }
}
