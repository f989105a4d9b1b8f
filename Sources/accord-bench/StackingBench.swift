import AccordServices
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RecognitionCore
import Storage
import WebApp

/// Stacking: 20 pathways shaped like the seeded ones (credit-bank degrees, graduate certificates) over one learner
/// holding 200 credentials from several frameworks. One evaluation prepares the record once per target framework and
/// evaluates all 20 pathways, explanations included; single-threaded.
struct StackingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stacking", abstract: "Evaluate pathways over a learner's record.")

    @Option(help: "Credentials the learner holds.") var credentials = 200
    @Option(help: "Pathways evaluated per evaluation.") var pathways = 20
    @Option(help: "Seconds to run.") var seconds = 3.0
    @Option(help: "Seconds wrk reads the learner-record page and the progress page over HTTP (0: skip).") var httpSeconds = 10

    func run() async throws {
        let data = try ReferenceData.bundled()
        let frameworks = Dictionary(uniqueKeysWithValues: data.frameworks.map { ($0.id, $0) })
        let statements = data.referencing
        let sources: [(Framework.ID, ClosedRange<Int>, Double?, Double?)] = [
            ("nzqcf", 3...8, 15, nil), ("eqf", 4...7, 6, nil), ("mqf", 3...7, 4, nil), ("hkqf", 3...6, 12, nil), ("aqf", 5...9, nil, 120),
            ("korea", 1...1, 3, nil),
        ]
        var generator = SystemRandomNumberGenerator()
        let held: [HeldCredential] = (0..<credentials).map { index in
            let (framework, levels, credits, hours) = sources[index % sources.count]
            return HeldCredential(
                id: "c\(index)", title: "Credential \(index)", units: ["https://issuer.example/achievements/\(index % 180)", "mc-\(index)"],
                provider: "p\(index % 12)", issuer: "did:web:issuer.example:p\(index % 12)", country: ["NZ", "AU", "MY", "KR", "HK"][index % 5],
                issuedOn: "20\(10 + index % 16)-0\(1 + index % 9)-15", framework: framework,
                level: framework == "korea" ? nil : Int.random(in: levels, using: &generator), credits: credits, hours: hours,
                priorLearning: index % 17 == 0)
        }
        let targets: [Framework.ID] = ["nzqcf", "korea", "eqf", "mqf"]
        let qualifications: [Qualification] = (0..<pathways).map { number in
            let framework = targets[number % targets.count]
            let units = (0..<40).map { "mc-\(($0 * 7 + number) % (credentials + 40))" }
            var rules: [PathwayRule] = [
                .init(.totalCredits(min: number % 2 == 0 ? 140 : 60)),
                .init(.creditsAtLevel(level: 5 + number % 3, min: 40)),
                .init(.requiredUnits(Array(units.prefix(3)))),
                .init(.fromList(units: Array(units.dropFirst(3).prefix(20)), minCredits: 30, minCount: 2), label: "Major"),
                .init(.fromList(units: Array(units.suffix(17)), minCredits: 15, minCount: nil), label: "General"),
                .init(.fromProviders(providers: ["p1", "p2", "p3"], min: 18), label: "Affiliated"),
                .init(.capOutside(providers: [], countries: ["NZ", "KR"], max: 30)),
                .init(.priorLearningCap(max: 20)),
            ]
            if number % 3 == 0 { rules.append(.init(.recency(years: 10))) }
            return Qualification(
                id: .init("q\(number)"), title: "Q\(number)", awardingBody: "Body", framework: framework, rules: rules, savedAt: Date())
        }
        let day = "2026-12-01"
        var targetFrameworks: [Framework.ID: Framework] = [:]
        for id in targets {
            guard let framework = frameworks[id] else { throw ValidationError("the bundled reference data has no framework '\(id)'") }
            targetFrameworks[id] = framework
        }
        let preparedOnce = Dictionary(
            uniqueKeysWithValues: targetFrameworks.map { id, framework in
                (id, PreparedRecord(held, in: framework, frameworks: frameworks, statements: statements))
            })
        // Every pathway's framework is one of the targets, so both tables answer for each.
        let pathwayTargets = qualifications.map { targetFrameworks[$0.framework] ?? data.frameworks[0] }
        func evaluation() -> Int {
            var prepared: [Framework.ID: PreparedRecord] = [:]
            var checksum = 0
            for (qualification, target) in zip(qualifications, pathwayTargets) {
                let record =
                    prepared[qualification.framework]
                    ?? {
                        let made = PreparedRecord(held, in: target, frameworks: frameworks, statements: statements)
                        prepared[qualification.framework] = made
                        return made
                    }()
                let progress = Stacking.evaluate(qualification, record: record, on: day)
                checksum &+= progress.rules.count + progress.rules[0].explanation.utf8.count
            }
            return checksum
        }
        let preparedByPathway = qualifications.compactMap { preparedOnce[$0.framework] }
        func evaluationOnly() -> Int {
            var checksum = 0
            for (qualification, record) in zip(qualifications, preparedByPathway) {
                let progress = Stacking.evaluate(qualification, record: record, on: day)
                checksum &+= progress.rules.count + progress.rules[0].explanation.utf8.count
            }
            return checksum
        }
        /// Median seconds per call of `body`, over runs of 100 for `seconds`.
        func median(_ body: () -> Int) -> (seconds: Double, runs: Int, checksum: Int) {
            var checksum = body()
            var samples: [Double] = []
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<100 { checksum &+= body() }
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / 100)
            }
            samples.sort()
            return (samples[samples.count / 2], samples.count * 100, checksum)
        }
        // The record's indexes and conversions are built once per learner and kept while the record does not change;
        // the second figure builds them for every evaluation.
        let prepared = median(evaluationOnly)
        let cold = median(evaluation)
        let figures: [String: Any] = [
            "bench": "stacking", "credentials": credentials, "pathways": pathways, "evaluations": prepared.runs + cold.runs,
            "evaluations_per_s": Int(1 / prepared.seconds), "evaluation_median_us": Int(prepared.seconds * 1e6),
            "evaluations_with_preparation_per_s": Int(1 / cold.seconds), "evaluation_with_preparation_median_us": Int(cold.seconds * 1e6),
            "target_evaluations_per_s": 10_000, "checksum": (prepared.checksum &+ cold.checksum) % 1000,
        ]
        var all = figures
        if httpSeconds > 0 { all.merge(try await pages(), uniquingKeysWith: { $1 }) }
        print(String(decoding: try JSONSerialization.data(withJSONObject: all, options: [.sortedKeys]), as: UTF8.self))
    }

    /// The learner-record page and a progress page with `credentials` entries, over HTTP from wrk with one connection
    /// (so each latency is one request alone): the server in this process on SQLite, as `accord serve` runs it. A
    /// quarter of the entries were issued through Accord, so their standing is looked up on every view.
    func pages() async throws -> [String: Any] {
        let workspace = try await PageBench.Workspace.open("stacking")
        defer { workspace.remove() }
        let (directory, database, dependencies, admin) = (workspace.directory, workspace.database, workspace.dependencies, workspace.admin)
        let accounts = AccountDesk(dependencies: dependencies)
        let learner = try await accounts.create(
            email: "learner@bench.example", displayName: "Learner", password: "bench-password", role: .learner, scope: nil, by: admin)
        _ = try await IssuerDesk(dependencies: dependencies).createKey(for: "nz-mukatangata", by: admin)
        let listings = ["nz-nzqa-128479-1", "nz-nzqa-128480-1", "nz-nzqa-128481-1", "nz-nzqa-128484-1", "nz-nzqa-128485-1"]
        let record = LearnerRecordDesk(dependencies: dependencies)
        let claimed = credentials / 4
        for index in 0..<claimed {
            let issued = try await IssuingDesk(dependencies: dependencies).issue(
                .init(microcredential: .init(listings[index % listings.count]), recipient: .email("learner@bench.example"), recipientName: "Learner"),
                by: admin)
            _ = try await record.claim(token: issued.claimToken, by: learner)
        }
        let frameworks: [Framework.ID] = ["nzqcf", "eqf", "mqf", "hkqf", "aqf"]
        for index in claimed..<credentials {
            try await dependencies.stores.records.add(
                RecordEntry(
                    id: .init("rec-bench-\(index)"), learner: learner.id, source: .imported, credentialID: "urn:uuid:bench-\(index)",
                    fingerprint: "bench-\(index)", document: "{}", title: "Imported credential \(index)", issuer: "did:key:z6MkBench\(index % 9)",
                    issuedOn: "20\(15 + index % 11)-03-01", framework: frameworks[index % frameworks.count], level: 3 + index % 5,
                    credits: Double(5 + index % 20), units: ["https://issuer.example/achievements/\(index)"], addedAt: Date()))
        }
        let (cookie, _) = try await accounts.openSession(for: learner, lifetime: 3_600)
        let (port, server) = try await PageBench.start(dependencies)
        defer { server.cancel() }
        var figures: [String: Any] = ["http_seconds": httpSeconds, "record_entries": credentials]
        for (name, path) in [("record_page", "/record"), ("progress_page", "/record/progress/nz-forestry-leadership-l5-example")] {
            let read = try PageBench.read([path], port: port, cookie: cookie, seconds: httpSeconds, directory: directory)
            figures["\(name)_requests"] = read.requests
            figures["\(name)_p50_ms"] = read.p50
            figures["\(name)_p99_ms"] = read.p99
        }
        server.cancel()
        _ = try? await server.value
        try await database.shutdown()
        return figures
    }
}
