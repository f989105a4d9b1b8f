import Foundation
import RecognitionCore

/// Turns an uploaded file (CSV text or JSON) into numbered import rows, within `InputLimits`.
public enum ImportFile {
    public static func rows(_ data: Data, csv: Bool) throws -> [(row: Int, input: Result<MicrocredentialInput, ValidationFailure>)] {
        guard let text = String(data: data, encoding: .utf8) else { throw InputError.notUTF8 }
        let first = text.drop { $0.isWhitespace }.first
        let looksLikeJSON = first == "[" || first == "{"
        if csv || !looksLikeJSON {
            return try MicrocredentialImport.rows(csv: text)
        }
        try InputLimits.checkDepth(data)
        let decoder = JSONDecoder.wire
        let records: [MicrocredentialInput]
        do {
            records =
                first == "{"
                ? try decoder.decode(Wrapped.self, from: data).microcredentials : try decoder.decode([MicrocredentialInput].self, from: data)
        } catch let error as DecodingError {
            throw InputError.shape(error.summary)
        }
        guard records.count <= CSV.maxRows else { throw CSV.Error.tooManyRows(limit: CSV.maxRows) }
        return records.enumerated().map { ($0.offset + 1, .success($0.element)) }
    }

    private struct Wrapped: Decodable {
        let microcredentials: [MicrocredentialInput]
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
