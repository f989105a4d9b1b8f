import Foundation
import RecognitionCore
import SQLiteKit

/// The audit chain walked inside SQLite: a custom aggregate whose step checks one event, so a million events cost one
/// query instead of a million row hand-offs from sqlite-nio's thread pool to the event loop (about 4 µs each).
///
/// `accord_audit_chain(after, after_hash, sequence, at_ms, actor, action, subject_kind, subject_id, summary,
/// previous_hash, hash)` over events in sequence order returns the walk's outcome as JSON.
struct SQLiteChainCheck: SQLiteCustomAggregate {
    private var walker: AuditChainWalker?

    init() {}

    mutating func step(_ values: [SQLiteData]) throws {
        if walker == nil {
            let after = Int64(values[0].integer ?? 0)
            walker = after == 0 ? AuditChainWalker() : AuditChainWalker(after: after, hash: values[1].string ?? "")
        }
        guard var current = walker, current.broken == nil else { return }
        guard let sequence = values[2].integer, let milliseconds = values[3].integer, let actor = values[4].string, let action = values[5].string,
            let kind = values[6].string, let id = values[7].string, let summary = values[8].string, let previous = values[9].string,
            let hash = values[10].string
        else {
            current.fail(at: current.lastSequence + 1, "event \(current.lastSequence + 1) has a missing or mistyped column")
            walker = current
            return
        }
        current.check(
            sequence: Int64(sequence), previousHash: previous[...], milliseconds: Int64(milliseconds), actor: actor[...],
            action: action[...], subjectKind: kind[...], subjectID: id[...], summary: summary[...], storedHash: hash[...])
        walker = current
    }

    func finalize() throws -> (any SQLiteDataConvertible)? {
        guard let result = walker else { return nil }  // no event in the range
        let outcome: Outcome
        switch result.verdict {
        case .intact: outcome = Outcome(last: result.lastSequence, lastHash: result.lastHash, broken: nil, reason: nil)
        case .broken(let sequence, let reason):
            outcome = Outcome(last: result.lastSequence, lastHash: result.lastHash, broken: sequence, reason: reason)
        }
        return String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
    }

    struct Outcome: Codable {
        let last: Int64
        let lastHash: String
        let broken: Int64?
        let reason: String?
    }

    static let function = SQLiteCustomFunction("accord_audit_chain", argumentCount: 11, pure: false, aggregate: SQLiteChainCheck.self)

    /// Walks events after `start`'s position through `through` on SQLite; nil on PostgreSQL.
    static func run(on database: Database, from start: AuditChainWalker, through: Int64) async throws -> AuditChainWalker? {
        if start.broken != nil { return start }
        let after = start.lastSequence
        let afterHash = start.lastHash
        let text = try await database.withSQLiteConnection { connection -> String? in
            try await connection.install(customFunction: Self.function)
            do {
                let rows = try await connection.query(
                    """
                    SELECT accord_audit_chain(?, ?, sequence, at_ms, actor, action, subject_kind, subject_id, summary, previous_hash, hash) AS outcome
                    FROM (SELECT * FROM audit_events WHERE sequence > ? AND sequence <= ? ORDER BY sequence)
                    """, [.integer(Int(after)), .text(afterHash), .integer(Int(after)), .integer(Int(through))])
                try await connection.uninstall(customFunction: Self.function)
                return rows.first?.column("outcome")?.string
            } catch {
                try? await connection.uninstall(customFunction: Self.function)
                throw error
            }
        }
        guard let text else { return nil }
        // No rows in the range: the aggregate never stepped and returns its empty walk.
        guard let outcome = text.flatMap({ try? JSONDecoder().decode(Outcome.self, from: Data($0.utf8)) }) else {
            return after == through ? start : AuditChainWalker.failed(at: after + 1, "event \(after + 1) is missing")
        }
        var walker = AuditChainWalker(after: outcome.last, hash: outcome.lastHash)
        if let broken = outcome.broken { walker.fail(at: broken, outcome.reason ?? "broken") }
        return walker
    }
}

extension AuditChainWalker {
    static func failed(at sequence: Int64, _ reason: String) -> AuditChainWalker {
        var walker = AuditChainWalker()
        walker.fail(at: sequence, reason)
        return walker
    }
}
