import Credentials
import Foundation
import Testing

/// Credentials Accord signs, in every suite, verify; any one change makes them fail.
@Suite struct RoundTripTests {
    static let issuerKey = try! Ed25519KeyPair(seed: [UInt8](repeating: 7, count: 32))
    static let otherKey = try! Ed25519KeyPair(seed: [UInt8](repeating: 9, count: 32))
    static let now = DateTime.parse("2026-11-23T12:00:00Z")!
    static let listURL = "https://accord.example/status/nz-unitec/1"

    enum Securing: String, CaseIterable, Sendable {
        case rdfc = "eddsa-rdfc-2022"
        case jcs = "eddsa-jcs-2022"
        case jwt = "vc+jwt"
        case jwt11 = "VC 1.1 JWT"
    }

    static func badge(validUntil: String? = "2030-01-01T00:00:00Z") -> JSON {
        let achievement = Achievement(
            id: "https://accord.example/microcredentials/nz-unitec-forestry-1", name: "Forest Harvesting Planning",
            description: "Plan a small-scale forest harvest to New Zealand standards.", criteriaNarrative: "Assessed plan and site visit.",
            creditsAvailable: 15, notionalHours: 150,
            frameworkLevel: FrameworkLevel(
                framework: "https://accord.example/frameworks/nzqcf", frameworkName: "NZQCF", level: "5", credits: 15, creditSystem: "NZQCF credits"),
            alignments: [Alignment(targetName: "NZQCF level 5", targetURL: "https://www.nzqa.govt.nz/", targetFramework: "NZQCF", targetCode: "5")])
        return OpenBadgeCredential(
            id: "urn:uuid:0b7e3c1e-5a4f-4b3e-9d59-2f0a8e0c9a11", name: "Forest Harvesting Planning",
            issuer: IssuerProfile(id: issuerKey.did, name: "Unitec Institute of Technology"), subjectID: "did:example:learner-1",
            achievement: achievement, validFrom: "2026-01-01T00:00:00Z", validUntil: validUntil,
            credentialStatus: [BitstringStatusList.entry(listID: listURL, index: 94_567, purpose: .revocation)]
        ).json
    }

    static func statusList(revoking index: Int? = nil) throws -> JSON {
        var list = BitstringStatusList()
        if let index { try list.set(index, to: true) }
        let unsigned = list.credential(id: listURL, issuer: issuerKey.did, purpose: .revocation, validFrom: "2026-01-01T00:00:00Z")
        return try DataIntegrity().sign(
            unsigned, with: issuerKey,
            options: ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: issuerKey.verificationMethod, created: "2026-01-01T00:00:00Z"))
    }

    static func secure(_ credential: JSON, _ securing: Securing, key: Ed25519KeyPair = issuerKey, method: String = issuerKey.verificationMethod)
        throws -> [UInt8]
    {
        switch securing {
        case .rdfc, .jcs:
            let suite: Cryptosuite = securing == .rdfc ? .eddsaRdfc2022 : .eddsaJcs2022
            let signed = try DataIntegrity().sign(
                credential, with: key, options: ProofOptions(cryptosuite: suite, verificationMethod: method, created: "2026-01-01T00:00:00Z"))
            return signed.canonicalBytes
        case .jwt: return Array(try VCJWT.sign(credential, with: key, keyID: method).utf8)
        case .jwt11: return Array(try VCJWT.sign(credential, with: key, keyID: method, form: .vc11).utf8)
        }
    }

    static func verifier(revoking index: Int? = nil) throws -> CredentialVerifier {
        CredentialVerifier(resources: StaticResources([listURL: try statusList(revoking: index)]))
    }

    /// A compact JWT's three base64url parts, for tests that alter one of them.
    static func jwtParts(_ token: [UInt8]) -> [String] {
        String(decoding: token, as: UTF8.self).split(separator: ".").map(String.init)
    }

    static func failedSteps(_ report: VerificationReport) -> [VerificationReport.Step] { report.failures.map(\.step) }

    @Test("signed credentials verify", arguments: Securing.allCases)
    func verifies(_ securing: Securing) async throws {
        let report = try await Self.verifier().verify(try Self.secure(Self.badge(), securing), at: Self.now)
        #expect(report.isValid, "\(report.failures)")
        #expect(report.entries.map(\.step).contains(.status))
        #expect(report.entries.contains { $0.step == .status && $0.outcome == .passed })
        #expect(report.entries.contains { $0.step == .shape && $0.outcome == .passed })
    }

    @Test("a one-field change fails the proof", arguments: Securing.allCases)
    func tamperedField(_ securing: Securing) async throws {
        let bytes = try Self.secure(Self.badge(), securing)
        let tampered: [UInt8]
        if securing == .jwt || securing == .jwt11 {
            let parts = Self.jwtParts(bytes)
            var payload = try JSON(parsing: Base64URL.decode(parts[1])!).objectValue!
            if case .object(var vc)? = payload["vc"] {
                vc["name"] = "Forest Harvesting Planning (honours)"
                payload["vc"] = .object(vc)
            } else {
                payload["name"] = "Forest Harvesting Planning (honours)"
            }
            tampered = Array((parts[0] + "." + Base64URL.encode(JSON.object(payload).canonicalBytes) + "." + parts[2]).utf8)
        } else {
            var document = try JSON(parsing: bytes).objectValue!
            document["name"] = "Forest Harvesting Planning (honours)"
            tampered = JSON.object(document).canonicalBytes
        }
        let report = try await Self.verifier().verify(tampered, at: Self.now)
        #expect(Self.failedSteps(report).contains(.proof))
        #expect(!report.isValid)
    }

    @Test("a flipped signature bit fails the proof", arguments: Securing.allCases)
    func flippedBit(_ securing: Securing) async throws {
        let bytes = try Self.secure(Self.badge(), securing)
        let flipped: [UInt8]
        if securing == .jwt || securing == .jwt11 {
            let parts = Self.jwtParts(bytes)
            var signature = Base64URL.decode(parts[2])!
            signature[10] ^= 0x01
            flipped = Array((parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)).utf8)
        } else {
            var document = try JSON(parsing: bytes).objectValue!
            var proof = document["proof"]!.objectValue!
            var signature = Base58.decode(proof["proofValue"]!.stringValue!.dropFirst())!
            signature[10] ^= 0x01
            proof["proofValue"] = .string(Multibase.encodeBase58(signature))
            document["proof"] = .object(proof)
            flipped = JSON.object(document).canonicalBytes
        }
        let report = try await Self.verifier().verify(flipped, at: Self.now)
        #expect(Self.failedSteps(report) == [.proof, .issuer])
    }

    @Test("a signature by another key fails", arguments: Securing.allCases)
    func wrongKey(_ securing: Securing) async throws {
        let bytes = try Self.secure(Self.badge(), securing, key: Self.otherKey, method: Self.issuerKey.verificationMethod)
        let report = try await Self.verifier().verify(bytes, at: Self.now)
        #expect(Self.failedSteps(report).contains(.proof))
    }

    @Test("a key that is not the issuer's fails the issuer step", arguments: [Securing.rdfc, .jwt])
    func notTheIssuer(_ securing: Securing) async throws {
        let bytes = try Self.secure(Self.badge(), securing, key: Self.otherKey, method: Self.otherKey.verificationMethod)
        let report = try await Self.verifier().verify(bytes, at: Self.now)
        #expect(Self.failedSteps(report) == [.issuer])
    }

    @Test("expired and not-yet-valid windows fail validity", arguments: Securing.allCases)
    func validityWindow(_ securing: Securing) async throws {
        let bytes = try Self.secure(Self.badge(validUntil: "2026-06-01T00:00:00Z"), securing)
        let expired = try await Self.verifier().verify(bytes, at: Self.now)
        #expect(Self.failedSteps(expired).contains(.validity))
        let early = try await Self.verifier().verify(bytes, at: DateTime.parse("2025-12-31T23:59:59Z")!)
        #expect(Self.failedSteps(early).contains(.validity))
        let inside = try await Self.verifier().verify(bytes, at: DateTime.parse("2026-03-01T00:00:00Z")!)
        #expect(inside.isValid, "\(inside.failures)")
    }

    @Test("a set status bit fails status, a neighbouring bit does not", arguments: Securing.allCases)
    func revoked(_ securing: Securing) async throws {
        let bytes = try Self.secure(Self.badge(), securing)
        let revoked = try await Self.verifier(revoking: 94_567).verify(bytes, at: Self.now)
        #expect(Self.failedSteps(revoked) == [.status])
        let neighbour = try await Self.verifier(revoking: 94_568).verify(bytes, at: Self.now)
        #expect(neighbour.isValid)
    }

    @Test("a status list that is not the issuer's does not count") func forgedStatusList() async throws {
        let unsigned = BitstringStatusList().credential(
            id: Self.listURL, issuer: Self.issuerKey.did, purpose: .revocation, validFrom: "2026-01-01T00:00:00Z")
        let forged = try DataIntegrity().sign(
            unsigned, with: Self.otherKey,
            options: ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: Self.issuerKey.verificationMethod, created: "2026-01-01T00:00:00Z")
        )
        let verifier = CredentialVerifier(resources: StaticResources([Self.listURL: forged]))
        let report = try await verifier.verify(try Self.secure(Self.badge(), .rdfc), at: Self.now)
        #expect(Self.failedSteps(report) == [.status])
    }

    @Test("a missing status list is 'could not check', not a verdict") func missingStatusList() async throws {
        await #expect(throws: VerificationError.self) {
            try await CredentialVerifier().verify(try Self.secure(Self.badge(), .rdfc), at: Self.now)
        }
    }

    @Test("a presentation with a challenge verifies; a replay with another challenge fails") func presentation() async throws {
        let holder = Self.otherKey
        let credential = try JSON(parsing: try Self.secure(Self.badge(), .rdfc))
        let unsigned = VerifiablePresentation(holder: holder.did, credentials: [credential]).json
        let options = ProofOptions(
            cryptosuite: .eddsaRdfc2022, verificationMethod: holder.verificationMethod, proofPurpose: "authentication",
            created: "2026-11-23T11:59:00Z", challenge: "nonce-123", domain: "accord.example")
        let signed = try DataIntegrity().sign(unsigned, with: holder, options: options)
        let good = try await Self.verifier().verify(signed, at: Self.now, challenge: "nonce-123", domain: "accord.example")
        #expect(good.isValid, "\(good.failures)")
        #expect(good.entries.filter { $0.step == .proof }.count == 2)
        let replay = try await Self.verifier().verify(signed, at: Self.now, challenge: "nonce-456", domain: "accord.example")
        #expect(Self.failedSteps(replay).contains(.proof))
    }

    @Test("a CLR 2.0 record of signed badges verifies") func comprehensiveLearnerRecord() async throws {
        let badge = try JSON(parsing: try Self.secure(Self.badge(), .rdfc))
        let clr = ClrCredential(
            id: "urn:uuid:6a1d2b0c-1111-4c6f-9a7b-3c5d7e9f0a12", name: "Learner record",
            issuer: IssuerProfile(id: Self.issuerKey.did, name: "Unitec"),
            learnerID: "did:example:learner-1", credentials: [badge], validFrom: "2026-02-01T00:00:00Z")
        let signed = try DataIntegrity().sign(
            clr.json, with: Self.issuerKey,
            options: ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: Self.issuerKey.verificationMethod, created: "2026-02-01T00:00:00Z")
        )
        let report = try await Self.verifier().verify(signed, at: Self.now)
        #expect(report.isValid, "\(report.failures)")
    }

    @Test("status lists: at least 131,072 entries, bits set and cleared, GZIP + multibase round trip") func statusListEncoding() throws {
        var list = BitstringStatusList()
        #expect(list.length == 131_072)
        try list.set(0, to: true)
        try list.set(131_071, to: true)
        try list.set(5, to: true)
        try list.set(5, to: false)
        let decoded = try BitstringStatusList(encodedList: list.encodedList)
        #expect(try decoded.isSet(0) && decoded.isSet(131_071) && !decoded.isSet(5))
        #expect(list.encodedList.hasPrefix("uH4sI"))  // multibase base64url of a gzip header
        #expect(throws: BitstringStatusList.Failure.self) { try decoded.isSet(131_072) }
        #expect(throws: BitstringStatusList.Failure.self) { try BitstringStatusList(encodedList: "uAAAA") }
    }

    @Test("did:web issuers resolve through the injected loader") func didWeb() async throws {
        let did = "did:web:unitec.accord.example:providers:nz-unitec"
        let method = did + "#key-1"
        let document: JSON = [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"], "id": .string(did),
            "verificationMethod": [
                [
                    "id": .string(method), "type": "Multikey", "controller": .string(did),
                    "publicKeyMultibase": .string(Self.issuerKey.publicKeyMultibase),
                ]
            ],
            "assertionMethod": [.string(method)],
        ]
        #expect(try DIDWeb.documentURL(for: method) == "https://unitec.accord.example/providers/nz-unitec/did.json")
        #expect(try DIDWeb.documentURL(for: "did:web:example.com%3A8443") == "https://example.com:8443/.well-known/did.json")
        var badge = Self.badge().objectValue!
        badge["issuer"] = IssuerProfile(id: did, name: "Unitec").json
        badge["credentialStatus"] = nil
        let signed = try DataIntegrity().sign(
            .object(badge), with: Self.issuerKey,
            options: ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: method, created: "2026-01-01T00:00:00Z"))
        let resources = StaticResources(["https://unitec.accord.example/providers/nz-unitec/did.json": document])
        let report = try await CredentialVerifier(resources: resources).verify(signed, at: Self.now)
        #expect(report.isValid, "\(report.failures)")
        // The same key listed only under authentication may not assert credentials.
        var authenticationOnly = document.objectValue!
        authenticationOnly["assertionMethod"] = nil
        authenticationOnly["authentication"] = [.string(method)]
        let refused = try await CredentialVerifier(
            resources: StaticResources(["https://unitec.accord.example/providers/nz-unitec/did.json": .object(authenticationOnly)])
        ).verify(signed, at: Self.now)
        #expect(Self.failedSteps(refused).contains(.proof))
    }

    @Test("a VC 1.1 JWT that leaves the issuer to the iss claim verifies") func vc11RegisteredClaims() async throws {
        var credential = Self.badge().objectValue!
        credential["issuer"] = nil
        credential["credentialStatus"] = nil
        let header: JSON = ["alg": "EdDSA", "typ": "JWT", "kid": .string(Self.issuerKey.verificationMethod)]
        let payload: JSON = ["iss": .string(Self.issuerKey.did), "nbf": 1_767_225_600, "vc": .object(credential)]
        let input = Base64URL.encode(header.canonicalBytes) + "." + Base64URL.encode(payload.canonicalBytes)
        let token = input + "." + Base64URL.encode(try Self.issuerKey.sign(Array(input.utf8)))
        let report = try await CredentialVerifier().verifyJWT(token, at: Self.now)
        #expect(Self.failedSteps(report) == [.shape], "\(report.failures)")  // OB 3.0 wants the issuer Profile in the credential itself
        #expect(report.entries.contains { $0.step == .issuer && $0.outcome == .passed })
    }

    @Test("the shape step names what an Open Badge lacks; a type may be one string or an array")
    func shape() async throws {
        func shapeOutcome(_ change: (inout JSONObject) -> Void) async throws -> VerificationReport.Outcome? {
            var credential = Self.badge().objectValue!
            credential["credentialStatus"] = nil
            change(&credential)
            let report = try await CredentialVerifier().verify(try Self.secure(.object(credential), .jcs), at: Self.now)
            return report.entries.first { $0.step == .shape }?.outcome
        }
        #expect(try await shapeOutcome { _ in } == .passed)
        #expect(try await shapeOutcome { $0["credentialSubject"]!.setAchievementType("Achievement") } == .passed)
        #expect(try await shapeOutcome { $0["credentialSubject"]!.setAchievementType(["Achievement", "Other"]) } == .passed)
        #expect(
            try await shapeOutcome { $0["credentialSubject"]!.setAchievementType("Other") }
                == .failed(reason: "missing or malformed: achievement.type Achievement"))
        #expect(try await shapeOutcome { $0["name"] = nil } == .failed(reason: "missing or malformed: name"))
    }
}

extension JSON {
    /// Sets `achievement.type` of a credential subject.
    fileprivate mutating func setAchievementType(_ type: JSON) {
        guard case .object(var subject) = self, case .object(var achievement)? = subject["achievement"] else { return }
        achievement["type"] = type
        subject["achievement"] = .object(achievement)
        self = .object(subject)
    }
}
