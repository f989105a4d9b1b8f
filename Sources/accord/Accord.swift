import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RecognitionCore
import Storage
import WebApp

@main
struct Accord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accord: recognition of qualifications and microcredentials in Asia and the Pacific.",
        subcommands: [Serve.self, Migrate.self, Seed.self, Import.self, AccountCommand.self, CredentialCommand.self, KeyCommand.self])
}

/// Where the data lives: `--database`, else `DATABASE_URL`, else `ACCORD_DATA_DIR`/`./accord-data`/accord.sqlite.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "A postgres:// URL or an SQLite file path (default: $DATABASE_URL, else $ACCORD_DATA_DIR/accord.sqlite).")
    var database: String?

    func location() throws -> DatabaseLocation {
        let environment = ProcessInfo.processInfo.environment
        if let database { return DatabaseLocation(database) }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return DatabaseLocation(url) }
        let directory = environment["ACCORD_DATA_DIR"] ?? "accord-data"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return .sqlite(path: (directory as NSString).appendingPathComponent("accord.sqlite"))
    }

    func open(logger: Logger) async throws -> Stores {
        Stores(database: try await Database.open(try location(), logger: logger))
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending schema migrations.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let stores = try await options.open(logger: Logger(label: "accord"))
        print("migrated \(try options.location())")
        try await stores.database.shutdown()
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import reference data (frameworks, referencing, conventions, NICs, rules, samples).")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "A directory holding files named like shared/data (default: the data bundled with Accord).")
    var from: String?

    func run() async throws {
        let data = try from.map { try ReferenceData.load(directory: URL(fileURLWithPath: $0)) } ?? ReferenceData.bundled()
        let stores = try await options.open(logger: Logger(label: "accord"))
        do {
            try await stores.reference.replace(with: data)
        } catch {
            try await stores.database.shutdown()
            throw error
        }
        print("seeded \(data.documents.count) reference records, \(data.frameworks.count) frameworks, \(data.providers.count) providers, \(data.microcredentials.count) microcredentials")
        try await stores.database.shutdown()
    }
}
