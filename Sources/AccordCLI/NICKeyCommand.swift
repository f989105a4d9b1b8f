import AccordServices
import ArgumentParser
import Credentials
import Foundation
import RecognitionCore

/// NICs' statement-signing keys from the command line (acting as the operator): rotate, list, report compromised.
struct NICKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nic-key", abstract: "Manage NICs' statement-signing keys (Ed25519, sealed under the key-encryption key).",
        subcommands: [Create.self, List.self, Compromised.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new active key for a NIC; the previous one is retired (statements it signed still verify).")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The NIC's id, e.g. nic-nz (see `accord nic list`).") var nic: String

        func run() async throws {
            let key = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await NICKeyDesk(dependencies: dependencies).rotate(.init(nic), by: .commandLine(at: dependencies.clock.now))
                }
            }
            print("created NIC key \(key.id) for \(key.nic): \(key.didKey)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A NIC's keys, newest first, and its did:web.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The NIC's id.") var nic: String

        func run() async throws {
            let (did, keys) = try await options.with { dependencies in
                let desk = NICKeyDesk(dependencies: dependencies)
                return (desk.did(of: .init(nic)), try await IssuerKeyCommand.reporting { try await desk.keys(of: .init(nic)) })
            }
            print("\(nic): \(did)")
            if keys.isEmpty { print("  no signing key yet: the NIC's first statement makes one") }
            for key in keys {
                let compromised = key.compromisedFrom.map { " from \(DateTime.format($0))" } ?? ""
                print("  \(key.id)  \(key.state.rawValue)\(compromised)  created \(DateTime.format(key.createdAt))  \(key.didKey)")
            }
        }
    }

    struct Compromised: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report a NIC key compromised from a time: statements it signed from then fail the registry check.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The key's id (see `accord nic-key list`).") var id: String
        @Option(help: "ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z.") var from: String

        func run() async throws {
            guard let date = DateTime.parse(from) else { throw ValidationError("--from must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z") }
            let key = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await NICKeyDesk(dependencies: dependencies).markCompromised(
                        .init(id), from: date, by: .commandLine(at: dependencies.clock.now))
                }
            }
            print("NIC key \(key.id) of \(key.nic) is compromised from \(DateTime.format(key.compromisedFrom ?? date))")
        }
    }
}
