import AccordServices
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Reads request bodies within bounds (size first, then JSON nesting depth, then decoding) and writes JSON responses.
enum JSONInput {
    static func body(_ request: Request, limit: Int) async throws -> ByteBuffer {
        try await request.body.collect(upTo: limit)
    }

    /// A JSON body: only `application/json` (or a `+json` type) is read as JSON; anything else is a 415.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = InputLimits.jsonBody) async throws -> T {
        try requireJSON(request)
        let buffer = try await body(request, limit: limit)
        return try WireJSON.decode(type, from: Data(buffer.readableBytesView))
    }

    static func requireJSON(_ request: Request) throws {
        let type = request.headers[.contentType] ?? ""
        let essence = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json")) else {
            throw InputError.mediaType(type.isEmpty ? "no media type" : type)
        }
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.wire.encode(value))))
    }
}
