import Foundation

/// Turns expanded JSON-LD into quads (JSON-LD 1.1 API §8.1–8.4), walking node objects directly:
/// every node without an @id gets a fresh blank node, and duplicates are dropped at the end.
struct RDFWriter {
    private(set) var quads: [Quad] = []
    private var blankLabels: [String: String] = [:]
    private var counter = 0

    // Literals, not stored constants: a `static let` is reached through a lazy-initialization check on every use,
    // and building "prefix" + "name" allocated a string per statement.
    static var type: RDFTerm { .iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") }
    static var first: RDFTerm { .iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#first") }
    static var rest: RDFTerm { .iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest") }
    static var nilList: RDFTerm { .iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil") }
    static var rdfJSON: String { "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON" }
    static var xsdBoolean: String { "http://www.w3.org/2001/XMLSchema#boolean" }
    static var xsdDouble: String { "http://www.w3.org/2001/XMLSchema#double" }
    static var xsdInteger: String { "http://www.w3.org/2001/XMLSchema#integer" }

    /// Appends; duplicates (a node described twice) are removed by `JSONLDProcessor.toRDF` or by the canonicalizer.
    private mutating func emit(_ quad: Quad) { quads.append(quad) }

    private mutating func freshBlank() -> RDFTerm {
        defer { counter += 1 }
        return .blank("b" + String(counter))
    }

    /// The term for an @id: IRIs that RDF cannot hold give nil, blank nodes are relabelled consistently.
    private mutating func term(forID id: String) -> RDFTerm? {
        if id.hasPrefix("_:") {
            if let label = blankLabels[id] { return .blank(label) }
            let fresh = freshBlank()
            blankLabels[id] = fresh.blankLabel
            return fresh
        }
        return IRI.isWellFormed(id) ? .iri(id) : nil
    }

    /// Emits a node object's statements into `graph` and returns its subject (nil when its @id is unusable).
    mutating func node(_ node: ExpandedObject, graph: RDFTerm?) -> RDFTerm? {
        let subject: RDFTerm?
        if let id = node.id { subject = term(forID: id) } else { subject = freshBlank() }  // no @id, or one that expanded to null: a fresh blank node
        if let subject {
            for case let typeID? in node.types ?? [] {
                if let object = term(forID: typeID) { emit(Quad(subject, Self.type, object, graph: graph)) }
            }
            for (property, isWellFormed, values) in node.properties.entries where isWellFormed {
                let predicate = RDFTerm.iri(property)
                for item in values {
                    if let object = self.object(item, graph: graph) { emit(Quad(subject, predicate, object, graph: graph)) }
                }
            }
            for (property, isWellFormed, values) in node.reverse?.entries ?? [] where isWellFormed {
                for item in values {
                    if let reverseSubject = self.node(item, graph: graph) { emit(Quad(reverseSubject, .iri(property), subject, graph: graph)) }
                }
            }
            for item in node.graph ?? [] { _ = self.node(item, graph: subject) }
        }
        for item in node.included ?? [] { _ = self.node(item, graph: graph) }
        return subject
    }

    /// Object to RDF (§8.2), with lists (§8.3) and nested nodes emitted as they are met.
    private mutating func object(_ item: ExpandedObject, graph: RDFTerm?) -> RDFTerm? {
        if let list = item.list { return self.list(list, graph: graph) }
        guard let value = item.value else { return node(item, graph: graph) }
        let datatype = item.types?.first ?? nil
        if datatype == "@json" {
            return .literal(value.canonicalString, datatype: Self.rdfJSON, language: nil)
        }
        if let datatype, !IRI.isWellFormed(datatype) { return nil }
        switch value {
        case .bool(let flag):
            return .literal(flag ? "true" : "false", datatype: datatype ?? Self.xsdBoolean, language: nil)
        case .number(let number):
            let isDouble = number.rounded(.towardZero) != number || abs(number) >= 1e21 || datatype == Self.xsdDouble
            if isDouble {
                return .literal(Self.canonicalDouble(number), datatype: datatype ?? Self.xsdDouble, language: nil)
            }
            return .literal(Self.format(number), datatype: datatype ?? Self.xsdInteger, language: nil)
        case .string(let text):
            if let language = item.language {
                return .literal(text, datatype: RDFTerm.langString, language: language)
            }
            return .literal(text, datatype: datatype ?? RDFTerm.xsdString, language: nil)
        default:
            return nil
        }
    }

    private mutating func list(_ items: [ExpandedObject], graph: RDFTerm?) -> RDFTerm {
        guard !items.isEmpty else { return Self.nilList }
        let heads = items.map { _ in freshBlank() }
        for (position, item) in items.enumerated() {
            if let object = object(item, graph: graph) { emit(Quad(heads[position], Self.first, object, graph: graph)) }
            emit(Quad(heads[position], Self.rest, position + 1 < heads.count ? heads[position + 1] : Self.nilList, graph: graph))
        }
        return heads[0]
    }

    /// An integer-valued double as JSON-LD writes xsd:integer (no exponent, no fraction).
    private static func format(_ number: Double) -> String {
        if abs(number) < 9.0e18 { return String(Int64(number)) }
        return JSON.ecmaScriptString(number)
    }

    /// The canonical xsd:double form JSON-LD uses: `1.1E0`, `-5.0E-1`, `1.0E21`.
    /// Like ECMAScript's `toExponential(15)`, with trailing zeros and the exponent's sign and padding removed.
    static func canonicalDouble(_ number: Double) -> String {
        let printed = String(format: "%.15E", number)  // e.g. "1.100000000000000E+00"
        guard let e = printed.firstIndex(of: "E"), let exponent = Int(printed[printed.index(after: e)...]) else { return printed }
        var mantissa = printed[..<e]
        while mantissa.hasSuffix("0") { mantissa = mantissa.dropLast() }
        if mantissa.hasSuffix(".") { mantissa += "0" }
        return mantissa + "E" + String(exponent)
    }
}
