import Credentials
import Foundation
import Testing

/// Hostile and broken input: each gives a clear error or an invalid report, never a crash or a hang.
@Suite struct CredentialBadInputTests {
    let verifier = CredentialVerifier()
    let now = DateTime.parse("2026-11-23T12:00:00Z")!

    func signedBadge() throws -> JSON {
        let key = RoundTripTests.issuerKey
        var badge = RoundTripTests.badge().objectValue!
        badge["credentialStatus"] = nil
        return try DataIntegrity().sign(
            .object(badge), with: key,
            options: ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: key.verificationMethod, created: "2026-01-01T00:00:00Z"))
    }

    @Test("invalid JSON is a JSON error") func invalidJSON() async {
        await #expect(throws: VerificationError.json(.syntax(offset: 13, expected: "a value"))) {
            try await verifier.verify(Array(#"{"@context": }"#.utf8), at: now)
        }
    }

    @Test("invalid UTF-8 is refused before parsing") func invalidUTF8() async {
        await #expect(throws: VerificationError.unreadable("the input is not valid UTF-8")) {
            try await verifier.verify([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], at: now)
        }
    }

    @Test("a 10,000-deep document stops at the depth limit") func deep() async {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        await #expect(throws: VerificationError.json(.tooDeep(limit: 64))) { try await verifier.verify(Array(deep.utf8), at: now) }
        let deepObject = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        await #expect(throws: VerificationError.json(.tooDeep(limit: 64))) { try await verifier.verify(Array(deepObject.utf8), at: now) }
    }

    @Test("wide objects: 60,000 members parsed, and 60,000 properties expanded out of key order, none lost")
    func wide() throws {
        // Members are held sorted, so the parser and the expanded form each build an object with one sort or merge
        // (member by member, out of key order, would shift the list each time).
        let count = 60_000
        let members = (0..<count).map { #""k\#(count - $0)": \#($0)"# }.joined(separator: ",")
        #expect(try JSON(parsing: "{" + members + "}").objectValue?.count == count)
        // Terms in key order expand to IRIs in the reverse order.
        let terms = JSONObject((0..<count).map { ("t\($0)", JSON.string("https://example.org/p\(count - $0)")) })
        var document = JSONObject((0..<count).map { ("t\($0)", JSON.number(Double($0))) })
        document["@context"] = .object(terms)
        let expanded = try JSONLDProcessor().expand(.object(document))
        #expect(expanded.first?.objectValue?.count == count)
        #expect(expanded.first?["https://example.org/p\(count)"] == [["@value": 0]])
    }

    @Test("deep JSON-LD built in code stops at the expansion depth limit") func deepExpansion() {
        var value: JSON = "leaf"
        for _ in 0..<200 { value = ["https://example.org/p": value] }
        #expect(throws: JSONLDError.self) {
            try JSONLDProcessor().toRDF(["@context": ["https://www.w3.org/ns/credentials/v2"], "https://example.org/p": value])
        }
    }

    @Test("a context that is not bundled is 'could not check', and never fetched") func unknownContext() async throws {
        var badge = try signedBadge().objectValue!
        badge["@context"] = .array(badge["@context"]!.items + ["https://evil.example/context.jsonld"])
        await #expect(throws: VerificationError.unknownContext("https://evil.example/context.jsonld")) {
            try await verifier.verify(.object(badge), at: now)
        }
        #expect(
            throws: JSONLDError(
                .loadingRemoteContextFailed,
                "the context https://evil.example/context.jsonld is not bundled with Accord, and Accord does not fetch contexts")
        ) {
            try JSONLDProcessor().expand(["@context": "https://evil.example/context.jsonld"])
        }
    }

    @Test("redefining a protected term is an error") func protectedOverride() async throws {
        var badge = try signedBadge().objectValue!
        badge["@context"] = .array(badge["@context"]!.items + [["name": "https://evil.example/name"]])
        await #expect(
            throws: VerificationError.proof(.jsonld(JSONLDError(.protectedTermRedefinition, "the protected term name cannot be redefined")))
        ) {
            try await verifier.verify(.object(badge), at: now)
        }
    }

    @Test("a poison graph in a credential stops with an error") func poisonGraph() async throws {
        // Ten blank nodes, each linked to every other: the RDFC-1.0 clique that makes naive canonicalizers run for ever.
        let nodes: [JSON] = (0..<10).map { index in
            .object([
                "id": .string("_:n\(index)"),
                "https://example.org/knows": .array((0..<10).filter { $0 != index }.map { ["id": .string("_:n\($0)")] }),
            ])
        }
        let key = RoundTripTests.issuerKey
        let credential: JSON = [
            "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"], "issuer": .string(key.did),
            "credentialSubject": .array(nodes),
        ]
        #expect(throws: ProofError.canonicalization(.workLimitExceeded(limit: 4_000))) {
            try DataIntegrity().sign(
                credential, with: key, options: ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: key.verificationMethod, created: nil))
        }
    }

    /// Found by the fuzz target: an IRI holding a space let a blank node through as a predicate, and the
    /// canonicalizer then had no canonical label for it.
    @Test("statements RDF does not allow are errors, never a crash") func invalidStatements() throws {
        let fuzzed = "<https://example.com/1> <https://example.com/2> _:e0 _:e3 .\n<https://example.com/16 <https://example.com/2> _:e1 _:e3 .\n"
        #expect(throws: NQuads.ParseError.self) { try NQuads.parse(fuzzed) }
        #expect(throws: NQuads.ParseError.self) { try NQuads.parse("<urn:s> _:p <urn:o> .") }
        #expect(throws: NQuads.ParseError.self) { try NQuads.parse("\"s\" <urn:p> <urn:o> .") }
        #expect(throws: NQuads.ParseError.self) { try NQuads.parse("<urn:s> <urn:p> <urn:o> \"g\" .") }
        #expect(throws: NQuads.ParseError.self) { try NQuads.parse("<urn:s> <urn:p> <urn:o\\n> .") }
        #expect(try NQuads.parse("<urn:s\\u0041> <urn:p> <urn:o> .") == [Quad(.iri("urn:sA"), .iri("urn:p"), .iri("urn:o"))])
        let blankPredicate = Quad(.blank("a"), .blank("p"), .blank("b"))
        #expect(throws: CanonicalizationError.invalidStatement("a predicate must be an IRI")) {
            try RDFCanonicalizer().canonicalize([blankPredicate])
        }
        let literalGraph = Quad(.iri("urn:s"), .iri("urn:p"), .blank("b"), graph: .literal("g", datatype: RDFTerm.xsdString, language: nil))
        #expect(throws: CanonicalizationError.invalidStatement("a graph name cannot be a literal")) {
            try RDFCanonicalizer().canonicalize([literalGraph])
        }
    }

    @Test("a truncated JWT is malformed") func truncatedJWT() async throws {
        let token = try VCJWT.sign(RoundTripTests.badge(), with: RoundTripTests.issuerKey, keyID: RoundTripTests.issuerKey.verificationMethod)
        await #expect(throws: VerificationError.self) { try await verifier.verify(Array(token.prefix(token.count / 2).utf8), at: now) }
        let twoParts = token.split(separator: ".").prefix(2).joined(separator: ".")
        await #expect(throws: VerificationError.malformed("a compact JWT has three dot-separated parts, this has 2")) {
            try await verifier.verifyJWT(twoParts, at: now)
        }
    }

    @Test("a proofValue that is not base58 gives an invalid report") func notBase58() async throws {
        var badge = try signedBadge().objectValue!
        var proof = badge["proof"]!.objectValue!
        proof["proofValue"] = "z0OIl+/not-base58"
        badge["proof"] = .object(proof)
        let report = try await verifier.verify(.object(badge), at: now)
        #expect(
            report.failures.first
                == .init(
                    .proof, "eddsa-rdfc-2022 by \(RoundTripTests.issuerKey.verificationMethod)",
                    .failed(reason: "the proofValue is not multibase base58btc")))
    }

    @Test("an unknown proof type cannot be checked") func unknownProof() async throws {
        var badge = try signedBadge().objectValue!
        badge["proof"] = ["type": "RsaSignature2018", "proofValue": "x", "verificationMethod": "did:example:1#k", "proofPurpose": "assertionMethod"]
        await #expect(throws: VerificationError.unsupportedProof("RsaSignature2018 ")) { try await verifier.verify(.object(badge), at: now) }
    }

    @Test("an unsigned credential cannot be verified") func noProof() async throws {
        await #expect(throws: VerificationError.noProof) { try await verifier.verify(RoundTripTests.badge(), at: now) }
    }

    @Test("Accord's framework-level terms are signed, not dropped") func accordTermsAreCovered() async throws {
        var badge = try signedBadge().objectValue!
        var subject = badge["credentialSubject"]!.objectValue!
        var achievement = subject["achievement"]!.objectValue!
        var level = achievement["frameworkLevel"]!.objectValue!
        level["level"] = "7"
        achievement["frameworkLevel"] = .object(level)
        subject["achievement"] = .object(achievement)
        badge["credentialSubject"] = .object(subject)
        let report = try await verifier.verify(.object(badge), at: now)
        #expect(report.failures.map(\.step).contains(.proof))
        let quads = try JSONLDProcessor().toRDF(RoundTripTests.badge())
        #expect(
            quads.contains {
                $0.predicate == .iri("https://accord.example/ns/credentials#level")
                    && $0.object == .literal("5", datatype: RDFTerm.xsdString, language: nil)
            })
        #expect(quads.contains { $0.predicate == .iri("https://accord.example/ns/credentials#notionalHours") })
    }
}
