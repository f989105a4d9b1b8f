import RecognitionCore
import SQLKit

/// Every store over one database (SQLite or PostgreSQL): what `accord serve`, the CLI and the tests build once.
public struct SQLStores: Stores {
    public let database: Database
    let handle: SQLHandle

    public init(database: Database) {
        self.init(handle: SQLHandle(database: database, connection: nil))
    }

    init(handle: SQLHandle) {
        self.database = handle.database
        self.handle = handle
    }

    public var registry: any RegistryStore { SQLRegistryStore(handle: handle) }
    public var reference: any ReferenceDataStore { SQLReferenceDataStore(handle: handle) }
    public var accounts: any AccountStore { SQLAccountStore(handle: handle) }
    public var audit: any AuditLog { SQLAuditLog(handle: handle) }
    public var issuerKeys: any IssuerKeyStore { SQLIssuerKeyStore(handle: handle) }
    public var issued: any IssuedCredentialStore { SQLIssuedCredentialStore(handle: handle) }
    public var statusLists: any StatusListStore { SQLStatusListStore(handle: handle) }
    public var batches: any IssuanceBatchStore { SQLIssuanceBatchStore(handle: handle) }
    public var records: any LearnerRecordStore { SQLLearnerRecordStore(handle: handle) }
    public var qualifications: any QualificationStore { SQLQualificationStore(handle: handle) }
    public var shares: any RecordShareStore { SQLRecordShareStore(handle: handle) }
    public var awards: any AwardRequestStore { SQLAwardRequestStore(handle: handle) }
    public var recognition: any RecognitionStore { SQLRecognitionStore(handle: handle) }
    public var nicKeys: any NICKeyStore { SQLNICKeyStore(handle: handle) }
    public var network: any NetworkStore { SQLNetworkStore(handle: handle) }

    /// One database transaction for everything `body` does through `tx`: SQLite `BEGIN IMMEDIATE` (writers queue
    /// behind each other), PostgreSQL `BEGIN`. Commits when `body` returns, rolls back when it throws.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any Stores) async throws -> R) async throws -> R {
        guard !handle.isInTransaction else { throw StoreError.nestedTransaction }
        let database = database
        return try await database.transaction { connection in
            try await body(SQLStores(handle: SQLHandle(database: database, connection: connection)))
        }
    }
}
