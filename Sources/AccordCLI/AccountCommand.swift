import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "account", abstract: "Manage accounts.", subcommands: [Create.self, ResetLink.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account; the password is read from ACCORD_PASSWORD.")
        @OptionGroup var options: DatabaseOptions
        @Option var email: String
        @Option var name: String
        @Option(help: "admin, provider-staff, evaluator or learner") var role: String
        @Option(help: "Provider id (provider-staff) or NIC id (evaluator), e.g. nz-nzqa.") var scope: String?

        func run() async throws {
            guard let kind = Role.Kind(rawValue: role) else { throw ValidationError("role must be admin, provider-staff, evaluator or learner") }
            guard let password = ProcessInfo.processInfo.environment["ACCORD_PASSWORD"] else { throw ValidationError("set ACCORD_PASSWORD") }
            let account = try await options.with { dependencies in
                do {
                    return try await AccountDesk(dependencies: dependencies).create(
                        email: email, displayName: name, password: password, role: kind, scope: scope, by: .commandLine(at: dependencies.clock.now))
                } catch let failure as ValidationFailure {
                    throw Failure(failure.issues.map(\.description).joined(separator: "; "))
                }
            }
            print("created \(account.role.kind.rawValue) account \(account.email)")
        }
    }

    struct ResetLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-link", abstract: "Print a one-time link (valid 24 hours) that sets a new password for an account.")
        @OptionGroup var options: DatabaseOptions
        @Option var email: String

        func run() async throws {
            let reset = try await options.with { dependencies in
                let desk = AccountDesk(dependencies: dependencies)
                let caller = Account.commandLine(at: dependencies.clock.now)
                guard let account = try await desk.accounts(by: caller).first(where: { $0.email.lowercased() == email.lowercased() }) else {
                    throw Failure("no account with email \(email)")
                }
                return try await desk.issueReset(for: account.id, by: caller)
            }
            print("/reset-password?token=\(reset.token)  (append to the site's address; works once, until \(reset.expiresAt.formatted(.iso8601)))")
        }
    }
}
