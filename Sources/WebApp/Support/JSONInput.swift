import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RecognitionCore
import Storage

/// Reads request bodies within bounds: size first, then JSON nesting depth, then decoding.
enum JSONInput {
    static func body(_ request: Request, limit: Int) async throws -> ByteBuffer {
        try await request.body.collect(upTo: limit)
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = InputLimits.jsonBody) async throws -> T {
        let buffer = try await body(request, limit: limit)
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try checkDepth(data)
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted = error, (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
                throw Problem(.badRequest, "the body is not valid JSON")
            }
            throw error
        }
    }

    /// Rejects documents nested deeper than `InputLimits.jsonDepth` before any parser recurses into them.
    static func checkDepth(_ data: Data, limit: Int = InputLimits.jsonDepth) throws {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { throw Problem(.badRequest, "the JSON is nested more than \(limit) levels deep") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }

    /// snake_case on the wire: `provider_id` reads as `providerID`, `qa_body` as `qaBody`.
    static var decoder: JSONDecoder {
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

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        return Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

struct WireKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
