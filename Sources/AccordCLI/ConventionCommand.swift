import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

/// Conventions from the command line: each one's recorded and computed dates of entry into force, one convention's
/// parties (text, JSON or CSV), and one country across the conventions and the registry.
struct ConventionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convention", abstract: "Conventions: entry into force computed from the deposits, the parties, the records that disagree.",
        subcommands: [List.self, Show.self, Country.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every convention: recorded and computed entry into force, the check, parties on record, flags.",
            discussion: "Exit status: 0, or 3 when a record disagrees with the computation (for scripts that watch the data).")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let reports = try await options.with { try await ReferenceDesk(dependencies: $0).reports() }
            for report in reports {
                let computed = report.entryIntoForce
                print(
                    "\(report.convention.id)  recorded \(computed.recorded ?? "-")  computed \(computed.date ?? "-")  \(computed.check)  "
                        + "\(report.parties.count) parties  \(computed.flags.count) flag(s)")
            }
            if reports.contains(where: { !$0.entryIntoForce.flags.isEmpty }) { throw ExitCode(3) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One convention: the computation, why, what it rests on, the flags and each party.",
            discussion: "Exit status: 0, 1 for an unknown convention, 3 when a record disagrees with the computation.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The convention's id, such as tokyo-2011.") var id: String
        @Option(help: "text, json or csv (the parties).") var format = "text"

        func validate() throws {
            guard ["text", "json", "csv"].contains(format) else { throw ValidationError("--format must be text, json or csv") }
        }

        func run() async throws {
            let report = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting { try await ReferenceDesk(dependencies: dependencies).report(.init(id)) }
            }
            switch format {
            case "json": print(String(decoding: try JSONEncoder.wire.encode(report), as: UTF8.self))
            case "csv": print(report.csv, terminator: "")
            default:
                let computed = report.entryIntoForce
                print("\(report.convention.shortName): \(report.convention.title)")
                print("in force: computed \(computed.date ?? "-"), recorded \(computed.recorded ?? "-"): \(computed.check)")
                print(computed.explanation)
                if !computed.reliesOn.isEmpty { print("rests on the bounds of: \(computed.reliesOn.joined(separator: ", "))") }
                for flag in computed.flags { print("FLAG \(flag.subject): recorded \(flag.recorded), computed \(flag.computed)") }
                for party in report.parties {
                    print(
                        "  \(party.country)  \(party.state)  deposit \(party.deposit) (\(party.depositBasis))  effective recorded "
                            + "\(party.recordedEffective ?? "-"), computed \(party.computedEffective ?? "-")  \(party.check)")
                }
            }
            if !report.entryIntoForce.flags.isEmpty { throw ExitCode(3) }
        }
    }

    struct Country: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One country (ISO 3166 alpha-2) as JSON: its conventions, NICs, frameworks, providers and microcredentials.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The country's code, such as NZ.") var code: String

        func run() async throws {
            let report = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await ReferenceDesk(dependencies: dependencies).country(code, for: .commandLine(at: dependencies.clock.now))
                }
            }
            print(String(decoding: try JSONEncoder.wire.encode(report), as: UTF8.self))
        }
    }
}
