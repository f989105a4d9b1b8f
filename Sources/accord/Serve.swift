import AccordCLI
import AccordServices
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RecognitionCore
import Storage
import WebApp

/// The one command that needs the web layer: it composes the HTTP application over the same use cases as the others.
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
        // Without ACCORD_PUBLIC_URL, links and did:web identifiers name the address this server listens on.
        let reachable = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        let site = PublicSite(origin: "http://\(reachable.contains(":") ? "[\(reachable)]" : reachable):\(port)")
        try await options.with(logger: logger, site: site) { dependencies in
            if try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled()) {
                logger.info("seeded the reference data into \(location)")
            }
            if try await NetworkDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundledSurveys()) {
                logger.info("seeded the pre-workshop survey (a draft) into \(location)")
            }
            if try await MeetingDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundledMeetings()) {
                logger.info("seeded the network's meetings into \(location)")
            }
            let accounts = AccountDesk(dependencies: dependencies)
            if try await !accounts.hasAdmin() {
                let password = dependencies.random.token(bytes: 15)
                let file = try Self.writeSecret(password, named: "first-admin-password")
                _ = try await accounts.createFirstAdmin(email: "admin@accord.local", displayName: "Administrator", password: password)
                // The password goes to a file only the operator can read, never to the terminal or the logger.
                Self.say(
                    "First start: an admin account was created: admin@accord.local. Its password is in \(file) (mode 0600); delete the file once you have signed in."
                )
            }
            let app = try await buildApplication(config: AppConfig(host: host, port: port), dependencies: dependencies) { bound in
                Self.say("Accord is listening on http://\(host):\(bound) (\(location))")
            }
            try await app.runService()
        }
    }

    /// Writes `secret` to a new file in the data directory, readable by the owner only.
    static func writeSecret(_ secret: String, named name: String) throws -> String {
        let path = try DatabaseOptions.dataFile(name)
        try? FileManager.default.removeItem(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure("could not write \(path)")
        }
        return path
    }

    /// Writes a line to the terminal at once (not buffered), so it shows even when output goes to a file.
    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
