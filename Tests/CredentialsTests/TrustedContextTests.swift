import Credentials
import Crypto
import Foundation
import Testing

/// Contexts an operator trusts (`ACCORD_CONTEXTS_DIR`): each pinned by SHA-256, none redefining a bundled one.
@Suite("trusted contexts")
struct TrustedContextTests {
    static let url = "https://skills.example/contexts/v1"
    static let document = Array(#"{"@context": {"@version": 1.1, "skill": "https://skills.example/vocab#skill"}}"#.utf8)

    static func directory(_ index: String, file: [UInt8] = document) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-contexts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(file).write(to: directory.appendingPathComponent("skills.jsonld"))
        try Data(index.utf8).write(to: directory.appendingPathComponent("index.json"))
        return directory
    }

    static var pin: String { Hex.encode(Array(SHA256.hash(data: document))) }

    @Test("a pinned context loads; the bundled ones keep their documents")
    func pinned() throws {
        let directory = try Self.directory(#"{"\#(Self.url)": {"file": "skills.jsonld", "sha256": "\#(Self.pin)"}}"#)
        defer { try? FileManager.default.removeItem(at: directory) }
        let trusted = try BundledContexts.trusted(directory: directory)
        #expect(trusted.keys.sorted() == [Self.url])
        let contexts = BundledContexts.shared.adding(trusted).adding(["https://www.w3.org/ns/credentials/v2": ["@context": [:]]])
        #expect(contexts.urls.contains(Self.url))
        #expect(
            try contexts.context(at: "https://www.w3.org/ns/credentials/v2")
                == BundledContexts.shared.context(at: "https://www.w3.org/ns/credentials/v2"))
    }

    @Test("a wrong pin, a missing pin, a file outside, a bundled URL or a non-context is refused with the reason")
    func refused() throws {
        let cases: [(String, [UInt8], String)] = [
            (#"{"\#(Self.url)": {"file": "skills.jsonld", "sha256": "00"}}"#, Self.document, "but the index pins 00"),
            (#"{"\#(Self.url)": {"file": "skills.jsonld"}}"#, Self.document, "needs a file and its sha256"),
            (#"{"\#(Self.url)": {"file": "../skills.jsonld", "sha256": "\#(Self.pin)"}}"#, Self.document, "cannot be read inside"),
            (#"{"https://www.w3.org/ns/credentials/v2": {"file": "skills.jsonld", "sha256": "\#(Self.pin)"}}"#, Self.document, "is bundled"),
            (
                #"{"\#(Self.url)": {"file": "skills.jsonld", "sha256": "\#(Hex.encode(Array(SHA256.hash(data: Array("[1]".utf8)))))"}}"#,
                Array("[1]".utf8), "not a JSON-LD context"
            ),
            ("[]", Self.document, "is missing or is not a JSON object"),
        ]
        for (index, file, reason) in cases {
            let directory = try Self.directory(index, file: file)
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect {
                try BundledContexts.trusted(directory: directory)
            } throws: { error in
                (error as? BundledContexts.TrustError)?.description.contains(reason) == true
            }
        }
    }
}
