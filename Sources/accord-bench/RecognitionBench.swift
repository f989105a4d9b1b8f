import AccordServices
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RecognitionCore
import Storage
import WebApp

/// Recognition (#15 item 8): the comparison engine over every pair of seeded framework levels and target frameworks,
/// one core; and a NIC evaluator's queue page over `cases` recognition cases on SQLite, through the store and over
/// HTTP (wrk, one connection, a mix of the queue's filters and pages).
struct RecognitionBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recognition", abstract: "Compare levels; an evaluator's queue page.")

    @Option(help: "Recognition cases to load.") var cases = 100_000
    @Option(help: "Seconds to run the comparisons.") var seconds = 3.0
    @Option(help: "Seconds wrk reads the queue pages over HTTP (0: skip).") var httpSeconds = 10
    @Option(help: "Queries per filter class through the store.") var queries = 200

    func run() async throws {
        var figures = try compare()
        figures.merge(try await queue(), uniquingKeysWith: { $1 })
        print(String(decoding: try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]), as: UTF8.self))
    }

    /// Every (framework, level) of the seeded data, with and without a volume, into every seeded framework.
    func compare() throws -> [String: Any] {
        let data = try ReferenceData.bundled()
        let engine = ComparisonEngine(frameworks: data.frameworks, statements: data.referencing)
        var requests: [ComparisonRequest] = []
        for source in data.frameworks {
            let levels: [Int?] = source.levels.isEmpty ? [nil] : source.levels.map(\.number)
            for level in levels {
                for target in data.frameworks {
                    requests.append(.init(from: source.id, level: level, credits: level.map { Double($0 * 5) }, to: target.id))
                }
            }
        }
        var bases: [String: Int] = [:]
        for request in requests { bases[(try engine.compare(request)).basis.rawValue, default: 0] += 1 }
        var samples: [Double] = []
        var checksum = 0
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let start = DispatchTime.now().uptimeNanoseconds
            for request in requests { checksum &+= (try engine.compare(request)).explanation.utf8.count }
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(requests.count))
        }
        samples.sort()
        let median = samples[samples.count / 2]
        return [
            "bench": "recognition", "compare_pairs": requests.count, "compare_per_s": Int(1 / median), "compare_median_us": median * 1e6,
            "compare_bases": bases, "target_compare_per_s": 100_000, "compare_checksum": checksum % 1000,
        ]
    }

    /// Loads the cases (40 % at nz-nzqa, the rest over 15 other NICs; every state; due dates around today, a fifth
    /// overdue; eight origin countries), then times the queue.
    func queue() async throws -> [String: Any] {
        let workspace = try await PageBench.Workspace.open("recognition")
        defer { workspace.remove() }
        let (directory, database, dependencies, admin) = (workspace.directory, workspace.database, workspace.dependencies, workspace.admin)
        let accounts = AccountDesk(dependencies: dependencies)
        let evaluator = try await accounts.create(
            email: "eval@bench.example", displayName: "Evaluator", password: "bench-password", role: .evaluator, scope: "nz-nzqa", by: admin)
        let nics = try await dependencies.stores.reference.nics().map(\.id).filter { $0 != "nz-nzqa" }
        let countries = ["HK", "AU", "MY", "CN", "JP", "KR", "IN", "PH"]
        let states = CaseWorkflow.Name.allCases
        let now = Date()
        let loadStart = Date()
        var batch: [RecognitionCase] = []
        func flush() async throws {
            let cases = batch
            try await dependencies.stores.transaction { tx in for item in cases { try await tx.recognition.add(item) } }
            batch.removeAll(keepingCapacity: true)
        }
        for index in 0..<cases {
            let nic: NIC.ID = index % 5 < 2 ? "nz-nzqa" : nics[index % nics.count]
            let submitted = now.addingTimeInterval(-Double(index % 400) * 86_400)
            let item = CaseItem(
                source: .described, title: "Certificate \(index % 997) in \(["Data", "Nursing", "Forestry", "Logistics", "Design"][index % 5])",
                awardedBy: "Provider \(index % 300)", country: countries[index % countries.count], framework: "hkqf", level: 1 + index % 7,
                credits: Double(5 + index % 40))
            let name = states[index % states.count]
            let state: CaseWorkflow.State =
                switch name {
                case .draft: .draft
                case .submitted: .submitted(at: submitted)
                case .evidenceGathered: .evidenceGathered(at: submitted)
                case .underAssessment: .underAssessment(by: evaluator.id, since: submitted)
                case .withdrawn: .withdrawn(at: submitted, from: .submitted)
                case .decided, .appealed, .appealDecided:
                    .decided(
                        Decision(
                            outcome: .partial, credits: 10, differences: [.init(kind: .workload, text: "Smaller")], reasons: "Partial.",
                            decidedBy: evaluator.id, decidedAt: submitted.addingTimeInterval(30 * 86_400)))
                }
            batch.append(
                RecognitionCase(
                    id: .init("case-bench-\(index)"), nic: nic, applicant: nil, applicantName: "Applicant \(index)", createdBy: evaluator.id,
                    purpose: .furtherStudy, kind: .microcredential, items: [item], workflow: CaseWorkflow(state: state), createdAt: submitted,
                    submittedAt: name == .draft ? nil : submitted, dueAt: name == .draft ? nil : submitted.addingTimeInterval(120 * 86_400)))
            if batch.count == 5_000 { try await flush() }
        }
        if !batch.isEmpty { try await flush() }
        let loadSeconds = Date().timeIntervalSince(loadStart)
        try await database.vacuumAndAnalyze()
        let desk = RecognitionDesk(dependencies: dependencies)
        let mix: [(String, CaseQuery)] = [
            ("all", CaseQuery()), ("state", CaseQuery(states: [.evidenceGathered])), ("overdue", CaseQuery(overdueAt: now)),
            ("country", CaseQuery(originCountry: "HK")), ("state_country", CaseQuery(states: [.underAssessment], originCountry: "MY")),
            ("deep_page", CaseQuery(page: 500)), ("decided", CaseQuery(states: [.decided])),
        ]
        var figures: [String: Any] = ["cases": cases, "load_seconds": (loadSeconds * 10).rounded() / 10, "target_queue_p99_ms": 20]
        var all: [Double] = []
        for (name, query) in mix {
            var timings: [Double] = []
            for _ in 0..<queries {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await desk.cases(query, by: evaluator)
                timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            timings.sort()
            all += timings
            figures["store_\(name)_p50_ms"] = (timings[timings.count / 2] * 1000).rounded() / 1000
            figures["store_\(name)_p99_ms"] = (timings[timings.count * 99 / 100] * 1000).rounded() / 1000
        }
        all.sort()
        figures["store_queue_p99_ms"] = (all[all.count * 99 / 100] * 1000).rounded() / 1000
        if httpSeconds > 0 {
            figures.merge(try await pages(dependencies, evaluator: evaluator, directory: directory), uniquingKeysWith: { $1 })
        }
        try await database.shutdown()
        return figures
    }

    /// The queue page (`/recognition`) over HTTP, one connection, the paths taken in turn: filters alone and together,
    /// a deep page.
    func pages(_ dependencies: Dependencies, evaluator: Account, directory: String) async throws -> [String: Any] {
        let (cookie, _) = try await AccountDesk(dependencies: dependencies).openSession(for: evaluator, lifetime: 3_600)
        let (port, server) = try await PageBench.start(dependencies)
        defer { server.cancel() }
        let paths = [
            "/recognition", "/recognition?state=evidence-gathered", "/recognition?overdue=true", "/recognition?country=HK",
            "/recognition?state=under-assessment&country=MY", "/recognition?page=500", "/recognition?state=decided&page=20",
        ]
        let read = try PageBench.read(paths, port: port, cookie: cookie, seconds: httpSeconds, directory: directory)
        server.cancel()
        _ = try? await server.value
        return [
            "http_seconds": httpSeconds, "queue_pages": paths.count, "queue_requests": read.requests, "queue_p50_ms": read.p50,
            "queue_p99_ms": read.p99,
        ]
    }
}
