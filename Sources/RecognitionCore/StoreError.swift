/// What a store reports when a read or write cannot be done as asked.
public enum StoreError: Error, Sendable, Equatable {
    case notFound(kind: String, id: String)
    case conflict(String)
    case invalid([ValidationIssue])
}
