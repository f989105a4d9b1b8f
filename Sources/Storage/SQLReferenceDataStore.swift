import Foundation
import RecognitionCore
import SQLKit

/// Reference documents and the typed registry records seeded with them.
public struct SQLReferenceDataStore: ReferenceDataStore {
    let database: Database

    public init(database: Database) { self.database = database }

    public func replace(with data: ReferenceData) async throws {
        try await database.transaction { db in
            for kind in data.kinds {
                try await db.raw("DELETE FROM reference_documents WHERE kind = \(bind: kind.rawValue)").run()
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
            for framework in data.frameworks { try await SQLRegistryStore.upsert(framework, on: db) }
            for provider in data.providers { try await SQLRegistryStore.upsert(provider, on: db) }
            try await SQLRegistryStore.upsert(data.microcredentials, on: db)
        }
    }

    public func documents(_ kind: ReferenceDocument.Kind) async throws -> [ReferenceDocument] {
        try await database.sql.raw("SELECT * FROM reference_documents WHERE kind = \(bind: kind.rawValue) ORDER BY id").all().map { row in
            ReferenceDocument(
                kind: kind, id: try row.decode(column: "id", as: String.self), title: try row.decode(column: "title", as: String.self),
                json: try row.decode(column: "json", as: String.self), provenance: try SQLRegistryStore.provenance(row))
        }
    }

    public func isSeeded() async throws -> Bool {
        try await database.sql.raw("SELECT count(*) AS n FROM reference_documents").first()?.decode(column: "n", as: Int.self) ?? 0 > 0
    }
}

extension ReferenceData {
    /// The reference data shipped inside Accord (copied from `shared/data`, with its sources).
    public static func bundled() throws -> ReferenceData {
        guard let directory = Bundle.module.url(forResource: "ReferenceData", withExtension: nil) else {
            throw ReferenceDataError.malformed(file: "ReferenceData", record: nil, reason: "bundle resource missing")
        }
        return try load(directory: directory)
    }

    /// Reads whichever of the known files exist in `directory`; throws when none does.
    public static func load(directory: URL) throws -> ReferenceData {
        var files: [File: Data] = [:]
        for file in File.allCases {
            let url = directory.appendingPathComponent(file.rawValue)
            if FileManager.default.fileExists(atPath: url.path) { files[file] = try Data(contentsOf: url) }
        }
        guard !files.isEmpty else {
            throw ReferenceDataError.malformed(
                file: directory.path, record: nil,
                reason: "no reference files found (expected \(File.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return try decode(files: files)
    }
}
