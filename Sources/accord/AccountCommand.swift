import ArgumentParser
import Foundation
import Logging
import RecognitionCore
import Storage
import WebApp

struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "account", abstract: "Manage accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account; the password is read from ACCORD_PASSWORD.")
        @OptionGroup var options: DatabaseOptions
        @Option var email: String
        @Option var name: String
        @Option(help: "admin, provider-staff, evaluator or learner") var role: String
        @Option(help: "Provider id (provider-staff) or NIC (evaluator).") var scope: String?

        func run() async throws {
            guard let kind = Role.Kind(rawValue: role) else { throw ValidationError("role must be admin, provider-staff, evaluator or learner") }
            guard let password = ProcessInfo.processInfo.environment["ACCORD_PASSWORD"] else { throw ValidationError("set ACCORD_PASSWORD") }
            let stores = try await options.open(logger: Logger(label: "accord"))
            let dependencies = Dependencies(stores: stores, clock: SystemClock(), logger: Logger(label: "accord"))
            let account = try await AccountDesk(dependencies: dependencies, config: AppConfig()).create(
                email: email, displayName: name, password: password, role: kind, scope: scope, by: nil, bootstrap: true)
            print("created \(account.role.kind.rawValue) account \(account.email)")
            try await stores.database.shutdown()
        }
    }
}
