@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Where the data lives: an SQLite file (the embedded default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// `postgres://…` URLs select PostgreSQL; anything else is an SQLite file path.
    public init(_ text: String) {
        self = text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") ? .postgres(url: text) : .sqlite(path: text)
    }

    /// Safe to log: the PostgreSQL password is masked.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return "SQLite at \(path)"
        case .postgres(let url):
            guard var parts = URLComponents(string: url), parts.password != nil else { return "PostgreSQL at \(url)" }
            parts.password = "***"
            return "PostgreSQL at \(parts.string ?? "?")"
        }
    }
}

/// One pooled database, SQLite or PostgreSQL, reached through SQLKit so every query has one code path.
public final class Database: Sendable {
    public enum Engine: String, Sendable {
        case sqlite
        case postgres
    }

    public let engine: Engine
    /// A handle that takes a pooled connection per query.
    public let sql: any SQLDatabase
    /// PostgreSQL only: the same pool, with rows read by PostgresNIO (see `rows(_:)`).
    private let postgresReader: PostgresReader?
    /// SQLite only: the pool, for reads that take sqlite-nio's rows as they are (see `sqliteRows`).
    private let sqlitePool: EventLoopGroupConnectionPool<TunedSQLiteSource>?
    private let shutdownPool: @Sendable () async throws -> Void
    /// SQLite writes one transaction at a time: its writers queue here, in order, rather than each holding a pooled
    /// connection while SQLite's busy handler sleeps (which starved readers of connections while a batch was written).
    private let writers = WriterQueue()

    private init(
        engine: Engine, sql: any SQLDatabase, postgresReader: PostgresReader? = nil,
        sqlitePool: EventLoopGroupConnectionPool<TunedSQLiteSource>? = nil, shutdown: @escaping @Sendable () async throws -> Void
    ) {
        self.engine = engine
        self.sql = sql
        self.postgresReader = postgresReader
        self.sqlitePool = sqlitePool
        self.shutdownPool = shutdown
    }

    /// Opens the pool and applies pending migrations.
    public static func open(_ location: DatabaseLocation, logger: Logger, poolSize: Int = 4) async throws -> Database {
        let group = MultiThreadedEventLoopGroup.singleton
        let database: Database
        switch location {
        case .sqlite(let path):
            func sqlite(connections: Int) -> Database {
                let source = TunedSQLiteSource(base: SQLiteConnectionSource(configuration: .init(storage: .file(path: path))))
                let pool = EventLoopGroupConnectionPool(source: source, maxConnectionsPerEventLoop: connections, logger: logger, on: group)
                return Database(
                    engine: .sqlite, sql: SQLitePoolDatabase(pool: pool, logger: logger), sqlitePool: pool,
                    shutdown: { try await pool.shutdownAsync() })
            }
            // Migrations run on a pool of their own, closed before the real one opens: SQLite prepares a statement with
            // the schema its connection last read, so a pooled connection opened before an `ALTER TABLE` on another
            // one could expand `SELECT *` to the old columns.
            let migrating = sqlite(connections: 1)
            do {
                try await Migrations.apply(to: migrating)
                try await migrating.shutdown()
            } catch {
                try? await migrating.shutdown()
                throw error
            }
            database = sqlite(connections: max(1, poolSize / 2))
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.coreConfiguration.tls = .disable
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: max(1, poolSize / 2), logger: logger, on: group)
            let sql = pool.database(logger: logger).sql(queryLogLevel: nil)
            database = Database(
                engine: .postgres, sql: sql, postgresReader: PostgresReader(database: pool.database(logger: logger), dialect: sql, logger: logger),
                shutdown: { try await pool.shutdownAsync() })
        }
        do {
            try await Migrations.apply(to: database)
        } catch {
            try? await database.shutdown()
            throw error
        }
        return database
    }

    /// Runs `body` inside one transaction on one connection: it commits if `body` returns and rolls back if it throws.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        guard engine == .sqlite else { return try await session(body) }
        await writers.acquire()
        do {
            let result = try await session(body)
            await writers.release()
            return result
        } catch {
            await writers.release()
            throw error
        }
    }

    private func session<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await sql.withSession { connection in
            try await connection.raw(self.engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                let result = try await body(connection)
                try await connection.raw("COMMIT").run()
                return result
            } catch {
                try? await connection.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// All rows of a read that returns many (search candidates, a page of listings): on PostgreSQL read cell by cell
    /// through PostgresNIO (`PostgresReader`), on SQLite as any other query. Binds: strings, integers and doubles.
    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        if let postgresReader { return try await postgresReader.all(query) }
        return try await sql.raw(query).all()
    }

    /// SQLite only (nil on PostgreSQL): runs `body` on one pooled connection as sqlite-nio gives it, for work that
    /// must not pay sqlite-nio's hop to the event loop for every row (custom aggregates over a whole table).
    func withSQLiteConnection<R: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) async throws -> R) async throws -> R? {
        guard let sqlitePool else { return nil }
        return try await sqlitePool.withConnection(logger: Logger(label: "accord.sqlite")) { connection in
            connection.eventLoop.makeFutureWithTask { try await body(connection) }
        }.get()
    }

    /// After a bulk load, what PostgreSQL's autovacuum would do a little later: planner statistics, and the visibility
    /// map that lets search read postings from the index alone. SQLite's plans are fixed by its indexes and hints, so it
    /// gathers none (statistics there could steer it off the title index).
    public func vacuumAndAnalyze() async throws {
        if engine == .postgres { try await sql.raw("VACUUM (ANALYZE)").run() }
    }

    /// The database's size on disk, in MB (SQLite: its pages; PostgreSQL: `pg_database_size`).
    public func sizeInMegabytes() async throws -> Int {
        let query: SQLQueryString =
            engine == .postgres
            ? "SELECT pg_database_size(current_database()) AS bytes"
            : "SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()"
        let bytes = try await sql.raw(query).first()?.decode(column: "bytes", as: Int.self) ?? 0
        return bytes >> 20
    }

    public func shutdown() async throws { try await shutdownPool() }
}

/// Opens SQLite connections with WAL journaling and a busy timeout, so readers and one writer share the file.
struct TunedSQLiteSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA journal_mode=WAL").flatMap { _ in
                connection.query("PRAGMA busy_timeout=10000")
            }.flatMap { _ in
                connection.query("PRAGMA synchronous=NORMAL")
            }.map { _ in connection }
        }
    }
}

/// SQLKit's view of the SQLite pool: each query borrows a connection; sessions keep one for their duration.
struct SQLitePoolDatabase: SQLDatabase {
    let pool: EventLoopGroupConnectionPool<TunedSQLiteSource>
    let logger: Logger

    var eventLoop: any EventLoop { pool.eventLoopGroup.any() }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        pool.withConnection(logger: logger) { $0.sql(queryLogLevel: nil).execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let box = try await pool.withConnection(logger: logger) { connection in
            connection.eventLoop.makeFutureWithTask { UncheckedBox(value: try await closure(connection.sql(queryLogLevel: nil))) }
        }.get()
        return box.value
    }
}

/// Carries a non-Sendable generic result across the pool's future boundary; the value is produced and consumed by one task.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
}

/// A first-come, first-served lock for async code: one holder at a time, the others resumed in the order they came.
actor WriterQueue {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            held = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
