import CQREncode
import Foundation

/// A QR code as SVG, drawn from the module matrix Debian's libqrencode computes (error correction M, 8-bit mode, the
/// smallest version that fits), with the four-module quiet zone scanners need.
enum QRCode {
    struct TooLong: Error {}

    static func svg(_ text: String, label: String) throws -> String {
        guard text.utf8.count <= 1_000, let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { throw TooLong() }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let quiet = 4
        var path = ""
        for row in 0..<width {
            var column = 0
            while column < width {
                // Bit 0 of each module's byte is "dark"; a run of dark modules on a row is one rectangle.
                guard code.pointee.data[row * width + column] & 1 == 1 else {
                    column += 1
                    continue
                }
                let start = column
                while column < width && code.pointee.data[row * width + column] & 1 == 1 { column += 1 }
                path += "M\(start + quiet) \(row + quiet)h\(column - start)v1h-\(column - start)z"
            }
        }
        let size = width + 2 * quiet
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(size) \(size)" shape-rendering="crispEdges" role="img" \
            aria-label="\(escape(label))"><rect width="\(size)" height="\(size)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
