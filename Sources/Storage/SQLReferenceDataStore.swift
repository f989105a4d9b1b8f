import Foundation
import RecognitionCore
import SQLKit

/// Conventions and their parties, NICs, referencing statements and rule documents, each in its own table.
/// A seed upserts by id but leaves records edited in Accord (`edited = 1`) as they are, and deletes nothing.
struct SQLReferenceDataStore: ReferenceDataStore {
    let handle: SQLHandle

    func conventions() async throws -> [Convention] {
        let parties = try await handle.sql.raw("SELECT * FROM state_parties ORDER BY convention_id, country").all()
        var byConvention: [String: [StateParty]] = [:]
        for row in parties { byConvention[try row.decode(column: "convention_id", as: String.self), default: []].append(try Self.party(row)) }
        return try await handle.sql.raw("SELECT * FROM conventions ORDER BY id").all().map { row in
            try Self.convention(row, parties: byConvention[try row.decode(column: "id", as: String.self)] ?? [])
        }
    }

    func convention(_ id: Convention.ID) async throws -> Convention? {
        guard let row = try await handle.sql.raw("SELECT * FROM conventions WHERE id = \(bind: id.rawValue)").first() else { return nil }
        let parties = try await handle.sql.raw("SELECT * FROM state_parties WHERE convention_id = \(bind: id.rawValue) ORDER BY country")
            .all().map(Self.party)
        return try Self.convention(row, parties: parties)
    }

    func save(_ convention: Convention, edited: Bool) async throws {
        try await handle.write { db in try await Self.upsert(convention, edited: edited, on: db) }
    }

    func save(_ party: StateParty, of convention: Convention.ID, edited: Bool) async throws {
        try await handle.write { db in try await Self.upsert(party, of: convention, edited: edited, on: db) }
    }

    func nics() async throws -> [NIC] {
        try await handle.sql.raw("SELECT * FROM nics ORDER BY id").all().map(Self.nic)
    }

    func nic(_ id: NIC.ID) async throws -> NIC? {
        try await handle.sql.raw("SELECT * FROM nics WHERE id = \(bind: id.rawValue)").first().map(Self.nic)
    }

    func save(_ nic: NIC, edited: Bool) async throws {
        try await handle.write { db in try await Self.upsert(nic, edited: edited, on: db) }
    }

    func referencing() async throws -> [Referencing] {
        try await handle.sql.raw("SELECT * FROM referencing ORDER BY id").all().map(Self.referencing)
    }

    func referencing(_ id: Referencing.ID) async throws -> Referencing? {
        try await handle.sql.raw("SELECT * FROM referencing WHERE id = \(bind: id.rawValue)").first().map(Self.referencing)
    }

    func save(_ referencing: Referencing, edited: Bool) async throws {
        try await handle.write { db in try await Self.upsert(referencing, edited: edited, on: db) }
    }

    func documents(_ kind: ReferenceDocument.Kind) async throws -> [ReferenceDocument] {
        try await handle.sql.raw("SELECT * FROM reference_documents WHERE kind = \(bind: kind.rawValue) ORDER BY id").all().map { row in
            ReferenceDocument(
                kind: kind, id: try row.decode(column: "id", as: String.self), title: try row.decode(column: "title", as: String.self),
                json: try row.decode(column: "json", as: String.self), provenance: try SQLRegistryStore.provenance(row))
        }
    }

    func seed(_ data: ReferenceData) async throws -> SeedReport {
        try await handle.write { db in
            var kept: [String] = []
            func edited(_ table: String, _ ids: [String], label: String) async throws {
                guard !ids.isEmpty else { return }
                let rows = try await db.raw("SELECT id FROM \(unsafeRaw: table) WHERE edited = 1 AND id IN (\(binds: ids))").all()
                kept += try rows.map { "\(label):\(try $0.decode(column: "id", as: String.self))" }.sorted()
            }
            try await edited("frameworks", data.frameworks.map(\.id.rawValue), label: "framework")
            try await edited("referencing", data.referencing.map(\.id.rawValue), label: "referencing")
            try await edited("conventions", data.conventions.map(\.id.rawValue), label: "convention")
            try await edited("nics", data.nics.map(\.id.rawValue), label: "nic")
            try await edited("providers", data.providers.map(\.id.rawValue), label: "provider")
            try await edited("microcredentials", data.microcredentials.map(\.id.rawValue), label: "microcredential")
            for convention in data.conventions {
                let parties = try await db.raw(
                    "SELECT country FROM state_parties WHERE convention_id = \(bind: convention.id.rawValue) AND edited = 1"
                ).all()
                kept += try parties.map { "state-party:\(convention.id):\(try $0.decode(column: "country", as: String.self))" }.sorted()
            }
            for document in data.documents {
                try await db.raw(
                    """
                    INSERT INTO reference_documents (kind, id, title, json, source, as_of, confirmed)
                    VALUES (\(bind: document.kind.rawValue), \(bind: document.id), \(bind: document.title), \(bind: document.json),
                      \(bind: document.provenance.source), \(bind: document.provenance.asOf),
                      \(bind: try JSONText.encode(document.provenance.confirmed)))
                    ON CONFLICT (kind, id) DO UPDATE SET title = excluded.title, json = excluded.json, source = excluded.source,
                      as_of = excluded.as_of, confirmed = excluded.confirmed
                    """
                ).run()
            }
            for framework in data.frameworks { try await SQLRegistryStore.upsert(framework, edited: false, on: db) }
            for referencing in data.referencing { try await Self.upsert(referencing, edited: false, on: db) }
            for convention in data.conventions { try await Self.upsert(convention, edited: false, on: db) }
            for nic in data.nics { try await Self.upsert(nic, edited: false, on: db) }
            for provider in data.providers { try await SQLRegistryStore.upsert(provider, edited: false, on: db) }
            try await SQLRegistryStore.upsert(data.microcredentials, edited: false, on: db)
            // Example qualifications are added once: admins and providers edit them (versioned), so a seed never
            // replaces one that exists.
            let qualifications = SQLQualificationStore(handle: SQLHandle(database: handle.database, connection: db))
            for qualification in data.qualifications where try await qualifications.qualification(qualification.id) == nil {
                try await qualifications.save(qualification)
            }
            return SeedReport(written: data.count - kept.count, keptEdited: kept)
        }
    }

    func isSeeded() async throws -> Bool {
        try await handle.sql.raw("SELECT count(*) AS n FROM conventions").first()?.decode(column: "n", as: Int.self) ?? 0 > 0
    }
}
