import Foundation
import RecognitionCore
import SQLKit

/// Status lists: bits as base64, the signed list credential, and (on the revocation row) the next free index.
struct SQLStatusListStore: StatusListStore {
    let handle: SQLHandle

    func allocate(_ count: Int, for provider: Provider.ID) async throws -> Int? {
        try await handle.write { db in
            // The UPDATE takes the row's lock (PostgreSQL) inside the writer's transaction (SQLite BEGIN IMMEDIATE), so two
            // issuers never read the same index.
            try await db.raw(
                "UPDATE status_lists SET next_index = next_index + \(bind: count) WHERE provider_id = \(bind: provider.rawValue) AND purpose = 'revocation'"
            ).run()
            guard
                let row = try await db.raw(
                    "SELECT next_index FROM status_lists WHERE provider_id = \(bind: provider.rawValue) AND purpose = 'revocation'"
                ).first()
            else { return nil }
            return try row.decode(column: "next_index", as: Int.self) - count
        }
    }

    func create(_ list: StoredStatusList, nextIndex: Int) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO status_lists (provider_id, purpose, bits, signed, updated_at, next_index)
            VALUES (\(bind: list.provider.rawValue), \(bind: list.purpose.rawValue), \(bind: Data(list.bytes).base64EncodedString()),
              \(bind: list.signed), \(bind: list.updatedAt.timeIntervalSince1970), \(bind: nextIndex))
            """
        ).run()
    }

    func list(of provider: Provider.ID, purpose: StoredStatusList.Purpose) async throws -> StoredStatusList? {
        guard
            let row = try await handle.sql.raw(
                """
                SELECT bits, signed, updated_at FROM status_lists
                WHERE provider_id = \(bind: provider.rawValue) AND purpose = \(bind: purpose.rawValue)
                """
            ).first()
        else { return nil }
        guard let bytes = Data(base64Encoded: try row.decode(column: "bits", as: String.self)) else {
            throw StoreError.unknownValue(column: "bits", value: "(not base64)")
        }
        return StoredStatusList(
            provider: provider, purpose: purpose, bytes: Array(bytes), signed: try row.decode(column: "signed", as: String.self),
            updatedAt: Date(timeIntervalSince1970: try row.decode(column: "updated_at", as: Double.self)))
    }

    func save(_ list: StoredStatusList) async throws {
        try await handle.sql.raw(
            """
            UPDATE status_lists SET bits = \(bind: Data(list.bytes).base64EncodedString()), signed = \(bind: list.signed),
              updated_at = \(bind: list.updatedAt.timeIntervalSince1970)
            WHERE provider_id = \(bind: list.provider.rawValue) AND purpose = \(bind: list.purpose.rawValue)
            """
        ).run()
    }
}
