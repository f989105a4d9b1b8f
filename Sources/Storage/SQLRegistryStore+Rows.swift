import Foundation
import RecognitionCore
import SQLKit

/// JSON text for list- and object-valued columns (the same TEXT column type on both engines).
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static let decoder = JSONDecoder()

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }

    /// Most listings have no prerequisites, stacking targets or local titles: empty columns skip the decoder.
    static func strings(_ text: String) throws -> [String] { text == "[]" ? [] : try decode([String].self, text) }
    static func dictionary(_ text: String) throws -> [String: String] { text == "{}" ? [:] : try decode([String: String].self, text) }
}

extension SQLRegistryStore {
    static let microcredentialColumns = [
        "id", "provider_id", "provider_name", "title", "title_local", "learning_outcomes", "outcomes_text", "framework_id",
        "level", "credits", "notional_hours", "assessment", "mode", "qa_type", "language", "prerequisites",
        "stackable_into", "validity_months", "status", "review_note", "source", "as_of", "confirmed", "edited",
    ]

    /// The columns a listing is read from, named: `SELECT *` and `m.*` are expanded when a statement is prepared, and
    /// a pooled SQLite connection that prepared before a migration added a column reports the old list.
    static let microcredentialSelect = microcredentialColumns.dropLast().map { "m.\($0)" }.joined(separator: ", ")

    /// What a listing is written with: its columns, then `search_text` and its provider's country (for the filters).
    static let writtenColumns = microcredentialColumns + ["search_text", "country"]

    /// The text both engines index a listing by: its titles in every language, provider name and outcomes as
    /// `SearchText` tokens, then its filter tokens (`SearchTokens`).
    static func searchText(_ item: Microcredential, provider: ProviderFacts) -> String {
        let words = SearchText.indexText(
            SearchText.titles(item.title, local: item.titleLocal) + [provider.name] + item.learningOutcomes)
        let filters = SearchTokens.of(item, country: provider.country, qaStatus: provider.qaStatus).joined(separator: " ")
        return words.isEmpty ? filters : words + " " + filters
    }

    /// What a listing's index text takes from its provider.
    struct ProviderFacts {
        let name: String
        let country: String
        let qaStatus: String
    }

    static func providerFacts(_ ids: Set<String>, on db: any SQLDatabase) async throws -> [String: ProviderFacts] {
        var facts: [String: ProviderFacts] = [:]
        for row in try await db.raw("SELECT id, name, country, qa_status FROM providers WHERE id IN (\(binds: Array(ids)))").all() {
            facts[try row.decode(column: "id", as: String.self)] = ProviderFacts(
                name: try row.decode(column: "name", as: String.self), country: try row.decode(column: "country", as: String.self),
                qaStatus: try row.decode(column: "qa_status", as: String.self))
        }
        return facts
    }

    /// Computes `search_text` (and copies the provider's country) for listings (all, or one provider's), in id order, a thousand at a time.
    static func fillSearchText(on db: any SQLDatabase, provider: Provider.ID? = nil) async throws {
        var after = ""
        while true {
            let only: SQLQueryString = provider.map { " AND m.provider_id = \(bind: $0.rawValue)" } ?? ""
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: microcredentialSelect), p.name AS p_name, p.country AS p_country, p.qa_status AS p_qa_status
                FROM microcredentials m JOIN providers p ON p.id = m.provider_id WHERE m.id > \(bind: after)\(only) ORDER BY m.id LIMIT 1000
                """
            ).all()
            guard let last = rows.last else { return }
            for row in rows {
                let item = try microcredential(row)
                let facts = ProviderFacts(
                    name: try row.decode(column: "p_name", as: String.self), country: try row.decode(column: "p_country", as: String.self),
                    qaStatus: try row.decode(column: "p_qa_status", as: String.self))
                try await db.raw(
                    """
                    UPDATE microcredentials SET search_text = \(bind: searchText(item, provider: facts)), country = \(bind: facts.country)
                    WHERE id = \(bind: item.id.rawValue)
                    """
                ).run()
            }
            after = try last.decode(column: "id", as: String.self)
        }
    }

    static func columns(of item: Microcredential, provider: ProviderFacts, edited: Bool) throws -> [any Encodable & Sendable] {
        [
            item.id.rawValue, item.providerID.rawValue, provider.name, item.title, try JSONText.encode(item.titleLocal),
            try JSONText.encode(item.learningOutcomes), item.learningOutcomes.joined(separator: "\n"),
            item.level?.framework.rawValue, item.level?.level, item.credits, item.notionalHours, item.assessment,
            item.mode?.rawValue, item.qaType, item.language, try JSONText.encode(item.prerequisites),
            try JSONText.encode(item.stackableInto), item.validityMonths, item.status.rawValue, item.reviewNote, item.provenance.source,
            item.provenance.asOf, try JSONText.encode(item.provenance.confirmed), edited ? 1 : 0,
            searchText(item, provider: provider), provider.country,
        ]
    }

    static func microcredential(_ row: any SQLRow) throws -> Microcredential {
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        var level: LevelReference?
        if let framework = try text("framework_id"), let number = try row.decode(column: "level", as: Int?.self) {
            level = LevelReference(framework: .init(framework), level: number)
        }
        return Microcredential(
            id: .init(try row.decode(column: "id", as: String.self)),
            providerID: .init(try row.decode(column: "provider_id", as: String.self)),
            title: try row.decode(column: "title", as: String.self),
            titleLocal: try JSONText.dictionary(row.decode(column: "title_local", as: String.self)),
            learningOutcomes: try JSONText.strings(row.decode(column: "learning_outcomes", as: String.self)),
            level: level,
            credits: try row.decode(column: "credits", as: Double?.self),
            notionalHours: try row.decode(column: "notional_hours", as: Double?.self),
            assessment: try text("assessment"),
            mode: try text("mode").map { try known(Microcredential.Mode.self, $0, column: "mode") },
            qaType: try text("qa_type"),
            language: try text("language"),
            prerequisites: try JSONText.strings(row.decode(column: "prerequisites", as: String.self)),
            stackableInto: try JSONText.strings(row.decode(column: "stackable_into", as: String.self)),
            validityMonths: try row.decode(column: "validity_months", as: Int?.self),
            status: try known(Microcredential.Status.self, try row.decode(column: "status", as: String.self), column: "status"),
            reviewNote: try text("review_note"),
            provenance: try provenance(row))
    }

    static func provenance(_ row: any SQLRow) throws -> Provenance {
        Provenance(
            source: try row.decode(column: "source", as: String?.self), asOf: try row.decode(column: "as_of", as: String?.self),
            confirmed: try JSONText.decode(Confirmation.self, row.decode(column: "confirmed", as: String.self)))
    }

    static func provider(_ row: any SQLRow) throws -> Provider {
        Provider(
            id: .init(try row.decode(column: "id", as: String.self)), name: try row.decode(column: "name", as: String.self),
            country: try row.decode(column: "country", as: String.self),
            kind: try known(Provider.Kind.self, try row.decode(column: "kind", as: String.self), column: "kind"),
            qaBody: try row.decode(column: "qa_body", as: String?.self),
            qa: QAStanding(
                status: try known(QAStanding.Status.self, try row.decode(column: "qa_status", as: String.self), column: "qa_status"),
                since: try row.decode(column: "qa_since", as: String?.self), until: try row.decode(column: "qa_until", as: String?.self)),
            website: try row.decode(column: "website", as: String?.self), provenance: try provenance(row))
    }

    static func framework(_ row: any SQLRow) throws -> Framework {
        let credit = try row.decode(column: "credit", as: String?.self)
        return Framework(
            id: .init(try row.decode(column: "id", as: String.self)), name: try row.decode(column: "name", as: String.self),
            jurisdiction: try row.decode(column: "jurisdiction", as: String.self),
            kind: try known(Framework.Kind.self, try row.decode(column: "kind", as: String.self), column: "kind"),
            body: try row.decode(column: "body", as: String?.self),
            levels: try JSONText.decode([Framework.Level].self, row.decode(column: "levels", as: String.self)),
            credit: try credit.map { try JSONText.decode(CreditRule.self, $0) }, provenance: try provenance(row))
    }
}

/// A stored enum value, or `StoreError.unknownValue`: a value this build does not know is never read as a default.
func known<T: RawRepresentable<String>>(_ type: T.Type, _ raw: String, column: String) throws -> T {
    guard let value = T(rawValue: raw) else { throw StoreError.unknownValue(column: column, value: raw) }
    return value
}
