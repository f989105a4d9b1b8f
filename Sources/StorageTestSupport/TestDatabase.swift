import Foundation
import Logging
import PostgresKit
import Storage

/// Real databases for tests: a fresh SQLite file, and a fresh PostgreSQL database when
/// `ACCORD_TEST_POSTGRES_URL` names a server (scripts/test starts one).
public enum TestDatabase: String, Sendable, CaseIterable {
    case sqlite
    case postgres

    /// The engines this run can reach: SQLite always, PostgreSQL when the variable is set.
    public static var available: [TestDatabase] {
        ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// Runs `body` on a new, empty, migrated database of this engine, then shuts it down and deletes it (the SQLite
    /// file, or the PostgreSQL database), whether `body` returned or threw.
    public func with<R: Sendable>(_ body: (Database) async throws -> R) async throws -> R {
        let logger = Logger(label: "accord.test")
        let name = "accord_t_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        let location: DatabaseLocation
        switch self {
        case .sqlite:
            location = .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path)
        case .postgres:
            try await Self.admin { try await $0.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            var parts = URLComponents(string: try Self.postgresBase)
            parts?.path = "/\(name)"
            location = .postgres(url: parts?.string ?? "")
        }
        let result: Result<R, any Error>
        do {
            let database = try await Database.open(location, logger: logger, poolSize: 2)
            do { result = .success(try await body(database)) } catch { result = .failure(error) }
            try? await database.shutdown()
        } catch {
            result = .failure(error)
        }
        switch location {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .postgres:
            try? await Self.admin { try await $0.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
        }
        return try result.get()
    }

    private static var postgresBase: String {
        get throws {
            guard let base = ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES_URL"] else { throw TestDatabaseError.postgresNotConfigured }
            return base
        }
    }

    /// One statement on the server's admin database, one at a time (CREATE and DROP DATABASE clash when run at once).
    private static func admin(_ statement: @escaping @Sendable (Database) async throws -> Void) async throws {
        let base = try postgresBase
        try await AdminLock.shared.run {
            let admin = try await Database.open(.postgres(url: base), logger: Logger(label: "accord.test"), poolSize: 2)
            do { try await statement(admin) } catch {
                try? await admin.shutdown()
                throw error
            }
            try await admin.shutdown()
        }
    }
}

public enum TestDatabaseError: Error {
    case postgresNotConfigured
}

/// Serializes work on the PostgreSQL admin database (migrations there and CREATE DATABASE clash when run at once).
actor AdminLock {
    static let shared = AdminLock()
    private var busy = false

    func run(_ body: @Sendable () async throws -> Void) async throws {
        while busy { await Task.yield() }
        busy = true
        defer { busy = false }
        try await body()
    }
}
