import Foundation
import Hummingbird

/// Responses that are files: CSV (inline for API clients, or as an attachment with a name) and uploaded documents.
enum Downloads {
    static func csv(_ text: String, name: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        if let name { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A stored document under the name it was given: an ASCII name for every client, and the name as given (RFC 5987)
    /// for those that read it.
    static func attachment(_ bytes: [UInt8], name: String, type: String) -> Response {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\\" && $0 != "\"" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? "document"
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
