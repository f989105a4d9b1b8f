/// The backslash escaping that canonical JSON (RFC 8785, as `JSON.stringify` writes) and canonical N-Quads (RDFC-1.0)
/// share: `\"`, `\\`, `\b \t \n \f \r`, and `\u00XX` for the other control characters.
enum Escaping {
    enum Style {
        /// Lowercase hex digits; DEL is written as is.
        case json
        /// Uppercase hex digits; DEL is escaped too.
        case nquads
    }

    private static let lowerHex = Array("0123456789abcdef".utf8)
    private static let upperHex = Array("0123456789ABCDEF".utf8)

    /// Appends `text`'s UTF-8 with the style's escapes (no surrounding quotes).
    static func append(_ text: String, to out: inout [UInt8], style: Style) {
        var text = text
        let escapesDelete = style == .nquads
        text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || ($0 == 0x7F && escapesDelete) }) {
                out.append(contentsOf: bytes)
                return
            }
            let hex = style == .json ? lowerHex : upperHex
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x00...0x1F, 0x7F where escapesDelete || byte != 0x7F:
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                default: out.append(byte)
                }
            }
        }
    }
}
