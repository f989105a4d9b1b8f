import Foundation
import RecognitionCore
import SQLKit

/// What both signing-key tables hold (`issuer_keys` by provider, `nic_signing_keys` by NIC): public facts in columns,
/// the private half sealed (base64 of AES-GCM's combined box). Adding a key retires its owner's active one.
struct SQLKeyTable {
    /// One key's public facts, whoever owns it.
    struct Row {
        var id: String
        var owner: String
        var didKey: String
        var publicKeyMultibase: String
        var createdAt: Date
        var state: IssuerKey.State
        var retiredAt: Date?
        var compromisedFrom: Date?
    }

    let handle: SQLHandle
    let table: String
    /// The column naming the owner (`provider_id`, `nic_id`).
    let owner: String

    private var columns: String { "id, \(owner), did_key, public_key_multibase, created_at, state, retired_at, compromised_from" }

    func add(_ key: Row, sealed: SealedKey) async throws {
        let (table, owner, columns) = (table, owner, columns)
        try await handle.write { db in
            try await db.raw(
                """
                UPDATE \(unsafeRaw: table) SET state = 'retired', retired_at = \(bind: key.createdAt.timeIntervalSince1970)
                WHERE \(unsafeRaw: owner) = \(bind: key.owner) AND state = 'active'
                """
            ).run()
            try await db.raw(
                """
                INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns), sealed_key, kek_id)
                VALUES (\(bind: key.id), \(bind: key.owner), \(bind: key.didKey), \(bind: key.publicKeyMultibase),
                  \(bind: key.createdAt.timeIntervalSince1970), \(bind: key.state.rawValue), \(bind: key.retiredAt?.timeIntervalSince1970),
                  \(bind: key.compromisedFrom?.timeIntervalSince1970), \(bind: Data(sealed.combined).base64EncodedString()), \(bind: sealed.kekID))
                """
            ).run()
        }
    }

    /// An owner's keys, newest first.
    func keys(of ownerID: String) async throws -> [Row] {
        try await handle.sql.raw(
            "SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) WHERE \(unsafeRaw: owner) = \(bind: ownerID) ORDER BY created_at DESC, id"
        ).all().map(row)
    }

    func key(id: String) async throws -> Row? {
        try await handle.sql.raw("SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) WHERE id = \(bind: id)").first().map(row)
    }

    func key(didKey: String) async throws -> Row? {
        try await handle.sql.raw("SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) WHERE did_key = \(bind: didKey)").first().map(row)
    }

    func sealed(id: String) async throws -> SealedKey? {
        guard let row = try await handle.sql.raw("SELECT sealed_key, kek_id FROM \(unsafeRaw: table) WHERE id = \(bind: id)").first() else {
            return nil
        }
        let text = try row.decode(column: "sealed_key", as: String.self)
        guard let bytes = Data(base64Encoded: text) else { throw StoreError.unknownValue(column: "sealed_key", value: "(not base64)") }
        return SealedKey(combined: Array(bytes), kekID: try row.decode(column: "kek_id", as: String.self))
    }

    /// Writes a key's state and its dates (what rotation and a compromise report change).
    func save(_ key: Row) async throws {
        try await handle.sql.raw(
            """
            UPDATE \(unsafeRaw: table) SET state = \(bind: key.state.rawValue), retired_at = \(bind: key.retiredAt?.timeIntervalSince1970),
              compromised_from = \(bind: key.compromisedFrom?.timeIntervalSince1970)
            WHERE id = \(bind: key.id)
            """
        ).run()
    }

    private func row(_ row: any SQLRow) throws -> Row {
        let state = try row.decode(column: "state", as: String.self)
        guard let known = IssuerKey.State(rawValue: state) else { throw StoreError.unknownValue(column: "state", value: state) }
        return Row(
            id: try row.decode(column: "id", as: String.self), owner: try row.decode(column: owner, as: String.self),
            didKey: try row.decode(column: "did_key", as: String.self),
            publicKeyMultibase: try row.decode(column: "public_key_multibase", as: String.self),
            createdAt: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)), state: known,
            retiredAt: try row.decode(column: "retired_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            compromisedFrom: try row.decode(column: "compromised_from", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
    }
}
