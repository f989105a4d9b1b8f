import AccordServices
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

/// The learner's journey through the real HTTP API on both engines: claim two Accord credentials, import one that
/// another issuer signed, see all three stack toward the seeded forestry pathway with the conversion explained; hide,
/// delete, duplicates, a tampered credential, and another learner who can see and change none of it.
@Suite("learner record")
struct LearnerRecordTests {
    static let pathway = "nz-forestry-leadership-l5-example"

    /// An Open Badges 3.0 credential from an issuer outside the registry (its own did:key), 6 ECTS at EQF level 5 by an
    /// alignment, signed with eddsa-rdfc-2022.
    static func foreign(name: String = "Sustainable forest operations") throws -> [UInt8] {
        let pair = try Ed25519KeyPair(seed: [UInt8](repeating: 11, count: 32))
        let badge = OpenBadgeCredential(
            id: "urn:uuid:0b4e1c7e-3f55-4a57-9d0e-8a1f2b3c4d5e", name: name, issuer: IssuerProfile(id: pair.did, name: "Forest School Europe"),
            subjectID: "did:example:learner",
            achievement: Achievement(
                id: "https://forest.example/achievements/sfo", name: name, description: "Plan and run sustainable harvesting",
                criteriaNarrative: "Assessed project", creditsAvailable: 6,
                alignments: [
                    Alignment(targetName: "EQF level 5", targetURL: "https://europass.europa.eu/en/eqf", targetFramework: "eqf", targetCode: "5")
                ]),
            validFrom: "2026-10-01T00:00:00Z")
        let options = ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: pair.verificationMethod, created: "2026-10-01T00:00:00Z")
        return try DataIntegrity().sign(badge.json, with: pair, options: options).canonicalBytes
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
    }

    @Test("claim, import, stack, hide, delete; another learner sees nothing", arguments: TestDatabase.available)
    func journey(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
            let accounts = AccountDesk(dependencies: dependencies)
            let admin = try await accounts.createFirstAdmin(email: "admin@example.org", displayName: "Admin", password: "admin-password")
            for email in ["aroha@example.org", "other@example.org"] {
                _ = try await accounts.create(
                    email: email, displayName: email, password: "learner-password", role: .learner, scope: nil, by: admin)
            }
            _ = try await IssuerDesk(dependencies: dependencies).createKey(for: "nz-mukatangata", by: admin)
            var claims: [String] = []
            for listing in ["nz-nzqa-128484-1", "nz-nzqa-128479-1"] {
                claims.append(
                    try await IssuingDesk(dependencies: dependencies).issue(
                        .init(microcredential: .init(listing), recipient: .email("aroha@example.org"), recipientName: "Aroha"), by: admin
                    ).claimToken)
            }
            let tokens = claims
            let app = Application(router: try await buildRouter(config: AppConfig(), dependencies: dependencies))
            try await app.test(.router) { client in
                let learner = try await APIJourneyTests.token(client, "aroha@example.org", "learner-password")
                let other = try await APIJourneyTests.token(client, "other@example.org", "learner-password")
                let json: HTTPFields = [.authorization: "Bearer \(learner)", .contentType: "application/json"]
                var ids: [String] = []
                for claim in tokens {
                    try await client.execute(
                        uri: "/api/v1/record/claims", method: .post, headers: json, body: APIJourneyTests.json(["token": claim])
                    ) { response in
                        #expect(response.status == .created)
                        let entry = try Self.object(response)
                        #expect(entry["facts_source"] as? String == "registry")
                        #expect(entry["standing"] as? String == "valid")
                        ids.append(entry["id"] as? String ?? "")
                    }
                }
                // The same claim again: recognised.
                try await client.execute(
                    uri: "/api/v1/record/claims", method: .post, headers: json, body: APIJourneyTests.json(["token": tokens[0]])
                ) { #expect($0.status == .conflict) }
                // A credential another issuer signed: verified, its EQF level and ECTS read from the credential.
                try await client.execute(
                    uri: "/api/v1/record/credentials", method: .post, headers: json, body: ByteBuffer(bytes: try Self.foreign())
                ) { response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                    let entry = try Self.object(response)
                    #expect(entry["framework"] as? String == "eqf" && entry["level"] as? Int == 5 && entry["credits"] as? Double == 6)
                    #expect(entry["standing"] as? String == "checked-on-entry")
                    ids.append(entry["id"] as? String ?? "")
                }
                try await client.execute(
                    uri: "/api/v1/record/credentials", method: .post, headers: json, body: ByteBuffer(bytes: try Self.foreign())
                ) { #expect($0.status == .conflict) }
                // Tampered: refused with the failed check, nothing added.
                var tampered = try JSON(parsing: try Self.foreign())
                if case .object(var object) = tampered {
                    object["name"] = "Something else"
                    tampered = .object(object)
                }
                try await client.execute(
                    uri: "/api/v1/record/credentials", method: .post, headers: json, body: ByteBuffer(bytes: tampered.canonicalBytes)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let issues = try APIJourneyTests.problem(response)["issues"] as? [[String: Any]] ?? []
                    #expect(issues.contains { $0["field"] as? String == "proof" })
                }
                try await client.execute(uri: "/api/v1/record", method: .get, headers: json) { response in
                    let items = try Self.object(response)["items"] as? [Any]
                    #expect(items?.count == 3)
                }

                // All three count toward the seeded pathway: 40 + 15 NZQCF credits, and 6 ECTS = 150–180 h = 15–18.
                try await client.execute(uri: "/api/v1/record/progress/\(Self.pathway)", method: .get, headers: json) { response in
                    #expect(response.status == .ok)
                    let progress = try Self.object(response)
                    #expect(progress["status"] as? String == "complete")
                    #expect(progress["version"] as? Int == 1)
                    let rules = progress["rules"] as? [[String: Any]] ?? []
                    #expect(rules.first?["have"] as? [String: Double] == ["min": 70, "max": 73])
                    let uses = progress["credentials"] as? [[String: Any]] ?? []
                    #expect(uses.count == 3)
                    #expect(uses.last?["conversion"] as? String == "6 eqf credits = 150–180 notional hours = 15–18 nzqcf credits.")
                    #expect(uses.last?["level"] as? String == "level 5–6 (nzqf-eqf)")
                }

                // Another learner can neither read nor change the record.
                let others: HTTPFields = [.authorization: "Bearer \(other)", .contentType: "application/json"]
                try await client.execute(uri: "/api/v1/record/credentials/\(ids[0])", method: .get, headers: others) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(
                    uri: "/api/v1/record/credentials/\(ids[0])", method: .patch, headers: others, body: APIJourneyTests.json(["hidden": true])
                ) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/v1/record/credentials/\(ids[0])", method: .delete, headers: others) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/api/v1/record", method: .get, headers: others) { response in
                    let items = try Self.object(response)["items"] as? [Any]
                    #expect(items?.count == 0)
                }

                // Hidden, the leadership credential stops counting; deleted, the import is gone.
                try await client.execute(
                    uri: "/api/v1/record/credentials/\(ids[0])", method: .patch, headers: json, body: APIJourneyTests.json(["hidden": true])
                ) { response in
                    #expect(response.status == .ok)
                    let entry = try Self.object(response)
                    #expect(entry["hidden"] as? Bool == true)
                }
                try await client.execute(uri: "/api/v1/record/progress/\(Self.pathway)", method: .get, headers: json) { response in
                    let progress = try Self.object(response)
                    #expect(progress["status"] as? String == "incomplete")
                    let leadership = (progress["rules"] as? [[String: Any]] ?? []).first { $0["label"] as? String == "Leadership" }
                    #expect(leadership?["status"] as? String == "unmet")
                }
                try await client.execute(uri: "/api/v1/record/credentials/\(ids[2])", method: .delete, headers: json) {
                    #expect($0.status == .noContent)
                }
                try await client.execute(uri: "/api/v1/record", method: .get, headers: json) { response in
                    let items = try Self.object(response)["items"] as? [Any]
                    #expect(items?.count == 2)
                }
            }
            let events = try await dependencies.stores.audit.events(subject: nil, since: nil, limit: 100)
            #expect(
                events.filter { $0.subject.kind == .recordEntry }.map(\.action.rawValue).sorted() == [
                    "create", "create", "create", "delete", "update",
                ])
            let count = try await dependencies.stores.audit.count()
            #expect(try await dependencies.stores.audit.verify() == .intact(events: count))
        }
    }

    @Test("pathways: staff change their provider's, a rule change is a new version, old versions stay readable", arguments: TestDatabase.available)
    func versions(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
            let accounts = AccountDesk(dependencies: dependencies)
            let admin = try await accounts.createFirstAdmin(email: "admin@example.org", displayName: "Admin", password: "admin-password")
            let staff = try await accounts.create(
                email: "staff@muka.example", displayName: "Staff", password: "staff-password", role: .providerStaff, scope: "nz-mukatangata",
                by: admin)
            let other = try await accounts.create(
                email: "staff@ecnz.example", displayName: "ECNZ", password: "staff-password", role: .providerStaff, scope: "nz-ecnz", by: admin)
            let desk = QualificationDesk(dependencies: dependencies)
            let seeded = try await desk.qualification(.init(Self.pathway))
            var input = QualificationDesk.Input(
                title: seeded.title, provider: "nz-mukatangata", framework: "nzqcf", level: 5, totalCredits: 60, rules: seeded.rules)
            await #expect(throws: AccessError.self) { try await desk.save(.init(Self.pathway), input, by: other) }
            // Same rules, new title: same version.
            input.title = "Forestry roading and leadership (Level 5)"
            #expect(try await desk.save(.init(Self.pathway), input, by: staff).version == 1)
            input.rules[0] = PathwayRule(.totalCredits(min: 70), label: "Credits in all")
            #expect(try await desk.save(.init(Self.pathway), input, by: staff).version == 2)
            #expect(try await desk.qualification(.init(Self.pathway), version: 1).rules[0].kind == .totalCredits(min: 60))
            #expect(try await desk.qualification(.init(Self.pathway)).rules[0].kind == .totalCredits(min: 70))
            input.rules = [PathwayRule(.creditsAtLevel(level: 11, min: 10))]
            await #expect(throws: ValidationFailure.self) { try await desk.save(.init(Self.pathway), input, by: staff) }
            #expect(try await desk.qualification(.init(Self.pathway)).version == 2)
        }
    }

    @Test(
        "a signed CLR and a presentation verify with every credential inside; share links open, then stop when revoked or expired",
        arguments: TestDatabase.available)
    func sharing(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
            let accounts = AccountDesk(dependencies: dependencies)
            let admin = try await accounts.createFirstAdmin(email: "admin@example.org", displayName: "Admin", password: "admin-password")
            let learner = try await accounts.create(
                email: "aroha@example.org", displayName: "Aroha Ngata", password: "learner-password", role: .learner, scope: nil, by: admin)
            _ = try await accounts.create(
                email: "other@example.org", displayName: "Other", password: "learner-password", role: .learner, scope: nil, by: admin)
            _ = try await IssuerDesk(dependencies: dependencies).createKey(for: "nz-mukatangata", by: admin)
            let desk = LearnerRecordDesk(dependencies: dependencies)
            var ids: [String] = []
            for (listing, suite) in [("nz-nzqa-128484-1", IssuedCredential.Suite.eddsaRdfc2022), ("nz-nzqa-128479-1", .jwt)] {
                let issued = try await IssuingDesk(dependencies: dependencies).issue(
                    .init(microcredential: .init(listing), recipient: .email("aroha@example.org"), recipientName: "Aroha", suite: suite), by: admin)
                ids.append(try await desk.claim(token: issued.claimToken, by: learner).id.rawValue)
            }
            ids.append(try await desk.importCredential(try Self.foreign(), by: learner).id.rawValue)
            let entries = ids
            let app = Application(router: try await buildRouter(config: AppConfig(), dependencies: dependencies))
            try await app.test(.router) { client in
                let token = try await APIJourneyTests.token(client, "aroha@example.org", "learner-password")
                let other = try await APIJourneyTests.token(client, "other@example.org", "learner-password")
                let json: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
                // The whole record as a signed CLR: the record's proof and all three inner credentials verify.
                let clr = try await client.execute(uri: "/api/v1/record/clr", method: .get, headers: json) { response in
                    #expect(response.status == .ok)
                    return Array(response.body.readableBytesView)
                }
                let verification = VerificationDesk(dependencies: dependencies)
                let record = try await verification.verify(clr).report
                #expect(record.isValid, "\(record.failures)")
                #expect(record.entries.filter { $0.subject.hasPrefix("credential 3: ") && $0.step == .proof }.count == 1)
                #expect(record.entries.contains { $0.subject.hasPrefix("credential ") && $0.subject.contains(": JWT EdDSA") })
                let document = try JSON(parsing: clr)
                #expect(document["type"] == ["VerifiableCredential", "ClrCredential"])
                // A changed inner credential breaks the record.
                let tampered = String(decoding: clr, as: UTF8.self).replacingOccurrences(of: "Sustainable forest operations", with: "Something else")
                #expect(!(try await verification.verify(Array(tampered.utf8))).report.isValid)

                // A presentation for a verifier's challenge and domain: valid for them, not for another challenge.
                let presentation = try await client.execute(
                    uri: "/api/v1/record/presentations", method: .post, headers: json,
                    body: APIJourneyTests.json(["entries": [entries[0]], "challenge": "n-0S6_WzA2Mj", "domain": "admissions.example"])
                ) { response in
                    #expect(response.status == .ok)
                    return Array(response.body.readableBytesView)
                }
                let good = try await verification.verify(presentation, challenge: "n-0S6_WzA2Mj", domain: "admissions.example").report
                #expect(good.isValid, "\(good.failures)")
                #expect(!(try await verification.verify(presentation, challenge: "other", domain: "admissions.example")).report.isValid)

                // A share link to two of the three: anyone with the link sees them verified; the token is long.
                let link = try await client.execute(
                    uri: "/api/v1/record/shares", method: .post, headers: json,
                    body: APIJourneyTests.json(["entries": [entries[0], entries[2]], "days": 7])
                ) { response in
                    #expect(response.status == .created)
                    return try Self.object(response)
                }
                let path = String((link["link"] as? String ?? "").drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
                #expect(path.hasPrefix("/shared/") && path.count >= "/shared/".count + 32, "\(path)")
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok)
                    let page = String(buffer: response.body)
                    #expect(page.contains("Core Forestry Leadership") && page.contains("Sustainable forest operations"))
                    #expect(!page.contains("Forestry Road Pavement"))
                    #expect(page.components(separatedBy: "This credential is valid.").count == 3)
                }
                let shared = try await client.execute(uri: path + "/clr.json", method: .get) { Array($0.body.readableBytesView) }
                let sharedRecord = try await verification.verify(shared).report
                let sharedDocument = try JSON(parsing: shared)
                #expect(sharedRecord.isValid && sharedDocument["credentialSubject"]?["verifiableCredential"]?.items.count == 2)
                // Another learner cannot revoke it; the learner can, and the link stops working.
                let id = link["id"] as? String ?? ""
                try await client.execute(uri: "/api/v1/record/shares/\(id)", method: .delete, headers: [.authorization: "Bearer \(other)"]) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/api/v1/record/shares/\(id)", method: .delete, headers: json) { #expect($0.status == .noContent) }
                try await client.execute(uri: path, method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: path + "/clr.json", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(
                    uri: "/api/v1/record/shares", method: .post, headers: json, body: APIJourneyTests.json(["entries": ["rec-not-mine"]])
                ) { #expect($0.status == .notFound) }
            }
            // A one-day link, opened two days later, has expired.
            let created = try await SharingDesk(dependencies: dependencies).share(nil, days: 1, by: learner)
            var later = dependencies
            later.clock = FixedClock(Date.t0.addingTimeInterval(2 * 86_400))
            await #expect(throws: StoreError.self) { try await SharingDesk(dependencies: later).shown(token: created.token) }
            #expect(try await SharingDesk(dependencies: dependencies).shown(token: created.token).credentials.count == 3)
            // The holder key is sealed: its did:key is in the database, its seed is not.
            let key = try #require(try await dependencies.stores.shares.holderKey(of: learner.id))
            #expect(key.didKey.hasPrefix("did:key:z6Mk") && key.sealed.combined.count == 60)
        }
    }

    @Test(
        "a completed pathway is asked for, reviewed by the awarding provider's staff and issued with its evidence", arguments: TestDatabase.available)
    func award(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
            let accounts = AccountDesk(dependencies: dependencies)
            let admin = try await accounts.createFirstAdmin(email: "admin@example.org", displayName: "Admin", password: "admin-password")
            let learner = try await accounts.create(
                email: "aroha@example.org", displayName: "Aroha Ngata", password: "learner-password", role: .learner, scope: nil, by: admin)
            for (email, scope) in [("staff@muka.example", "nz-mukatangata"), ("staff@ecnz.example", "nz-ecnz")] {
                _ = try await accounts.create(
                    email: email, displayName: email, password: "staff-password", role: .providerStaff, scope: scope, by: admin)
            }
            _ = try await IssuerDesk(dependencies: dependencies).createKey(for: "nz-mukatangata", by: admin)
            let desk = LearnerRecordDesk(dependencies: dependencies)
            for listing in ["nz-nzqa-128484-1", "nz-nzqa-128479-1"] {
                let issued = try await IssuingDesk(dependencies: dependencies).issue(
                    .init(microcredential: .init(listing), recipient: .email("aroha@example.org"), recipientName: "Aroha"), by: admin)
                _ = try await desk.claim(token: issued.claimToken, by: learner)
            }
            let app = Application(router: try await buildRouter(config: AppConfig(), dependencies: dependencies))
            try await app.test(.router) { client in
                let token = try await APIJourneyTests.token(client, "aroha@example.org", "learner-password")
                let staff = try await APIJourneyTests.token(client, "staff@muka.example", "staff-password")
                let other = try await APIJourneyTests.token(client, "staff@ecnz.example", "staff-password")
                let json: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
                let ask = APIJourneyTests.json(["qualification": Self.pathway])
                // 40 + 15 credits: five short of 60, so not yet.
                try await client.execute(uri: "/api/v1/record/awards", method: .post, headers: json, body: ask) { #expect($0.status == .conflict) }
                _ = try await client.execute(
                    uri: "/api/v1/record/credentials", method: .post, headers: json, body: ByteBuffer(bytes: try Self.foreign())
                ) { #expect($0.status == .created) }
                let id = try await client.execute(uri: "/api/v1/record/awards", method: .post, headers: json, body: ask) { response in
                    #expect(response.status == .created)
                    let request = try Self.object(response)
                    #expect(request["status"] as? String == "requested" && (request["entries"] as? [Any])?.count == 3)
                    return request["id"] as? String ?? ""
                }
                try await client.execute(uri: "/api/v1/record/awards", method: .post, headers: json, body: ask) { #expect($0.status == .conflict) }
                // The awarding provider's staff see it; another provider's do not, and cannot decide it.
                try await client.execute(
                    uri: "/api/v1/providers/nz-mukatangata/award-requests", method: .get, headers: [.authorization: "Bearer \(staff)"]
                ) { response in
                    let items = try Self.object(response)["items"] as? [Any]
                    #expect(items?.count == 1)
                }
                try await client.execute(
                    uri: "/api/v1/providers/nz-mukatangata/award-requests", method: .get, headers: [.authorization: "Bearer \(other)"]
                ) { #expect($0.status == .forbidden) }
                try await client.execute(uri: "/api/v1/award-requests/\(id)/issue", method: .post, headers: [.authorization: "Bearer \(other)"]) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(
                    uri: "/api/v1/award-requests/\(id)/refuse", method: .post,
                    headers: [.authorization: "Bearer \(staff)", .contentType: "application/json"], body: APIJourneyTests.json(["reason": " "])
                ) { #expect($0.status == .unprocessableContent) }
                let credential = try await client.execute(
                    uri: "/api/v1/award-requests/\(id)/issue", method: .post, headers: [.authorization: "Bearer \(staff)"]
                ) { response in
                    #expect(response.status == .ok)
                    let decided = try Self.object(response)
                    #expect(decided["status"] as? String == "issued")
                    return decided["credential"] as? String ?? ""
                }
                try await client.execute(uri: "/api/v1/award-requests/\(id)/issue", method: .post, headers: [.authorization: "Bearer \(staff)"]) {
                    #expect($0.status == .conflict)
                }
                // The qualification credential verifies, names the three credentials as evidence, and is in the record.
                let result = try await VerificationDesk(dependencies: dependencies).verify(Array(credential.utf8))
                #expect(result.report.isValid, "\(result.report.failures)")
                let document = try JSON(parsing: Array(credential.utf8))
                #expect(document["evidence"]?.items.count == 3)
                #expect(document["credentialSubject"]?["id"]?.stringValue?.hasPrefix("did:key:") == true)
                #expect(result.registry.first?.provider?.id == "nz-mukatangata")
                try await client.execute(uri: "/api/v1/record", method: .get, headers: json) { response in
                    let items = try Self.object(response)["items"] as? [[String: Any]] ?? []
                    #expect(items.count == 4 && items.contains { ($0["title"] as? String)?.hasPrefix("Forestry roading") == true })
                }
            }
        }
    }
}
