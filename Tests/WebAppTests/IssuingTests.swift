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

/// Issuing one credential through the API, on every engine: only the provider's staff and admins issue, only for
/// approved listings; what is issued verifies (Data Integrity and JWT) with the registry's facts, keeps the email out
/// of the credential, and reaches the learner through a claim link.
@Suite("issuing")
struct IssuingTests {
    static let listing = "nz-ecnz-he-pataka-reo"

    static func issue(_ client: some TestClientProtocol, token: String?, _ body: [String: Any], listing: String = listing) async throws
        -> (HTTPResponse.Status, JSON?)
    {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(
            uri: "/api/v1/microcredentials/\(listing)/credentials", method: .post, headers: headers, body: APIJourneyTests.json(body)
        ) { response in
            (response.status, try? JSON(parsing: Array(response.body.readableBytesView)))
        }
    }

    @Test("issue, verify, claim; refused for others and for drafts", arguments: TestDatabase.available)
    func journey(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            let admin = try await IssuerKeyTests.seedWithStaff(dependencies)
            let (cookie, _) = try await AccountDesk(dependencies: dependencies).openSession(for: admin, lifetime: 600)
            let router = try await buildRouter(config: APIJourneyTests.config, dependencies: dependencies)
            try await Application(router: router).test(.router) { client in
                let staff = try await APIJourneyTests.token(client, "staff@ecnz.example", "staff-password")
                let other = try await APIJourneyTests.token(client, "staff@unitec.example", "staff-password")
                let learner = try await APIJourneyTests.token(client, "learner@example.org", "learner-password")
                let order: [String: Any] = ["email": "Aroha@Example.org", "name": "Aroha Ngata"]

                // No key yet: a clear 422, nothing issued.
                #expect(try await Self.issue(client, token: staff, order).0 == .unprocessableContent)
                try await client.execute(
                    uri: "/api/v1/providers/nz-ecnz/issuer-keys", method: .post, headers: [.authorization: "Bearer \(staff)"]
                ) { #expect($0.status == .created) }

                #expect(try await Self.issue(client, token: nil, order).0 == .unauthorized)
                #expect(try await Self.issue(client, token: other, order).0 == .forbidden)
                #expect(try await Self.issue(client, token: learner, order).0 == .forbidden)
                #expect(try await Self.issue(client, token: staff, ["name": "No one"]).0 == .unprocessableContent)

                let (status, issued) = try await Self.issue(client, token: staff, order)
                #expect(status == .created)
                let signed = try #require(issued?["signed"]?.stringValue)
                #expect(!signed.lowercased().contains("aroha@example.org"), "the email travels in clear")
                #expect(signed.contains("sha256$"))
                let report = try await IssuerKeyTests.verify(client, Array(signed.utf8))
                #expect(report["valid"] == .bool(true), "\(report.prettyString)")
                let findings = try #require(report["registry"]?.items.first)
                #expect(findings["microcredential"]?["status"]?.stringValue == "approved")
                #expect(IssuerKeyTests.registryStep(report)?["outcome"]?.stringValue == "passed")

                // The JWT form, to a DID, verifies too.
                let (jwtStatus, jwtIssued) = try await Self.issue(
                    client, token: staff, ["did": "did:example:aroha", "name": "Aroha Ngata", "suite": "jwt"])
                #expect(jwtStatus == .created)
                let jwt = try #require(jwtIssued?["signed"]?.stringValue)
                try await client.execute(
                    uri: "/api/v1/verify", method: .post, headers: [.contentType: "application/jwt"], body: ByteBuffer(string: jwt)
                ) { response in
                    let jwtReport = try JSON(parsing: Array(response.body.readableBytesView))
                    #expect(jwtReport["valid"] == .bool(true), "\(jwtReport.canonicalString)")
                    #expect(jwtReport["format"]?.stringValue == "jwt")
                }

                // The learner's claim link: the page checks it; the download is the signed credential.
                let claim = try #require(issued?["claim_url"]?.stringValue)
                try await client.execute(uri: claim, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("This credential is valid."))
                }
                try await client.execute(uri: claim + "/credential.json", method: .get) { response in
                    #expect(String(buffer: response.body) == signed)
                }
                // The printable page: the QR code (an SVG of libqrencode's modules) and the verification link it holds.
                let credentialID = try #require(issued?["id"]?.stringValue)
                try await client.execute(uri: claim + "/print", method: .get) { response in
                    let page = String(buffer: response.body)
                    #expect(response.status == .ok)
                    #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "))
                    #expect(page.contains("http://127.0.0.1:8080/verify/\(credentialID)"))
                    #expect(page.contains("Aroha Ngata"))
                }
                try await client.execute(uri: "/claim/not-a-token", method: .get) { #expect($0.status == .notFound) }
                // The verification link from the claim page: anyone opens it and sees the credential checked.
                let credentialPath = try #require(issued?["id"]?.stringValue).replacingOccurrences(of: ":", with: "%3A")
                try await client.execute(uri: "/verify/\(credentialPath)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("This credential is valid."))
                }
                try await client.execute(uri: "/verify/urn%3Auuid%3Anope", method: .get) { #expect($0.status == .notFound) }

                // Revoked with a reason: the status step fails, the registry says why; revoking twice is refused.
                func change(_ id: String, _ action: String, token: String) async throws -> HTTPResponse.Status {
                    try await client.execute(
                        uri: "/api/v1/credentials/\(id)/status", method: .post,
                        headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                        body: APIJourneyTests.json(["action": action, "reason": "Assessment found to be copied"])
                    ) { $0.status }
                }
                #expect(try await change(credentialID, "revoke", token: other) == .forbidden)
                #expect(try await change(credentialID, "revoke", token: staff) == .ok)
                #expect(try await change(credentialID, "unsuspend", token: staff) == .unprocessableContent)
                let revoked = try await IssuerKeyTests.verify(client, Array(signed.utf8))
                #expect(revoked["valid"] == .bool(false))
                let statusSteps = revoked["steps"]?.items.filter { $0["step"]?.stringValue == "status" } ?? []
                #expect(statusSteps.contains { $0["reason"]?.stringValue == "the credential is revoked" }, "\(revoked.canonicalString)")
                #expect(
                    revoked["registry"]?.items.first?["notes"]?.items.contains { $0.stringValue?.contains("Assessment found to be copied") == true }
                        == true)

                // The JWT one suspended, then reinstated.
                let jwtID = try #require(jwtIssued?["id"]?.stringValue)
                func jwtValid() async throws -> Bool {
                    try await client.execute(
                        uri: "/api/v1/verify", method: .post, headers: [.contentType: "application/jwt"], body: ByteBuffer(string: jwt)
                    ) { response in try JSON(parsing: Array(response.body.readableBytesView))["valid"] == .bool(true) }
                }
                #expect(try await change(jwtID, "suspend", token: staff) == .ok)
                #expect(try await jwtValid() == false)
                #expect(try await change(jwtID, "unsuspend", token: staff) == .ok)
                #expect(try await jwtValid())

                // The list verifiers fetch: public, cached, revalidated by its ETag.
                let etag = try await client.execute(uri: "/status/nz-ecnz/revocation", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.cacheControl] == "public, max-age=300")
                    return response.headers[.eTag] ?? ""
                }
                try await client.execute(uri: "/status/nz-ecnz/revocation", method: .get, headers: [.ifNoneMatch: etag]) {
                    #expect($0.status == .notModified)
                }

                // A new key signs the lists again; what the old key signed still verifies, and the revocation holds.
                let rotated = try await client.execute(
                    uri: "/api/v1/providers/nz-ecnz/issuer-keys", method: .post, headers: [.authorization: "Bearer \(staff)"]
                ) { try JSON(parsing: Array($0.body.readableBytesView))["public_key_multibase"]?.stringValue ?? "" }
                try await client.execute(uri: "/status/nz-ecnz/revocation", method: .get) { response in
                    let list = try JSON(parsing: Array(response.body.readableBytesView))
                    #expect(list["proof"]?["verificationMethod"]?.stringValue?.hasSuffix("#" + rotated) == true)
                }
                let afterRotation = try await IssuerKeyTests.verify(client, Array(signed.utf8))
                #expect(afterRotation["steps"]?.items.contains { $0["reason"]?.stringValue == "the credential is revoked" } == true)
                #expect(try await jwtValid())

                // The provider's export: one row per credential, with its state and reason.
                try await client.execute(uri: "/providers/nz-ecnz/credentials.csv", method: .get, headers: [.cookie: "accord_session=\(cookie)"]) {
                    response in
                    let lines = String(buffer: response.body).split(whereSeparator: \.isNewline)
                    #expect(lines.first == "id,learner,recipient,microcredential,batch,issued_at,suite,state,reason")
                    #expect(lines.count == 3)
                    #expect(lines.contains { $0.contains("revoked") && $0.contains("Assessment found to be copied") })
                }
                // Filtered as the page's form filters: only the revoked one.
                try await client.execute(
                    uri: "/providers/nz-ecnz/credentials.csv?state=revoked&q=aroha", method: .get, headers: [.cookie: "accord_session=\(cookie)"]
                ) { response in
                    let lines = String(buffer: response.body).split(whereSeparator: \.isNewline)
                    #expect(lines.count == 2)
                    #expect(lines.last?.contains("Assessment found to be copied") == true)
                }

                // A draft listing is not issued.
                let draft: [String: Any] = [
                    "id": "nz-ecnz-draft-issue", "provider_id": "nz-ecnz", "title": "Draft", "framework": "nzqcf", "level": 4,
                ]
                try await client.execute(
                    uri: "/api/v1/microcredentials", method: .post,
                    headers: [.authorization: "Bearer \(staff)", .contentType: "application/json"], body: APIJourneyTests.json(draft)
                ) { #expect($0.status == .created) }
                #expect(try await Self.issue(client, token: staff, order, listing: "nz-ecnz-draft-issue").0 == .unprocessableContent)

                // The provider's list: its staff see both; others do not.
                try await client.execute(
                    uri: "/api/v1/providers/nz-ecnz/credentials", method: .get, headers: [.authorization: "Bearer \(staff)"]
                ) { response in
                    let listed = try JSON(parsing: Array(response.body.readableBytesView)).items.count
                    #expect(listed == 2)
                }
                try await client.execute(
                    uri: "/api/v1/providers/nz-ecnz/credentials", method: .get, headers: [.authorization: "Bearer \(other)"]
                ) { #expect($0.status == .forbidden) }
            }
            // One audit event per issue, naming no email; the status changes with their reason.
            let events = try await dependencies.stores.audit.events(subject: nil, since: nil, limit: 500)
            #expect(events.filter { $0.action == .issue }.count == 2)
            #expect(!events.contains { $0.summary.lowercased().contains("aroha") })
            #expect(events.filter { [.revoke, .suspend, .unsuspend].contains($0.action) }.count == 3)
            #expect(events.contains { $0.action == .revoke && $0.summary.contains("Assessment found to be copied") })
        }
    }
}

/// A listing with titles in several languages: its credentials carry them as language-tagged values (a JSON-LD
/// language map of schema:name, signed with the rest), and the verify, claim and printable pages show the name in the
/// viewer's language.
@Suite("multilingual credentials")
struct MultilingualCredentialTests {
    @Test("names by language are signed and shown in the viewer's language", arguments: TestDatabase.available)
    func names(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            let admin = try await IssuerKeyTests.seedWithStaff(dependencies)
            _ = try await IssuerDesk(dependencies: dependencies).createKey(for: "nz-ecnz", by: admin)
            var listing = try #require(try await dependencies.stores.registry.microcredential(.init(IssuingTests.listing)))
            listing.title = "Pātaka reo for workplaces"
            listing.titleLocal = ["mi": "He Pātaka Reo", "th": "คลังภาษาเมารีสำหรับที่ทำงาน"]
            try await dependencies.stores.registry.save([listing], edited: false)
            let router = try await buildRouter(config: APIJourneyTests.config, dependencies: dependencies)
            try await Application(router: router).test(.router) { client in
                for suite in ["eddsa-rdfc-2022", "eddsa-jcs-2022"] {
                    let staff = try await APIJourneyTests.token(client, "staff@ecnz.example", "staff-password")
                    let (status, issued) = try await IssuingTests.issue(
                        client, token: staff, ["email": "tui@example.org", "name": "Tui", "suite": suite])
                    #expect(status == .created)
                    let signed = try #require(issued?["signed"]?.stringValue)
                    let credential = try JSON(parsing: Array(signed.utf8))
                    let names = credential["credentialSubject"]?["achievement"]?["nameByLanguage"]
                    #expect(names?["th"]?.stringValue == "คลังภาษาเมารีสำหรับที่ทำงาน")
                    #expect(names?["en"]?.stringValue == "Pātaka reo for workplaces")
                    #expect(credential["name"]?.stringValue == "Pātaka reo for workplaces", "name stays a plain string for Open Badges")
                    #expect(try await IssuerKeyTests.verify(client, Array(signed.utf8))["valid"] == .bool(true))
                    // The language tag is signed: changing it breaks the proof.
                    let altered = signed.replacingOccurrences(of: "\"th\":", with: "\"lo\":")
                    #expect(altered != signed)
                    #expect(try await IssuerKeyTests.verify(client, Array(altered.utf8))["valid"] == .bool(false))

                    for (language, expected) in [("th", "คลังภาษาเมารีสำหรับที่ทำงาน"), ("mi", "He Pātaka Reo"), ("en", "Pātaka reo for workplaces")] {
                        let form = "credential=" + (signed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                        try await client.execute(
                            uri: "/verify", method: .post,
                            headers: [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: language],
                            body: ByteBuffer(string: form)
                        ) { response in
                            let page = String(buffer: response.body)
                            #expect(page.contains("id=\"credential-name\" lang=\"\(language)\">\(expected)</strong>"), "\(language)")
                        }
                        let claim = try #require(issued?["claim_url"]?.stringValue)
                        try await client.execute(uri: claim + "/print", method: .get, headers: [.acceptLanguage: language]) { response in
                            #expect(String(buffer: response.body).contains("lang=\"\(language)\">\(expected)</h1>"), "\(language)")
                        }
                    }
                }
            }
        }
    }
}
