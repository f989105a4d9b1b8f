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

    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = InputLimits.jsonBody) async throws -> T {
        let buffer = try await body(request, limit: limit)
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try InputLimits.checkDepth(data)
        do {
            return try JSONDecoder.wire.decode(type, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted = error, (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
                throw InputError.notJSON
            }
            throw error
        }
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.wire.encode(value))))
    }
}
