import Foundation

/// The reference data set as read from the files in `shared/data` (or an admin's replacement files).
///
/// Typed values feed the registry; every record is also kept whole as a ``ReferenceDocument`` so no
/// `source`, `as_of` or `confirmed` field is lost.
public struct ReferenceData: Sendable {
    public var frameworks: [Framework] = []
    public var providers: [Provider] = []
    public var microcredentials: [Microcredential] = []
    public var documents: [ReferenceDocument] = []

    public init() {}

    /// The file names this set is read from, in the order they are applied.
    public enum File: String, Sendable, CaseIterable {
        case frameworks = "frameworks.json"
        case rules = "microcredential-rules.json"
        case conventions = "conventions.json"
        case nics = "nics.json"
        case samples = "sample-microcredentials.json"
    }

    /// Which document kinds a file provides (a replacement replaces exactly these).
    public var kinds: Set<ReferenceDocument.Kind> { Set(documents.map(\.kind)) }

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
                    data.documents.append(try document(.framework, record, title: framework.name, file: file))
                }
                for record in try records(root, "referencing", file) {
                    let title = "\(record["from"] as? String ?? "?") → \(record["to"] as? String ?? "?")"
                    data.documents.append(try document(.referencing, record, title: title, file: file))
                }
            case .rules:
                for record in try records(root, "rules", file) {
                    let title = record["document"] as? String ?? record["issuer"] as? String ?? ""
                    data.documents.append(try document(.microcredentialRule, record, title: title, file: file))
                }
            case .conventions:
                for record in try records(root, "conventions", file) {
                    data.documents.append(try document(.convention, record, title: record["short_name"] as? String ?? "", file: file))
                }
            case .nics:
                for var record in try records(root, "nics", file) {
                    let code = record["iso3166_alpha2"] as? String ?? ""
                    let acronym = record["acronym"] as? String
                    if record["id"] == nil { record["id"] = "\(code.lowercased())-\((acronym ?? record["body"] as? String ?? "nic").lowercased())" }
                    data.documents.append(try document(.nic, record, title: record["body"] as? String ?? "", file: file))
                }
            case .samples:
                for record in try records(root, "providers", file) {
                    data.providers.append(try decodeProvider(record, file: file))
                }
                for record in try records(root, "microcredentials", file) {
                    data.microcredentials.append(try decodeMicrocredential(record, file: file))
                }
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
