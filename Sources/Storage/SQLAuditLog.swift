import Foundation
import RecognitionCore
import SQLKit
import SQLiteKit

/// The audit chain in `audit_events`, with its head (last sequence and hash) in the one row of `audit_head`.
///
/// Appends are serialised: on SQLite every write transaction begins IMMEDIATE, so one writer at a time reaches the
/// head; on PostgreSQL the head row is locked `FOR UPDATE` until the transaction ends. Triggers refuse UPDATE and
/// DELETE on events, so only someone who drops them can change history, and `verify` then names the event.
struct SQLAuditLog: AuditLog {
    let handle: SQLHandle
    /// Events read per page while verifying on PostgreSQL.
    static let pageSize = 20_000

    @discardableResult
    func append(_ entry: AuditEntry, at milliseconds: Int64) async throws -> AuditEvent {
        try await chain([entry], at: milliseconds)[0]
    }

    func append(_ entries: [AuditEntry], at milliseconds: Int64) async throws {
        guard !entries.isEmpty else { return }
        try await chain(entries, at: milliseconds)
    }

    /// Links `entries` after the head (locked on PostgreSQL; SQLite's writer holds the database) and moves the head.
    @discardableResult
    private func chain(_ entries: [AuditEntry], at milliseconds: Int64) async throws -> [AuditEvent] {
        for entry in entries {
            for field in [entry.actor.description, entry.subject.id, entry.summary] where field.unicodeScalars.contains("\u{1F}") {
                throw StoreError.invalid([.init(field: "audit", message: "an audit field holds U+001F")])
            }
        }
        let lock: SQLQueryString = handle.engine == .postgres ? " FOR UPDATE" : ""
        return try await handle.write { db in
            guard let head = try await db.raw("SELECT sequence, hash FROM audit_head WHERE id = 1\(lock)").first() else {
                throw StoreError.notFound(kind: "audit head", id: "1")
            }
            var previous = try head.decode(column: "hash", as: String.self)
            var sequence = try head.decode(column: "sequence", as: Int64.self)
            var rows: [SQLQueryString] = []
            var events: [AuditEvent] = []
            rows.reserveCapacity(entries.count)
            events.reserveCapacity(entries.count)
            for entry in entries {
                sequence += 1
                var event = AuditEvent(
                    sequence: sequence, milliseconds: milliseconds, actor: entry.actor, action: entry.action, subject: entry.subject,
                    summary: entry.summary, previousHash: previous, hash: "")
                event.hash = event.computedHash
                rows.append(
                    """
                    (\(bind: sequence), \(bind: milliseconds), \(bind: entry.actor.description), \(bind: entry.action.rawValue),
                      \(bind: entry.subject.kind.rawValue), \(bind: entry.subject.id), \(bind: entry.summary), \(bind: previous), \(bind: event.hash))
                    """)
                previous = event.hash
                events.append(event)
            }
            var start = 0
            while start < rows.count {
                let end = min(start + 500, rows.count)
                try await db.raw(
                    """
                    INSERT INTO audit_events (sequence, at_ms, actor, action, subject_kind, subject_id, summary, previous_hash, hash)
                    VALUES \(rows[start..<end].joined(separator: ", "))
                    """
                ).run()
                start = end
            }
            try await db.raw("UPDATE audit_head SET sequence = \(bind: sequence), hash = \(bind: previous) WHERE id = 1").run()
            return events
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

    /// Walks the whole chain in two ranges at once: the second starts from the stored hash of the event before it,
    /// which the first range checks. On SQLite each range is one aggregate query whose steps run the walker inside
    /// SQLite (`SQLiteChainCheck`); on PostgreSQL rows come in pages, each one hashed text.
    func verify() async throws -> AuditChainVerdict {
        guard let head = try await handle.sql.raw("SELECT sequence, hash FROM audit_head WHERE id = 1").first() else {
            throw StoreError.notFound(kind: "audit head", id: "1")
        }
        let headSequence = try head.decode(column: "sequence", as: Int64.self)
        let headHash = try head.decode(column: "hash", as: String.self)
        let last: Int64 = try await handle.sql.raw("SELECT max(sequence) AS n FROM audit_events").first()?.decode(column: "n", as: Int64?.self) ?? 0
        // SQLite: two ranges, one per core. PostgreSQL: four, so that while one range waits for the server to build its
        // next page another is hashing (the server's work and the client's take turns on the same two cores).
        let parts: Int64 = handle.isInTransaction || last < 2_000 ? 1 : handle.engine == .postgres ? 4 : 2
        let ranges: [(after: Int64, through: Int64)] = (0..<parts).map { (last * $0 / parts, last * ($0 + 1) / parts) }
        var walkers: [AuditChainWalker] = []
        try await withThrowingTaskGroup(of: (Int, AuditChainWalker).self) { group in
            for (index, range) in ranges.enumerated() {
                group.addTask { (index, try await self.walk(after: range.after, through: range.through)) }
            }
            var results: [(Int, AuditChainWalker)] = []
            for try await result in group { results.append(result) }
            walkers = results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        for walker in walkers {
            if case .broken = walker.verdict { return walker.verdict }
        }
        let end = walkers.last ?? AuditChainWalker()
        if end.lastSequence != last {
            return .broken(sequence: end.lastSequence + 1, reason: "event \(end.lastSequence + 1) is missing")
        }
        // Events cut off the end leave the head pointing past the chain.
        if headSequence != end.lastSequence || headHash != end.lastHash {
            return .broken(sequence: end.lastSequence + 1, reason: "the chain ends at \(end.lastSequence) but its head says \(headSequence)")
        }
        return .intact(events: Int(end.lastSequence))
    }

    /// Checks events `after + 1 ... through`, starting from the stored hash of event `after`.
    private func walk(after: Int64, through: Int64) async throws -> AuditChainWalker {
        var walker = AuditChainWalker()
        if after > 0 {
            guard let row = try await handle.sql.raw("SELECT hash FROM audit_events WHERE sequence = \(bind: Int(after))").first() else {
                walker.fail(at: after, "event \(after) is missing")
                return walker
            }
            walker = AuditChainWalker(after: after, hash: try row.decode(column: "hash", as: String.self))
        }
        if !handle.isInTransaction, let checked = try await SQLiteChainCheck.run(on: handle.database, from: walker, through: through) {
            return checked
        }
        if handle.engine == .postgres { return try await walkPages(after: after, through: through, walker: walker) }
        // SQLite inside a transaction (where the aggregate cannot run): the database rebuilds the hashed text
        // (`AuditEvent.hashedText`) itself, one column instead of eight to read.
        let text = ["previous_hash", "CAST(sequence AS TEXT)", "CAST(at_ms AS TEXT)", "actor", "action", "subject_kind", "subject_id", "summary"]
            .joined(separator: " || char(31) || ")
        var from = after
        while from < through {
            let rows = try await handle.rows(
                """
                SELECT sequence, \(unsafeRaw: text) AS hashed, hash FROM audit_events
                WHERE sequence > \(bind: Int(from)) AND sequence <= \(bind: Int(through)) ORDER BY sequence LIMIT \(literal: Self.pageSize)
                """)
            for row in rows {
                walker.check(
                    sequence: try row.decode(column: "sequence", as: Int64.self), hashedText: try row.decode(column: "hashed", as: String.self)[...],
                    storedHash: try row.decode(column: "hash", as: String.self)[...])
            }
            if case .broken = walker.verdict { return walker }
            guard rows.count == Self.pageSize, let last = rows.last else { break }
            from = try last.decode(column: "sequence", as: Int64.self)
        }
        return walker
    }

    /// PostgreSQL: each page of events is one row, joined by the server: sequence, hashed text and stored hash
    /// separated by U+001E, events by U+001D (no event holds those: the hashed text is identifiers and canonical JSON).
    /// One cell per page instead of three per event takes the client's per-row cost out of the walk, and `concat_ws`
    /// builds each text in one allocation where a chain of `||` made eight. The aggregate reads the ordered subquery
    /// without an ORDER BY of its own (which sorted every page again); should the rows ever come out of order, the page
    /// is sorted here before it is walked.
    private func walkPages(after: Int64, through: Int64, walker: AuditChainWalker) async throws -> AuditChainWalker {
        var walker = walker
        var from = after
        while from < through {
            let rows = try await handle.rows(
                """
                SELECT string_agg(concat_ws(chr(30), sequence,
                        concat_ws(chr(31), previous_hash, sequence, at_ms, actor, action, subject_kind, subject_id, summary), hash), chr(29)) AS page,
                    max(sequence) AS last, count(*) AS events
                FROM (SELECT * FROM audit_events
                    WHERE sequence > \(bind: Int(from)) AND sequence <= \(bind: Int(through)) ORDER BY sequence LIMIT \(literal: Self.pageSize)) AS p
                """)
            guard let row = rows.first, var page = try row.decode(column: "page", as: String?.self) else { break }
            page.withUTF8 { walker.checkPage($0) }
            if case .broken = walker.verdict { return walker }
            guard try row.decode(column: "events", as: Int.self) == Self.pageSize else { break }
            from = try row.decode(column: "last", as: Int64.self)
        }
        return walker
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

extension AuditChainWalker {
    /// Walks one page as PostgreSQL joins it: `sequence␞hashed text␞hash` per event, events separated by `␝` (U+001D),
    /// read in place from the page's bytes. Events out of order are sorted first.
    mutating func checkPage(_ page: UnsafeBufferPointer<UInt8>) {
        typealias Event = (sequence: Int64, text: Range<Int>, hash: Range<Int>)
        var events: [Event] = []
        var start = 0
        while start < page.count {
            let end = page[start...].firstIndex(of: 29) ?? page.count
            guard let first = page[start..<end].firstIndex(of: 30), let second = page[(first + 1)..<end].firstIndex(of: 30),
                let sequence = Self.number(page[start..<first])
            else {
                return fail(at: lastSequence + 1, "event \(lastSequence + 1) cannot be read")
            }
            events.append((sequence, (first + 1)..<second, (second + 1)..<end))
            start = end + 1
        }
        if !zip(events, events.dropFirst()).allSatisfy({ $0.sequence < $1.sequence }) { events.sort { $0.sequence < $1.sequence } }
        for event in events {
            check(
                sequence: event.sequence, hashedText: UnsafeBufferPointer(rebasing: page[event.text]),
                storedHash: UnsafeBufferPointer(rebasing: page[event.hash]))
            if broken != nil { return }
        }
    }

    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value: Int64 = 0
        for digit in digits {
            guard digit >= 48, digit <= 57 else { return nil }
            value = value * 10 + Int64(digit - 48)
        }
        return value
    }
}
