import Foundation
import RecognitionCore
import SQLKit

/// The audit chain in `audit_events`, with its head (last sequence and hash) in the one row of `audit_head`.
///
/// Appends are serialised: on SQLite every write transaction begins IMMEDIATE, so one writer at a time reaches the
/// head; on PostgreSQL the head row is locked `FOR UPDATE` until the transaction ends. Triggers refuse UPDATE and
/// DELETE on events, so only someone who drops them can change history, and `verify` then names the event.
struct SQLAuditLog: AuditLog {
    let handle: SQLHandle
    /// Events read per page while verifying.
    static let pageSize = 20_000

    @discardableResult
    func append(_ entry: AuditEntry, at milliseconds: Int64) async throws -> AuditEvent {
        let lock: SQLQueryString = handle.engine == .postgres ? " FOR UPDATE" : ""
        return try await handle.write { db in
            guard let head = try await db.raw("SELECT sequence, hash FROM audit_head WHERE id = 1\(lock)").first() else {
                throw StoreError.notFound(kind: "audit head", id: "1")
            }
            let previous = try head.decode(column: "hash", as: String.self)
            let sequence = try head.decode(column: "sequence", as: Int64.self) + 1
            var event = AuditEvent(
                sequence: sequence, milliseconds: milliseconds, actor: entry.actor, action: entry.action, subject: entry.subject,
                summary: entry.summary, previousHash: previous, hash: "")
            event.hash = AuditEvent.hash(event.hashedText)
            try await db.raw(
                """
                INSERT INTO audit_events (sequence, at_ms, actor, action, subject_kind, subject_id, summary, previous_hash, hash)
                VALUES (\(bind: sequence), \(bind: milliseconds), \(bind: entry.actor.description), \(bind: entry.action.rawValue),
                  \(bind: entry.subject.kind.rawValue), \(bind: entry.subject.id), \(bind: entry.summary), \(bind: previous), \(bind: event.hash))
                """
            ).run()
            try await db.raw("UPDATE audit_head SET sequence = \(bind: sequence), hash = \(bind: event.hash) WHERE id = 1").run()
            return event
        }
    }

    func events(subject: AuditSubject?, since milliseconds: Int64?, limit: Int) async throws -> [AuditEvent] {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let subject {
            conditions.append("subject_kind = \(bind: subject.kind.rawValue) AND subject_id = \(bind: subject.id)")
        }
        if let milliseconds { conditions.append("at_ms >= \(bind: milliseconds)") }
        return try await handle.sql.raw(
            "SELECT * FROM audit_events WHERE \(conditions.joined(separator: " AND ")) ORDER BY sequence DESC LIMIT \(literal: limit)"
        ).all().map(Self.event)
    }

    func count() async throws -> Int {
        try await handle.sql.raw("SELECT count(*) AS n FROM audit_events").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Reads the chain in pages by sequence; each row comes back as its hashed text, rebuilt by the database from the
    /// columns a reader sees, so editing any column (or the stored hash) shows.
    func verify() async throws -> AuditChainVerdict {
        var walker = AuditChainWalker()
        let separator: SQLQueryString = handle.engine == .postgres ? "chr(31)" : "char(31)"
        let text: SQLQueryString = """
            previous_hash || \(separator) || CAST(sequence AS TEXT) || \(separator) || CAST(at_ms AS TEXT) || \(separator) || actor
              || \(separator) || action || \(separator) || subject_kind || \(separator) || subject_id || \(separator) || summary
            """
        var after: Int64 = 0
        while true {
            let rows = try await handle.rows(
                """
                SELECT sequence, \(text) AS hashed, hash FROM audit_events WHERE sequence > \(bind: Int(after))
                ORDER BY sequence LIMIT \(literal: Self.pageSize)
                """)
            for row in rows {
                walker.check(
                    sequence: try row.decode(column: "sequence", as: Int64.self), hashedText: try row.decode(column: "hashed", as: String.self),
                    storedHash: try row.decode(column: "hash", as: String.self))
            }
            if case .broken = walker.verdict { return walker.verdict }
            guard rows.count == Self.pageSize, let last = rows.last else { break }
            after = try last.decode(column: "sequence", as: Int64.self)
        }
        // Events cut off the end leave the head pointing past the chain.
        if let head = try await handle.sql.raw("SELECT sequence, hash FROM audit_head WHERE id = 1").first() {
            let sequence = try head.decode(column: "sequence", as: Int64.self)
            let hash = try head.decode(column: "hash", as: String.self)
            if sequence != walker.lastSequence || hash != walker.lastHash {
                return .broken(sequence: walker.lastSequence + 1, reason: "the chain ends at \(walker.lastSequence) but its head says \(sequence)")
            }
        }
        return walker.verdict
    }

    static func event(_ row: any SQLRow) throws -> AuditEvent {
        let actor = try row.decode(column: "actor", as: String.self)
        guard let parsedActor = AuditEvent.Actor(actor) else { throw StoreError.unknownValue(column: "actor", value: actor) }
        return AuditEvent(
            sequence: try row.decode(column: "sequence", as: Int64.self), milliseconds: try row.decode(column: "at_ms", as: Int64.self),
            actor: parsedActor, action: try known(AuditAction.self, try row.decode(column: "action", as: String.self), column: "action"),
            subject: AuditSubject(
                try known(AuditSubject.Kind.self, try row.decode(column: "subject_kind", as: String.self), column: "subject_kind"),
                try row.decode(column: "subject_id", as: String.self)),
            summary: try row.decode(column: "summary", as: String.self),
            previousHash: try row.decode(column: "previous_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
    }
}
