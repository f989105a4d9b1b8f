import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

/// Qualifications and their pathways from the command line (acting as the operator): list, show, set from a JSON
/// file (the API's PUT body), and check credential files against a pathway without storing them.
struct QualificationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qualification", abstract: "Qualifications, their pathway rules, and checking credentials against them.",
        subcommands: [List.self, Show.self, Set.self, Check.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every qualification: id, rules version, framework, title.")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let all = try await options.with { try await QualificationDesk(dependencies: $0).all() }
            for q in all { print("\(q.id)  v\(q.version)  \(q.framework)  \(q.title)") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One qualification as JSON, in the form `set` reads.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The qualification's id.") var id: String
        @Option(help: "An earlier version of its rules.") var version: Int?

        func run() async throws {
            let q = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await QualificationDesk(dependencies: dependencies).qualification(.init(id), version: version)
                }
            }
            print(QualificationDesk.json(q))
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or change a qualification from a JSON file (- for standard input); a change of rules is a new version.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The qualification's id.") var id: String
        @Option(help: "The JSON file: title, provider or awarding_body, framework, level, total_credits, description, rules.") var file: String

        func run() async throws {
            let bytes = try readInput(file, limit: 1 << 20)
            let input: QualificationDesk.Input
            do { input = try WireJSON.decode(QualificationDesk.Input.self, from: Data(bytes)) } catch let error as InputError {
                throw Failure("\(file): \(error)")
            }
            let saved = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await QualificationDesk(dependencies: dependencies).save(.init(id), input, by: .commandLine(at: dependencies.clock.now))
                }
            }
            print("saved \(saved.id), rules version \(saved.version)")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify credential files and show how they stack toward a qualification; nothing is stored.",
            discussion: "Exit status: 0 when every rule is met, 1 when not (or undecided), 64 when a file cannot be read.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The qualification's id.") var id: String
        @Option(name: .customLong("credential"), help: "A credential file (JSON or a JWT); repeat for each.") var credentials: [String] = []
        @Option(help: "text or json.") var format: String = "text"

        func run() async throws {
            guard format == "text" || format == "json" else { throw ValidationError("--format must be text or json") }
            guard !credentials.isEmpty, credentials.count <= 1_000 else { throw ValidationError("give 1 to 1000 --credential files") }
            let documents = try credentials.map { try readInput($0) }
            let check = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting { try await LearnerRecordDesk(dependencies: dependencies).check(documents, toward: .init(id)) }
            }
            let progress = check.report.progress
            // `check` names each verified credential `file-N`, N its place among the arguments.
            let files = check.report.entries.map { entry in
                Int(entry.id.rawValue.dropFirst("file-".count)).flatMap { credentials.indices.contains($0 - 1) ? credentials[$0 - 1] : nil } ?? ""
            }
            if format == "json" {
                var object: [String: Any] = [
                    "qualification": progress.qualification.rawValue, "version": progress.version, "status": progress.status.rawValue,
                    "rules": progress.rules.map {
                        ["kind": $0.rule.kindName, "label": $0.rule.label ?? "", "status": $0.status.rawValue, "explanation": $0.explanation]
                    },
                    "credentials": progress.uses.indices.map { position in
                        [
                            "file": files[position], "title": check.report.entries[position].title,
                            "counted": ["min": progress.uses[position].counted.min, "max": progress.uses[position].counted.max],
                            "conversion": check.report.volumes[position].explanation,
                        ]
                    },
                ]
                object["refused"] = check.refused.map { ["file": credentials[$0.position], "reasons": $0.reasons] }
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("\(check.report.qualification.title) (rules version \(progress.version)): \(progress.status.rawValue)")
                for outcome in progress.rules { print("  [\(outcome.status.rawValue)] \(outcome.explanation)") }
                for (position, use) in progress.uses.enumerated() {
                    let entry = check.report.entries[position]
                    print("  \(files[position]): \(entry.title): counts \(use.counted.text); \(check.report.volumes[position].explanation)")
                }
                for refused in check.refused {
                    print("  \(credentials[refused.position]): left out, it does not verify: \(refused.reasons.joined(separator: "; "))")
                }
            }
            if progress.status != .complete { throw ExitCode(1) }
        }
    }
}
