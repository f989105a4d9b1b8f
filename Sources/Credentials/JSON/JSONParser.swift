/// Why a JSON text was refused.
public enum JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLarge(limit: Int)
    case invalidUTF8
    case tooDeep(limit: Int)
    case syntax(offset: Int, expected: String)
    case duplicateKey(String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "the document is larger than \(limit) bytes"
        case .invalidUTF8: "the document is not valid UTF-8"
        case .tooDeep(let limit): "the document nests deeper than \(limit) levels"
        case .syntax(let offset, let expected): "invalid JSON at byte \(offset): expected \(expected)"
        case .duplicateKey(let key): "the key \"\(key)\" appears twice in one object"
        }
    }
}

/// Bounds on what a parser accepts; every input to Accord is bounded.
public struct JSONLimits: Sendable {
    public var maxBytes: Int
    public var maxDepth: Int
    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }
}

extension JSON {
    /// Parses RFC 8259 JSON from UTF-8 bytes, refusing invalid UTF-8, duplicate keys and anything past the limits.
    public init(parsing bytes: some Collection<UInt8>, limits: JSONLimits = JSONLimits()) throws(JSONError) {
        guard bytes.count <= limits.maxBytes else { throw .tooLarge(limit: limits.maxBytes) }
        let array = Array(bytes)
        var parser = JSONParser(bytes: array, maxDepth: limits.maxDepth)
        do { self = try parser.parseDocument() } catch .syntax(let offset, let expected) {
            // Outside strings only ASCII is valid JSON, so a stray non-UTF-8 byte there surfaces as a syntax error first.
            guard String(validating: array, as: UTF8.self) != nil else { throw .invalidUTF8 }
            throw .syntax(offset: offset, expected: expected)
        }
    }

    public init(parsing text: String, limits: JSONLimits = JSONLimits()) throws(JSONError) {
        try self.init(parsing: Array(text.utf8), limits: limits)
    }
}

/// A recursive-descent parser over UTF-8 bytes; each string is validated as it is read.
struct JSONParser {
    let bytes: [UInt8]
    let maxDepth: Int
    var index = 0
    var depth = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONError) -> JSON {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw .syntax(offset: index, expected: "end of document") }
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONError) -> JSON {
        guard index < bytes.count else { throw .syntax(offset: index, expected: "a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString().text)
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw .syntax(offset: index, expected: "a value")
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw .syntax(offset: index, expected: "\(word)") }
        let matches = word.withUTF8Buffer { literal in
            (0..<count).allSatisfy { bytes[index + $0] == literal[$0] }
        }
        guard matches else { throw .syntax(offset: index, expected: "\(word)") }
        index += count
    }

    private mutating func enter() throws(JSONError) {
        depth += 1
        if depth > maxDepth { throw .tooDeep(limit: maxDepth) }
    }

    private mutating func parseObject() throws(JSONError) -> JSON {
        try enter()
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject())
        }
        var members = JSONObject.Builder()
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw .syntax(offset: index, expected: "a string key")
            }
            let (key, sortKey) = try parseKey()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw .syntax(offset: index, expected: "':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(key, sortKey: sortKey, value)
            skipWhitespace()
            guard index < bytes.count else { throw .syntax(offset: index, expected: "',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(try members.build())
            } else {
                throw .syntax(offset: index, expected: "',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONError) -> JSON {
        try enter()
        index += 1
        var items: [JSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw .syntax(offset: index, expected: "',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(items)
            } else {
                throw .syntax(offset: index, expected: "',' or ']'")
            }
        }
    }

    /// A member's key and its sort key, read from the input bytes when the key holds no escape.
    private mutating func parseKey() throws(JSONError) -> (String, UInt64) {
        let (key, plain) = try parseString()
        guard let plain else { return (key, JSONObject.sortKey(key)) }
        return (key, bytes.withUnsafeBufferPointer { JSONObject.sortKey(utf8: UnsafeBufferPointer(rebasing: $0[plain])) })
    }

    /// The string, and where its bytes lie in the input when they needed no unescaping.
    private mutating func parseString() throws(JSONError) -> (text: String, plain: Range<Int>?) {
        index += 1
        let start = index
        // Fast path: no escapes. Plain ASCII is skipped a word at a time, then read byte by byte (with a local index:
        // the parser's own is written back once).
        var ascii = true
        let closing: Int? = bytes.withUnsafeBufferPointer { buffer in
            var position = Escaping.plainASCIIEnd(UnsafeRawBufferPointer(buffer), from: start)
            defer { index = position }
            while position < buffer.count {
                let byte = buffer[position]
                if byte == UInt8(ascii: "\"") { return position }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                if byte >= 0x80 { ascii = false }
                position += 1
            }
            return nil
        }
        if let closing {
            let text = try Self.string(bytes[start..<closing], ascii: ascii)
            index = closing + 1
            return (text, start..<closing)
        }
        if index < bytes.count, bytes[index] < 0x20 { throw .syntax(offset: index, expected: "an escaped control character") }
        var scalars: [UInt8] = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return (try Self.string(scalars[...], ascii: false), nil)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        else { throw .syntax(offset: index, expected: "a low surrogate") }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw .syntax(offset: index, expected: "a low surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw .syntax(offset: index, expected: "a high surrogate before a low one")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw .syntax(offset: index, expected: "a Unicode scalar") }
                    guard let encoded = UTF8.encode(scalar) else { throw .syntax(offset: index, expected: "a Unicode scalar") }
                    scalars.append(contentsOf: encoded)
                default:
                    throw .syntax(offset: index - 1, expected: "a valid escape")
                }
            default:
                if byte < 0x20 { throw .syntax(offset: index, expected: "an escaped control character") }
                scalars.append(byte)
                index += 1
            }
        }
        throw .syntax(offset: index, expected: "'\"' closing the string")
    }

    /// The string of UTF-8 bytes, refusing invalid sequences. (`String(decoding:)` is the fast path, but it repairs
    /// silently, so non-ASCII text is checked against what it decoded to.)
    private static func string(_ utf8: ArraySlice<UInt8>, ascii: Bool) throws(JSONError) -> String {
        let text = utf8.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        guard ascii || text.utf8.elementsEqual(utf8) else { throw .invalidUTF8 }
        return text
    }

    private mutating func parseHex4() throws(JSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw .syntax(offset: index, expected: "four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw .syntax(offset: index, expected: "a hex digit")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONError) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw .syntax(offset: index, expected: "a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard try digits() > 0 else { throw .syntax(offset: index, expected: "a digit") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard try digits() > 0 else { throw .syntax(offset: index, expected: "a digit after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard try digits() > 0 else { throw .syntax(offset: index, expected: "an exponent") }
        }
        let end = index
        let text = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
        guard let value = Double(text), value.isFinite else { throw .syntax(offset: start, expected: "a finite number") }
        return value
    }

    private mutating func digits() throws(JSONError) -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }
}
