import RecognitionCore

/// Providers' signing keys, in `issuer_keys`.
struct SQLIssuerKeyStore: IssuerKeyStore {
    let handle: SQLHandle
    private var table: SQLKeyTable { SQLKeyTable(handle: handle, table: "issuer_keys", owner: "provider_id") }

    func add(_ key: IssuerKey, sealed: SealedKey) async throws { try await table.add(Self.row(key), sealed: sealed) }
    func keys(of provider: Provider.ID) async throws -> [IssuerKey] { try await table.keys(of: provider.rawValue).map(Self.key) }
    func key(_ id: IssuerKey.ID) async throws -> IssuerKey? { try await table.key(id: id.rawValue).map(Self.key) }
    func key(didKey: String) async throws -> IssuerKey? { try await table.key(didKey: didKey).map(Self.key) }
    func sealed(_ id: IssuerKey.ID) async throws -> SealedKey? { try await table.sealed(id: id.rawValue) }
    func save(_ key: IssuerKey) async throws { try await table.save(Self.row(key)) }

    static func row(_ key: IssuerKey) -> SQLKeyTable.Row {
        .init(
            id: key.id.rawValue, owner: key.provider.rawValue, didKey: key.didKey, publicKeyMultibase: key.publicKeyMultibase,
            createdAt: key.createdAt, state: key.state, retiredAt: key.retiredAt, compromisedFrom: key.compromisedFrom)
    }

    static func key(_ row: SQLKeyTable.Row) -> IssuerKey {
        IssuerKey(
            id: .init(row.id), provider: .init(row.owner), didKey: row.didKey, publicKeyMultibase: row.publicKeyMultibase, createdAt: row.createdAt,
            state: row.state, retiredAt: row.retiredAt, compromisedFrom: row.compromisedFrom)
    }
}
