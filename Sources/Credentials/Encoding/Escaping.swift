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

    // Eight bytes at a time: `(w - n·0x01…) & ~w & 0x80…` is non-zero exactly when some byte of `w` is below `n`
    // (n ≤ 0x80), and a byte equal to `c` is a zero byte of `w ^ c·0x01…`.
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    static func hasByteBelow(_ word: UInt64, _ limit: UInt64) -> Bool { (word &- ones &* limit) & ~word & highs != 0 }
    static func hasByte(_ word: UInt64, _ value: UInt64) -> Bool { hasByteBelow(word ^ (ones &* value), 1) }
    /// A control character, `"` or a backslash in `word`.
    static func hasSpecial(_ word: UInt64) -> Bool { hasByteBelow(word, 0x20) || hasByte(word, 0x22) || hasByte(word, 0x5C) }

    /// Whether any byte is a control character, `"` or a backslash (or DEL, for N-Quads). Almost every string in a
    /// credential needs no escape.
    static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>, escapesDelete: Bool) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if hasSpecial(word) || (escapesDelete && hasByte(word, 0x7F)) { return true }
            offset += 8
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || (byte == 0x7F && escapesDelete) { return true }
            offset += 1
        }
        return false
    }

    /// The offset of the first eight-byte word at or after `start` that holds a control character, `"`, a backslash or a
    /// non-ASCII byte (or of the last, shorter stretch): what a JSON string reader can skip over unread.
    static func plainASCIIEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var offset = start
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if hasSpecial(word) || word & highs != 0 { return offset }
            offset += 8
        }
        return offset
    }

    /// Appends `text`'s UTF-8 with the style's escapes (no surrounding quotes).
    static func append(_ text: String, to out: inout [UInt8], style: Style) {
        var text = text
        text.withUTF8 { bytes in
            if needsEscape(bytes, escapesDelete: style == .nquads) {
                appendEscaped(bytes, to: &out, style: style)
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }

    /// Appends `bytes` with every byte that needs it escaped (the slow path: only strings that need an escape take it).
    static func appendEscaped<Sink: ByteSink & ~Copyable>(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout Sink, style: Style) {
        let escapesDelete = style == .nquads
        let hex = style == .json ? lowerHex : upperHex
        for byte in bytes {
            let letter: UInt8
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): letter = byte
            case 0x08: letter = UInt8(ascii: "b")
            case 0x09: letter = UInt8(ascii: "t")
            case 0x0A: letter = UInt8(ascii: "n")
            case 0x0C: letter = UInt8(ascii: "f")
            case 0x0D: letter = UInt8(ascii: "r")
            case _ where byte < 0x20 || (byte == 0x7F && escapesDelete): letter = UInt8(ascii: "u")
            default:
                out.append(byte)
                continue
            }
            out.append(UInt8(ascii: "\\"))
            out.append(letter)
            if letter == UInt8(ascii: "u") {
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
    }
}
