import Foundation

extension JSON {
    /// The JSON Canonicalization Scheme form (RFC 8785): keys sorted by UTF-16 code units,
    /// numbers as ECMAScript prints them, strings with JSON.stringify's minimal escaping.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out, pretty: false, indent: 0)
        return out
    }

    public var canonicalString: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// Human-readable output with two-space indents; keys in the same order as the canonical form.
    public var prettyString: String {
        var out: [UInt8] = []
        write(to: &out, pretty: true, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(to out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): out.append(contentsOf: JSON.ecmaScriptString(value).utf8)
        case .string(let value): JSON.writeString(value, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { JSON.newline(&out, indent + 1) }
                item.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty, !items.isEmpty { JSON.newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (position, index) in JSON.canonicalOrder(members).enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { JSON.newline(&out, indent + 1) }
                let member = members[index]
                JSON.writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                member.value.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty, !members.isEmpty { JSON.newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Member positions in RFC 8785 order (keys by UTF-16 code units). Credential objects hold a handful of members:
    /// an insertion sort on each key's first eight bytes (as one big-endian integer) settles almost every comparison,
    /// and only equal prefixes, or bytes where UTF-8 and UTF-16 order can part, fall back to the full comparison.
    static func canonicalOrder(_ members: [String: JSON]) -> [Dictionary<String, JSON>.Index] {
        if members.count > 16 {
            return members.indices.sorted { lhs, rhs in utf16Precedes(members[lhs].key, members[rhs].key) }
        }
        var sorted: [(prefix: UInt64, index: Dictionary<String, JSON>.Index)] = []
        sorted.reserveCapacity(members.count)
        var prefixesDecide = true
        for index in members.indices {
            var key = members[index].key
            let prefix = key.withUTF8 { bytes in
                var value: UInt64 = 0
                for position in 0..<8 {
                    let byte = position < bytes.count ? bytes[position] : 0
                    if byte >= 0xEE { prefixesDecide = false }
                    value = value << 8 | UInt64(byte)
                }
                return value
            }
            sorted.append((prefix, index))
        }
        func precedes(_ lhs: (prefix: UInt64, index: Dictionary<String, JSON>.Index), _ rhs: (prefix: UInt64, index: Dictionary<String, JSON>.Index)) -> Bool {
            if prefixesDecide, lhs.prefix != rhs.prefix { return lhs.prefix < rhs.prefix }
            return utf16Precedes(members[lhs.index].key, members[rhs.index].key)
        }
        for next in sorted.indices.dropFirst() {
            var position = next
            while position > 0, precedes(sorted[position], sorted[position - 1]) {
                sorted.swapAt(position, position - 1)
                position -= 1
            }
        }
        return sorted.map(\.index)
    }

    /// UTF-16 code unit order of two strings, read from their UTF-8. Byte order is code-point order, and the two
    /// orders differ only where, at the first difference, a character above U+FFFF (lead byte F0–F4) meets one in
    /// U+E000–U+FFFF (lead byte EE or EF): UTF-16 puts the surrogate pair first. Equal prefixes keep character
    /// boundaries aligned, so the bytes at the first difference are both lead bytes or both continuation bytes.
    static func utf16Precedes(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                var offset = 0
                if common >= 8, let l = left.baseAddress, let r = right.baseAddress {
                    while offset + 8 <= common {
                        let a = UInt64(littleEndian: UnsafeRawPointer(l + offset).loadUnaligned(as: UInt64.self))
                        let b = UInt64(littleEndian: UnsafeRawPointer(r + offset).loadUnaligned(as: UInt64.self))
                        if a != b {
                            offset += (a ^ b).trailingZeroBitCount / 8
                            break
                        }
                        offset += 8
                    }
                }
                while offset < common, left[offset] == right[offset] { offset += 1 }
                guard offset < common else { return left.count < right.count }
                let (x, y) = (left[offset], right[offset])
                if x >= 0xF0, y == 0xEE || y == 0xEF { return true }
                if y >= 0xF0, x == 0xEE || x == 0xEF { return false }
                return x < y
            }
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    static func writeString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        Escaping.append(value, to: &out, style: .json)
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
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
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
