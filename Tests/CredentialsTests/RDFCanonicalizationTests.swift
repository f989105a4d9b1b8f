import Credentials
import Foundation
import TestSupport
import Testing

/// The whole W3C RDFC-1.0 suite (Tests/Vectors/rdfc10/manifest.jsonld). An empty
/// manifest fails `suiteIsComplete`, so the parameterised test can never pass by running no case.
@Suite struct RDFCanonicalizationTests {
    struct Entry: Sendable, CustomStringConvertible {
        let id: String
        let name: String
        let type: String
        let action: String
        let result: String?
        let sha384: Bool
        var description: String { "\(id) \(name)" }
    }

    static let entries: [Entry] = {
        guard let data = try? Vectors.data("rdfc10/manifest.jsonld"), let manifest = try? JSON(parsing: data)
        else { return [] }
        return (manifest["entries"]?.items ?? []).compactMap { entry in
            guard let id = entry["id"]?.stringValue, let type = entry["type"]?.stringValue, let action = entry["action"]?.stringValue
            else { return nil }
            return Entry(
                id: id, name: entry["name"]?.stringValue ?? "", type: type, action: action, result: entry["result"]?.stringValue,
                sha384: entry["hashAlgorithm"] == "SHA384")
        }
    }()

    @Test("the manifest lists 64 eval, 21 map and 1 negative test") func suiteIsComplete() {
        #expect(Self.entries.filter { $0.type == "rdfc:RDFC10EvalTest" }.count == 64)
        #expect(Self.entries.filter { $0.type == "rdfc:RDFC10MapTest" }.count == 21)
        #expect(Self.entries.filter { $0.type == "rdfc:RDFC10NegativeEvalTest" }.count == 1)
    }

    @Test("RDFC-1.0 suite entry", arguments: entries)
    func runEntry(_ entry: Entry) throws {
        let input = try NQuads.parse(try Vectors.text("rdfc10/" + entry.action))
        let canonicalizer = RDFCanonicalizer(hashAlgorithm: entry.sha384 ? .sha384 : .sha256)
        switch entry.type {
        case "rdfc:RDFC10NegativeEvalTest":
            #expect(throws: CanonicalizationError.self) { try canonicalizer.canonicalize(input) }
        case "rdfc:RDFC10MapTest":
            let expected = try JSON(parsing: try Vectors.data("rdfc10/" + entry.result!))
            #expect(
                JSON.object(JSONObject(try canonicalizer.canonicalize(input).issuedIdentifiers.map { ($0.key, JSON.string($0.value)) })) == expected)
        default:
            #expect(try canonicalizer.canonicalize(input).nquads == (try Vectors.text("rdfc10/" + entry.result!)))
        }
    }
}

/// A dataset is a set: repeating its quads must not change the canonical form, on the short-list path and the hashed one.
@Suite struct RepeatedQuadTests {
    // Labels follow the order of first-degree hashes, so a repeat that leaked into a hash would flip about half of these.
    @Test("repeated quads change nothing", arguments: [Array(1...10), Array(33...42)])
    func repeats(_ counts: [Int]) throws {
        for count in counts { try repeats(count) }
    }

    func repeats(_ count: Int) throws {
        var text = "_:x <http://example.org/self> _:x .\n_:x <http://example.org/next> _:y .\n"
        for number in 0..<count { text += "_:x <http://example.org/p> \"\(number)\" .\n" }
        let quads = try NQuads.parse(text)
        let once = try RDFCanonicalizer().canonicalize(quads)
        let twice = try RDFCanonicalizer().canonicalize(quads + quads.reversed())
        #expect(twice.nquads == once.nquads)
        #expect(twice.issuedIdentifiers == once.issuedIdentifiers)
        #expect(once.nquads.split(separator: "\n").count == count + 2)
    }
}

/// N-Quads the fuzzer found or that are plainly broken: errors, never traps.
@Suite struct NQuadsParserTests {
    @Test(
        "broken statements are errors",
        arguments: [
            "_:e0 <http://example.org/p> _", "_:e0 <http://example.org/p> \"x\"^", "_:e0 <http://example.org/p> _: .",
            "<http://a> <http://b> <http://c> . trailing", "<http://a> <http://b>", "\"lit\" <http://b> <http://c> .\\u",
        ])
    func broken(_ text: String) {
        #expect(throws: NQuads.ParseError.self) { try NQuads.parse(text) }
    }
}
