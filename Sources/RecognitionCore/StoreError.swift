/// What a store reports when a read or write cannot be done as asked.
public enum StoreError: Error, Sendable, Equatable {
    case notFound(kind: String, id: String)
    case conflict(String)
    case invalid([ValidationIssue])
    /// `transaction` was called on stores already bound to a transaction.
    case nestedTransaction
    /// A stored value this build does not know (a role, a status): read as an error, never as a default.
    case unknownValue(column: String, value: String)
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notFound(let kind, let id): "no \(kind) '\(id)'"
        case .conflict(let message): message
        case .invalid(let issues): "the record is not valid: \(issues.map(\.description).joined(separator: "; "))"
        case .nestedTransaction: "internal error: a unit of work was opened inside another"
        case .unknownValue(let column, let value): "the database holds '\(value)' in \(column), which this version of Accord does not know"
        }
    }
}
