import AccordServices
import ArgumentParser
import Credentials
import Foundation
import Logging
import RecognitionCore
import Storage

/// The command-line use cases: everything `accord` does but serve the web. Built on the application layer and the
/// credentials engine only; the executable adds `serve`.
public enum AccordCommands {
    public static let all: [any ParsableCommand.Type] = [
        Migrate.self, Compact.self, Seed.self, Import.self, ListingCommand.self, AccountCommand.self, AuditCommand.self, CredentialCommand.self,
        KeyCommand.self, IssuerKeyCommand.self, NICKeyCommand.self, IssueCommand.self, QualificationCommand.self, CompareCommand.self,
        RecognitionCommand.self,
        ConventionCommand.self, SurveyCommand.self, ActionPlanCommand.self, MeetingCommand.self, ReportCommand.self,
    ]
}

/// A failure the CLI reports as one line on standard error with exit 1: bad data, a refused action, a missing record.
/// Never the usage text (that is for a mistyped command) and never a Swift error dump.
public struct Failure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Where the data lives: `--database`, else `DATABASE_URL`, else `ACCORD_DATA_DIR`/`./accord-data`/accord.sqlite.
public struct DatabaseOptions: ParsableArguments, Sendable {
    @Option(help: "A postgres:// URL or an SQLite file path (default: $DATABASE_URL, else $ACCORD_DATA_DIR/accord.sqlite).")
    var database: String?

    public init() {}

    public func location() throws -> DatabaseLocation {
        let environment = ProcessInfo.processInfo.environment
        if let database { return DatabaseLocation(database) }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return DatabaseLocation(url) }
        return .sqlite(path: try Self.dataFile("accord.sqlite"))
    }

    /// A path in the data directory ($ACCORD_DATA_DIR, else ./accord-data), created owner-only if missing: the SQLite
    /// file and the first admin's password live there.
    public static func dataFile(_ name: String) throws -> String {
        let directory = ProcessInfo.processInfo.environment["ACCORD_DATA_DIR"] ?? "accord-data"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return (directory as NSString).appendingPathComponent(name)
    }

    /// The contexts the operator trusts beside the bundled ones (`ACCORD_CONTEXTS_DIR`, each pinned by SHA-256).
    public static func trustedContexts() throws -> [String: JSON] {
        guard let directory = ProcessInfo.processInfo.environment["ACCORD_CONTEXTS_DIR"], !directory.isEmpty else { return [:] }
        do { return try BundledContexts.trusted(directory: URL(fileURLWithPath: directory)) } catch {
            throw Failure("ACCORD_CONTEXTS_DIR: \(error.description)")
        }
    }

    /// Opens the database, runs `body` with the application's dependencies over it, and closes it, also on error.
    /// `site` is where Accord is reached when `ACCORD_PUBLIC_URL` does not say (the server passes its own address).
    public func with<R>(
        logger: Logger = Logger(label: "accord"), site fallback: PublicSite = PublicSite(), _ body: (Dependencies) async throws -> R
    ) async throws -> R {
        let environment = ProcessInfo.processInfo.environment
        // Issuer keys are sealed under this key: ACCORD_MASTER_KEY, or a file beside the data made on first use.
        let keyEncryption = try KeyEncryptionKey.load(environment: environment["ACCORD_MASTER_KEY"], file: try Self.dataFile("master-key"))
        let configured = environment["ACCORD_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let site = try configured.map { try PublicSite.parse($0) } ?? fallback
        let verifier = CredentialVerifier(contexts: BundledContexts.shared.adding(try Self.trustedContexts()))
        let database = try await Database.open(try location(), logger: logger)
        let dependencies = Dependencies(
            stores: SQLStores(database: database), logger: logger, verifier: verifier, keyEncryption: keyEncryption, site: site)
        do {
            let result = try await body(dependencies)
            try await database.shutdown()
            return result
        } catch {
            try? await database.shutdown()
            throw error
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending schema migrations.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        try await options.with { _ in print("migrated \(try options.location())") }
    }
}

struct Compact: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the registry's search index dense again after bulk loading (searches and edits go on meanwhile).",
        discussion: """
            PostgreSQL: rebuilds the postings key concurrently (after a million listings it holds about 40 % less) and \
            gathers statistics. SQLite: merges the full-text index's segments and refreshes its statistics.
            """)
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let started = Date()
        try await options.with { dependencies in try await dependencies.stores.registry.compactSearchIndex() }
        print("compacted the search index of \(try options.location()) in \(Int(Date().timeIntervalSince(started).rounded())) s")
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import reference data (frameworks, referencing, conventions, NICs, rules, samples).",
        discussion: "Upserts by id; records edited in Accord are kept and listed; nothing is deleted.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "A directory holding files named like Sources/Storage/ReferenceData (default: the data bundled with Accord).")
    var from: String?

    func run() async throws {
        let data = try from.map { try ReferenceData.load(directory: URL(fileURLWithPath: $0)) } ?? ReferenceData.bundled()
        let (report, surveys, meetings) = try await options.with { dependencies in
            let actor = Account.commandLine(at: dependencies.clock.now)
            return (
                try await ReferenceDesk(dependencies: dependencies).seed(data, by: actor),
                try await NetworkDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundledSurveys(), by: actor),
                try await MeetingDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundledMeetings(), by: actor)
            )
        }
        print("seeded \(report.written) reference records")
        if surveys { print("seeded the pre-workshop survey (a draft)") }
        if meetings { print("seeded the network's meetings") }
        for kept in report.keptEdited { print("kept \(kept): edited in Accord since it was seeded") }
    }
}
