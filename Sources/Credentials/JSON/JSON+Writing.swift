import Foundation

extension JSON {
    /// The JSON Canonicalization Scheme form (RFC 8785): keys sorted by UTF-16 code units,
    /// numbers as ECMAScript prints them, strings with JSON.stringify's minimal escaping.
    public var canonicalBytes: [UInt8] {
        var out = ByteBuffer(capacity: 1024)
        writeCanonical(to: &out)
        return out.array
    }

    public var canonicalString: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// Human-readable output with two-space indents; keys in the same order as the canonical form.
    public var prettyString: String {
        var out = ByteBuffer(capacity: 1024)
        write(to: &out, pretty: true, indent: 0)
        return String(decoding: out.array, as: UTF8.self)
    }

    /// Appends the canonical form to `out`.
    func writeCanonical(to out: inout ByteBuffer) { write(to: &out, pretty: false, indent: 0) }

    private func write(to out: inout ByteBuffer, pretty: Bool, indent: Int) {
        switch self {
        case .null: out.append("null")
        case .bool(let value): out.append(value ? "true" : "false")
        case .number(let value): JSON.writeNumber(value, to: &out)
        case .string(let value): JSON.writeString(value, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for position in items.indices {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { JSON.newline(&out, indent + 1) }
                items[position].write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty, !items.isEmpty { JSON.newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for position in members.entries.indices {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { JSON.newline(&out, indent + 1) }
                JSON.writeString(members.entries[position].key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                members.entries[position].value.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty, !members.isEmpty { JSON.newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout ByteBuffer, _ indent: Int) {
        out.append(0x0A)
        for _ in 0..<indent * 2 { out.append(UInt8(ascii: " ")) }
    }

    private static func writeNumber(_ value: Double, to out: inout ByteBuffer) {
        var text = ecmaScriptString(value)
        text.withUTF8 { out.append(bytes: $0) }
    }

    /// A JSON string as JSON.stringify writes it: quoted, with the minimal escapes.
    static func writeString(_ value: String, to out: inout ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            if !out.appendIfPlain(bytes) { Escaping.appendEscaped(bytes, to: &out, style: .json) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Number.prototype.toString for finite doubles (ECMA-262 §6.1.6.1.20), built on Swift's shortest round-trip digits.
    public static func ecmaScriptString(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value < 0 { return "-" + ecmaScriptString(-value) }
        if value < 1e15, value == value.rounded(.towardZero) { return String(Int64(value)) }
        let (digits, pointPosition) = shortestDigits(value)
        let k = digits.count
        let n = pointPosition
        if k <= n, n <= 21 { return digits + String(repeating: "0", count: n - k) }
        if 0 < n, n <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: n)
            return digits[..<split] + "." + digits[split...]
        }
        if -6 < n, n <= 0 { return "0." + String(repeating: "0", count: -n) + digits }
        let exponent = n - 1
        let sign = exponent < 0 ? "-" : "+"
        let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        return mantissa + "e" + sign + String(abs(exponent))
    }

    /// The shortest decimal digits that round-trip `value` (positive, finite) and where the decimal point goes.
    static func shortestDigits(_ value: Double) -> (digits: String, pointPosition: Int) {
        let text = value.description  // Swift prints the shortest round-trip form, e.g. "1e-07", "123.45"
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0]
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = pieces[0]
        let fraction = pieces.count == 2 ? pieces[1] : ""
        var digits = Array(integerPart + fraction)
        var point = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (String(digits), point)
    }
}
