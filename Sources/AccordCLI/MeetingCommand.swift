import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

/// The network's meetings from the command line, as the operator (an admin): the list, one meeting with its documents
/// and outcomes, planning one from a JSON file, and uploading a document.
struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Workshops, webinars and committee sessions: list, show, create, attach a document.",
        discussion: "Exit status: 0, 1 for an unknown meeting or input that does not pass its checks.",
        subcommands: [List.self, Show.self, Create.self, Attach.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every meeting, latest first: id, days, kind, title (or JSON, CSV).")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "text, json or csv.") var format = "text"

        func validate() throws {
            guard ["text", "json", "csv"].contains(format) else { throw ValidationError("--format must be text, json or csv") }
        }

        func run() async throws {
            let meetings = try await options.with { dependencies in
                try await MeetingDesk(dependencies: dependencies).meetings(by: .commandLine(at: dependencies.clock.now))
            }
            switch format {
            case "json": print(String(decoding: try JSONEncoder.wire.encode(meetings), as: UTF8.self))
            case "csv": print(MeetingDesk.csv(meetings), terminator: "")
            default:
                for meeting in meetings {
                    print("\(meeting.id)  \(meeting.startsOn)\(meeting.endsOn.map { "..\($0)" } ?? "")  \(meeting.kind.rawValue)  \(meeting.title)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One meeting: days, place, agenda, participants by country, documents, the pre-meeting survey, outcomes.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The meeting's id.") var id: String
        @Option(help: "text or json.") var format = "text"

        func validate() throws {
            guard format == "text" || format == "json" else { throw ValidationError("--format must be text or json") }
        }

        func run() async throws {
            let view = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await MeetingDesk(dependencies: dependencies).meeting(.init(id), by: .commandLine(at: dependencies.clock.now))
                }
            }
            if format == "json" { return print(String(decoding: try JSONEncoder.wire.encode(view), as: UTF8.self)) }
            let meeting = view.meeting
            print("\(meeting.title) (\(meeting.kind.rawValue))")
            print("\(meeting.startsOn)\(meeting.endsOn.map { " to \($0)" } ?? "")\(meeting.place.map { ", \($0)" } ?? "")")
            if let link = meeting.link { print(link) }
            if !meeting.conventions.isEmpty { print("conventions: \(meeting.conventions.map(\.rawValue).joined(separator: ", "))") }
            if let survey = view.survey {
                print("pre-meeting survey: \(survey.id) (\(survey.state.rawValue), \(survey.submitted) of \(survey.asked) submitted)")
            }
            for (index, item) in meeting.agenda.enumerated() { print("  \(index + 1). \(item)") }
            for country in meeting.countries {
                let people = meeting.participants.filter { $0.country == country }
                    .map { "\($0.name ?? "(unnamed)") [\($0.capacity.rawValue)\($0.nic.map { ", \($0)" } ?? "")]" }
                print("\(country): \(people.joined(separator: "; "))")
            }
            for document in view.documents { print("document \(document.id)  \(document.language)  \(document.name)  sha256 \(document.sha256)") }
            if let outcomes = meeting.outcomes { print("outcomes: \(outcomes)") }
            for view in view.outcomes {
                print("action \(view.item.country)  \(view.item.due ?? "-")  \(view.item.status.rawValue)  \(view.item.title)")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plans a meeting from a JSON file (kind, title, startsOn, endsOn, place, link, agenda, participants...); prints its id.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The JSON file, or - for standard input.") var file: String

        func run() async throws {
            // The API's JSON: snake_case keys (camelCase ones are read too).
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let input: MeetingDesk.MeetingInput
            do {
                input = try decoder.decode(MeetingDesk.MeetingInput.self, from: Data(try readInput(file, limit: 1 << 20)))
            } catch let error as DecodingError {
                throw Failure("\(file) is not a meeting: \(error.summary)")
            }
            let meeting = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await MeetingDesk(dependencies: dependencies).create(input, by: .commandLine(at: dependencies.clock.now))
                }
            }
            print(meeting.id)
        }
    }

    struct Attach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Uploads a document (PDF, JPEG or PNG, at most 2 MiB) to a meeting.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The meeting's id.") var id: String
        @Argument(help: "The file.") var file: String
        @Option(help: "The document's language (a BCP 47 tag such as en, zh-Hans, th).") var language: String

        func run() async throws {
            let bytes = try readInput(file, limit: MeetingDocument.maxBytes)
            let document = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await MeetingDesk(dependencies: dependencies).attach(
                        bytes, name: file, language: language, to: .init(id), by: .commandLine(at: dependencies.clock.now))
                }
            }
            print("\(document.id)  \(document.mediaType.rawValue)  \(document.size) bytes  sha256 \(document.sha256)")
        }
    }
}
