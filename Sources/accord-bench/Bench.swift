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

/// Loads N synthetic listings, then times a fixed query mix; prints one JSON line per engine.
struct Registry: AsyncParsableCommand {
    @Option(help: "Synthetic microcredentials to load.") var count = 1_000_000
    @Option(help: "Also run on this PostgreSQL URL (the database is used as given; loading is skipped if it already holds the rows).") var postgres:
        String?
    @Option(help: "Queries per kind in the mix.") var queries = 200
    @Option(help: "Keep the SQLite database at this path; a later run with the same path and count skips loading.") var sqlitePath: String?

    static let words = [
        "forestry", "welding", "nursing", "data", "safety", "carpentry", "te", "reo", "leadership", "coding", "climate", "tourism",
        "finance", "robotics", "teaching", "design", "logistics", "agriculture", "health", "community", "water", "energy", "retail", "digital",
    ]

    func run() async throws {
        let path = sqlitePath ?? FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-\(UUID().uuidString).sqlite").path
        var targets: [(String, DatabaseLocation)] = [("sqlite", .sqlite(path: path))]
        if let postgres { targets.append(("postgres", .postgres(url: postgres))) }
        for (name, location) in targets {
            let database = try await Database.open(location, logger: Logger(label: "bench"))
            let stores = SQLStores(database: database)
            if try await !stores.reference.isSeeded() { _ = try await stores.reference.seed(try ReferenceData.bundled()) }
            // A database that already holds this count's last listing was loaded by an earlier run with the same seed.
            let loaded = try await stores.registry.microcredential(.init("bench-\(count - 1)")) != nil
            let providers = (0..<50).map {
                Provider(
                    id: .init("bench-p\($0)"), name: "Bench Provider \($0)", country: ["NZ", "AU", "MY", "JP", "TH"][$0 % 5], kind: .university,
                    qa: .init(status: .accredited))
            }
            for provider in providers where !loaded { try await stores.registry.save(provider, edited: false) }
            var generator = SplitMix(seed: 42)
            let start = Date()
            var batch: [Microcredential] = []
            for index in 0..<(loaded ? 0 : count) {
                let words = (0..<4).map { _ in Self.words[Int(generator.next() % UInt64(Self.words.count))] }
                batch.append(
                    Microcredential(
                        id: .init("bench-\(index)"), providerID: providers[index % providers.count].id,
                        title: "\(words[0].capitalized) \(words[1]) \(index % 997)",
                        learningOutcomes: ["Apply \(words[2]) in \(words[3]) settings"],
                        level: LevelReference(framework: "nzqcf", level: index % 10 + 1),
                        credits: Double(5 + index % 36), mode: [.online, .onSite, .blended][index % 3], language: "en", status: .approved))
                if batch.count == 5_000 {
                    try await stores.registry.save(batch, edited: false)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try await stores.registry.save(batch, edited: false) }
            let insertSeconds = Date().timeIntervalSince(start)
            // Autovacuum would gather statistics shortly after a bulk load; the bench does it at once so plans are steady.
            if !loaded { try await database.vacuumAndAnalyze() }
            var mix: [(kind: String, query: RegistryQuery)] = []
            for index in 0..<queries {
                let word = Self.words[index % Self.words.count]
                mix.append(("word", RegistryQuery(text: word)))
                mix.append(("two_words", RegistryQuery(text: "\(word) \(Self.words[(index + 5) % Self.words.count])")))
                mix.append(("prefix", RegistryQuery(text: String(word.prefix(4)))))
                mix.append(("word_filters", RegistryQuery(text: word, country: "NZ", levelRange: 3...6)))
                mix.append(("filters_only", RegistryQuery(country: "AU", creditsRange: 10...20, mode: .online)))
            }
            var timings: [Double] = []
            var byKind: [String: [Double]] = [:]
            for (kind, query) in mix {
                let began = DispatchTime.now().uptimeNanoseconds
                _ = try await stores.registry.search(query)
                let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6
                timings.append(milliseconds)
                byKind[kind, default: []].append(milliseconds)
            }
            timings.sort()
            func percentile(_ values: [Double], _ share: Int) -> Double {
                let sorted = values.sorted()
                return (sorted[min(sorted.count - 1, sorted.count * share / 100)] * 100).rounded() / 100
            }
            let kinds = byKind.mapValues { ["p50_ms": percentile($0, 50), "p99_ms": percentile($0, 99)] }
            let figures: [String: Any] = [
                "engine": name, "count": count, "insert_per_s": loaded ? -1 : Int(Double(count) / insertSeconds),
                "search_p50_ms": (timings[timings.count / 2] * 100).rounded() / 100,
                "search_p99_ms": (timings[min(timings.count - 1, timings.count * 99 / 100)] * 100).rounded() / 100,
                "queries": timings.count, "rss_mb": Self.residentMB(), "by_kind": kinds,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]), as: UTF8.self))
            try await database.shutdown()
        }
        if sqlitePath == nil { try? FileManager.default.removeItem(atPath: path) }
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
