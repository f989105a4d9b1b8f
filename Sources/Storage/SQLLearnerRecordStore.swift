import Foundation
import RecognitionCore
import SQLKit

/// Learners' records: each entry's document as received and the facts stacking reads, one row per credential.
struct SQLLearnerRecordStore: LearnerRecordStore {
    let handle: SQLHandle

    static let columns = """
        id, account_id, source, credential_id, fingerprint, document, title, issuer, issuer_name, provider_id, country, issued_on,
        framework_id, level, credits, hours, units, facts_source, hidden, added_at
        """

    func add(_ entry: RecordEntry) async throws {
        if try await self.entry(fingerprint: entry.fingerprint, of: entry.learner) != nil {
            throw StoreError.conflict("this credential is in the record already")
        }
        let units = String(decoding: try JSONEncoder().encode(entry.units), as: UTF8.self)
        try await handle.sql.raw(
            """
            INSERT INTO record_entries (\(unsafeRaw: Self.columns))
            VALUES (\(bind: entry.id.rawValue), \(bind: entry.learner.rawValue), \(bind: entry.source.rawValue), \(bind: entry.credentialID),
              \(bind: entry.fingerprint), \(bind: entry.document), \(bind: entry.title), \(bind: entry.issuer), \(bind: entry.issuerName),
              \(bind: entry.provider?.rawValue), \(bind: entry.country), \(bind: entry.issuedOn), \(bind: entry.framework?.rawValue),
              \(bind: entry.level), \(bind: entry.credits), \(bind: entry.hours), \(bind: units), \(bind: entry.factsSource),
              \(bind: entry.hidden ? 1 : 0), \(bind: entry.addedAt.timeIntervalSince1970))
            """
        ).run()
    }

    func entries(of learner: Account.ID) async throws -> [RecordEntry] {
        try await handle.sql.raw(
            "SELECT \(unsafeRaw: Self.columns) FROM record_entries WHERE account_id = \(bind: learner.rawValue) ORDER BY added_at, id"
        ).all().map(Self.entry)
    }

    func entry(_ id: RecordEntry.ID, of learner: Account.ID) async throws -> RecordEntry? {
        try await handle.sql.raw(
            "SELECT \(unsafeRaw: Self.columns) FROM record_entries WHERE id = \(bind: id.rawValue) AND account_id = \(bind: learner.rawValue)"
        ).first().map(Self.entry)
    }

    func entry(fingerprint: String, of learner: Account.ID) async throws -> RecordEntry? {
        try await handle.sql.raw(
            """
            SELECT \(unsafeRaw: Self.columns) FROM record_entries
            WHERE account_id = \(bind: learner.rawValue) AND fingerprint = \(bind: fingerprint)
            """
        ).first().map(Self.entry)
    }

    func setHidden(_ id: RecordEntry.ID, of learner: Account.ID, hidden: Bool) async throws -> Bool {
        guard try await entry(id, of: learner) != nil else { return false }
        try await handle.sql.raw(
            """
            UPDATE record_entries SET hidden = \(bind: hidden ? 1 : 0)
            WHERE id = \(bind: id.rawValue) AND account_id = \(bind: learner.rawValue)
            """
        ).run()
        return true
    }

    func delete(_ id: RecordEntry.ID, of learner: Account.ID) async throws -> Bool {
        guard try await entry(id, of: learner) != nil else { return false }
        try await handle.sql.raw(
            "DELETE FROM record_entries WHERE id = \(bind: id.rawValue) AND account_id = \(bind: learner.rawValue)"
        ).run()
        return true
    }

    func count(of learner: Account.ID) async throws -> Int {
        try await handle.sql.raw("SELECT COUNT(*) AS n FROM record_entries WHERE account_id = \(bind: learner.rawValue)").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    static func entry(_ row: any SQLRow) throws -> RecordEntry {
        let source = try row.decode(column: "source", as: String.self)
        guard let known = RecordEntry.Source(rawValue: source) else { throw StoreError.unknownValue(column: "source", value: source) }
        let units = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "units", as: String.self).utf8))
        return RecordEntry(
            id: .init(try row.decode(column: "id", as: String.self)), learner: .init(try row.decode(column: "account_id", as: String.self)),
            source: known, credentialID: try row.decode(column: "credential_id", as: String?.self),
            fingerprint: try row.decode(column: "fingerprint", as: String.self), document: try row.decode(column: "document", as: String.self),
            title: try row.decode(column: "title", as: String.self), issuer: try row.decode(column: "issuer", as: String.self),
            issuerName: try row.decode(column: "issuer_name", as: String?.self),
            provider: try row.decode(column: "provider_id", as: String?.self).map { .init($0) },
            country: try row.decode(column: "country", as: String?.self), issuedOn: try row.decode(column: "issued_on", as: String?.self),
            framework: try row.decode(column: "framework_id", as: String?.self).map { .init($0) },
            level: try row.decode(column: "level", as: Int?.self), credits: try row.decode(column: "credits", as: Double?.self),
            hours: try row.decode(column: "hours", as: Double?.self), units: units,
            factsSource: try row.decode(column: "facts_source", as: String.self), hidden: try row.decode(column: "hidden", as: Int.self) != 0,
            addedAt: Date(timeIntervalSince1970: try row.decode(column: "added_at", as: Double.self)))
    }
}

/// Qualifications: the current row, and every version of the rules in `qualification_versions`.
struct SQLQualificationStore: QualificationStore {
    let handle: SQLHandle

    static let columns = "id, title, provider_id, awarding_body, framework_id, level, total_credits, description, version, rules, saved_at"

    func qualifications() async throws -> [Qualification] {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM qualifications ORDER BY title, id").all().map(Self.qualification)
    }

    func qualification(_ id: Qualification.ID) async throws -> Qualification? {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM qualifications WHERE id = \(bind: id.rawValue)").first()
            .map(Self.qualification)
    }

    func qualification(_ id: Qualification.ID, version: Int) async throws -> Qualification? {
        guard var current = try await qualification(id) else { return nil }
        if current.version == version { return current }
        guard
            let row = try await handle.sql.raw(
                """
                SELECT rules, saved_at FROM qualification_versions WHERE qualification_id = \(bind: id.rawValue) AND version = \(bind: version)
                """
            ).first()
        else { return nil }
        current.version = version
        current.rules = try JSONDecoder().decode([PathwayRule].self, from: Data(try row.decode(column: "rules", as: String.self).utf8))
        current.savedAt = Date(timeIntervalSince1970: try row.decode(column: "saved_at", as: Double.self))
        return current
    }

    func save(_ q: Qualification) async throws {
        let rules = String(decoding: try JSONEncoder().encode(q.rules), as: UTF8.self)
        try await handle.write { db in
            try await db.raw("DELETE FROM qualifications WHERE id = \(bind: q.id.rawValue)").run()
            try await db.raw(
                """
                INSERT INTO qualifications (\(unsafeRaw: Self.columns))
                VALUES (\(bind: q.id.rawValue), \(bind: q.title), \(bind: q.provider?.rawValue), \(bind: q.awardingBody),
                  \(bind: q.framework.rawValue), \(bind: q.level), \(bind: q.totalCredits), \(bind: q.description), \(bind: q.version),
                  \(bind: rules), \(bind: q.savedAt.timeIntervalSince1970))
                """
            ).run()
            try await db.raw(
                """
                DELETE FROM qualification_versions WHERE qualification_id = \(bind: q.id.rawValue) AND version = \(bind: q.version)
                """
            ).run()
            try await db.raw(
                """
                INSERT INTO qualification_versions (qualification_id, version, rules, saved_at)
                VALUES (\(bind: q.id.rawValue), \(bind: q.version), \(bind: rules), \(bind: q.savedAt.timeIntervalSince1970))
                """
            ).run()
        }
    }

    static func qualification(_ row: any SQLRow) throws -> Qualification {
        Qualification(
            id: .init(try row.decode(column: "id", as: String.self)), title: try row.decode(column: "title", as: String.self),
            provider: try row.decode(column: "provider_id", as: String?.self).map { .init($0) },
            awardingBody: try row.decode(column: "awarding_body", as: String?.self),
            framework: .init(try row.decode(column: "framework_id", as: String.self)), level: try row.decode(column: "level", as: Int?.self),
            totalCredits: try row.decode(column: "total_credits", as: Double?.self),
            description: try row.decode(column: "description", as: String?.self), version: try row.decode(column: "version", as: Int.self),
            rules: try JSONDecoder().decode([PathwayRule].self, from: Data(try row.decode(column: "rules", as: String.self).utf8)),
            savedAt: Date(timeIntervalSince1970: try row.decode(column: "saved_at", as: Double.self)))
    }
}
