import Foundation
import RecognitionCore
import SQLKit

/// Share links (the token's hash only) and learners' holder keys (the private half sealed).
struct SQLRecordShareStore: RecordShareStore {
    let handle: SQLHandle

    static let columns = "id, account_id, token_hash, entries, created_at, expires_at, revoked_at"

    func add(_ share: RecordShare) async throws {
        let entries = String(decoding: try JSONEncoder().encode(share.entries.map(\.rawValue)), as: UTF8.self)
        try await handle.sql.raw(
            """
            INSERT INTO record_shares (\(unsafeRaw: Self.columns))
            VALUES (\(bind: share.id.rawValue), \(bind: share.learner.rawValue), \(bind: share.tokenHash), \(bind: entries),
              \(bind: share.createdAt.timeIntervalSince1970), \(bind: share.expiresAt.timeIntervalSince1970),
              \(bind: share.revokedAt?.timeIntervalSince1970))
            """
        ).run()
    }

    func shares(of learner: Account.ID) async throws -> [RecordShare] {
        try await handle.sql.raw(
            "SELECT \(unsafeRaw: Self.columns) FROM record_shares WHERE account_id = \(bind: learner.rawValue) ORDER BY created_at DESC, id"
        ).all().map(Self.share)
    }

    func share(tokenHash: String) async throws -> RecordShare? {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM record_shares WHERE token_hash = \(bind: tokenHash)").first()
            .map(Self.share)
    }

    func revoke(_ id: RecordShare.ID, of learner: Account.ID, at: Date) async throws -> Bool {
        let found = try await handle.sql.raw(
            """
            SELECT id FROM record_shares WHERE id = \(bind: id.rawValue) AND account_id = \(bind: learner.rawValue) AND revoked_at IS NULL
            """
        ).first()
        guard found != nil else { return false }
        try await handle.sql.raw(
            """
            UPDATE record_shares SET revoked_at = \(bind: at.timeIntervalSince1970)
            WHERE id = \(bind: id.rawValue) AND account_id = \(bind: learner.rawValue)
            """
        ).run()
        return true
    }

    func holderKey(of learner: Account.ID) async throws -> (didKey: String, sealed: SealedKey)? {
        guard
            let row = try await handle.sql.raw(
                "SELECT did_key, sealed_key, kek_id FROM learner_keys WHERE account_id = \(bind: learner.rawValue)"
            ).first()
        else { return nil }
        guard let bytes = Data(base64Encoded: try row.decode(column: "sealed_key", as: String.self)) else {
            throw StoreError.unknownValue(column: "sealed_key", value: "(not base64)")
        }
        return (
            try row.decode(column: "did_key", as: String.self),
            SealedKey(combined: Array(bytes), kekID: try row.decode(column: "kek_id", as: String.self))
        )
    }

    func addHolderKey(of learner: Account.ID, didKey: String, sealed: SealedKey, at: Date) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO learner_keys (account_id, did_key, sealed_key, kek_id, created_at)
            VALUES (\(bind: learner.rawValue), \(bind: didKey), \(bind: Data(sealed.combined).base64EncodedString()), \(bind: sealed.kekID),
              \(bind: at.timeIntervalSince1970))
            """
        ).run()
    }

    static func share(_ row: any SQLRow) throws -> RecordShare {
        let entries = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "entries", as: String.self).utf8))
        return RecordShare(
            id: .init(try row.decode(column: "id", as: String.self)), learner: .init(try row.decode(column: "account_id", as: String.self)),
            tokenHash: try row.decode(column: "token_hash", as: String.self), entries: entries.map { .init($0) },
            createdAt: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)),
            expiresAt: Date(timeIntervalSince1970: try row.decode(column: "expires_at", as: Double.self)),
            revokedAt: try row.decode(column: "revoked_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
    }
}
