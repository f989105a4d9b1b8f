import RecognitionCore

/// Every store over one database: what `accord serve`, the CLI and the tests build once and pass around.
public struct Stores: Sendable {
    public let database: Database
    public let registry: SQLRegistryStore
    public let reference: SQLReferenceDataStore
    public let accounts: SQLAccountStore

    public init(database: Database) {
        self.database = database
        self.registry = SQLRegistryStore(database: database)
        self.reference = SQLReferenceDataStore(database: database)
        self.accounts = SQLAccountStore(database: database)
    }

    /// Seeds the bundled reference data on first start; returns true when it did.
    @discardableResult
    public func seedIfEmpty() async throws -> Bool {
        guard try await !reference.isSeeded() else { return false }
        try await reference.replace(with: try ReferenceData.bundled())
        return true
    }
}
