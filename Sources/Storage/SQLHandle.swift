import SQLKit

/// How a store reaches its database: through the pool (each write in its own transaction), or through one connection
/// that holds an open transaction (every write joins it). Every SQL store keeps one.
struct SQLHandle: Sendable {
    let database: Database
    /// The connection of the transaction this handle is bound to, if any.
    let connection: (any SQLDatabase)?

    var engine: Database.Engine { database.engine }
    var isInTransaction: Bool { connection != nil }

    /// Where single statements go.
    var sql: any SQLDatabase { connection ?? database.sql }

    /// Runs `body` in the bound transaction, or in a new one.
    func write<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        if let connection { return try await body(connection) }
        return try await database.transaction(body)
    }

    /// All rows of a read that returns many; see `Database.rows`.
    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        if let connection { return try await connection.raw(query).all() }
        return try await database.rows(query)
    }
}
