import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "account", abstract: "Manage accounts.", subcommands: [Create.self])

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
}
