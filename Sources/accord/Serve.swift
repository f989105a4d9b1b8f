import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RecognitionCore
import Storage
import WebApp

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server (migrates and seeds an empty database first).",
        discussion: "Environment: DATABASE_URL (postgres://…), ACCORD_DATA_DIR (SQLite directory, default ./accord-data), LOG_LEVEL.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080

    func run() async throws {
        var logger = Logger(label: "accord")
        logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
        let location = try options.location()
        let stores = try await options.open(logger: logger)
        if try await stores.seedIfEmpty() { logger.info("seeded the reference data into \(location)") }
        let config = AppConfig(host: host, port: port)
        let dependencies = Dependencies(stores: stores, clock: SystemClock(), logger: logger)
        if try await !stores.accounts.hasAdmin() {
            let password = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20))
            _ = try await AccountDesk(dependencies: dependencies, config: config).create(
                email: "admin@accord.local", displayName: "Administrator", password: password, role: .admin, scope: nil, by: nil, bootstrap: true)
            Self.say("First start: an admin account was created. Sign in as admin@accord.local with password \(password) (shown once).")
        }
        let app = try await buildApplication(config: config, dependencies: dependencies) { bound in
            Self.say("Accord is listening on http://\(host):\(bound) (\(location))")
        }
        try await app.runService()
        try await stores.database.shutdown()
    }

    /// Writes a line to standard output at once (not buffered), so it shows even when output goes to a file.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
