import Foundation
import RecognitionCore
import SQLKit

extension SQLReferenceDataStore {
    /// The `WHERE` that keeps a seed off an edited record.
    static func unlessEdited(_ table: String, _ edited: Bool) -> SQLQueryString {
        edited ? "" : "WHERE \(unsafeRaw: table).edited = 0"
    }

    static func provenanceBinds(_ provenance: Provenance) throws -> SQLQueryString {
        "\(bind: provenance.source), \(bind: provenance.asOf), \(bind: try JSONText.encode(provenance.confirmed))"
    }

    static func upsert(_ convention: Convention, edited: Bool, on db: any SQLDatabase) async throws {
        let rule = convention.entryIntoForce
        try await db.raw(
            """
            INSERT INTO conventions (id, short_name, title, adopted, instruments_required, delay, delay_months, from_first_of_next_month,
              rule_source, rule_as_of, rule_confirmed, in_force_date, depositary, open_to, source, as_of, confirmed, edited)
            VALUES (\(bind: convention.id.rawValue), \(bind: convention.shortName), \(bind: convention.title),
              \(bind: try convention.adopted.map(JSONText.encode)), \(bind: rule.instrumentsRequired), \(bind: rule.delay),
              \(bind: rule.delayMonths), \(bind: rule.fromFirstOfNextMonth ? 1 : 0),
              \(try provenanceBinds(rule.provenance)), \(bind: convention.inForceDate), \(bind: convention.depositary),
              \(bind: convention.openTo), \(try provenanceBinds(convention.provenance)), \(bind: edited ? 1 : 0))
            ON CONFLICT (id) DO UPDATE SET short_name = excluded.short_name, title = excluded.title, adopted = excluded.adopted,
              instruments_required = excluded.instruments_required, delay = excluded.delay, delay_months = excluded.delay_months,
              from_first_of_next_month = excluded.from_first_of_next_month, rule_source = excluded.rule_source,
              rule_as_of = excluded.rule_as_of, rule_confirmed = excluded.rule_confirmed, in_force_date = excluded.in_force_date,
              depositary = excluded.depositary, open_to = excluded.open_to, source = excluded.source, as_of = excluded.as_of,
              confirmed = excluded.confirmed, edited = excluded.edited
            \(unlessEdited("conventions", edited))
            """
        ).run()
        for party in convention.parties { try await upsert(party, of: convention.id, edited: edited, on: db) }
    }

    static func upsert(_ party: StateParty, of convention: Convention.ID, edited: Bool, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO state_parties (convention_id, country, state, instrument, deposit_date, date_precision, deposit_not_before,
              deposit_not_after, effective_date, withdrawal_effective, note, source, as_of, confirmed, edited)
            VALUES (\(bind: convention.rawValue), \(bind: party.country), \(bind: party.state), \(bind: party.instrument?.rawValue),
              \(bind: party.depositDate), \(bind: party.datePrecision?.rawValue), \(bind: party.depositNotBefore),
              \(bind: party.depositNotAfter), \(bind: party.effectiveDate), \(bind: party.withdrawalEffective), \(bind: party.note),
              \(try provenanceBinds(party.provenance)), \(bind: edited ? 1 : 0))
            ON CONFLICT (convention_id, country) DO UPDATE SET state = excluded.state, instrument = excluded.instrument,
              deposit_date = excluded.deposit_date, date_precision = excluded.date_precision,
              deposit_not_before = excluded.deposit_not_before, deposit_not_after = excluded.deposit_not_after,
              effective_date = excluded.effective_date, withdrawal_effective = excluded.withdrawal_effective, note = excluded.note, source = excluded.source, as_of = excluded.as_of, confirmed = excluded.confirmed,
              edited = excluded.edited
            \(unlessEdited("state_parties", edited))
            """
        ).run()
    }

    static func upsert(_ nic: NIC, edited: Bool, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO nics (id, country, country_name, body, acronym, website, networks, contacts, note, source, as_of, confirmed, edited)
            VALUES (\(bind: nic.id.rawValue), \(bind: nic.country), \(bind: nic.countryName), \(bind: nic.body), \(bind: nic.acronym),
              \(bind: nic.website), \(bind: try JSONText.encode(nic.networks)), \(bind: try JSONText.encode(nic.contacts)), \(bind: nic.note),
              \(try provenanceBinds(nic.provenance)), \(bind: edited ? 1 : 0))
            ON CONFLICT (id) DO UPDATE SET country = excluded.country, country_name = excluded.country_name, body = excluded.body,
              acronym = excluded.acronym, website = excluded.website, networks = excluded.networks, contacts = excluded.contacts,
              note = excluded.note,
              source = excluded.source, as_of = excluded.as_of, confirmed = excluded.confirmed, edited = excluded.edited
            \(unlessEdited("nics", edited))
            """
        ).run()
    }

    static func upsert(_ referencing: Referencing, edited: Bool, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO referencing (id, from_framework, to_framework, kind, statement_date, report, pairs, notes, source, as_of, confirmed,
              edited)
            VALUES (\(bind: referencing.id.rawValue), \(bind: referencing.from.rawValue), \(bind: referencing.to.rawValue),
              \(bind: referencing.kind), \(bind: referencing.date), \(bind: referencing.report), \(bind: try JSONText.encode(referencing.pairs)),
              \(bind: referencing.notes), \(try provenanceBinds(referencing.provenance)), \(bind: edited ? 1 : 0))
            ON CONFLICT (id) DO UPDATE SET from_framework = excluded.from_framework, to_framework = excluded.to_framework,
              kind = excluded.kind, statement_date = excluded.statement_date, report = excluded.report, pairs = excluded.pairs,
              notes = excluded.notes, source = excluded.source, as_of = excluded.as_of, confirmed = excluded.confirmed,
              edited = excluded.edited
            \(unlessEdited("referencing", edited))
            """
        ).run()
    }

    static func convention(_ row: any SQLRow, parties: [StateParty]) throws -> Convention {
        Convention(
            id: .init(try row.decode(column: "id", as: String.self)), shortName: try row.decode(column: "short_name", as: String.self),
            title: try row.decode(column: "title", as: String.self),
            adopted: try row.decode(column: "adopted", as: String?.self).map { try JSONText.decode(Convention.Adoption.self, $0) },
            entryIntoForce: .init(
                instrumentsRequired: try row.decode(column: "instruments_required", as: Int?.self),
                delay: try row.decode(column: "delay", as: String?.self),
                delayMonths: try row.decode(column: "delay_months", as: Int?.self),
                fromFirstOfNextMonth: try row.decode(column: "from_first_of_next_month", as: Int.self) != 0,
                provenance: Provenance(
                    source: try row.decode(column: "rule_source", as: String?.self), asOf: try row.decode(column: "rule_as_of", as: String?.self),
                    confirmed: try JSONText.decode(Confirmation.self, row.decode(column: "rule_confirmed", as: String.self)))),
            inForceDate: try row.decode(column: "in_force_date", as: String?.self),
            depositary: try row.decode(column: "depositary", as: String?.self),
            openTo: try row.decode(column: "open_to", as: String?.self), parties: parties, provenance: try SQLRegistryStore.provenance(row))
    }

    static func party(_ row: any SQLRow) throws -> StateParty {
        StateParty(
            state: try row.decode(column: "state", as: String.self), country: try row.decode(column: "country", as: String.self),
            instrument: try row.decode(column: "instrument", as: String?.self).map {
                try known(StateParty.Instrument.self, $0, column: "instrument")
            },
            depositDate: try row.decode(column: "deposit_date", as: String?.self),
            datePrecision: try row.decode(column: "date_precision", as: String?.self).map {
                try known(StateParty.DatePrecision.self, $0, column: "date_precision")
            },
            depositNotBefore: try row.decode(column: "deposit_not_before", as: String?.self),
            depositNotAfter: try row.decode(column: "deposit_not_after", as: String?.self),
            effectiveDate: try row.decode(column: "effective_date", as: String?.self),
            withdrawalEffective: try row.decode(column: "withdrawal_effective", as: String?.self),
            note: try row.decode(column: "note", as: String?.self),
            provenance: try SQLRegistryStore.provenance(row))
    }

    static func nic(_ row: any SQLRow) throws -> NIC {
        NIC(
            id: .init(try row.decode(column: "id", as: String.self)), country: try row.decode(column: "country", as: String.self),
            countryName: try row.decode(column: "country_name", as: String.self), body: try row.decode(column: "body", as: String?.self),
            acronym: try row.decode(column: "acronym", as: String?.self), website: try row.decode(column: "website", as: String?.self),
            networks: try JSONText.strings(row.decode(column: "networks", as: String.self)),
            contacts: try JSONText.decode([NIC.Contact].self, row.decode(column: "contacts", as: String.self)),
            note: try row.decode(column: "note", as: String?.self),
            provenance: try SQLRegistryStore.provenance(row))
    }

    static func referencing(_ row: any SQLRow) throws -> Referencing {
        Referencing(
            id: .init(try row.decode(column: "id", as: String.self)), from: .init(try row.decode(column: "from_framework", as: String.self)),
            to: .init(try row.decode(column: "to_framework", as: String.self)), kind: try row.decode(column: "kind", as: String?.self),
            date: try row.decode(column: "statement_date", as: String?.self), report: try row.decode(column: "report", as: String?.self),
            pairs: try JSONText.decode([Referencing.LevelPair].self, row.decode(column: "pairs", as: String.self)),
            notes: try row.decode(column: "notes", as: String?.self), provenance: try SQLRegistryStore.provenance(row))
    }
}

extension ReferenceData {
    /// The reference data shipped inside Accord (copied from the workspace's shared data, with its sources).
    /// The surveys Accord seeds (`surveys.json`, the line format of `Survey.sections(from:)` in `definition`), as bytes
    /// for `NetworkDesk.seedIfEmpty`.
    public static func bundledSurveys() throws -> Data { try bundledFile("surveys.json") }

    /// The meetings Accord seeds (`meetings.json`), as bytes for `MeetingDesk.seedIfEmpty` (after the surveys).
    public static func bundledMeetings() throws -> Data { try bundledFile("meetings.json") }

    static func bundledFile(_ name: String) throws -> Data {
        guard let directory = Bundle.module.url(forResource: "ReferenceData", withExtension: nil) else {
            throw ReferenceDataError.malformed(file: name, record: nil, reason: "bundle resource missing")
        }
        return try Data(contentsOf: directory.appendingPathComponent(name))
    }

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
