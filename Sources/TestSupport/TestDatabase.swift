import Foundation
import Logging
import PostgresKit
import RecognitionCore
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

    /// Opens a new, empty, migrated database of this engine.
    public func open() async throws -> Database {
        let logger = Logger(label: "accord.test")
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("accord-test-\(UUID().uuidString).sqlite").path
            return try await Database.open(.sqlite(path: path), logger: logger, poolSize: 2)
        case .postgres:
            guard let base = ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES_URL"] else {
                throw TestDatabaseError.postgresNotConfigured
            }
            let name = "accord_t_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
            try await AdminLock.shared.run {
                let admin = try await Database.open(.postgres(url: base), logger: logger, poolSize: 2)
                do {
                    try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
                } catch {
                    try? await admin.shutdown()
                    throw error
                }
                try await admin.shutdown()
            }
            var parts = URLComponents(string: base)
            parts?.path = "/\(name)"
            return try await Database.open(.postgres(url: parts?.string ?? base), logger: logger, poolSize: 2)
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
