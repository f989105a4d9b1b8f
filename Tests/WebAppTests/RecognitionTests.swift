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

/// Recognition through the real HTTP API on both engines, as #15's "done when" tells it: a learner applies to the
/// New Zealand NIC with a Hong Kong microcredential (described) and an Australian qualification (a credential another
/// issuer signed); the evaluator sees the evidence and the proposed NZQCF levels, decides partial recognition with a
/// substantial difference, the statement is signed and verifies for anyone; the learner appeals and the appeal is
/// decided. A second application goes to the Malaysian NIC, which has no level table: no basis, decided on outcomes.
@Suite("recognition")
struct RecognitionTests {
    /// A Bachelor's degree from an Australian university outside the registry (its own did:key), AQF level 7 by an
    /// alignment, signed eddsa-rdfc-2022: a credential another tool could have made.
    static func australianDegree() throws -> String {
        let pair = try Ed25519KeyPair(seed: [UInt8](repeating: 23, count: 32))
        let badge = OpenBadgeCredential(
            id: "urn:uuid:5f0c7a9e-2b1d-4e8f-9a3c-7d6e5f4a3b2c", name: "Bachelor of Environmental Science",
            issuer: IssuerProfile(id: pair.did, name: "Southern Cross University (example)"), subjectID: "did:example:mere",
            achievement: Achievement(
                id: "https://university.example/achievements/bes", name: "Bachelor of Environmental Science",
                description: "Three-year degree in environmental science", criteriaNarrative: "Completed 24 units",
                alignments: [Alignment(targetName: "AQF level 7", targetURL: "https://www.aqf.edu.au", targetFramework: "aqf", targetCode: "7")]),
            validFrom: "2025-12-01T00:00:00Z")
        let options = ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: pair.verificationMethod, created: "2025-12-01T00:00:00Z")
        return String(decoding: try DataIntegrity().sign(badge.json, with: pair, options: options).canonicalBytes, as: UTF8.self)
    }

    static var hongKong: [String: Any] {
        [
            "title": "Certificate in Data Analytics for Logistics", "awarded_by": "Vocational Training Council", "country": "HK",
            "framework": "hkqf", "level": 4, "credits": 15,
            "description": "Outcomes: clean and model logistics data; build dashboards; assessed by project.",
        ]
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
    }

    @Test("apply, evidence, decide, statement, appeal; another NIC and another learner see nothing", arguments: TestDatabase.available)
    func journey(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
            let accounts = AccountDesk(dependencies: dependencies)
            let admin = try await accounts.createFirstAdmin(email: "admin@example.org", displayName: "Admin", password: "admin-password")
            // Malaysia's NIC is not in the seeded directory; the admin adds it (and edits it again through the API below).
            _ = try await ReferenceDesk(dependencies: dependencies).save(
                NIC(
                    id: "my-mqa", country: "MY", countryName: "Malaysia", body: "Malaysian Qualifications Agency", acronym: "MQA",
                    provenance: .init(source: "https://www2.mqa.gov.my/", asOf: "2026-12-01")), by: admin)
            for (email, role, scope) in [
                ("mere@example.org", Role.Kind.learner, nil), ("other@example.org", .learner, nil), ("eval@nzqa.example", .evaluator, "nz-nzqa"),
                ("eval2@nzqa.example", .evaluator, "nz-nzqa"), ("eval@mqa.example", .evaluator, "my-mqa"),
            ] as [(String, Role.Kind, String?)] {
                _ = try await accounts.create(email: email, displayName: email, password: "password-123", role: role, scope: scope, by: admin)
            }
            let degree = try Self.australianDegree()
            let app = Application(router: try await buildRouter(config: AppConfig(), dependencies: dependencies))
            try await app.test(.router) { client in
                func token(_ email: String) async throws -> String {
                    try await APIJourneyTests.token(client, email, email == "admin@example.org" ? "admin-password" : "password-123")
                }
                let (learner, other, nz, nz2, my, adminToken) = (
                    try await token("mere@example.org"), try await token("other@example.org"), try await token("eval@nzqa.example"),
                    try await token("eval2@nzqa.example"), try await token("eval@mqa.example"), try await token("admin@example.org")
                )
                @discardableResult
                func call(
                    _ method: HTTPRequest.Method, _ uri: String, _ bearer: String?, _ body: Any? = nil, expect status: HTTPResponse.Status
                ) async throws -> [String: Any] {
                    try await APIJourneyTests.call(client, method, uri, bearer, body, expect: status)
                }

                // The learner applies to the New Zealand NIC.
                let draft = try await call(
                    .post, "/api/v1/cases", learner,
                    ["nic": "nz-nzqa", "purpose": "further-study", "kind": "partial-studies", "items": [Self.hongKong, ["credential": degree]]],
                    expect: .created)
                let id = try #require(draft["id"] as? String)
                #expect(draft["state"] as? String == "draft")
                let items = draft["items"] as? [[String: Any]] ?? []
                #expect(items.count == 2 && items[1]["framework"] as? String == "aqf" && items[1]["level"] as? Int == 7)
                #expect(items[1]["has_credential"] as? Bool == true && items[1]["source"] as? String == "upload")
                try await call(
                    .post, "/api/v1/cases", other, ["nic": "nz-nzqa", "purpose": "employment", "kind": "microcredential", "items": []],
                    expect: .unprocessableContent)
                try await call(
                    .post, "/api/v1/cases", learner,
                    [
                        "nic": "nz-nzqa", "purpose": "employment", "kind": "microcredential",
                        "items": [["title": "x", "framework": "hkqf", "level": 9]],
                    ],
                    expect: .unprocessableContent)

                // A scanned document goes with the draft: checked by its bytes, bounded, read by those who read the case.
                let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
                func upload(_ bytes: [UInt8], type: String, as bearer: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                    try await client.execute(
                        uri: "/api/v1/cases/\(id)/documents?name=../transcript%20scan.pdf", method: .post,
                        headers: [.authorization: "Bearer \(bearer)", .contentType: type], body: ByteBuffer(bytes: bytes)
                    ) { ($0.status, try Self.object($0)) }
                }
                let (created, document) = try await upload(pdf, type: "application/pdf", as: learner)
                #expect(created == .created && document["name"] as? String == "transcript scan.pdf" && document["size"] as? Int == pdf.count)
                #expect(try await upload(Array("MZ\u{90}\u{0}".utf8), type: "application/pdf", as: learner).0 == .unprocessableContent)
                #expect(try await upload(pdf, type: "application/x-msdownload", as: learner).0 == .unsupportedMediaType)
                #expect(try await upload([UInt8](repeating: 0x25, count: (2 << 20) + 1), type: "application/pdf", as: learner).0 == .contentTooLarge)
                #expect(try await upload(pdf, type: "application/pdf", as: other).0 == .notFound)
                let documentID = try #require(document["id"] as? String)
                // A draft is the learner's alone: the NIC neither lists nor opens it until it is submitted.
                try await call(.get, "/api/v1/cases/\(id)", nz, expect: .notFound)
                try await call(.get, "/api/v1/cases/\(id)", adminToken, expect: .notFound)
                #expect(try await call(.get, "/api/v1/cases", nz, expect: .ok)["total"] as? Int == 0)
                // Only the applicant submits; the evidence is gathered in the same step.
                try await call(.post, "/api/v1/cases/\(id)/submit", other, expect: .notFound)
                let submitted = try await call(.post, "/api/v1/cases/\(id)/submit", learner, expect: .ok)
                #expect(submitted["state"] as? String == "evidence-gathered")
                let evidence = try #require(submitted["evidence"] as? [String: Any])
                let perItem = evidence["items"] as? [[String: Any]] ?? []
                let hk = try #require(perItem.first?["comparison"] as? [String: Any])
                #expect(hk["level_min"] as? Int == 5 && hk["level_max"] as? Int == 6)
                #expect((hk["credits"] as? [String: Double]) == ["min": 15, "max": 15])
                #expect((hk["path"] as? [String])?.first?.contains("nzqf-hkqf") == true)
                #expect(perItem.first?["authenticity"] as? String == "no digital credential")
                #expect(perItem.last?["authenticity"] as? String == "verified")
                let au = try #require(perItem.last?["comparison"] as? [String: Any])
                #expect(au["level_min"] as? Int == 7 && au["basis"] as? String == "official")
                let standings = evidence["conventions"] as? [[String: Any]] ?? []
                #expect(standings.contains { $0["convention"] as? String == "tokyo-2011" && $0["country"] as? String == "NZ" && $0["since"] != nil })
                #expect(standings.contains { $0["country"] as? String == "HK" })

                #expect(try await upload(pdf, type: "application/pdf", as: learner).0 == .conflict)
                try await client.execute(uri: "/api/v1/cases/\(id)/documents/\(documentID)", method: .get, headers: [.authorization: "Bearer \(nz)"])
                {
                    #expect($0.status == .ok && Array($0.body.readableBytesView) == pdf)
                    #expect($0.headers[.contentType] == "application/pdf")
                    #expect($0.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"transcript scan.pdf\"") == true)
                }
                try await call(.get, "/api/v1/cases/\(id)/documents/\(documentID)", other, expect: .notFound)
                try await call(.get, "/api/v1/cases/\(id)/documents/\(documentID)", my, expect: .forbidden)
                // Who sees it: the applicant, the NZ NIC's evaluators, admins; not another learner, not another NIC.
                try await call(.get, "/api/v1/cases/\(id)", other, expect: .notFound)
                try await call(.get, "/api/v1/cases/\(id)", my, expect: .forbidden)
                try await call(.get, "/api/v1/cases/\(id)", adminToken, expect: .ok)
                let theirs = try await call(.get, "/api/v1/cases", my, expect: .ok)
                #expect(theirs["total"] as? Int == 0)
                let queue = try await call(.get, "/api/v1/cases?state=evidence-gathered", nz, expect: .ok)
                #expect((queue["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
                let mine = try await call(.get, "/api/v1/cases", other, expect: .ok)
                #expect(mine["total"] as? Int == 0)

                // The evaluator takes it and decides; admins oversee but do not decide; a second evaluator must take over.
                try await call(.post, "/api/v1/cases/\(id)/decision", nz, ["outcome": "full", "reasons": "r"], expect: .conflict)
                try await call(.post, "/api/v1/cases/\(id)/take", adminToken, expect: .forbidden)
                try await call(.post, "/api/v1/cases/\(id)/take", nz, expect: .ok)
                let partial: [String: Any] = [
                    "outcome": "partial", "credits": 15,
                    "differences": [["kind": "workload", "text": "The degree's final year has no NZ level 7 research component."]],
                    "reasons": "HKQF 4 compares to NZQCF 5-6; 15 credits recognised toward a level 6 diploma.",
                ]
                let noDifference = try await call(
                    .post, "/api/v1/cases/\(id)/decision", nz, ["outcome": "partial", "credits": 15, "reasons": "r"], expect: .unprocessableContent)
                #expect((noDifference["issues"] as? [[String: Any]])?.contains { $0["field"] as? String == "differences" } == true)
                try await call(.post, "/api/v1/cases/\(id)/decision", nz2, partial, expect: .conflict)
                try await call(.post, "/api/v1/cases/\(id)/decision", my, partial, expect: .forbidden)
                let decided = try await call(.post, "/api/v1/cases/\(id)/decision", nz, partial, expect: .ok)
                #expect(decided["state"] as? String == "decided")
                let first = try #require((decided["statements"] as? [String])?.first)
                let illegal = try await call(.post, "/api/v1/cases/\(id)/take", nz, expect: .conflict)
                #expect((illegal["detail"] as? String)?.contains("decided") == true && (illegal["detail"] as? String)?.contains("assign") == true)

                // Anyone holding the statement's id verifies it: signed by the NIC's own key, known to the registry.
                let statement = try await client.execute(uri: "/api/v1/statements/\(first)", method: .get) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                let report = try await client.execute(
                    uri: "/api/v1/verify", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: statement)
                ) { try Self.object($0) }
                #expect(report["valid"] as? Bool == true, "\(report)")
                let findings = (report["registry"] as? [[String: Any]])?.first
                #expect(findings?["nic"] as? String == "nz-nzqa")
                // Issued by the NIC's did:web, whose document Accord serves (and the verifier reads from the database).
                let issued = try JSONSerialization.jsonObject(with: Data(statement.utf8)) as? [String: Any]
                let issuer = (issued?["issuer"] as? [String: Any])?["id"] as? String ?? ""
                #expect(issuer.hasPrefix("did:web:") && issuer.hasSuffix(":nics:nz-nzqa"), "\(issuer)")
                let didDocument = try await client.execute(uri: "/nics/nz-nzqa/did.json", method: .get) { try Self.object($0) }
                #expect(didDocument["id"] as? String == issuer)
                let method = ((issued?["proof"] as? [String: Any])?["verificationMethod"] as? String) ?? ""
                #expect((didDocument["assertionMethod"] as? [String]) == [method])
                let tampered = statement.replacingOccurrences(of: "\"partial\"", with: "\"full\"")
                let tamperedReport = try await client.execute(
                    uri: "/api/v1/verify", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: tampered)
                ) { try Self.object($0) }
                #expect(tamperedReport["valid"] as? Bool == false)

                // The learner appeals; the appeal's decision issues a statement that replaces the first.
                try await call(.post, "/api/v1/cases/\(id)/appeal", nz, ["grounds": "x"], expect: .forbidden)
                try await call(.post, "/api/v1/cases/\(id)/appeal", learner, ["grounds": " "], expect: .unprocessableContent)
                try await call(.post, "/api/v1/cases/\(id)/appeal", learner, ["grounds": "The final-year project was research."], expect: .ok)
                try await call(.post, "/api/v1/cases/\(id)/appeal-decision", learner, ["outcome": "full", "reasons": "r"], expect: .forbidden)
                let final = try await call(
                    .post, "/api/v1/cases/\(id)/appeal-decision", nz2,
                    ["outcome": "full", "level": 7, "reasons": "The project evidence shows level 7 research."], expect: .ok)
                #expect(final["state"] as? String == "appeal-decided")
                let statements = final["statements"] as? [String] ?? []
                #expect(statements.count == 2 && statements.first == first)
                let second = try await client.execute(uri: "/api/v1/statements/\(statements[1])", method: .get) { try Self.object($0) }
                let subject = second["credentialSubject"] as? [String: Any]
                #expect(subject?["replaces"] as? String == first && subject?["outcome"] as? String == "full")
                #expect((subject?["recognisedLevel"] as? [String: Any])?["framework"] as? String == "nzqcf")

                let history = try await client.execute(
                    uri: "/api/v1/cases/\(id)/history", method: .get, headers: [.authorization: "Bearer \(learner)"]
                ) { response in try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]] ?? [] }
                #expect(
                    history.compactMap { $0["action"] as? String }
                        == ["create", "create", "submit", "gather-evidence", "assign", "decide", "issue", "appeal", "decide-appeal", "issue"])

                // Statistics: the NIC's own evaluators, not another NIC's.
                let statistics = try await call(.get, "/api/v1/nics/nz-nzqa/statistics", nz, expect: .ok)
                #expect((statistics["total"] as? [String: Any])?["decided"] as? Int == 1)
                try await call(.get, "/api/v1/nics/nz-nzqa/statistics", my, expect: .forbidden)
                try await call(.put, "/api/v1/nics/nz-nzqa/target", nz, ["target_days": 90], expect: .ok)
                try await call(.put, "/api/v1/nics/nz-nzqa/target", my, ["target_days": 90], expect: .forbidden)

                // A later application with the same Hong Kong credential finds the decision as a precedent.
                let again = try await call(
                    .post, "/api/v1/cases", other, ["nic": "nz-nzqa", "purpose": "employment", "kind": "microcredential", "items": [Self.hongKong]],
                    expect: .created)
                let againID = try #require(again["id"] as? String)
                let againSubmitted = try await call(.post, "/api/v1/cases/\(againID)/submit", other, expect: .ok)
                let precedents = (againSubmitted["evidence"] as? [String: Any])?["precedents"] as? [[String: Any]] ?? []
                #expect(precedents.map { $0["case_id"] as? String } == [id] && precedents.first?["outcome"] as? String == "full")
                let due = try #require(againSubmitted["due_at"] as? String)
                #expect(due.hasPrefix("2027-02-21"), "90 days after 2026-11-23, the fixed clock: \(due)")
                try await call(.post, "/api/v1/cases/\(againID)/withdraw", learner, expect: .notFound)
                let withdrawn = try await call(.post, "/api/v1/cases/\(againID)/withdraw", other, expect: .ok)
                #expect(withdrawn["state"] as? String == "withdrawn")

                // Malaysia: no MQF level table in the data, so no basis for a level; the evaluator decides from the outcomes.
                try await call(
                    .put, "/api/v1/nics/my-mqa", adminToken,
                    [
                        "id": "my-mqa", "country": "MY", "country_name": "Malaysia", "body": "Malaysian Qualifications Agency", "acronym": "MQA",
                        "networks": ["APNNIC"], "provenance": ["source": "https://www2.mqa.gov.my/", "as_of": "2026-12-01", "confirmed": false],
                    ], expect: .ok)
                let toMalaysia = try await call(
                    .post, "/api/v1/cases", learner, ["nic": "my-mqa", "purpose": "employment", "kind": "microcredential", "items": [Self.hongKong]],
                    expect: .created)
                let myID = try #require(toMalaysia["id"] as? String)
                let mySubmitted = try await call(.post, "/api/v1/cases/\(myID)/submit", learner, expect: .ok)
                let myComparison =
                    (((mySubmitted["evidence"] as? [String: Any])?["items"] as? [[String: Any]])?.first)?["comparison"] as? [String: Any]
                #expect(myComparison?["basis"] as? String == "none" && myComparison?["level_min"] == nil)
                #expect((myComparison?["explanation"] as? String)?.contains("mqf-aqrf") == true)
                try await call(.post, "/api/v1/cases/\(myID)/take", nz, expect: .forbidden)
                try await call(.post, "/api/v1/cases/\(myID)/take", my, expect: .ok)
                let myDecided = try await call(
                    .post, "/api/v1/cases/\(myID)/decision", my,
                    ["outcome": "full", "reasons": "The stated learning outcomes match MQF level 4 descriptors for data work."], expect: .ok)
                #expect(myDecided["state"] as? String == "decided")
                let learnerCases = try await call(.get, "/api/v1/cases", learner, expect: .ok)
                #expect(learnerCases["total"] as? Int == 2)
            }
        }
    }
}
