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
