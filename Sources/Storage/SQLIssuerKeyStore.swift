import Foundation
import RecognitionCore
import SQLKit

/// Providers' signing keys: public facts in columns, the private half sealed (base64 of AES-GCM's combined box).
struct SQLIssuerKeyStore: IssuerKeyStore {
    let handle: SQLHandle

    static let columns = "id, provider_id, did_key, public_key_multibase, created_at, state, retired_at, compromised_from"

    func add(_ key: IssuerKey, sealed: SealedKey) async throws {
        try await handle.write { db in
            try await db.raw(
                """
                UPDATE issuer_keys SET state = 'retired', retired_at = \(bind: key.createdAt.timeIntervalSince1970)
                WHERE provider_id = \(bind: key.provider.rawValue) AND state = 'active'
                """
            ).run()
            try await db.raw(
                """
                INSERT INTO issuer_keys (\(unsafeRaw: Self.columns), sealed_key, kek_id)
                VALUES (\(bind: key.id.rawValue), \(bind: key.provider.rawValue), \(bind: key.didKey), \(bind: key.publicKeyMultibase),
                  \(bind: key.createdAt.timeIntervalSince1970), \(bind: key.state.rawValue), \(bind: key.retiredAt?.timeIntervalSince1970),
                  \(bind: key.compromisedFrom?.timeIntervalSince1970), \(bind: Data(sealed.combined).base64EncodedString()), \(bind: sealed.kekID))
                """
            ).run()
        }
    }

    func keys(of provider: Provider.ID) async throws -> [IssuerKey] {
        try await handle.sql.raw(
            "SELECT \(unsafeRaw: Self.columns) FROM issuer_keys WHERE provider_id = \(bind: provider.rawValue) ORDER BY created_at DESC, id"
        ).all().map(Self.key)
    }

    func key(_ id: IssuerKey.ID) async throws -> IssuerKey? {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM issuer_keys WHERE id = \(bind: id.rawValue)").first().map(Self.key)
    }

    func key(didKey: String) async throws -> IssuerKey? {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM issuer_keys WHERE did_key = \(bind: didKey)").first().map(Self.key)
    }

    func sealed(_ id: IssuerKey.ID) async throws -> SealedKey? {
        guard let row = try await handle.sql.raw("SELECT sealed_key, kek_id FROM issuer_keys WHERE id = \(bind: id.rawValue)").first() else {
            return nil
        }
        let text = try row.decode(column: "sealed_key", as: String.self)
        guard let bytes = Data(base64Encoded: text) else { throw StoreError.unknownValue(column: "sealed_key", value: "(not base64)") }
        return SealedKey(combined: Array(bytes), kekID: try row.decode(column: "kek_id", as: String.self))
    }

    func save(_ key: IssuerKey) async throws {
        try await handle.sql.raw(
            """
            UPDATE issuer_keys SET state = \(bind: key.state.rawValue), retired_at = \(bind: key.retiredAt?.timeIntervalSince1970),
              compromised_from = \(bind: key.compromisedFrom?.timeIntervalSince1970)
            WHERE id = \(bind: key.id.rawValue)
            """
        ).run()
    }

    static func key(_ row: any SQLRow) throws -> IssuerKey {
        let state = try row.decode(column: "state", as: String.self)
        guard let known = IssuerKey.State(rawValue: state) else { throw StoreError.unknownValue(column: "state", value: state) }
        return IssuerKey(
            id: .init(try row.decode(column: "id", as: String.self)), provider: .init(try row.decode(column: "provider_id", as: String.self)),
            didKey: try row.decode(column: "did_key", as: String.self),
            publicKeyMultibase: try row.decode(column: "public_key_multibase", as: String.self),
            createdAt: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)), state: known,
            retiredAt: try row.decode(column: "retired_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            compromisedFrom: try row.decode(column: "compromised_from", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
    }
}
