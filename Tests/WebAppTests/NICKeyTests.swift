import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RecognitionCore
import SQLKit
import StorageTestSupport
import TestSupport
import Testing
import WebApp

@testable import AccordServices
@testable import Storage

/// A NIC's statement-signing keys through the API, on every engine: the first statement makes the first key; the NIC's
/// evaluators (and admins, and the operator's CLI) rotate it and report a key compromised, no one else; statements the
/// retired key signed still verify, saying so; a statement signed by a key from the day it was reported compromised
/// fails the registry check; the did:web document lists every key; no private key material leaves.
@Suite("NIC signing keys")
struct NICKeyTests {
    /// A decided case at nz-nzqa: its first statement's id.
    static func decidedStatement(_ dependencies: Dependencies, learner: Account?, evaluator: Account?) async throws -> String {
        let desk = RecognitionDesk(dependencies: dependencies)
        let input = RecognitionDesk.ApplicationInput(
            nic: "nz-nzqa", purpose: .employment, kind: .microcredential,
            items: [.init(title: "Certificate in Data Analytics", country: "HK", framework: "hkqf", level: 4, credits: 15)])
        let id = try await desk.apply(input, by: learner).id
        _ = try await desk.submit(id, by: learner)
        _ = try await desk.take(id, by: evaluator)
        let decided = try await desk.decide(
            id, .init(outcome: .partial, credits: 15, differences: [.init(kind: .workload, text: "Smaller")], reasons: "Partial"), by: evaluator)
        return try #require(decided.statements.first)
    }

    @Test("first key on the first statement, rotation, compromise, did:web; only the NIC's evaluators and admins", arguments: TestDatabase.available)
    func journey(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            let admin = try await IssuerKeyTests.seedWithStaff(dependencies)
            let accounts = AccountDesk(dependencies: dependencies)
            var made: [String: Account] = [:]
            for (email, scope) in [("eval@nzqa.example", "nz-nzqa"), ("eval@other.example", "kr-karic")] {
                made[email] = try await accounts.create(
                    email: email, displayName: email, password: "password-123", role: .evaluator, scope: scope, by: admin)
            }
            let learner = try #require(try await dependencies.stores.accounts.credentials(email: "learner@example.org")?.account)
            let evaluator = made["eval@nzqa.example"]
            let firstStatement = try await Self.decidedStatement(dependencies, learner: learner, evaluator: evaluator)
            let router = try await buildRouter(config: APIJourneyTests.config, dependencies: dependencies)
            try await Application(router: router).test(.router) { client in
                let (nz, other, staff, learnerToken, adminToken) = (
                    try await APIJourneyTests.token(client, "eval@nzqa.example", "password-123"),
                    try await APIJourneyTests.token(client, "eval@other.example", "password-123"),
                    try await APIJourneyTests.token(client, "staff@ecnz.example", "staff-password"),
                    try await APIJourneyTests.token(client, "learner@example.org", "learner-password"),
                    try await APIJourneyTests.token(client, "admin@example.org", "admin-password")
                )
                var responses = ""
                func call(_ method: HTTPRequest.Method, _ uri: String, _ bearer: String?, _ body: Any? = nil, expect: HTTPResponse.Status)
                    async throws -> JSON
                {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let bearer { headers[.authorization] = "Bearer \(bearer)" }
                    return try await client.execute(uri: uri, method: method, headers: headers, body: body.map(APIJourneyTests.json)) { response in
                        #expect(response.status == expect, "\(method) \(uri): \(String(buffer: response.body))")
                        responses += String(buffer: response.body)
                        return (try? JSON(parsing: Array(response.body.readableBytesView))) ?? .null
                    }
                }
                func verify(_ statement: String) async throws -> JSON {
                    let document = try await call(.get, "/api/v1/statements/\(statement)", nil, expect: .ok)
                    return try await IssuerKeyTests.verify(client, document.canonicalBytes)
                }

                // The first statement made the NIC's first key: public facts for anyone, active.
                let first = try await call(.get, "/api/v1/nics/nz-nzqa/keys", nil, expect: .ok)
                #expect(first.items.count == 1 && first.items.first?["state"]?.stringValue == "active")
                let firstID = try #require(first.items.first?["id"]?.stringValue)
                _ = try await call(.get, "/api/v1/nics/nowhere/keys", nil, expect: .notFound)

                // Rotation: the NIC's own evaluators and admins only.
                _ = try await call(.post, "/api/v1/nics/nz-nzqa/keys", nil, expect: .unauthorized)
                for refused in [other, staff, learnerToken] { _ = try await call(.post, "/api/v1/nics/nz-nzqa/keys", refused, expect: .forbidden) }
                let second = try await call(.post, "/api/v1/nics/nz-nzqa/keys", nz, expect: .created)
                let secondID = try #require(second["id"]?.stringValue)
                let secondMultibase = try #require(second["public_key_multibase"]?.stringValue)
                let afterRotation = try await call(.get, "/api/v1/nics/nz-nzqa/keys", nil, expect: .ok)
                #expect(afterRotation.items.first { $0["id"]?.stringValue == firstID }?["state"]?.stringValue == "retired")
                _ = try await call(.post, "/api/v1/nics/kr-karic/keys", adminToken, expect: .created)

                // The did:web document lists both keys, the active one first; the retired key's statement still verifies.
                let did = dependencies.site.did(ofNIC: "nz-nzqa")
                let document = try await client.execute(uri: "/nics/nz-nzqa/did.json", method: .get) { response in
                    responses += String(buffer: response.body)
                    return try JSON(parsing: Array(response.body.readableBytesView))
                }
                #expect(document["assertionMethod"]?.items.count == 2)
                #expect(document["assertionMethod"]?.items.first?.stringValue == "\(did)#\(secondMultibase)")
                let old = try await verify(firstStatement)
                #expect(old["valid"] == .bool(true), "\(old.prettyString)")
                let oldFindings = old["registry"]?.items.first
                #expect(oldFindings?["nic"]?.stringValue == "nz-nzqa")
                #expect(oldFindings?["key"]?["state"]?.stringValue == "retired")
                #expect(oldFindings?["notes"]?.items.contains { $0.stringValue?.contains("earlier key of the NIC") == true } == true)

                // The next statement is signed by the new key.
                let secondStatement = try await Self.decidedStatement(dependencies, learner: learner, evaluator: evaluator)
                let signed = try await call(.get, "/api/v1/statements/\(secondStatement)", nil, expect: .ok)
                #expect(signed["proof"]?["verificationMethod"]?.stringValue == "\(did)#\(secondMultibase)")
                #expect(try await verify(secondStatement)["valid"] == .bool(true))

                // Reported compromised from the day it signed: that statement now fails the registry check and says why; the
                // retired key's statement is untouched. Others cannot report it; it cannot be reported twice.
                let compromise = "/api/v1/nic-keys/\(secondID)/compromised"
                let from = ["from": DateTime.format(Date.t0)]
                _ = try await call(.post, compromise, nil, from, expect: .unauthorized)
                for refused in [other, staff, learnerToken] { _ = try await call(.post, compromise, refused, from, expect: .forbidden) }
                _ = try await call(.post, compromise, nz, ["from": "yesterday"], expect: .unprocessableContent)
                _ = try await call(.post, compromise, nz, ["from": "2020-01-01T00:00:00Z"], expect: .unprocessableContent)
                let marked = try await call(.post, compromise, nz, from, expect: .ok)
                #expect(marked["state"]?.stringValue == "compromised")
                _ = try await call(.post, compromise, nz, from, expect: .unprocessableContent)
                let failed = try await verify(secondStatement)
                #expect(failed["valid"] == .bool(false))
                #expect(
                    IssuerKeyTests.registryStep(failed)?["reason"]?.stringValue?.contains("NIC reported compromised") == true,
                    "\(failed.prettyString)")
                #expect(try await verify(firstStatement)["valid"] == .bool(true))

                // With no active key, the NIC's next statement makes a new one.
                let third = try await Self.decidedStatement(dependencies, learner: learner, evaluator: evaluator)
                #expect(try await verify(third)["valid"] == .bool(true))
                #expect(try await call(.get, "/api/v1/nics/nz-nzqa/keys", nil, expect: .ok).items.count == 3)

                // Every change is in the audit log under the key.
                let trail = try await call(.get, "/api/v1/audit?subject=nic-key:\(secondID)", adminToken, expect: .ok)
                #expect(trail.items.compactMap { $0["action"]?.stringValue }.sorted() == ["create", "mark-compromised"], "\(trail.prettyString)")

                // No private key material in anything the server said.
                let (_, pair) = try await NICKeyDesk(dependencies: dependencies).signingKey(for: "nz-nzqa", caller: evaluator)
                #expect(!responses.contains(pair.secretKeyMultibase))
                #expect(!responses.contains(Hex.encode(pair.seed)))
                #expect(!responses.lowercased().contains("sealed"))
            }
            // Sealed at rest, bound to the key's id: another key-encryption key or another id cannot open it.
            let keys = try await dependencies.stores.nicKeys.keys(of: "nz-nzqa")
            for key in keys {
                let sealed = try #require(try await dependencies.stores.nicKeys.sealed(key.id))
                #expect(throws: (any Error).self) { try KeyEncryptionKey.random().open(sealed, keyID: key.id.rawValue) }
                #expect(throws: (any Error).self) { try dependencies.keyEncryption.open(sealed, keyID: "another-id") }
            }
        }
    }

    @Test("a NIC's one key from before rotation becomes its active key, and still opens and signs", arguments: TestDatabase.available)
    func migratedKey(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
            // The table as migration 15 made it, one row per NIC, the key sealed bound to `nic:ID`.
            let pair = try Ed25519KeyPair(seed: [UInt8](repeating: 42, count: 32))
            let sealed = try dependencies.keyEncryption.seal(pair.seed, keyID: "nic:nz-nzqa")
            for statement in [
                "DROP TABLE nic_signing_keys",
                """
                CREATE TABLE nic_keys (nic_id TEXT PRIMARY KEY, did_key TEXT NOT NULL UNIQUE, sealed_key TEXT NOT NULL,
                  kek_id TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
                """,
                """
                INSERT INTO nic_keys VALUES ('nz-nzqa', '\(pair.did)', '\(Data(sealed.combined).base64EncodedString())', '\(sealed.kekID)',
                  \(Date.t0.timeIntervalSince1970))
                """,
                "DELETE FROM schema_migrations WHERE version = 23",
            ] {
                try await database.sql.raw(SQLQueryString(statement)).run()
            }
            try await Migrations.apply(to: database)
            let desk = NICKeyDesk(dependencies: dependencies)
            let keys = try await desk.keys(of: "nz-nzqa")
            #expect(keys.map(\.id) == ["nic:nz-nzqa"] && keys.first?.state == .active)
            #expect(keys.first?.didKey == pair.did && keys.first?.publicKeyMultibase == pair.publicKeyMultibase)
            let (key, opened) = try await desk.signingKey(for: "nz-nzqa", caller: nil)
            #expect(key.id == "nic:nz-nzqa" && opened.did == pair.did)
        }
    }
}
