import Foundation
import RecognitionCore

/// Turns an uploaded file (CSV text or JSON) into numbered import rows, within `InputLimits`.
public enum ImportFile {
    /// Numbered rows: CSV rows carry the file line they start on, JSON records their 1-based position. A record of the
    /// wrong shape is an invalid row (named field and expected kind), not the end of the import; an empty file is an error.
    public static func rows(_ data: Data, csv: Bool) throws -> [MicrocredentialImport.Row] {
        guard let text = String(data: data, encoding: .utf8) else { throw InputError.notUTF8 }
        let first = text.drop { $0.isWhitespace }.first
        guard first != nil else { throw InputError.empty }
        let looksLikeJSON = first == "[" || first == "{"
        if csv || !looksLikeJSON {
            let rows = try MicrocredentialImport.rows(csv: text)
            guard !rows.isEmpty else { throw InputError.empty }
            return rows
        }
        try WireJSON.check(data)
        let records: [Record]
        do {
            records =
                first == "{"
                ? try JSONDecoder.wire.decode(Wrapped.self, from: data).microcredentials : try JSONDecoder.wire.decode([Record].self, from: data)
        } catch let error as DecodingError {
            throw InputError.shape(error.wireSummary)
        }
        guard records.count <= CSV.maxRows else { throw CSV.Error.tooManyRows(limit: CSV.maxRows) }
        guard !records.isEmpty else { throw InputError.empty }
        return records.enumerated().map { .init(row: $0.offset + 1, input: $0.element.input, readIssues: $0.element.issues) }
    }

    /// One JSON record, read on its own so one bad value spoils only its row.
    struct Record: Decodable {
        var input = MicrocredentialInput()
        var issues: [ValidationIssue] = []

        init(from decoder: any Decoder) throws {
            do {
                input = try MicrocredentialInput(from: decoder)
            } catch let error as DecodingError {
                let depth = decoder.codingPath.count
                issues = [ValidationIssue(field: error.wireField(dropping: depth), message: error.wireSummary(dropping: depth))]
                // Keep the id for the report when the rest of the record can be read leniently.
                input.id = try? decoder.container(keyedBy: WireKey.self).decode(String.self, forKey: WireKey("id"))
            }
        }
    }

    private struct Wrapped: Decodable {
        let microcredentials: [Record]
    }
}

extension JSONDecoder {
    /// snake_case on the wire: `provider_id` reads as `providerID`, `qa_body` as `qaBody`.
    public static var wire: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            let key = path.last?.stringValue ?? ""
            var parts = key.split(separator: "_").map(String.init)
            guard parts.count > 1 else { return WireKey(key) }
            for index in parts.indices.dropFirst() {
                parts[index] = parts[index] == "id" ? "ID" : parts[index].prefix(1).uppercased() + parts[index].dropFirst()
            }
            return WireKey(parts.joined())
        }
        return decoder
    }
}

extension JSONEncoder {
    /// snake_case on the wire, sorted keys, ISO 8601 dates.
    public static var wire: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}

struct WireKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
