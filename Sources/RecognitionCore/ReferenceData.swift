import Foundation

/// The reference data set as read from the files in `shared/data` (or an admin's replacement files).
///
/// Every record is typed, with its `source`, `as_of` and `confirmed` kept as ``Provenance``; the microcredential rules
/// are kept whole as ``ReferenceDocument``s (they are read by people, not by code).
public struct ReferenceData: Sendable {
    public var frameworks: [Framework] = []
    public var referencing: [Referencing] = []
    public var conventions: [Convention] = []
    public var nics: [NIC] = []
    public var providers: [Provider] = []
    public var microcredentials: [Microcredential] = []
    public var documents: [ReferenceDocument] = []
    /// Example qualifications with pathway rules (seeded once; never overwritten, since admins edit them).
    public var qualifications: [Qualification] = []

    /// How many records of every kind the set holds.
    public var count: Int {
        frameworks.count + referencing.count + conventions.count + nics.count + providers.count + microcredentials.count
            + documents.count + qualifications.count
    }

    public init() {}

    /// The file names this set is read from, in the order they are applied.
    public enum File: String, Sendable, CaseIterable {
        case frameworks = "frameworks.json"
        case rules = "microcredential-rules.json"
        case conventions = "conventions.json"
        case nics = "nics.json"
        case samples = "sample-microcredentials.json"
        case qualifications = "qualifications.json"
    }

    /// Decodes whichever of the files are present. Throws ``ReferenceDataError`` naming the file and record.
    public static func decode(files: [File: Data]) throws(ReferenceDataError) -> ReferenceData {
        var data = ReferenceData()
        for file in File.allCases {
            guard let bytes = files[file] else { continue }
            let root = try object(bytes, file: file)
            switch file {
            case .frameworks:
                for record in try records(root, "frameworks", file) {
                    let framework = try decodeFramework(record, file: file)
                    data.frameworks.append(framework)
                }
                data.referencing = try decodeTyped(ReferencingFile.self, bytes, file: file).referencing.map(\.value)
            case .rules:
                for record in try records(root, "rules", file) {
                    let title = record["document"] as? String ?? record["issuer"] as? String ?? ""
                    data.documents.append(try document(.microcredentialRule, record, title: title, file: file))
                }
            case .conventions:
                data.conventions = try decodeTyped(ConventionFile.self, bytes, file: file).conventions.map(\.value)
            case .nics:
                data.nics = try decodeTyped(NICFile.self, bytes, file: file).nics.map(\.value)
            case .samples:
                for record in try records(root, "providers", file) {
                    data.providers.append(try decodeProvider(record, file: file))
                }
                for record in try records(root, "microcredentials", file) {
                    data.microcredentials.append(try decodeMicrocredential(record, file: file))
                }
            case .qualifications:
                _ = root
                data.qualifications = try decodeTyped(QualificationFile.self, bytes, file: file).qualifications.map(\.value)
            }
        }
        return data
    }

    static func object(_ bytes: Data, file: File) throws(ReferenceDataError) -> [String: Any] {
        guard let value = try? JSONSerialization.jsonObject(with: bytes), let root = value as? [String: Any] else {
            throw .malformed(file: file.rawValue, record: nil, reason: "not a JSON object")
        }
        return root
    }

    static func records(_ root: [String: Any], _ key: String, _ file: File) throws(ReferenceDataError) -> [[String: Any]] {
        guard let list = root[key] else { return [] }
        guard let records = list as? [[String: Any]] else {
            throw .malformed(file: file.rawValue, record: nil, reason: "'\(key)' must be a list of objects")
        }
        return records
    }

    static func document(
        _ kind: ReferenceDocument.Kind, _ record: [String: Any], title: String, file: File
    ) throws(ReferenceDataError) -> ReferenceDocument {
        guard let id = record["id"] as? String, !id.isEmpty else {
            throw .malformed(file: file.rawValue, record: nil, reason: "a record has no 'id'")
        }
        guard let json = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) else {
            throw .malformed(file: file.rawValue, record: id, reason: "cannot be stored as JSON")
        }
        return ReferenceDocument(
            kind: kind, id: id, title: title, json: String(decoding: json, as: UTF8.self), provenance: provenance(record))
    }

    static func provenance(_ record: [String: Any]) -> Provenance {
        let credit = record["credit"] as? [String: Any]
        let source = record["source"] as? String ?? record["levels_source"] as? String ?? credit?["source"] as? String
        let asOf = record["as_of"] as? String ?? record["levels_as_of"] as? String ?? credit?["as_of"] as? String
        return Provenance(source: source, asOf: asOf, confirmed: confirmation(record["confirmed"] ?? credit?["confirmed"]))
    }

    static func confirmation(_ value: Any?) -> Confirmation {
        switch value {
        case let flag as Bool: flag ? .confirmed : .unconfirmed
        case let text as String: text == "partial" ? .partial(note: nil) : .partial(note: text)
        default: .unconfirmed
        }
    }
}

/// Why a reference file could not be read.
public enum ReferenceDataError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(file: String, record: String?, reason: String)

    public var description: String {
        switch self {
        case .malformed(let file, let record?, let reason): "\(file), record '\(record)': \(reason)"
        case .malformed(let file, nil, let reason): "\(file): \(reason)"
        }
    }
}
