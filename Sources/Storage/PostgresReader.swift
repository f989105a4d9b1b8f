import Logging
import PostgresKit
import SQLKit

/// Reads of many rows on PostgreSQL, decoded by PostgresNIO cell by cell.
///
/// PostgresKit's `SQLRow` builds a coding key and runs its compatibility checks for every cell it decodes; a text
/// search reads 200 candidates and a page of listings, and at a million rows that was a third of the client's time
/// per search. The query is still the one `SQLQueryString` both engines run, serialized by SQLKit; only the rows
/// are read differently. Binds are limited to the scalars search uses.
struct PostgresReader: Sendable {
    let database: any PostgresDatabase
    let dialect: any SQLDatabase
    let logger: Logger

    enum ReadError: Error, CustomStringConvertible {
        case unsupportedBind(String)
        case missingColumn(String)
        case undecodable(String)

        var description: String {
            switch self {
            case .unsupportedBind(let type): "a PostgreSQL read cannot bind a value of type \(type)"
            case .missingColumn(let column): "the row has no column \(column)"
            case .undecodable(let type): "a PostgreSQL cell cannot be read as \(type)"
            }
        }
    }

    func all(_ query: SQLQueryString) async throws -> [any SQLRow] {
        var serializer = SQLSerializer(database: dialect)
        query.serialize(to: &serializer)
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        for bind in serializer.binds {
            switch bind {
            case let value as String: bindings.append(value)
            case let value as Int: bindings.append(value)
            case let value as Double: bindings.append(value)
            default: throw ReadError.unsupportedBind("\(type(of: bind))")
            }
        }
        let statement = PostgresQuery(unsafeSQL: serializer.sql, binds: bindings)
        let logger = logger
        let result = try await database.withConnection { $0.query(statement, logger: logger) }.get()
        return result.rows.map { CellRow(cells: $0.makeRandomAccess()) }
    }

    struct CellRow: SQLRow {
        let cells: PostgresRandomAccessRow

        var allColumns: [String] { cells.map(\.columnName) }

        func contains(column: String) -> Bool { cells.contains(column) }

        func decodeNil(column: String) throws -> Bool { !cells.contains(column) || cells[column].bytes == nil }

        func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
            guard cells.contains(column) else { throw ReadError.missingColumn(column) }
            guard let decodable = D.self as? any PostgresDecodable.Type else { throw ReadError.undecodable("\(D.self)") }
            let cell = cells[column]
            func read<P: PostgresDecodable>(_: P.Type) throws -> D {
                guard let value = try cell.decode(P.self) as? D else { throw ReadError.undecodable("\(D.self)") }
                return value
            }
            return try read(decodable)
        }
    }
}
