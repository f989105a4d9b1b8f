import Foundation
import RecognitionCore
import SQLKit

/// The registry over SQLKit: one code path for SQLite and PostgreSQL; only text matching differs (`RegistrySearch`).
struct SQLRegistryStore: RegistryStore {
    let handle: SQLHandle
    /// Rows inserted per multi-row INSERT statement in `save(_:)`.
    static let batchSize = 200

    func frameworks() async throws -> [Framework] {
        try await handle.sql.raw("SELECT * FROM frameworks ORDER BY id").all().map(Self.framework)
    }

    func framework(_ id: Framework.ID) async throws -> Framework? {
        try await handle.sql.raw("SELECT * FROM frameworks WHERE id = \(bind: id.rawValue)").first().map(Self.framework)
    }

    func save(_ framework: Framework, edited: Bool) async throws {
        try await handle.write { try await Self.upsert(framework, edited: edited, on: $0) }
    }

    /// An edited record is marked so; an unedited one (a seed) does not overwrite a record edited in Accord.
    static func upsert(_ framework: Framework, edited: Bool, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO frameworks (id, name, jurisdiction, kind, body, levels, credit, source, as_of, confirmed, edited)
            VALUES (\(bind: framework.id.rawValue), \(bind: framework.name), \(bind: framework.jurisdiction),
              \(bind: framework.kind.rawValue), \(bind: framework.body), \(bind: try JSONText.encode(framework.levels)),
              \(bind: try framework.credit.map(JSONText.encode)), \(bind: framework.provenance.source),
              \(bind: framework.provenance.asOf), \(bind: try JSONText.encode(framework.provenance.confirmed)), \(bind: edited ? 1 : 0))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, jurisdiction = excluded.jurisdiction, kind = excluded.kind,
              body = excluded.body, levels = excluded.levels, credit = excluded.credit, source = excluded.source,
              as_of = excluded.as_of, confirmed = excluded.confirmed, edited = excluded.edited
            \(unsafeRaw: edited ? "" : "WHERE frameworks.edited = 0")
            """
        ).run()
    }

    func providers() async throws -> [Provider] {
        try await handle.sql.raw("SELECT * FROM providers ORDER BY name").all().map(Self.provider)
    }

    func provider(_ id: Provider.ID) async throws -> Provider? {
        try await handle.sql.raw("SELECT * FROM providers WHERE id = \(bind: id.rawValue)").first().map(Self.provider)
    }

    func save(_ provider: Provider, edited: Bool) async throws {
        try await handle.write { db in
            let before = try await Self.providerFacts([provider.id.rawValue], on: db)[provider.id.rawValue]
            try await Self.upsert(provider, edited: edited, on: db)
            // Its name, country and QA status are in every listing's search text too, which only Swift computes.
            guard let after = try await Self.providerFacts([provider.id.rawValue], on: db)[provider.id.rawValue], let before,
                (before.name, before.country, before.qaStatus) != (after.name, after.country, after.qaStatus)
            else { return }
            try await db.raw(
                "UPDATE microcredentials SET provider_name = \(bind: after.name) WHERE provider_id = \(bind: provider.id.rawValue)"
            ).run()
            try await Self.fillSearchText(on: db, provider: provider.id)
        }
    }

    static func upsert(_ provider: Provider, edited: Bool, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO providers (id, name, country, kind, qa_body, qa_status, qa_since, qa_until, website, source, as_of, confirmed, edited)
            VALUES (\(bind: provider.id.rawValue), \(bind: provider.name), \(bind: provider.country), \(bind: provider.kind.rawValue),
              \(bind: provider.qaBody), \(bind: provider.qa.status.rawValue), \(bind: provider.qa.since), \(bind: provider.qa.until),
              \(bind: provider.website), \(bind: provider.provenance.source), \(bind: provider.provenance.asOf),
              \(bind: try JSONText.encode(provider.provenance.confirmed)), \(bind: edited ? 1 : 0))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, country = excluded.country, kind = excluded.kind,
              qa_body = excluded.qa_body, qa_status = excluded.qa_status, qa_since = excluded.qa_since, qa_until = excluded.qa_until,
              website = excluded.website, source = excluded.source, as_of = excluded.as_of, confirmed = excluded.confirmed,
              edited = excluded.edited
            \(unsafeRaw: edited ? "" : "WHERE providers.edited = 0")
            """
        ).run()
    }

    func microcredential(_ id: Microcredential.ID) async throws -> Microcredential? {
        try await handle.sql.raw(
            "SELECT \(unsafeRaw: Self.microcredentialSelect) FROM microcredentials m WHERE m.id = \(bind: id.rawValue)"
        ).first().map(Self.microcredential)
    }

    func save(_ items: [Microcredential], edited: Bool) async throws {
        guard !items.isEmpty else { return }
        try await handle.write { db in try await Self.upsert(items, edited: edited, on: db) }
    }

    /// Multi-row upserts in batches; the caller owns the transaction.
    static func upsert(_ items: [Microcredential], edited: Bool, on db: any SQLDatabase) async throws {
        let providerIDs = Set(items.map(\.providerID.rawValue))
        let facts = try await providerFacts(providerIDs, on: db)
        if let missing = providerIDs.first(where: { facts[$0] == nil }) {
            throw StoreError.notFound(kind: "provider", id: missing)
        }
        var start = 0
        while start < items.count {
            let batch = items[start..<min(start + batchSize, items.count)]
            let values = try batch.map { item -> SQLQueryString in
                guard let provider = facts[item.providerID.rawValue] else {
                    throw StoreError.notFound(kind: "provider", id: item.providerID.rawValue)
                }
                return "(\(binds: try Self.columns(of: item, provider: provider, edited: edited)))"
            }
            try await db.raw(
                """
                INSERT INTO microcredentials (\(unsafeRaw: writtenColumns.joined(separator: ", ")))
                VALUES \(values.joined(separator: ", "))
                ON CONFLICT (id) DO UPDATE SET \(unsafeRaw: writtenColumns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                \(unsafeRaw: edited ? "" : "WHERE microcredentials.edited = 0")
                """
            ).run()
            start += batchSize
        }
    }
}
