import Crypto

/// Why a dataset could not be canonicalized.
public enum CanonicalizationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The graph needs more Hash N-Degree Quads calls than allowed: a "poison" graph.
    case workLimitExceeded(limit: Int)
    /// A statement RDF does not allow: a predicate that is not an IRI, or a literal as subject or graph name.
    case invalidStatement(String)

    public var description: String {
        switch self {
        case .workLimitExceeded(let limit):
            "canonicalization stopped after \(limit) Hash N-Degree Quads calls; the blank-node structure is too symmetric (poison graph)"
        case .invalidStatement(let reason): "not an RDF statement: \(reason)"
        }
    }
}

/// RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024).
public struct RDFCanonicalizer: Sendable {
    public enum HashAlgorithm: Sendable {
        case sha256, sha384
    }

    public struct Result: Sendable {
        /// The canonical N-Quads document as UTF-8: quads with canonical blank node labels, one line each, in code-point order.
        public var bytes: [UInt8]
        /// Input blank node label → canonical label (`c14n0`, …).
        public var issuedIdentifiers: [String: String]
        /// The canonical N-Quads document.
        public var nquads: String { String(decoding: bytes, as: UTF8.self) }
    }

    public var hashAlgorithm: HashAlgorithm
    /// The most Hash N-Degree Quads calls one canonicalization may make; the spec asks for such a bound.
    public var maxNDegreeCalls: Int

    public init(hashAlgorithm: HashAlgorithm = .sha256, maxNDegreeCalls: Int = 4_000) {
        self.hashAlgorithm = hashAlgorithm
        self.maxNDegreeCalls = maxNDegreeCalls
    }

    public func canonicalize(_ input: [Quad]) throws(CanonicalizationError) -> Result {
        var state = State(algorithm: hashAlgorithm, limit: maxNDegreeCalls, quads: input)
        // Step 2: each blank node's quads, by position in the input (a quad mentioning one blank node twice is listed twice).
        // (By position, not `for quad in input`: each copy of a quad retains its strings.)
        for position in input.indices {
            if let violation = input[position].violation { throw .invalidStatement(violation) }
            if case .blank(let label) = input[position].subject { state.blankNodeQuads[label, default: []].append(position) }
            if case .blank(let label) = input[position].object { state.blankNodeQuads[label, default: []].append(position) }
            if case .blank(let label)? = input[position].graph { state.blankNodeQuads[label, default: []].append(position) }
        }
        // A dataset is a set: a repeated quad would skew the hashes, so each list keeps only the first of equal quads.
        // (Repeats without blank nodes drop out when the sorted lines are joined.)
        for index in state.blankNodeQuads.values.indices where state.blankNodeQuads.values[index].count > 1 {
            state.blankNodeQuads.values[index] = Self.withoutRepeats(state.blankNodeQuads.values[index], in: input)
        }
        // Steps 3–4: first-degree hashes; unique hashes get canonical identifiers at once.
        var hashToBlankNodes: [String: [String]] = [:]
        for label in state.blankNodeQuads.keys {
            hashToBlankNodes[state.hashFirstDegree(label), default: []].append(label)
        }
        var shared: [(hash: String, labels: [String])] = []
        for hash in hashToBlankNodes.keys.sorted() {
            let labels = hashToBlankNodes[hash] ?? []
            if labels.count == 1 {
                _ = state.canonical.issue(labels[0])
            } else {
                shared.append((hash, labels))
            }
        }
        // Step 5: N-degree hashes for the rest.
        for (_, labels) in shared {
            var paths: [(hash: String, issuer: IdentifierIssuer)] = []
            for label in labels where state.canonical.issued[label] == nil {
                var temporary = IdentifierIssuer(prefix: "b")
                _ = temporary.issue(label)
                paths.append(try state.hashNDegree(label, issuer: temporary))
            }
            for path in paths.sorted(by: { $0.hash < $1.hash }) {
                for label in path.issuer.order { _ = state.canonical.issue(label) }
            }
        }
        // Step 6: relabel and serialize.
        let issued = state.canonical.issued
        var lines = NQuads.Lines()
        input.withUnsafeBufferPointer { quads in
            for position in quads.indices { lines.add(quads[position]) { issued[$0] ?? $0 } }
        }
        return Result(bytes: lines.joinedInOrder(unique: true), issuedIdentifiers: issued)
    }

    /// `positions` (in input order) without the later copies of a quad that appears more than once in `quads`.
    static func withoutRepeats(_ positions: [Int], in quads: [Quad]) -> [Int] {
        var kept: [Int] = []
        kept.reserveCapacity(positions.count)
        if positions.count <= 32 {
            // Compared in place: reading quads out of the array would copy (and retain) every term.
            quads.withUnsafeBufferPointer { quads in
                for position in positions {
                    let isRepeat = kept.contains { $0 != position && quads[$0] == quads[position] }
                    if !isRepeat { kept.append(position) }
                }
            }
            return kept
        }
        var first: [Quad: Int] = [:]
        for position in positions where first[quads[position], default: position] == position {
            first[quads[position]] = position
            kept.append(position)
        }
        return kept
    }

    static func digest(_ bytes: [UInt8], _ algorithm: HashAlgorithm) -> [UInt8] {
        switch algorithm {
        case .sha256: SHA256.hash(data: bytes).bytes
        case .sha384: SHA384.hash(data: bytes).bytes
        }
    }
}

/// Issues `prefix0`, `prefix1`, … in order of first request (RDFC-1.0 §4.5).
struct IdentifierIssuer: Sendable {
    let prefix: String
    var issued: [String: String] = [:]
    var order: [String] = []

    init(prefix: String) { self.prefix = prefix }

    mutating func issue(_ label: String) -> String {
        if let existing = issued[label] { return existing }
        let identifier = prefix + String(order.count)
        issued[label] = identifier
        order.append(label)
        return identifier
    }
}

extension RDFCanonicalizer {
    struct State {
        let algorithm: HashAlgorithm
        let limit: Int
        var calls = 0
        let quads: [Quad]
        /// Blank node label → positions in `quads` of the quads that mention it.
        var blankNodeQuads: [String: [Int]] = [:]
        var canonical = IdentifierIssuer(prefix: "c14n")
        var firstDegreeCache: [String: String] = [:]

        init(algorithm: HashAlgorithm, limit: Int, quads: [Quad]) {
            self.algorithm = algorithm
            self.limit = limit
            self.quads = quads
        }

        func hexDigest(_ text: String) -> String {
            Hex.encode(RDFCanonicalizer.digest(Array(text.utf8), algorithm))
        }

        /// §4.6 Hash First Degree Quads.
        mutating func hashFirstDegree(_ label: String) -> String {
            if let cached = firstDegreeCache[label] { return cached }
            var lines = NQuads.Lines()
            quads.withUnsafeBufferPointer { quads in
                for position in blankNodeQuads[label, default: []] { lines.add(quads[position]) { $0 == label ? "a" : "z" } }
            }
            // Every listed quad is distinct (repeats were dropped above), so identical masked lines all count.
            let hash = Hex.encode(RDFCanonicalizer.digest(lines.joinedInOrder(unique: false), algorithm))
            firstDegreeCache[label] = hash
            return hash
        }

        /// §4.7 Hash Related Blank Node.
        mutating func hashRelated(_ related: String, quad: Quad, issuer: IdentifierIssuer, position: String) -> String {
            let issuedID = canonical.issued[related] ?? issuer.issued[related]
            let identifier = issuedID.map { "_:" + $0 } ?? hashFirstDegree(related)
            var input = position
            if position != "g", case .iri(let predicate) = quad.predicate { input += "<" + predicate + ">" }
            input += identifier
            return hexDigest(input)
        }

        /// §4.8 Hash N-Degree Quads.
        mutating func hashNDegree(_ label: String, issuer startIssuer: IdentifierIssuer) throws(CanonicalizationError) -> (
            hash: String, issuer: IdentifierIssuer
        ) {
            calls += 1
            if calls > limit { throw .workLimitExceeded(limit: limit) }
            var issuer = startIssuer
            var relatedByHash: [String: [String]] = [:]
            for quadIndex in blankNodeQuads[label, default: []] {
                let quad = quads[quadIndex]
                for (term, position) in [(quad.subject, "s"), (quad.object, "o"), (quad.graph, "g")] {
                    guard case .blank(let related)? = term, related != label else { continue }
                    let hash = hashRelated(related, quad: quad, issuer: issuer, position: position)
                    relatedByHash[hash, default: []].append(related)
                }
            }
            var dataToHash = ""
            for relatedHash in relatedByHash.keys.sorted() {
                dataToHash += relatedHash
                var chosenPath = ""
                var chosenIssuer: IdentifierIssuer?
                var permutations = Permutations(relatedByHash[relatedHash] ?? [])
                permutation: while let permutation = permutations.next() {
                    var issuerCopy = issuer
                    var path = ""
                    var recursionList: [String] = []
                    for related in permutation {
                        if let canonicalID = canonical.issued[related] {
                            path += "_:" + canonicalID
                        } else {
                            if issuerCopy.issued[related] == nil { recursionList.append(related) }
                            path += "_:" + issuerCopy.issue(related)
                        }
                        if !chosenPath.isEmpty, path.utf8.count >= chosenPath.utf8.count, path > chosenPath { continue permutation }
                    }
                    for related in recursionList {
                        let result = try hashNDegree(related, issuer: issuerCopy)
                        path += "_:" + issuerCopy.issue(related)
                        path += "<" + result.hash + ">"
                        issuerCopy = result.issuer
                        if !chosenPath.isEmpty, path.utf8.count >= chosenPath.utf8.count, path > chosenPath { continue permutation }
                    }
                    if chosenPath.isEmpty || path < chosenPath {
                        chosenPath = path
                        chosenIssuer = issuerCopy
                    }
                }
                dataToHash += chosenPath
                issuer = chosenIssuer ?? issuer
            }
            return (hexDigest(dataToHash), issuer)
        }
    }
}

/// All orderings of a small list (Heap's algorithm, iterative).
struct Permutations: IteratorProtocol {
    private var items: [String]
    private var counters: [Int]
    private var index = 0
    private var first = true

    init(_ items: [String]) {
        self.items = items
        self.counters = Array(repeating: 0, count: items.count)
    }

    mutating func next() -> [String]? {
        if first {
            first = false
            return items
        }
        while index < items.count {
            if counters[index] < index {
                if index % 2 == 0 { items.swapAt(0, index) } else { items.swapAt(counters[index], index) }
                counters[index] += 1
                index = 0
                return items
            }
            counters[index] = 0
            index += 1
        }
        return nil
    }
}
