import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

/// The NIC network from the command line, as the operator (an admin): surveys and their results, action plans.
struct SurveyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey", abstract: "Surveys of the countries' focal points: the list, and one survey's results.",
        subcommands: [List.self, Results.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every survey: id, state, countries asked, submitted, title.")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let rows = try await options.with { dependencies in
                let desk = NetworkDesk(dependencies: dependencies)
                let caller = Account.commandLine(at: dependencies.clock.now)
                return try await desk.surveys(for: caller).asyncMap { survey in (survey, try await desk.results(survey.id, by: caller)) }
            }
            for (survey, results) in rows {
                print("\(survey.id)  \(survey.state.rawValue)  \(results.submitted.count)/\(results.asked) submitted  \(survey.title)")
            }
        }
    }

    struct Results: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One survey's response rate and answers: text, JSON, or CSV (a row per submitted country).",
            discussion: "Exit status: 0, 1 for an unknown survey.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The survey's id.") var id: String
        @Option(help: "text, json or csv.") var format = "text"

        func validate() throws {
            guard ["text", "json", "csv"].contains(format) else { throw ValidationError("--format must be text, json or csv") }
        }

        func run() async throws {
            let results = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await NetworkDesk(dependencies: dependencies).results(.init(id), by: .commandLine(at: dependencies.clock.now))
                }
            }
            switch format {
            case "json": print(String(decoding: try JSONEncoder.wire.encode(results), as: UTF8.self))
            case "csv": print(results.csv, terminator: "")
            default:
                print("\(results.survey.title) (\(results.survey.state.rawValue))")
                print("submitted \(results.submitted.count) of \(results.asked): \(results.submitted.joined(separator: ", "))")
                if !results.drafts.isEmpty { print("drafts: \(results.drafts.joined(separator: ", "))") }
                for question in results.questions {
                    print("\(question.id) \(question.text) [\(question.answered) answered]")
                    for count in question.counts { print("    \(count.count)  \(count.option)") }
                    if let mean = question.mean { print("    mean \(Span.number(mean)), median \(Span.number(question.median ?? mean))") }
                    for text in question.texts { print("    \(text.country): \(text.text)") }
                }
            }
        }
    }
}

/// Action plans from the command line: each item with its country, due day and status; overdue ones marked.
struct ActionPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action-plans", abstract: "National action plans' items, by country then due day; overdue ones marked.",
        discussion: "Exit status: 0, or 3 when --overdue finds items (for scripts that remind).")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Only this country's plan (ISO 3166 alpha-2).") var country: String?
    @Flag(help: "Only items past their due day and not done.") var overdue = false
    @Option(help: "Only the items a meeting produced (its id).") var meeting: String?
    @Option(help: "text, json or csv.") var format = "text"

    func validate() throws {
        guard ["text", "json", "csv"].contains(format) else { throw ValidationError("--format must be text, json or csv") }
    }

    func run() async throws {
        let items = try await options.with { dependencies in
            try await NetworkDesk(dependencies: dependencies).actionItems(country: country, by: .commandLine(at: dependencies.clock.now))
        }.filter { (!overdue || $0.overdue) && (meeting == nil || $0.item.meeting?.rawValue == meeting) }
        if format == "json" {
            print(String(decoding: try JSONEncoder.wire.encode(items), as: UTF8.self))
        } else if format == "csv" {
            print(ActionItemView.csv(items), terminator: "")
        } else {
            for view in items {
                let item = view.item
                print(
                    "\(item.country)  \(item.due ?? "-")\(view.overdue ? " OVERDUE" : "")  \(item.status.rawValue)  \(item.title)"
                        + (item.assistance.map { "  [assistance: \($0)]" } ?? ""))
            }
        }
        if overdue && !items.isEmpty { throw ExitCode(3) }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}

/// The regional status report from the command line.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports built from the records.", subcommands: [Regional.self])

    struct Regional: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The regional status report: ratifications, entry into force, NIC coverage, surveys, action plans, the registry.",
            discussion: "html is a standalone document with SVG charts (a browser prints it to PDF); csv its tables; json everything.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "html, csv or json.") var format = "html"
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Option(help: "Only what this meeting produced (its id): its conventions, countries, survey and action items.") var meeting: String?

        func validate() throws {
            guard ["html", "csv", "json"].contains(format) else { throw ValidationError("--format must be html, csv or json") }
        }

        func run() async throws {
            let report = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await ReportDesk(dependencies: dependencies).regional(
                        meeting: meeting.map { Meeting.ID($0) }, by: .commandLine(at: dependencies.clock.now))
                }
            }
            let text: String =
                switch format {
                case "csv": report.csv
                case "json": String(decoding: try JSONEncoder.wire.encode(report), as: UTF8.self) + "\n"
                default: report.html + "\n"
                }
            if let out {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                print(text, terminator: "")
            }
        }
    }
}
