import Foundation

/// An RDF term as RDF 1.1 defines it. Blank node labels carry no `_:` prefix.
public enum RDFTerm: Hashable, Sendable {
    case iri(String)
    case blank(String)
    case literal(String, datatype: String, language: String?)

    public static var xsdString: String { "http://www.w3.org/2001/XMLSchema#string" }
    public static var langString: String { "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString" }

    var blankLabel: String? {
        if case .blank(let label) = self { label } else { nil }
    }
}

/// One statement of a dataset; `graph` nil is the default graph.
public struct Quad: Hashable, Sendable {
    public var subject: RDFTerm
    public var predicate: RDFTerm
    public var object: RDFTerm
    public var graph: RDFTerm?

    public init(_ subject: RDFTerm, _ predicate: RDFTerm, _ object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }

    /// Why RDF does not allow this statement (a predicate that is not an IRI, a literal as subject or graph name), or nil.
    var violation: String? {
        guard case .iri = predicate else { return "a predicate must be an IRI" }
        if case .literal = subject { return "a subject cannot be a literal" }
        if case .literal? = graph { return "a graph name cannot be a literal" }
        return nil
    }
}

/// Canonical N-Quads (RDF 1.1 N-Quads with RDFC-1.0's escaping rules).
public enum NQuads {
    /// Appends one statement line (terminated by " .\n"); `label` renames blank nodes on the way.
    static func append(_ quad: Quad, to line: inout [UInt8], label: (String) -> String = { $0 }) {
        append(quad.subject, to: &line, label: label)
        line.append(0x20)
        append(quad.predicate, to: &line, label: label)
        line.append(0x20)
        append(quad.object, to: &line, label: label)
        if let graph = quad.graph {
            line.append(0x20)
            append(graph, to: &line, label: label)
        }
        line.append(contentsOf: [0x20, UInt8(ascii: "."), 0x0A])
    }

    static func append(_ term: RDFTerm, to line: inout [UInt8], label: (String) -> String) {
        switch term {
        case .iri(let iri):
            line.append(UInt8(ascii: "<"))
            appendRaw(iri, to: &line)
            line.append(UInt8(ascii: ">"))
        case .blank(let name):
            line.append(contentsOf: [UInt8(ascii: "_"), UInt8(ascii: ":")])
            appendRaw(label(name), to: &line)
        case .literal(let value, let datatype, let language):
            line.append(UInt8(ascii: "\""))
            Escaping.append(value, to: &line, style: .nquads)
            line.append(UInt8(ascii: "\""))
            if let language {
                line.append(UInt8(ascii: "@"))
                appendRaw(language, to: &line)
            } else if datatype != RDFTerm.xsdString {
                line.append(contentsOf: [UInt8(ascii: "^"), UInt8(ascii: "^"), UInt8(ascii: "<")])
                appendRaw(datatype, to: &line)
                line.append(UInt8(ascii: ">"))
            }
        }
    }

    private static func appendRaw(_ text: String, to line: inout [UInt8]) {
        var text = text
        text.withUTF8 { line.append(contentsOf: $0) }
    }

    /// Statement lines written into one buffer, sorted by code point (UTF-8 byte order) without a string per line.
    struct Lines {
        private var buffer: [UInt8] = []
        private var ranges: [Range<Int>] = []

        init() { buffer.reserveCapacity(4096) }

        mutating func add(_ quad: Quad, label: (String) -> String = { $0 }) {
            let start = buffer.count
            NQuads.append(quad, to: &buffer, label: label)
            ranges.append(start..<buffer.count)
        }

        /// Line positions in code-point order.
        private func sortedOrder() -> [Int] {
            buffer.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return Array(ranges.indices) }
                return ranges.indices.sorted { a, b in
                    let left = ranges[a]
                    let right = ranges[b]
                    let order = memcmp(base + left.lowerBound, base + right.lowerBound, min(left.count, right.count))
                    return order != 0 ? order < 0 : left.count < right.count
                }
            }
        }

        /// The lines in code-point order; with `unique`, each distinct line once (a dataset is a set of quads).
        func joinedInOrder(unique: Bool) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count)
            var previous: Range<Int>?
            for position in sortedOrder() {
                let range = ranges[position]
                if unique, let previous, buffer[previous].elementsEqual(buffer[range]) { continue }
                out.append(contentsOf: buffer[range])
                previous = range
            }
            return out
        }
    }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "N-Quads line \(line): \(reason)" }
    }

    /// Parses N-Quads (one statement per line; comments and blank lines allowed).
    public static func parse(_ text: String) throws(ParseError) -> [Quad] {
        var quads: [Quad] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var scanner = Scanner(Array(rawLine.utf8), line: number + 1)
            scanner.skipSpace()
            if scanner.atEnd || scanner.peek == UInt8(ascii: "#") { continue }
            let subject = try scanner.term()
            let predicate = try scanner.term()
            let object = try scanner.term()
            scanner.skipSpace()
            var graph: RDFTerm?
            if scanner.peek != UInt8(ascii: ".") { graph = try scanner.term() }
            scanner.skipSpace()
            guard scanner.peek == UInt8(ascii: ".") else { throw ParseError(line: number + 1, reason: "expected '.'") }
            scanner.index += 1
            scanner.skipSpace()
            guard scanner.atEnd || scanner.peek == UInt8(ascii: "#") else { throw ParseError(line: number + 1, reason: "text after the final '.'") }
            let quad = Quad(subject, predicate, object, graph: graph)
            if let violation = quad.violation { throw ParseError(line: number + 1, reason: violation) }
            quads.append(quad)
        }
        return quads
    }

    private struct Scanner {
        let bytes: [UInt8]
        let line: Int
        var index = 0
        init(_ bytes: [UInt8], line: Int) {
            self.bytes = bytes
            self.line = line
        }
        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }
        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0D { index += 1 }
        }
        func fail(_ reason: String) -> ParseError { ParseError(line: line, reason: reason) }

        mutating func term() throws(ParseError) -> RDFTerm {
            skipSpace()
            switch peek {
            case UInt8(ascii: "<"): return .iri(try iri())
            case UInt8(ascii: "_"):
                guard index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") else { throw fail("expected a blank node label after '_:'") }
                index += 2
                let start = index
                while let byte = peek, byte != 0x20, byte != 0x09 { index += 1 }
                var label = Array(bytes[start..<index])
                if label.last == UInt8(ascii: ".") {  // "_:b0." at the end of a statement
                    label.removeLast()
                    index -= 1
                }
                guard !label.isEmpty else { throw fail("empty blank node label") }
                return .blank(String(decoding: label, as: UTF8.self))
            case UInt8(ascii: "\""):
                index += 1
                var value: [UInt8] = []
                while true {
                    guard let byte = peek else { throw fail("unterminated literal") }
                    index += 1
                    if byte == UInt8(ascii: "\"") { break }
                    if byte == UInt8(ascii: "\\") { try unescape(into: &value) } else { value.append(byte) }
                }
                let text = String(decoding: value, as: UTF8.self)
                if peek == UInt8(ascii: "@") {
                    index += 1
                    let start = index
                    while let byte = peek, byte != 0x20, byte != 0x09 { index += 1 }
                    return .literal(text, datatype: RDFTerm.langString, language: String(decoding: bytes[start..<index], as: UTF8.self))
                }
                if peek == UInt8(ascii: "^") {
                    guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "^") else { throw fail("expected '^^'") }
                    index += 2
                    return .literal(text, datatype: try iri(), language: nil)
                }
                return .literal(text, datatype: RDFTerm.xsdString, language: nil)
            default: throw fail("expected a term")
            }
        }

        mutating func iri() throws(ParseError) -> String {
            guard peek == UInt8(ascii: "<") else { throw fail("expected '<'") }
            index += 1
            var value: [UInt8] = []
            while true {
                guard let byte = peek else { throw fail("unterminated IRI") }
                index += 1
                if byte == UInt8(ascii: ">") { break }
                // IRIREF: only \u / \U escapes, and none of the bytes IRIs forbid.
                if byte == UInt8(ascii: "\\") {
                    guard peek == UInt8(ascii: "u") || peek == UInt8(ascii: "U") else { throw fail("an IRI allows only \\u and \\U escapes") }
                    try unescape(into: &value)
                } else if IRI.isForbidden(byte) {
                    throw fail("a character that an IRI cannot hold")
                } else {
                    value.append(byte)
                }
            }
            return String(decoding: value, as: UTF8.self)
        }

        mutating func unescape(into value: inout [UInt8]) throws(ParseError) {
            guard let escape = peek else { throw fail("dangling escape") }
            index += 1
            switch escape {
            case UInt8(ascii: "t"): value.append(0x09)
            case UInt8(ascii: "b"): value.append(0x08)
            case UInt8(ascii: "n"): value.append(0x0A)
            case UInt8(ascii: "r"): value.append(0x0D)
            case UInt8(ascii: "f"): value.append(0x0C)
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): value.append(escape)
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = escape == UInt8(ascii: "u") ? 4 : 8
                guard index + count <= bytes.count,
                    let code = UInt32(String(decoding: bytes[index..<index + count], as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(code)
                else { throw fail("bad \\u escape") }
                index += count
                if let encoded = UTF8.encode(scalar) { value.append(contentsOf: encoded) }
            default: throw fail("unknown escape")
            }
        }
    }
}
