import RecognitionCore

/// NICs' signing keys, in `nic_signing_keys` (migration 23; before it, one key per NIC in `nic_keys`).
struct SQLNICKeyStore: NICKeyStore {
    let handle: SQLHandle
    private var table: SQLKeyTable { SQLKeyTable(handle: handle, table: "nic_signing_keys", owner: "nic_id") }

    func add(_ key: NICKey, sealed: SealedKey) async throws { try await table.add(Self.row(key), sealed: sealed) }
    func keys(of nic: NIC.ID) async throws -> [NICKey] { try await table.keys(of: nic.rawValue).map(Self.key) }
    func key(_ id: NICKey.ID) async throws -> NICKey? { try await table.key(id: id.rawValue).map(Self.key) }
    func key(didKey: String) async throws -> NICKey? { try await table.key(didKey: didKey).map(Self.key) }
    func sealed(_ id: NICKey.ID) async throws -> SealedKey? { try await table.sealed(id: id.rawValue) }
    func save(_ key: NICKey) async throws { try await table.save(Self.row(key)) }

    static func row(_ key: NICKey) -> SQLKeyTable.Row {
        .init(
            id: key.id.rawValue, owner: key.nic.rawValue, didKey: key.didKey, publicKeyMultibase: key.publicKeyMultibase, createdAt: key.createdAt,
            state: key.state, retiredAt: key.retiredAt, compromisedFrom: key.compromisedFrom)
    }

    static func key(_ row: SQLKeyTable.Row) -> NICKey {
        NICKey(
            id: .init(row.id), nic: .init(row.owner), didKey: row.didKey, publicKeyMultibase: row.publicKeyMultibase, createdAt: row.createdAt,
            state: row.state, retiredAt: row.retiredAt, compromisedFrom: row.compromisedFrom)
    }
}
