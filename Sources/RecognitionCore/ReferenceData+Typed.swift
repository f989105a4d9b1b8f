import Foundation

/// The shapes of `conventions.json`, `nics.json` and the `referencing` list of `frameworks.json` (see SOURCES.md),
/// decoded with snake_case keys; each record's `source`, `as_of` and `confirmed` become its ``Provenance``.
extension ReferenceData {
    static func decodeTyped<T: Decodable>(_ type: T.Type, _ bytes: Data, file: File) throws(ReferenceDataError) -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: bytes)
        } catch let error as DecodingError {
            throw .malformed(file: file.rawValue, record: nil, reason: error.summary)
        } catch {
            throw .malformed(file: file.rawValue, record: nil, reason: "\(error)")
        }
    }

    struct ConventionFile: Decodable {
        let conventions: [ConventionRecord]
    }

    struct ConventionRecord: Decodable {
        let value: Convention

        private struct Rule: Decodable {
            let instrumentsRequired: Int?
            let delay: String?
            let delayMonths: Int?
            let fromFirstOfNextMonth: Bool?
        }

        private struct Party: Decodable {
            let state: String
            let iso3166Alpha2: String
            let instrumentType: StateParty.Instrument?
            let depositDate: String?
            let datePrecision: StateParty.DatePrecision?
            let depositNotBefore: String?
            let depositNotAfter: String?
            let effectiveDate: String?
            let withdrawalEffective: String?
            let note: String?
        }

        private enum Keys: String, CodingKey {
            case id, shortName, title, adopted, entryIntoForceRule, inForceDate, inForceSource, inForceAsOf, depositary
            case openTo, statesParties
        }

        init(from decoder: any Decoder) throws {
            let record = try decoder.container(keyedBy: Keys.self)
            let ruleDecoder = try record.superDecoder(forKey: .entryIntoForceRule)
            let rule = try Rule(from: ruleDecoder)
            let partiesDecoder = try record.decodeIfPresent([PartyRecord].self, forKey: .statesParties) ?? []
            // The delay in computable form: as recorded, or read from the rule's text.
            let recognized = Convention.EntryIntoForceRule.recognized(rule.delay)
            value = Convention(
                id: try record.decode(Convention.ID.self, forKey: .id), shortName: try record.decode(String.self, forKey: .shortName),
                title: try record.decode(String.self, forKey: .title),
                adopted: try record.decodeIfPresent(Convention.Adoption.self, forKey: .adopted),
                entryIntoForce: .init(
                    instrumentsRequired: rule.instrumentsRequired, delay: rule.delay, delayMonths: rule.delayMonths ?? recognized?.months,
                    fromFirstOfNextMonth: rule.fromFirstOfNextMonth ?? recognized?.fromFirstOfNextMonth ?? false,
                    provenance: try Provenance(from: ruleDecoder)),
                inForceDate: try record.decodeIfPresent(String.self, forKey: .inForceDate),
                depositary: try record.decodeIfPresent(String.self, forKey: .depositary),
                openTo: try record.decodeIfPresent(String.self, forKey: .openTo),
                parties: partiesDecoder.map(\.value),
                provenance: Provenance(
                    source: try record.decodeIfPresent(String.self, forKey: .inForceSource),
                    asOf: try record.decodeIfPresent(String.self, forKey: .inForceAsOf), confirmed: .unconfirmed))
        }

        private struct PartyRecord: Decodable {
            let value: StateParty

            init(from decoder: any Decoder) throws {
                let party = try Party(from: decoder)
                value = StateParty(
                    state: party.state, country: party.iso3166Alpha2, instrument: party.instrumentType, depositDate: party.depositDate,
                    datePrecision: party.datePrecision, depositNotBefore: party.depositNotBefore, depositNotAfter: party.depositNotAfter,
                    effectiveDate: party.effectiveDate, withdrawalEffective: party.withdrawalEffective, note: party.note,
                    provenance: try Provenance(from: decoder))
            }
        }
    }

    struct NICFile: Decodable {
        let nics: [NICRecord]
    }

    struct NICRecord: Decodable {
        let value: NIC

        private struct Fields: Decodable {
            let id: String?
            let country: String
            let iso3166Alpha2: String
            let body: String?
            let acronym: String?
            let website: String?
            let networks: [String]?
            let note: String?
        }

        init(from decoder: any Decoder) throws {
            let fields = try Fields(from: decoder)
            value = NIC(
                id: fields.id.map { NIC.ID($0) }
                    ?? NIC.derivedID(country: fields.iso3166Alpha2, acronym: fields.acronym, body: fields.body),
                country: fields.iso3166Alpha2, countryName: fields.country, body: fields.body, acronym: fields.acronym,
                website: fields.website, networks: fields.networks ?? [], note: fields.note, provenance: try Provenance(from: decoder))
        }
    }

    struct ReferencingFile: Decodable {
        let referencing: [ReferencingRecord]

        private enum Keys: String, CodingKey { case referencing }

        init(from decoder: any Decoder) throws {
            referencing = try decoder.container(keyedBy: Keys.self).decodeIfPresent([ReferencingRecord].self, forKey: .referencing) ?? []
        }
    }

    struct QualificationFile: Decodable {
        let qualifications: [QualificationRecord]
    }

    struct QualificationRecord: Decodable {
        let value: Qualification

        private struct Fields: Decodable {
            let id: String
            let title: String
            let providerId: String?
            let awardingBody: String?
            let framework: String
            let level: Int?
            let totalCredits: Double?
            let description: String?
            let rules: [PathwayRule]
            let asOf: String?
        }

        init(from decoder: any Decoder) throws {
            let f = try Fields(from: decoder)
            let saved = f.asOf.flatMap { try? Date("\($0)T00:00:00Z", strategy: .iso8601) } ?? Date(timeIntervalSince1970: 0)
            value = Qualification(
                id: .init(f.id), title: f.title, provider: f.providerId.map { .init($0) }, awardingBody: f.awardingBody,
                framework: .init(f.framework), level: f.level, totalCredits: f.totalCredits, description: f.description, version: 1,
                rules: f.rules, savedAt: saved)
        }
    }

    struct ReferencingRecord: Decodable {
        let value: Referencing

        private struct Fields: Decodable {
            let id: String
            let from: String
            let to: String
            let type: String?
            let date: String?
            let report: String?
            let mapping: [Referencing.LevelPair]?
            let notes: String?
        }

        init(from decoder: any Decoder) throws {
            let fields = try Fields(from: decoder)
            value = Referencing(
                id: .init(fields.id), from: .init(fields.from), to: .init(fields.to), kind: fields.type, date: fields.date,
                report: fields.report, pairs: fields.mapping ?? [], notes: fields.notes, provenance: try Provenance(from: decoder))
        }
    }
}

extension DecodingError {
    /// Where a document went wrong, as a user can act on it: the path to the value and what was expected.
    public var summary: String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "(top level)" : keys.joined(separator: ".")
        }
        switch self {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type)"
        case .keyNotFound(let key, let context): return "\(path(context)): missing field '\(key.stringValue)'"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "unreadable"
        }
    }
}
