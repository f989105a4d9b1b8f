import Credentials
import Foundation
import Testing

/// Contexts real credentials name beside the core ones, bundled (never fetched): 1EdTech's extensions context, the
/// JWK context and StatusList2021 beside Open Badges 3.0; data-integrity v1 on a VC 1.1 credential; the citizenship
/// vocabulary on a VC 2.0 one.
@Suite struct BundledContextTests {
    static func plain(_ contexts: [String], subject: JSON) -> JSON {
        let issuedKey = contexts.first == "https://www.w3.org/2018/credentials/v1" ? "issuanceDate" : "validFrom"
        return [
            "@context": .array(contexts.map(JSON.string)), "id": "urn:uuid:7d6c8f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "type": ["VerifiableCredential"], "issuer": .string(RoundTripTests.issuerKey.did),
            .init(stringLiteral: issuedKey): "2026-01-01T00:00:00Z",
            "credentialSubject": subject,
        ]
    }

    static var credentials: [(String, JSON)] {
        var list: [(String, JSON)] = []
        for url in [
            "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json", "https://w3id.org/security/jwk/v1", "https://w3id.org/vc/status-list/2021/v1",
        ] {
            guard case .object(var badge) = RoundTripTests.badge(), case .array(var contexts)? = badge["@context"] else { continue }
            contexts.append(.string(url))
            badge["@context"] = .array(contexts)
            list.append((url, .object(badge)))
        }
        list.append(
            (
                "https://w3id.org/security/data-integrity/v1",
                plain(
                    ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v1"],
                    subject: ["id": "did:example:learner-1"])
            ))
        list.append(
            (
                "https://w3id.org/citizenship/v4rc1",
                plain(
                    ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/citizenship/v4rc1"],
                    subject: ["id": "did:example:learner-1", "type": ["Person"], "givenName": "Aroha", "familyName": "Ngata"])
            ))
        return list
    }

    @Test("credentials naming bundled contexts verify in every Data Integrity suite and as VC-JWT")
    func bundled() async throws {
        for (url, credential) in Self.credentials {
            for securing in RoundTripTests.Securing.allCases where securing != .jwt11 {
                let report = try await RoundTripTests.verifier().verify(try RoundTripTests.secure(credential, securing), at: RoundTripTests.now)
                #expect(report.isValid, "\(url) \(securing): \(report.failures)")
            }
        }
    }
}

/// A status list published as a VC-JWT (as a JOSE issuer publishes it) is checked like a JSON-LD one: its signature, then
/// the bit.
@Suite struct JWTStatusListTests {
    static func jwtList(revoking index: Int?, key: Ed25519KeyPair = RoundTripTests.issuerKey) throws -> JSON {
        var list = BitstringStatusList()
        if let index { try list.set(index, to: true) }
        let unsigned = list.credential(
            id: RoundTripTests.listURL, issuer: RoundTripTests.issuerKey.did, purpose: .revocation, validFrom: "2026-01-01T00:00:00Z")
        return .string(try VCJWT.sign(unsigned, with: key, keyID: RoundTripTests.issuerKey.verificationMethod))
    }

    @Test("valid, revoked, and a list signed by another key", arguments: RoundTripTests.Securing.allCases)
    func jwtList(_ securing: RoundTripTests.Securing) async throws {
        let credential = try RoundTripTests.secure(RoundTripTests.badge(), securing)
        func report(_ list: JSON) async throws -> VerificationReport {
            try await CredentialVerifier(resources: StaticResources([RoundTripTests.listURL: list])).verify(credential, at: RoundTripTests.now)
        }
        let valid = try await report(try Self.jwtList(revoking: nil))
        #expect(valid.isValid, "\(valid.failures)")
        #expect(valid.entries.contains { $0.step == .status && $0.outcome == .passed })
        let revoked = try await report(try Self.jwtList(revoking: 94_567))
        #expect(!revoked.isValid)
        #expect("\(revoked.failures)".contains("revoked"))
        let forged = try await report(try Self.jwtList(revoking: nil, key: RoundTripTests.otherKey))
        #expect(!forged.isValid)
        #expect("\(forged.failures)".contains("status list credential does not verify"), "\(forged.failures)")
        // A list that verifies but was published by someone else does not speak for the credential.
        var other = BitstringStatusList()
        try other.set(1, to: true)
        let othersList = JSON.string(
            try VCJWT.sign(
                other.credential(
                    id: RoundTripTests.listURL, issuer: RoundTripTests.otherKey.did, purpose: .revocation, validFrom: "2026-01-01T00:00:00Z"),
                with: RoundTripTests.otherKey, keyID: RoundTripTests.otherKey.verificationMethod))
        let foreign = try await report(othersList)
        #expect(!foreign.isValid)
        #expect("\(foreign.failures)".contains("not by the credential"), "\(foreign.failures)")
    }

    /// Bitstring Status List lets someone other than the issuer publish the list; the issuer says so by listing the key
    /// that signs it in its own controller document. A did:key issuer cannot be given another document.
    @Test("a list another party publishes speaks for the credential when the issuer's controller document lists its key")
    func delegatedList() async throws {
        let issuerURL = "https://issuer.example/unitec"
        guard case .object(var badge) = RoundTripTests.badge(), case .object(var issuer)? = badge["issuer"] else {
            Issue.record("the badge has no issuer object")
            return
        }
        issuer["id"] = .string(issuerURL)
        badge["issuer"] = .object(issuer)
        let credential = try RoundTripTests.secure(.object(badge), .rdfc)
        var list = BitstringStatusList()
        try list.set(1, to: true)
        let published = try DataIntegrity().sign(
            list.credential(id: RoundTripTests.listURL, issuer: RoundTripTests.otherKey.did, purpose: .revocation, validFrom: "2026-01-01T00:00:00Z"),
            with: RoundTripTests.otherKey,
            options: ProofOptions(
                cryptosuite: .eddsaRdfc2022, verificationMethod: RoundTripTests.otherKey.verificationMethod, created: "2026-01-01T00:00:00Z"))
        func report(listing methods: [String]) async throws -> VerificationReport {
            let controller: JSON = [
                "@context": "https://www.w3.org/ns/cid/v1", "id": .string(issuerURL), "assertionMethod": .array(methods.map { .string($0) }),
            ]
            let resources = StaticResources([RoundTripTests.listURL: published, issuerURL: controller])
            return try await CredentialVerifier(resources: resources).verify(credential, at: RoundTripTests.now)
        }
        let both = [RoundTripTests.issuerKey.verificationMethod, RoundTripTests.otherKey.verificationMethod]
        let delegated = try await report(listing: both)
        #expect(delegated.isValid, "\(delegated.failures)")
        #expect(delegated.entries.contains { $0.step == .status && $0.outcome == .passed && $0.subject.contains("published by") })
        let undelegated = try await report(listing: [RoundTripTests.issuerKey.verificationMethod])
        #expect(!undelegated.isValid)
        #expect("\(undelegated.failures)".contains("no controller document of the issuer lists the key"), "\(undelegated.failures)")
    }
}

/// StatusList2021, the status scheme of most VC 1.1 badges issued before Bitstring Status List: an entry of type
/// StatusList2021Entry pointing at a StatusList2021Credential (JSON-LD with a Data Integrity proof, or a VC-JWT).
@Suite struct StatusList2021Tests {
    static let listURL = "https://issuer.example/status/2021/3"
    static let contexts: [JSON] = [
        "https://www.w3.org/2018/credentials/v1", "https://w3id.org/vc/status-list/2021/v1", "https://w3id.org/security/data-integrity/v1",
    ]

    static func credential() -> JSON {
        [
            "@context": .array(contexts), "id": "urn:uuid:5e3c2b1a-0000-4000-8000-00000000a021", "type": ["VerifiableCredential"],
            "issuer": .string(RoundTripTests.issuerKey.did), "issuanceDate": "2025-01-01T00:00:00Z",
            "credentialSubject": ["id": "did:example:learner-2021"],
            "credentialStatus": [
                "id": .string(listURL + "#42"), "type": "StatusList2021Entry", "statusPurpose": "revocation", "statusListIndex": "42",
                "statusListCredential": .string(listURL),
            ],
        ]
    }

    static func list(revoking index: Int?, asJWT: Bool) throws -> JSON {
        var bits = BitstringStatusList()
        if let index { try bits.set(index, to: true) }
        // StatusList2021 writes the list as base64url without a multibase prefix.
        let encoded = String(bits.encodedList.dropFirst())
        let unsigned: JSON = [
            "@context": .array(contexts), "id": .string(listURL), "type": ["VerifiableCredential", "StatusList2021Credential"],
            "issuer": .string(RoundTripTests.issuerKey.did), "issuanceDate": "2025-01-01T00:00:00Z",
            "credentialSubject": [
                "id": .string(listURL + "#list"), "type": "StatusList2021", "statusPurpose": "revocation", "encodedList": .string(encoded),
            ],
        ]
        if asJWT {
            return .string(try VCJWT.sign(unsigned, with: RoundTripTests.issuerKey, keyID: RoundTripTests.issuerKey.verificationMethod, form: .vc11))
        }
        return try DataIntegrity().sign(
            unsigned, with: RoundTripTests.issuerKey,
            options: ProofOptions(
                cryptosuite: .eddsaRdfc2022, verificationMethod: RoundTripTests.issuerKey.verificationMethod, created: "2025-01-01T00:00:00Z"))
    }

    @Test("a StatusList2021 entry is checked against its list, JSON-LD or JWT", arguments: [false, true])
    func statusList2021(_ asJWT: Bool) async throws {
        for securing in [RoundTripTests.Securing.rdfc, .jwt11] {
            let credential = try RoundTripTests.secure(Self.credential(), securing)
            func report(_ revoking: Int?) async throws -> VerificationReport {
                try await CredentialVerifier(resources: StaticResources([Self.listURL: try Self.list(revoking: revoking, asJWT: asJWT)]))
                    .verify(credential, at: RoundTripTests.now)
            }
            let valid = try await report(nil)
            #expect(valid.isValid, "\(securing) list as JWT \(asJWT): \(valid.failures)")
            #expect(valid.entries.contains { $0.step == .status && $0.outcome == .passed })
            let revoked = try await report(42)
            #expect("\(revoked.failures)".contains("the credential is revoked"), "\(securing) list as JWT \(asJWT): \(revoked.failures)")
        }
    }
}
