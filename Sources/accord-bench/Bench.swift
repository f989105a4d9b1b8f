import ArgumentParser
import Foundation
import Logging
import RecognitionCore
import Storage

@main
struct AccordBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord-bench", abstract: "Benchmarks that print JSON figures.",
        subcommands: [
            Registry.self, CredentialsBench.self, AuditBench.self, IssuingBench.self, HTTPVerifyBench.self, StackingBench.self, RecognitionBench.self,
            ReportBench.self,
        ])
}

/// Loads N listings of a realistic registry (`RegistryData`), then times every class of query a user can send
/// (`QueryCase.mix`), one after another and then as 4 clients over HTTP; prints one JSON line per engine.
struct Registry: AsyncParsableCommand {
    @Option(help: "Microcredentials to load.") var count = 1_000_000
    @Option(help: "Also run on this PostgreSQL URL (the database is used as given; loading is skipped if it already holds the rows).") var postgres:
        String?
    @Option(help: "Queries per class in the mix.") var queries = 40
    @Option(help: "Keep the SQLite database at this path; a later run with the same path and count skips loading.") var sqlitePath: String?
    @Option(help: "Seconds of the HTTP pass (wrk, the whole mix over and over); 0 skips it.") var httpSeconds = 15
    @Option(help: "Concurrent clients of the HTTP pass.") var clients = 4
    @Flag(help: "Print each class's slowest query and its time.") var explain = false

    func run() async throws {
        let path = sqlitePath ?? FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-\(UUID().uuidString).sqlite").path
        var targets: [(String, DatabaseLocation)] = [("sqlite", .sqlite(path: path))]
        if let postgres { targets.append(("postgres", .postgres(url: postgres))) }
        for (name, location) in targets {
            var logger = Logger(label: "bench")
            logger.logLevel = .warning
            let database = try await Database.open(location, logger: logger)
            let stores = SQLStores(database: database)
            if try await !stores.reference.isSeeded() { _ = try await stores.reference.seed(try ReferenceData.bundled()) }
            let frameworks = try await stores.registry.frameworks().filter { !$0.levels.isEmpty }
            // A database that already holds this count's last listing was loaded by an earlier run with the same seed.
            let loaded = try await stores.registry.microcredential(.init("rb-\(count - 1)")) != nil
            let providers = RegistryData.providers()
            var data = RegistryData()
            let start = Date()
            if !loaded {
                for provider in providers { try await stores.registry.save(provider, edited: false) }
                var batch: [Microcredential] = []
                for index in 0..<count {
                    batch.append(data.listing(index, providers: providers, frameworks: frameworks))
                    if batch.count == 5_000 {
                        try await stores.registry.save(batch, edited: false)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try await stores.registry.save(batch, edited: false) }
            }
            let insertSeconds = Date().timeIntervalSince(start)
            // The index is made dense as `accord compact` does after a bulk load (PostgreSQL's postings key is about half
            // empty after random-order inserts); that also gathers the statistics autovacuum would gather later, so
            // plans are steady.
            var compactSeconds = -1.0
            if !loaded {
                let began = Date()
                try await stores.registry.compactSearchIndex()
                compactSeconds = Date().timeIntervalSince(began)
            }
            let mix = QueryCase.mix(perKind: queries, frameworks: frameworks)
            var timings: [Double] = []
            var byKind: [String: [(Double, String)]] = [:]
            for item in mix {
                let began = DispatchTime.now().uptimeNanoseconds
                _ = try await stores.registry.search(item.query)
                let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6
                timings.append(milliseconds)
                byKind[item.kind, default: []].append((milliseconds, item.path))
            }
            let kinds = byKind.mapValues { values in
                ["p50_ms": Self.percentile(values.map(\.0), 50), "p99_ms": Self.percentile(values.map(\.0), 99)]
            }
            var figures: [String: Any] = [
                "engine": name, "count": count, "insert_per_s": loaded ? -1 : Int(Double(count) / insertSeconds),
                "compact_s": compactSeconds.rounded(),
                "search_p50_ms": Self.percentile(timings, 50), "search_p99_ms": Self.percentile(timings, 99), "queries": timings.count,
                "classes": byKind.count, "rss_mb": Self.residentMB(), "by_kind": kinds, "database_mb": try await database.sizeInMegabytes(),
            ]
            if explain {
                for (kind, values) in byKind.sorted(by: { $0.key < $1.key }) {
                    if let worst = values.max(by: { $0.0 < $1.0 }) { print("\(kind)\t\(worst.0)\t\(worst.1)") }
                }
            }
            if httpSeconds > 0 {
                figures["http"] = try await RegistryHTTPPass(seconds: httpSeconds, clients: clients).run(
                    database: database, paths: mix.map { $0.path })
            }
            print(String(decoding: try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]), as: UTF8.self))
            try await database.shutdown()
        }
        if sqlitePath == nil { try? FileManager.default.removeItem(atPath: path) }
    }

    static func percentile(_ values: [Double], _ share: Int) -> Double {
        let sorted = values.sorted()
        return (sorted[min(sorted.count - 1, sorted.count * share / 100)] * 100).rounded() / 100
    }

    static func residentMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return -1 }
        return kb / 1024
    }
}

/// A seeded generator, so every run loads the same data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Operations per second of `body`, for `seconds`, on `tasksPerCore` tasks per core (more than one when `body` waits
/// for the database, so the cores stay busy meanwhile).
func allCoresRate(seconds: Double, tasksPerCore: Int = 1, _ body: @escaping @Sendable () async throws -> Void) async throws -> Double {
    let deadline = Date().addingTimeInterval(seconds)
    let started = Date()
    let total = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<(ProcessInfo.processInfo.activeProcessorCount * tasksPerCore) {
            group.addTask {
                var done = 0
                while Date() < deadline {
                    try await body()
                    done += 1
                }
                return done
            }
        }
        return try await group.reduce(0, +)
    }
    return Double(total) / Date().timeIntervalSince(started)
}
