import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

/// Recognition cases from the command line, as the operator (an admin: reads every NIC's cases, decides none; deciding
/// is an evaluator's, in the browser or the API): a NIC's queue, one case with its evidence, a NIC's figures.
struct RecognitionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recognition", abstract: "Recognition cases: a NIC's queue, one case with its evidence, a NIC's figures.",
        subcommands: [Queue.self, Show.self, Statistics.self])

    struct Queue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A NIC's cases by due date: id, state, age, due date, origin, title.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The NIC's id, such as nz-nzqa.") var nic: String
        @Option(help: "Only cases in this state (draft, submitted, evidence-gathered, under-assessment, decided, …).") var state: String?
        @Flag(help: "Only open cases past their due date.") var overdue = false
        @Option(help: "Page (50 cases each).") var page = 1
        @Option(help: "text or json.") var format = "text"

        func validate() throws {
            guard format == "text" || format == "json" else { throw ValidationError("--format must be text or json") }
            if let state, CaseWorkflow.Name(rawValue: state) == nil {
                throw ValidationError("--state must be one of \(CaseWorkflow.Name.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard (1...10_000).contains(page) else { throw ValidationError("--page must be 1 to 10000") }
        }

        func run() async throws {
            let (page, now) = try await options.with { dependencies in
                let now = dependencies.clock.now
                let query = CaseQuery(
                    nic: .init(nic), states: state.flatMap(CaseWorkflow.Name.init(rawValue:)).map { [$0] } ?? [], overdueAt: overdue ? now : nil,
                    page: self.page)
                return (
                    try await IssuerKeyCommand.reporting {
                        try await RecognitionDesk(dependencies: dependencies).cases(query, by: .commandLine(at: now))
                    }, now
                )
            }
            let lines = page.items.map { CaseLine($0, now: now) }
            if format == "json" {
                print(String(decoding: try JSONEncoder.wire.encode(lines), as: UTF8.self))
                return
            }
            print("\(page.total) case(s) at \(nic)")
            for line in lines {
                let age = line.ageDays.map { "\($0) d" } ?? "-"
                let due = line.dueAt.map { String(ISO8601DateFormatter().string(from: $0).prefix(10)) } ?? "-"
                print(
                    "\(line.id)  \(line.state.rawValue)  \(age)  due \(due)\(line.overdue ? " OVERDUE" : "")  \(line.originCountry ?? "-")  \(line.title)"
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One case as JSON: items, evidence, decisions, statements, scanned documents (named, not their bytes).")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The case's id.") var id: String

        func run() async throws {
            let view = try await options.with { dependencies in
                let now = dependencies.clock.now
                let desk = RecognitionDesk(dependencies: dependencies)
                return try await IssuerKeyCommand.reporting {
                    let found = try await desk.recognitionCase(.init(id), by: .commandLine(at: now))
                    return CaseView(found, documents: try await desk.documents(of: found, by: .commandLine(at: now)), now: now)
                }
            }
            print(String(decoding: try JSONEncoder.wire.encode(view), as: UTF8.self))
        }
    }

    struct Statistics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A NIC's figures: received, decided, open, overdue, median days to a decision, outcomes by origin country.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The NIC's id, such as nz-nzqa.") var nic: String
        @Option(help: "csv or json.") var format = "csv"

        func validate() throws {
            guard format == "csv" || format == "json" else { throw ValidationError("--format must be csv or json") }
        }

        func run() async throws {
            let figures = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await RecognitionDesk(dependencies: dependencies).statistics(of: .init(nic), by: .commandLine(at: dependencies.clock.now))
                }
            }
            print(
                format == "csv" ? figures.csv : String(decoding: try JSONEncoder.wire.encode(figures), as: UTF8.self),
                terminator: format == "csv" ? "" : "\n")
        }
    }
}
