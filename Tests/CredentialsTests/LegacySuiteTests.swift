import Credentials
import Foundation
import Testing

/// The suites before Data Integrity, on VC 1.1 credentials that DIDKit 0.3.3 made (`Tests/Vectors/didkit`, fresh
/// did:key): Ed25519Signature2018 (a detached JWS, `b64: false`, over the URDNA2015 forms) and Ed25519Signature2020
/// with its own proof `@context`. `Tests/Interop/didkit.sh` repeats this with keys made on the day, against DIDKit.
@Suite("legacy proof suites")
struct LegacySuiteTests {
    static let files = ["didkit/ed25519-signature-2018.json", "didkit/ed25519-signature-2020.json"]
    static let now = DateTime.parse("2026-12-01T22:00:00Z")!

    static func report(_ document: JSONObject) async throws -> VerificationReport {
        try await CredentialVerifier().verify(JSON.object(document).canonicalBytes, at: now)
    }

    static func proofFailure(_ report: VerificationReport) -> String? {
        for entry in report.entries where entry.step == .proof {
            if case .failed(let reason) = entry.outcome { return reason }
        }
        return nil
    }

    /// `document` with its proof's `member` set to `value`.
    static func proof(_ document: JSONObject, _ member: String, _ value: JSON) throws -> JSONObject {
        var proof = try #require(document["proof"]?.objectValue)
        proof[member] = value
        var changed = document
        changed["proof"] = .object(proof)
        return changed
    }

    @Test("a peer-made credential verifies", arguments: files)
    func verifies(_ file: String) async throws {
        let report = try await Self.report(try VectorSupport.object(file))
        #expect(report.isValid, "\(report.failures)")
    }

    @Test("a changed subject, date or creation time fails the proof", arguments: files)
    func tampered(_ file: String) async throws {
        let original = try VectorSupport.object(file)
        var subject = original
        subject["credentialSubject"] = ["id": "did:example:someone-else"]
        var date = original
        date["issuanceDate"] = "2026-01-16T00:00:00Z"
        let created = try Self.proof(original, "created", "2020-01-01T00:00:00Z")
        for changed in [subject, date, created] {
            let report = try await Self.report(changed)
            #expect(!report.isValid)
            #expect(Self.proofFailure(report)?.contains("signature does not match the document") == true)
        }
    }

    @Test("a 2018 JWS must be detached, EdDSA, unencoded and critical on b64")
    func detachedJWS() async throws {
        let original = try VectorSupport.object(Self.files[0])
        let jws = try #require(original["proof"]?["jws"]?.stringValue)
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func header(_ value: JSON) -> String { Base64URL.encode(value.canonicalBytes) }
        let cases: [(String, String)] = [
            (parts[0] + ".e30." + parts[2], "not a detached JWS"),
            (header(["alg": "ES256", "b64": false, "crit": ["b64"]]) + ".." + parts[2], "names alg ES256"),
            (header(["alg": "EdDSA", "crit": ["b64"]]) + ".." + parts[2], "does not say b64: false"),
            (header(["alg": "EdDSA", "b64": false]) + ".." + parts[2], "must list exactly b64 as critical"),
            (header(["alg": "EdDSA", "b64": false, "crit": ["b64", "exp"]]) + ".." + parts[2], "must list exactly b64 as critical"),
            (parts[0] + "..%%%", "not base64url"),
            (parts[0] + ".." + String(parts[2].dropLast(8)), "not 64"),
        ]
        for (jws, reason) in cases {
            let failure = Self.proofFailure(try await Self.report(try Self.proof(original, "jws", .string(jws))))
            #expect(failure?.contains(reason) == true, "\(jws): \(failure ?? "no proof failure")")
        }
        // The header is signed as written: the same header re-encoded differently no longer verifies.
        let reordered = try Self.proof(original, "jws", .string(header(["b64": false, "crit": ["b64"], "alg": "EdDSA"]) + ".." + parts[2]))
        #expect(Self.proofFailure(try await Self.report(reordered))?.contains("signature does not match the document") == true)
    }

    @Test("a Data Integrity proof's @context must still open the document's; a 2020 proof's need not")
    func proofContext() async throws {
        let legacy = try VectorSupport.object(Self.files[1])
        #expect(legacy["proof"]?["@context"] != nil && legacy["@context"]?.items.count == 1)
        #expect(try await Self.report(legacy).isValid)
        let jcs = try VectorSupport.object("vc-di-eddsa/eddsa-jcs-2022/signedJCS.json")
        let foreign = try Self.proof(jcs, "@context", ["https://w3id.org/security/suites/ed25519-2020/v1"])
        let checks = try await VectorSupport.integrity.verifyProofs(foreign, resolver: StandardResolver(), at: VectorSupport.now)
        #expect(checks.first?.failure == "the proof's @context does not match the document's")
        // Only the 2018 suite's `jws` is left out of what is signed: a `jws` added to another proof is a change.
        let rdfc = try VectorSupport.object("vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json")
        #expect(try await VectorSupport.integrity.verifyProofs(rdfc, resolver: StandardResolver(), at: VectorSupport.now).first?.isValid == true)
        let padded = try Self.proof(rdfc, "jws", "eyJhbGciOiJFZERTQSJ9..AAAA")
        let paddedChecks = try await VectorSupport.integrity.verifyProofs(padded, resolver: StandardResolver(), at: VectorSupport.now)
        #expect(paddedChecks.first?.failure?.contains("does not match the document") == true)
    }
}
