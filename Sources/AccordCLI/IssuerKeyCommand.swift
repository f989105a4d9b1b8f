import AccordServices
import ArgumentParser
import Credentials
import Foundation
import RecognitionCore

/// Providers' issuer keys from the command line (acting as the operator): create, list, report compromised.
struct IssuerKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issuer-key", abstract: "Manage providers' issuer keys (Ed25519, sealed under the key-encryption key).",
        subcommands: [Create.self, List.self, Compromised.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new active key for a provider; the previous one is retired (what it signed still verifies).")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The provider's id, e.g. nz-ecnz.") var provider: String

        func run() async throws {
            let key = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await IssuerDesk(dependencies: dependencies).createKey(
                        for: .init(provider), by: .commandLine(at: dependencies.clock.now))
                }
            }
            print("created issuer key \(key.id) for \(key.provider): \(key.didKey)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A provider's keys, newest first, and its did:web.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The provider's id.") var provider: String

        func run() async throws {
            let (did, keys) = try await options.with { dependencies in
                let desk = IssuerDesk(dependencies: dependencies)
                return (desk.did(of: .init(provider)), try await desk.keys(of: .init(provider)))
            }
            print("\(provider): \(did)")
            if keys.isEmpty { print("  no issuer key yet") }
            for key in keys {
                let compromised = key.compromisedFrom.map { " from \(DateTime.format($0))" } ?? ""
                print("  \(key.id)  \(key.state.rawValue)\(compromised)  created \(DateTime.format(key.createdAt))  \(key.didKey)")
            }
        }
    }

    struct Compromised: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report a key compromised from a time: credentials it signed from then fail the registry check.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The key's id (see `accord issuer-key list`).") var id: String
        @Option(help: "ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z.") var from: String

        func run() async throws {
            guard let date = DateTime.parse(from) else { throw ValidationError("--from must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z") }
            let key = try await options.with { dependencies in
                try await IssuerKeyCommand.reporting {
                    try await IssuerDesk(dependencies: dependencies).markCompromised(
                        .init(id), from: date, by: .commandLine(at: dependencies.clock.now))
                }
            }
            print("issuer key \(key.id) of \(key.provider) is compromised from \(DateTime.format(key.compromisedFrom ?? date))")
        }
    }

    /// Runs a use case, turning the errors a user can cause into one line.
    static func reporting<R>(_ body: () async throws -> R) async throws -> R {
        do { return try await body() } catch let failure as ValidationFailure {
            throw Failure(failure.issues.map(\.description).joined(separator: "; "))
        } catch let error as StoreError {
            throw Failure(error.description)
        } catch let error as KeyEncryptionKey.Unavailable {
            throw Failure(error.description)
        }
    }
}
