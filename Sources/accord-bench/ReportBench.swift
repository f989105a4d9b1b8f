import AccordServices
import ArgumentParser
import Foundation
import Logging
import RecognitionCore
import Storage

/// The regional report (#16 item 8): a registry of `count` public microcredentials from 500 providers in 50
/// countries (every seeded framework, levels 1-10, credits 1-60 or none), the seeded survey sent to 50 countries and
/// answered by all of them, 500 action items; then the report built `runs` times on SQLite. Prints `report_ms`
/// (median) and the slowest run.
struct ReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Build the regional status report over a large registry.")

    @Option(help: "Synthetic microcredentials to load.") var count = 1_000_000
    @Option(help: "Times to build the report.") var runs = 7
    @Option(help: "Keep the SQLite database at this path; a later run with the same path and count skips loading.") var sqlitePath: String?

    static let countries = [
        "AF", "AM", "AU", "AZ", "BD", "BN", "BT", "CN", "FJ", "FM", "HK", "ID", "IN", "IR", "JP", "KG", "KH", "KI", "KP", "KR", "KZ", "LA", "LK",
        "MH", "MM", "MN", "MO", "MV", "MY", "NP", "NR", "NU", "NZ", "PG", "PH", "PK", "PW", "SB", "SG", "TH", "TJ", "TL", "TM", "TO", "TR", "TV",
        "UZ", "VN", "VU", "WS",
    ]

    func run() async throws {
        let path = sqlitePath ?? FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-report-\(UUID().uuidString).sqlite").path
        let logger = Logger(label: "bench")
        let database = try await Database.open(.sqlite(path: path), logger: logger)
        let dependencies = Dependencies(stores: SQLStores(database: database), logger: logger, passwordCost: 4, keyEncryption: .random())
        let stores = dependencies.stores
        if try await !stores.reference.isSeeded() { _ = try await stores.reference.seed(try ReferenceData.bundled()) }
        let admin = Account.commandLine(at: Date())
        let loaded = try await stores.registry.microcredential(.init("report-\(count - 1)")) != nil
        let frameworks = try await stores.registry.frameworks().map(\.id)
        let providers = (0..<500).map {
            Provider(
                id: .init("report-p\($0)"), name: "Report Provider \($0)", country: Self.countries[$0 % Self.countries.count], kind: .university,
                qa: .init(status: .accredited))
        }
        var loadSeconds = 0.0
        if !loaded {
            for provider in providers { try await stores.registry.save(provider, edited: false) }
            var generator = SplitMix(seed: 16)
            let start = Date()
            var batch: [Microcredential] = []
            for index in 0..<count {
                let random = generator.next()
                let framework = frameworks[Int(random % UInt64(frameworks.count))]
                let credits: Double? = random % 11 == 0 ? nil : Double(1 + (random >> 8) % 60)
                batch.append(
                    Microcredential(
                        id: .init("report-\(index)"), providerID: providers[Int((random >> 16) % 500)].id, title: "Report listing \(index)",
                        learningOutcomes: ["Outcome \(index % 97)"], level: LevelReference(framework: framework, level: Int((random >> 24) % 10) + 1),
                        credits: credits, mode: [.online, .onSite, .blended][index % 3], language: "en", status: index % 20 == 0 ? .draft : .approved)
                )
                if batch.count == 5_000 {
                    try await stores.registry.save(batch, edited: false)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try await stores.registry.save(batch, edited: false) }
            loadSeconds = Date().timeIntervalSince(start)
            try await database.vacuumAndAnalyze()

            // The seeded questionnaire sent to 50 countries, every one of them answering.
            let network = NetworkDesk(dependencies: dependencies)
            let seeded = try ReferenceData.bundledSurveys()
            let definition =
                try (JSONSerialization.jsonObject(with: seeded) as? [String: Any]).flatMap {
                    ($0["surveys"] as? [[String: Any]])?.first?["definition"] as? String
                }
                ?? ""
            let survey = try await network.create(.init(title: "Bench survey", definition: definition, countries: Self.countries), by: admin)
            _ = try await network.move(survey.id, to: .open, by: admin)
            for (index, country) in Self.countries.enumerated() {
                let focal = Account(
                    id: .init("bench-fp-\(country)"), email: "fp@\(country).example", displayName: country, role: .focalPoint(country: country),
                    createdAt: Date())
                let answers: [String: Answer] = [
                    "q1": .text(["Yes", "No", "Not sure"][index % 3]),
                    "q4": .text(["Party", "Ratification under way", "Under consideration"][index % 3]),
                    "q5": .number(Double(index % 5 + 1)), "q7": .text(["Yes, designated", "Being set up", "No"][index % 3]),
                    "q8": .number(Double(index % 12)),
                    "q10": .choices(
                        ["Legal review of the text", "Capacity of the NIC", "Awareness among institutions"].enumerated().filter {
                            $0.offset <= index % 3
                        }.map(\.element)),
                ]
                _ = try await network.answer(survey.id, for: country, answers: answers, submit: true, by: focal)
                for number in 0..<10 {
                    _ = try await network.add(
                        .init(
                            country: country, title: "Action \(number) of \(country)", due: "2026-\(String(format: "%02d", number + 1))-15",
                            status: [.planned, .inProgress, .done][number % 3], assistance: number % 4 == 0 ? "Peer review" : nil), by: admin)
                }
            }
        }
        var timings: [Double] = []
        var sizes: [Int] = []
        for _ in 0..<runs {
            let began = DispatchTime.now().uptimeNanoseconds
            let report = try await ReportDesk(dependencies: dependencies).regional(by: admin)
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6)
            sizes.append(report.html.utf8.count)
            precondition(report.registry.total > 0 && report.surveys.first?.submitted.count == Self.countries.count, "the report is missing data")
        }
        timings.sort()
        let figures: [String: Any] = [
            "engine": "sqlite", "count": count, "load_s": (loadSeconds * 10).rounded() / 10, "runs": runs,
            "report_ms": (timings[timings.count / 2] * 10).rounded() / 10, "report_max_ms": ((timings.last ?? 0) * 10).rounded() / 10,
            "html_kb": (sizes.last ?? 0) / 1024, "rss_mb": Registry.residentMB(),
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]), as: UTF8.self))
        try await database.shutdown()
        if sqlitePath == nil { try? FileManager.default.removeItem(atPath: path) }
    }
}
