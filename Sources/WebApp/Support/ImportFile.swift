import Foundation
import HTTPTypes
import Hummingbird
import RecognitionCore
import Storage

/// Turns an uploaded file (CSV text or JSON) into numbered import rows.
public enum ImportFile {
    public static func rows(_ data: Data, csv: Bool) throws -> [(row: Int, input: Result<MicrocredentialInput, ValidationFailure>)] {
        guard let text = String(data: data, encoding: .utf8) else { throw Problem(.badRequest, "the file is not UTF-8 text") }
        let looksLikeJSON = text.drop { $0.isWhitespace }.first.map { $0 == "[" || $0 == "{" } ?? false
        if csv || !looksLikeJSON {
            return try MicrocredentialImport.rows(csv: text)
        }
        try JSONInput.checkDepth(data)
        let records: [MicrocredentialInput]
        if text.drop(while: { $0.isWhitespace }).first == "{" {
            records = try JSONInput.decode(Wrapped.self, from: data).microcredentials
        } else {
            records = try JSONInput.decode([MicrocredentialInput].self, from: data)
        }
        guard records.count <= CSV.maxRows else { throw CSV.Error.tooManyRows(limit: CSV.maxRows) }
        return records.enumerated().map { ($0.offset + 1, .success($0.element)) }
    }

    private struct Wrapped: Decodable {
        let microcredentials: [MicrocredentialInput]
    }
}
