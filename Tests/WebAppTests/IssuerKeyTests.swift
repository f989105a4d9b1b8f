import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RecognitionCore
import Storage
import StorageTestSupport
import TestSupport
import Testing
import WebApp

@testable import AccordServices

/// Issuer identities and public verification through the API, on every engine: staff create keys for their own
/// provider only; the did:web document lists them; a credential signed with one verifies with the registry's facts;
/// a tampered one, an outsider's and one signed with a compromised key say so; no private key material leaves.
@Suite("issuer keys and verification")
struct IssuerKeyTests {
    static let listing = "nz-ecnz-he-pataka-reo"

    /// An OB 3.0 credential for the listing, issued by `issuer`, signed with eddsa-rdfc-2022 by `method`.
    static func credential(
        issuer: String, method: String, pair: Ed25519KeyPair, name: String = "He Pātaka Reo", validFrom: String = "2026-11-20T00:00:00Z"
    ) throws -> [UInt8] {
        let site = PublicSite()
        let badge = OpenBadgeCredential(
            id: "urn:uuid:6f1c5a52-2b1d-4c5e-9e59-1d2f3a4b5c6d", name: name, issuer: IssuerProfile(id: issuer, name: "ECNZ"),
            subjectID: "did:example:learner",
            achievement: Achievement(
                id: site.microcredentialURL(.init(listing)), name: name, description: "Te reo Māori for early childhood",
                criteriaNarrative: "Assessed online"), validFrom: validFrom)
        let options = ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: method, created: "2026-11-20T00:00:00Z")
        return try DataIntegrity().sign(badge.json, with: pair, options: options).canonicalBytes
    }

    static func verify(_ client: some TestClientProtocol, _ body: [UInt8]) async throws -> JSON {
        try await client.execute(
            uri: "/api/v1/verify", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body)
        ) { response in
            #expect(response.status == .ok)
            return try JSON(parsing: Array(response.body.readableBytesView))
        }
    }

    /// Reference data, an admin, staff of nz-ecnz (`staff@ecnz.example`) and of nz-unitec (`staff@unitec.example`), and a
    /// learner (`learner@example.org`); passwords `staff-password` and `learner-password`. Returns the admin.
    static func seedWithStaff(_ dependencies: Dependencies) async throws -> Account {
        _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
        let accounts = AccountDesk(dependencies: dependencies)
        let admin = try await accounts.createFirstAdmin(email: "admin@example.org", displayName: "Admin", password: "admin-password")
        for (email, scope) in [("staff@ecnz.example", "nz-ecnz"), ("staff@unitec.example", "nz-unitec")] {
            _ = try await accounts.create(
                email: email, displayName: "Staff", password: "staff-password", role: .providerStaff, scope: scope, by: admin)
        }
        _ = try await accounts.create(
            email: "learner@example.org", displayName: "Learner", password: "learner-password", role: .learner, scope: nil, by: admin)
        return admin
    }

    static func registryStep(_ report: JSON) -> JSON? {
        report["steps"]?.items.first { $0["step"]?.stringValue == "registry" }
    }

    @Test("keys, did:web, verification with the registry check", arguments: TestDatabase.available)
    func journey(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            _ = try await Self.seedWithStaff(dependencies)
            let router = try await buildRouter(config: APIJourneyTests.config, dependencies: dependencies)
            let signer = Signer()
            try await Application(router: router).test(.router) { client in
                let staff = try await APIJourneyTests.token(client, "staff@ecnz.example", "staff-password")
                let other = try await APIJourneyTests.token(client, "staff@unitec.example", "staff-password")
                let uri = "/api/v1/providers/nz-ecnz/issuer-keys"
                try await client.execute(uri: uri, method: .post) { #expect($0.status == .unauthorized) }
                try await client.execute(uri: uri, method: .post, headers: [.authorization: "Bearer \(other)"]) { #expect($0.status == .forbidden) }
                var responses = ""
                let created = try await client.execute(uri: uri, method: .post, headers: [.authorization: "Bearer \(staff)"]) { response in
                    #expect(response.status == .created)
                    responses += String(buffer: response.body)
                    return try JSON(parsing: Array(response.body.readableBytesView))
                }
                let multibase = try #require(created["public_key_multibase"]?.stringValue)
                #expect(created["state"]?.stringValue == "active")
                let did = dependencies.site.did(of: "nz-ecnz")
                try await client.execute(uri: "/providers/nz-ecnz/did.json", method: .get) { response in
                    let document = try JSON(parsing: Array(response.body.readableBytesView))
                    responses += String(buffer: response.body)
                    #expect(document["id"]?.stringValue == did)
                    #expect(document["assertionMethod"]?.items.first?.stringValue == "\(did)#\(multibase)")
                }
                try await client.execute(uri: uri, method: .get) { responses += String(buffer: $0.body) }

                // Signed by the provider's registered key: every check passes, the registry names the provider.
                let (key, pair) = try await IssuerDesk(dependencies: dependencies).signingKey(for: "nz-ecnz")
                signer.set(key, pair)
                #expect(key.publicKeyMultibase == multibase)
                let good = try Self.credential(issuer: did, method: "\(did)#\(multibase)", pair: pair)
                let report = try await Self.verify(client, good)
                #expect(report["valid"] == .bool(true), "\(report.prettyString)")
                #expect(Self.registryStep(report)?["outcome"]?.stringValue == "passed")
                let findings = try #require(report["registry"]?.items.first)
                #expect(findings["in_registry"] == .bool(true))
                #expect(findings["provider"]?["id"]?.stringValue == "nz-ecnz")
                #expect(findings["provider"]?["qa_status_today"]?.stringValue == "accredited")
                #expect(findings["microcredential"]?["id"]?.stringValue == Self.listing)

                // Tampered after signing: the proof fails.
                var tampered = try JSON(parsing: good)
                if case .object(var object) = tampered {
                    object["name"] = "Something else"
                    tampered = .object(object)
                }
                #expect(try await Self.verify(client, tampered.canonicalBytes)["valid"] == .bool(false))

                // An issuer outside the registry: the signature verifies, the registry step says who it is not.
                let outsider = try Ed25519KeyPair(seed: [UInt8](repeating: 7, count: 32))
                let foreign = try await Self.verify(
                    client, try Self.credential(issuer: outsider.did, method: outsider.verificationMethod, pair: outsider))
                #expect(foreign["valid"] == .bool(true))
                #expect(Self.registryStep(foreign)?["reason"]?.stringValue == "issuer not in the registry")

                // Reported compromised from before the issue date: the registry check fails.
                try await client.execute(
                    uri: "/api/v1/issuer-keys/\(key.id.rawValue)/compromised", method: .post,
                    headers: [.authorization: "Bearer \(other)", .contentType: "application/json"],
                    body: APIJourneyTests.json(["from": "2026-11-01T00:00:00Z"])
                ) { #expect($0.status == .forbidden) }
                try await client.execute(
                    uri: "/api/v1/issuer-keys/\(key.id.rawValue)/compromised", method: .post,
                    headers: [.authorization: "Bearer \(staff)", .contentType: "application/json"],
                    body: APIJourneyTests.json(["from": DateTime.format(Date.t0)])
                ) { #expect($0.status == .ok) }
                // Signed before the compromise: still trusted. Signed from then: the registry step fails and says why.
                #expect(try await Self.verify(client, good)["valid"] == .bool(true))
                let late = try Self.credential(issuer: did, method: "\(did)#\(multibase)", pair: pair, validFrom: DateTime.format(Date.t0))
                let compromised = try await Self.verify(client, late)
                #expect(compromised["valid"] == .bool(false))
                #expect(Self.registryStep(compromised)?["reason"]?.stringValue?.contains("compromised") == true)

                // No private key material in anything the server said.
                #expect(!responses.contains(pair.secretKeyMultibase))
                #expect(!responses.contains(Hex.encode(pair.seed)))
                #expect(!responses.lowercased().contains("sealed"))
            }
            // The database holds the key sealed: not the seed, and another key-encryption key cannot open it.
            let (key, pair) = try #require(signer.value)
            let sealed = try #require(try await dependencies.stores.issuerKeys.sealed(key.id))
            #expect(!Data(sealed.combined).base64EncodedString().contains(Data(pair.seed).base64EncodedString()))
            #expect(throws: (any Error).self) { try KeyEncryptionKey.random().open(sealed, keyID: key.id.rawValue) }
            #expect(throws: (any Error).self) { try dependencies.keyEncryption.open(sealed, keyID: "another-id") }
        }
    }
}

/// Carries the signing key out of the test client's closure.
final class Signer: @unchecked Sendable {
    private(set) var value: (IssuerKey, Ed25519KeyPair)?
    func set(_ key: IssuerKey, _ pair: Ed25519KeyPair) { value = (key, pair) }
}
