import Foundation
import RecognitionCore
import SQLKit

/// Issuance batches and their rows; a row's credential is found by (batch, row) in `issued_credentials`.
struct SQLIssuanceBatchStore: IssuanceBatchStore {
    let handle: SQLHandle

    static let columns = """
        id, provider_id, microcredential_id, suite, state, created_at, created_by, content_hash, row_count, valid_count,
        issued_count, first_slot, confirmed_by, finished_at, last_error
        """

    func add(_ batch: IssuanceBatch, rows: [IssuanceBatch.Row]) async throws {
        try await handle.write { db in
            try await db.raw(
                """
                INSERT INTO issuance_batches (\(unsafeRaw: Self.columns))
                VALUES (\(bind: batch.id.rawValue), \(bind: batch.provider.rawValue), \(bind: batch.microcredential.rawValue),
                  \(bind: batch.suite.rawValue), \(bind: batch.state.rawValue), \(bind: batch.createdAt.timeIntervalSince1970),
                  \(bind: batch.createdBy.description), \(bind: batch.contentHash), \(bind: batch.rowCount), \(bind: batch.validCount),
                  \(bind: batch.issuedCount), \(bind: batch.firstSlot), \(bind: batch.confirmedBy?.description),
                  \(bind: batch.finishedAt?.timeIntervalSince1970), \(bind: batch.lastError))
                """
            ).run()
            var start = rows.startIndex
            while start < rows.endIndex {
                let end = min(start + 1_000, rows.endIndex)
                let values: [SQLQueryString] = rows[start..<end].map { row in
                    """
                    (\(bind: batch.id.rawValue), \(bind: row.number), \(bind: row.line), \(bind: row.learner), \(bind: row.name),
                      \(bind: row.completed), \(bind: row.result), \(bind: row.error), \(bind: row.ordinal))
                    """
                }
                try await db.raw(
                    """
                    INSERT INTO issuance_batch_rows (batch_id, number, line, learner, name, completed, result, error, ordinal)
                    VALUES \(values.joined(separator: ", "))
                    """
                ).run()
                start = end
            }
        }
    }

    func batch(_ id: IssuanceBatch.ID) async throws -> IssuanceBatch? {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM issuance_batches WHERE id = \(bind: id.rawValue)").first()
            .map(Self.batch)
    }

    func batches(of provider: Provider.ID, limit: Int) async throws -> [IssuanceBatch] {
        try await handle.sql.raw(
            """
            SELECT \(unsafeRaw: Self.columns) FROM issuance_batches WHERE provider_id = \(bind: provider.rawValue)
            ORDER BY created_at DESC, id LIMIT \(literal: max(1, min(limit, 1_000)))
            """
        ).all().map(Self.batch)
    }

    func unfinished() async throws -> [IssuanceBatch.ID] {
        try await handle.sql.raw("SELECT id FROM issuance_batches WHERE state = 'running' ORDER BY created_at").all()
            .map { .init(try $0.decode(column: "id", as: String.self)) }
    }

    func rows(of batch: IssuanceBatch.ID, after number: Int, limit: Int, only filter: IssuanceBatch.RowFilter) async throws -> [IssuanceBatch.Row] {
        let pending: SQLQueryString =
            switch filter {
            case .all: ""
            case .pending: " AND r.error IS NULL AND c.id IS NULL"
            case .refused: " AND r.error IS NOT NULL"
            }
        return try await handle.rows(
            """
            SELECT r.number, r.line, r.learner, r.name, r.completed, r.result, r.error, r.ordinal, c.id AS credential_id
            FROM issuance_batch_rows r
            LEFT JOIN issued_credentials c ON c.batch_id = r.batch_id AND c.batch_row = r.number
            WHERE r.batch_id = \(bind: batch.rawValue) AND r.number > \(bind: number)\(pending)
            ORDER BY r.number LIMIT \(literal: max(1, min(limit, 10_000)))
            """
        ).map { row in
            IssuanceBatch.Row(
                number: try row.decode(column: "number", as: Int.self), line: try row.decode(column: "line", as: Int.self),
                learner: try row.decode(column: "learner", as: String.self), name: try row.decode(column: "name", as: String.self),
                completed: try row.decode(column: "completed", as: String.self), result: try row.decode(column: "result", as: String.self),
                error: try row.decode(column: "error", as: String?.self), ordinal: try row.decode(column: "ordinal", as: Int?.self),
                credential: try row.decode(column: "credential_id", as: String?.self).map { .init($0) })
        }
    }

    func confirm(_ id: IssuanceBatch.ID, firstSlot: Int, by actor: AuditEvent.Actor) async throws {
        try await handle.sql.raw(
            """
            UPDATE issuance_batches SET state = 'running', first_slot = \(bind: firstSlot), confirmed_by = \(bind: actor.description)
            WHERE id = \(bind: id.rawValue)
            """
        ).run()
    }

    func setState(_ id: IssuanceBatch.ID, to state: IssuanceBatch.State, at date: Date?) async throws {
        try await handle.sql.raw(
            """
            UPDATE issuance_batches SET state = \(bind: state.rawValue), finished_at = \(bind: date?.timeIntervalSince1970)
            WHERE id = \(bind: id.rawValue)
            """
        ).run()
    }

    func setError(_ id: IssuanceBatch.ID, to message: String?) async throws {
        try await handle.sql.raw("UPDATE issuance_batches SET last_error = \(bind: message) WHERE id = \(bind: id.rawValue)").run()
    }

    func countIssued(_ id: IssuanceBatch.ID, adding count: Int) async throws {
        try await handle.sql.raw("UPDATE issuance_batches SET issued_count = issued_count + \(bind: count) WHERE id = \(bind: id.rawValue)")
            .run()
    }

    static func batch(_ row: any SQLRow) throws -> IssuanceBatch {
        func known<T: RawRepresentable<String>>(_ type: T.Type, _ column: String) throws -> T {
            let text = try row.decode(column: column, as: String.self)
            guard let value = T(rawValue: text) else { throw StoreError.unknownValue(column: column, value: text) }
            return value
        }
        func actor(_ column: String) throws -> AuditEvent.Actor? {
            guard let text = try row.decode(column: column, as: String?.self) else { return nil }
            guard let actor = AuditEvent.Actor(text) else { throw StoreError.unknownValue(column: column, value: text) }
            return actor
        }
        guard let createdBy = try actor("created_by") else { throw StoreError.unknownValue(column: "created_by", value: "(none)") }
        return IssuanceBatch(
            id: .init(try row.decode(column: "id", as: String.self)), provider: .init(try row.decode(column: "provider_id", as: String.self)),
            microcredential: .init(try row.decode(column: "microcredential_id", as: String.self)),
            suite: try known(IssuedCredential.Suite.self, "suite"), state: try known(IssuanceBatch.State.self, "state"),
            createdAt: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)), createdBy: createdBy,
            contentHash: try row.decode(column: "content_hash", as: String.self), rowCount: try row.decode(column: "row_count", as: Int.self),
            validCount: try row.decode(column: "valid_count", as: Int.self), issuedCount: try row.decode(column: "issued_count", as: Int.self),
            firstSlot: try row.decode(column: "first_slot", as: Int?.self), confirmedBy: try actor("confirmed_by"),
            finishedAt: try row.decode(column: "finished_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            lastError: try row.decode(column: "last_error", as: String?.self))
    }
}
