import ArgumentParser
import Foundation
import Logging
import RecognitionCore
import SQLKit
import Storage

/// Builds a chain of N audit events (realistic summaries, one row per multi-row INSERT batch), then times
/// `AuditLog.verify()` over it: reading every event back and re-hashing it. The in-run baseline is the pure walk
/// (the same checks over the same events in memory, no database), so the ratio says what reading costs.
struct AuditBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Audit chain verification over N events.")
    @Option(help: "Events in the chain.") var count = 1_000_000
    @Option(help: "Verification rounds (the median is reported).") var rounds = 3
    @Option(help: "Also run on this PostgreSQL URL (an empty database, or one an earlier run loaded with the same count).")
    var postgres: String?
    @Option(help: "Keep the SQLite database at this path; a later run with the same path and count skips loading.") var sqlitePath: String?

    func run() async throws {
        let path = sqlitePath ?? FileManager.default.temporaryDirectory.appendingPathComponent("accord-audit-bench-\(UUID().uuidString).sqlite").path
        var targets: [(String, DatabaseLocation)] = [("sqlite", .sqlite(path: path))]
        if let postgres { targets.append(("postgres", .postgres(url: postgres))) }
        let links = Self.chain(count)
        for (name, location) in targets {
            let database = try await Database.open(location, logger: Logger(label: "bench"))
            let stores = SQLStores(database: database)
            let loaded = try await stores.audit.count() == count
            let loadStart = Date()
            if !loaded { try await Self.load(links, into: database) }
            let loadSeconds = Date().timeIntervalSince(loadStart)
            var verifySeconds: [Double] = []
            var baselineSeconds: [Double] = []
            for _ in 0..<rounds {
                let began = Date()
                guard case .intact(let events) = try await stores.audit.verify(), events == count else {
                    throw ValidationError("the loaded chain did not verify")
                }
                verifySeconds.append(Date().timeIntervalSince(began))
                let walkBegan = Date()
                var walker = AuditChainWalker()
                for link in links {
                    walker.check(
                        sequence: link.sequence, previousHash: link.previous[...], milliseconds: link.milliseconds, actor: link.actor[...],
                        action: link.action.rawValue[...], subjectKind: link.subject.kind.rawValue[...], subjectID: link.subject.id[...],
                        summary: link.summary[...], storedHash: link.hash[...])
                }
                guard case .intact = walker.verdict else { throw ValidationError("the pure walk failed") }
                baselineSeconds.append(Date().timeIntervalSince(walkBegan))
            }
            let verify = verifySeconds.sorted()[verifySeconds.count / 2]
            let baseline = baselineSeconds.sorted()[baselineSeconds.count / 2]
            let figures: [String: Any] = [
                "engine": name, "events": count, "load_events_per_s": loaded ? -1 : Int(Double(count) / loadSeconds),
                "verify_events_per_s": Int(Double(count) / verify), "hash_walk_events_per_s": Int(Double(count) / baseline),
                "verify_ratio_to_hash_walk": (baseline / verify * 1000).rounded() / 1000, "rounds": rounds,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]), as: UTF8.self))
            try await database.shutdown()
        }
        if sqlitePath == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    }

    struct Link {
        let sequence: Int64
        let milliseconds: Int64
        let actor: String
        let action: AuditAction
        let subject: AuditSubject
        let summary: String
        let previous: String
        let hash: String
    }

    /// A chain that looks like a registry's life: listings created, edited and imported by a few hundred accounts.
    static func chain(_ count: Int) -> [Link] {
        var generator = SplitMix(seed: 7)
        var links: [Link] = []
        links.reserveCapacity(count)
        var previous = AuditEvent.genesisHash
        let actions: [AuditAction] = [.create, .update, .import, .update]
        for index in 0..<count {
            let sequence = Int64(index + 1)
            let random = generator.next()
            let actor = "account:acct\(random % 400)"
            let action = actions[Int(random >> 8) % actions.count]
            let subject = AuditSubject(.microcredential, "bench-\(random >> 16 % 1_000_000)")
            let summary =
                #"{"after":{"credits":\#(5 + random % 36),"id":"\#(subject.id)","level":{"framework":"nzqcf","level":\#(random % 10 + 1)},"#
                + #""provider_id":"bench-p\#(random % 50)","status":"approved","title":"Listing \#(index)"}}"#
            let milliseconds = 1_795_392_000_000 + Int64(index) * 1_000
            let hash = AuditEvent.hash(
                AuditEvent.hashedText(
                    previousHash: previous[...], sequence: sequence, milliseconds: milliseconds, actor: actor[...], action: action.rawValue[...],
                    subjectKind: subject.kind.rawValue[...], subjectID: subject.id[...], summary: summary[...]))
            links.append(
                Link(
                    sequence: sequence, milliseconds: milliseconds, actor: actor, action: action, subject: subject, summary: summary,
                    previous: previous, hash: hash))
            previous = hash
        }
        return links
    }

    static func load(_ links: [Link], into database: Database) async throws {
        let batch = 500
        var start = 0
        while start < links.count {
            let slice = links[start..<min(start + batch, links.count)]
            try await database.transaction { db in
                let rows = slice.map { link -> SQLQueryString in
                    """
                    (\(bind: link.sequence), \(bind: link.milliseconds), \(bind: link.actor), \(bind: link.action.rawValue),
                     \(bind: link.subject.kind.rawValue), \(bind: link.subject.id), \(bind: link.summary), \(bind: link.previous), \(bind: link.hash))
                    """
                }
                try await db.raw(
                    """
                    INSERT INTO audit_events (sequence, at_ms, actor, action, subject_kind, subject_id, summary, previous_hash, hash)
                    VALUES \(rows.joined(separator: ", "))
                    """
                ).run()
                if let last = slice.last {
                    try await db.raw("UPDATE audit_head SET sequence = \(bind: last.sequence), hash = \(bind: last.hash) WHERE id = 1").run()
                }
            }
            start += batch
        }
        try await database.vacuumAndAnalyze()
    }
}
