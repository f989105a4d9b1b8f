import AccordServices
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

/// Conventions through the real HTTP API on both engines, as #16 tells it: the admin opens the Tokyo Convention and
/// sees the computed 2018-02-01 from the seeded deposits, records a wrong effective date and sees it flagged, changes
/// the recorded entry into force and sees that flagged too; every edit names its source and is in the audit log; only
/// admins edit; a country's page gathers its conventions, NICs and registry.
@Suite("conventions")
struct ConventionTests {
    @Test("computed dates, flags on wrong records, admin-only edits with sources in the audit log", arguments: TestDatabase.available)
    func journey(_ engine: TestDatabase) async throws {
        try await APIJourneyTests.withApp(engine) { client, _ in
            let adminToken = try await APIJourneyTests.token(client, "admin@example.org", "admin-password")
            let account: [String: Any] = ["email": "mere@example.org", "display_name": "Mere", "password": "password-123", "role": "learner"]
            try await APIJourneyTests.call(client, .post, "/api/v1/accounts", adminToken, account, expect: .created)
            let learner = try await APIJourneyTests.token(client, "mere@example.org", "password-123")
            @discardableResult
            func call(
                _ method: HTTPRequest.Method, _ uri: String, _ bearer: String?, _ body: Any? = nil, expect status: HTTPResponse.Status = .ok
            ) async throws -> [String: Any] {
                try await APIJourneyTests.call(client, method, uri, bearer, body, expect: status)
            }
            func entry(_ report: [String: Any]) -> [String: Any] { report["entry_into_force"] as? [String: Any] ?? [:] }
            func flags(_ report: [String: Any]) -> [String] {
                (entry(report)["flags"] as? [[String: Any]] ?? []).compactMap { $0["subject"] as? String }
            }

            // From the seeded deposits: in force 2018-02-01, Korea's the fifth instrument, New Zealand's bound relied on.
            var tokyo = try await call(.get, "/api/v1/conventions/tokyo-2011/report", nil)
            #expect(entry(tokyo)["date"] as? String == "2018-02-01")
            #expect(entry(tokyo)["instrument_deposited"] as? String == "2017-12-19")
            #expect(entry(tokyo)["check"] as? String == "agrees")
            #expect(entry(tokyo)["relies_on"] as? [String] == ["New Zealand"])
            #expect(flags(tokyo).isEmpty)
            let timeline = tokyo["timeline"] as? [[String: Any]] ?? []
            #expect(timeline.count == 12 && timeline.last?["count"] as? Int == 12)

            // A wrong effective date for the Holy See is flagged; the edit names its source and is audited.
            let holySee: [String: Any] = [
                "country": "VA", "state": "Holy See", "instrument": "ratification", "deposit_date": "2018-07-18", "date_precision": "day",
                "effective_date": "2018-08-01", "provenance": ["source": "test: a misread notice", "as_of": "2026-12-01"],
            ]
            try await call(.put, "/api/v1/conventions/tokyo-2011/parties/VA", learner, holySee, expect: .forbidden)
            try await call(.put, "/api/v1/conventions/tokyo-2011/parties/VA", nil, holySee, expect: .unauthorized)
            var unsourced = holySee
            unsourced["provenance"] = ["as_of": "2026-12-01"]
            try await call(.put, "/api/v1/conventions/tokyo-2011/parties/VA", adminToken, unsourced, expect: .unprocessableContent)
            var impossible = holySee
            impossible["effective_date"] = "2018-02-30"
            try await call(.put, "/api/v1/conventions/tokyo-2011/parties/VA", adminToken, impossible, expect: .unprocessableContent)
            try await call(.put, "/api/v1/conventions/tokyo-2011/parties/VA", adminToken, holySee)
            tokyo = try await call(.get, "/api/v1/conventions/tokyo-2011/report", nil)
            #expect(flags(tokyo) == ["Holy See: effective date"])
            let flagged = (entry(tokyo)["flags"] as? [[String: Any]])?.first
            #expect(flagged?["recorded"] as? String == "2018-08-01" && flagged?["computed"] as? String == "2018-09-01")

            // The recorded entry into force changed to a wrong day: flagged; refused without a source or from a learner.
            let edit: [String: Any] = ["in_force_date": "2018-03-01", "source": "test: another misread notice"]
            try await call(.put, "/api/v1/conventions/tokyo-2011", learner, edit, expect: .forbidden)
            try await call(.put, "/api/v1/conventions/tokyo-2011", adminToken, ["in_force_date": "2018-03-01"], expect: .unprocessableContent)
            try await call(
                .put, "/api/v1/conventions/tokyo-2011", adminToken, ["in_force_date": "March 2018", "source": "x"], expect: .unprocessableContent)
            try await call(.put, "/api/v1/conventions/tokyo-2011", adminToken, edit)
            tokyo = try await call(.get, "/api/v1/conventions/tokyo-2011/report", nil)
            #expect(entry(tokyo)["check"] as? String == "disagrees")
            #expect(Set(flags(tokyo)) == ["entry into force", "Holy See: effective date"])
            // The parties are untouched by an edit of the rule.
            #expect((tokyo["parties"] as? [Any])?.count == 12)

            let audit = try await client.execute(
                uri: "/api/v1/audit?subject=convention:tokyo-2011", method: .get, headers: [.authorization: "Bearer \(adminToken)"]
            ) { String(buffer: $0.body) }
            #expect(audit.contains("another misread notice"))
            let partyAudit = try await client.execute(
                uri: "/api/v1/audit?subject=state-party:tokyo-2011:VA", method: .get, headers: [.authorization: "Bearer \(adminToken)"]
            ) { String(buffer: $0.body) }
            #expect(partyAudit.contains("a misread notice"))

            // The page shows both flags; the CSV lists the parties with their checks.
            let page = try await client.execute(uri: "/conventions/tokyo-2011", method: .get) { String(buffer: $0.body) }
            #expect(page.contains("id=\"flags\"") && page.contains("Holy See: effective date") && page.contains("<svg"))
            let csv = try await client.execute(uri: "/conventions/tokyo-2011/parties.csv", method: .get) { String(buffer: $0.body) }
            #expect(csv.hasPrefix("country,state,instrument,deposit_date,"))
            #expect(csv.contains("VA,Holy See,ratification,2018-07-18,2018-07-18,recorded,2018-08-01,2018-09-01,disagrees,"))

            // One country: its conventions, its NIC, its registry.
            let nz = try await call(.get, "/api/v1/countries/nz", nil)
            let memberships = nz["memberships"] as? [[String: Any]] ?? []
            #expect(Set(memberships.compactMap { $0["convention"] as? String }) == ["tokyo-2011", "global-2019", "lisbon-1997"])
            #expect((nz["nics"] as? [[String: Any]])?.first?["id"] as? String == "nz-nzqa")
            #expect(nz["frameworks"] as? [String] == ["nzqcf"])
            #expect((nz["microcredentials"] as? Int ?? 0) > 0)
            try await call(.get, "/api/v1/countries/ZZ", nil, expect: .notFound)
            try await call(.get, "/api/v1/countries/N1", nil, expect: .unprocessableContent)

            // The directory's contacts: for the network's members (NIC evaluators) and admins, never the public.
            var nzqa = try await call(.get, "/api/v1/nics/nz-nzqa", adminToken)
            nzqa["contacts"] = [["name": "Recognition team", "email": "neic@nzqa.example", "phone": "+64 4 000 0000"]]
            nzqa["provenance"] = ["source": "test: the NIC's own page"]
            var bad = nzqa
            bad["contacts"] = [["email": "not an address"]]
            try await call(.put, "/api/v1/nics/nz-nzqa", adminToken, bad, expect: .unprocessableContent)
            try await call(.put, "/api/v1/nics/nz-nzqa", learner, nzqa, expect: .forbidden)
            try await call(.put, "/api/v1/nics/nz-nzqa", adminToken, nzqa)
            let evaluatorAccount: [String: Any] = [
                "email": "eval@education.example", "display_name": "Hana", "password": "password-123", "role": "evaluator",
                "scope": "au-australian-government-department-of-education",
            ]
            try await call(.post, "/api/v1/accounts", adminToken, evaluatorAccount, expect: .created)
            let evaluator = try await APIJourneyTests.token(client, "eval@education.example", "password-123")
            func contacts(_ bearer: String?) async throws -> [[String: Any]] {
                try await call(.get, "/api/v1/nics/nz-nzqa", bearer)["contacts"] as? [[String: Any]] ?? []
            }
            #expect(try await contacts(nil).isEmpty)
            #expect(try await contacts(learner).isEmpty)
            // A member of the network: an evaluator of another country's NIC reads New Zealand's contacts.
            #expect(try await contacts(evaluator).first?["email"] as? String == "neic@nzqa.example")
            #expect(try await contacts(adminToken).count == 1)
            let publicList = try await client.execute(uri: "/api/v1/nics", method: .get) { String(buffer: $0.body) }
            #expect(!publicList.contains("neic@nzqa.example"))
            let publicCountry = try await client.execute(uri: "/api/v1/countries/NZ", method: .get) { String(buffer: $0.body) }
            #expect(!publicCountry.contains("neic@nzqa.example"))
            let publicPage = try await client.execute(uri: "/nics", method: .get) { String(buffer: $0.body) }
            #expect(publicPage.contains("New Zealand Qualifications Authority") && !publicPage.contains("neic@nzqa.example"))
            // The page reads a browser session: the evaluator signs in through the form.
            let session = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "email=eval%40education.example&password=password-123")
            ) { response in (response.headers[.setCookie] ?? "").split(separator: ";").first.map(String.init) ?? "" }
            #expect(session.hasPrefix("accord_session="))
            let memberPage = try await client.execute(uri: "/nics", method: .get, headers: [.cookie: session]) { String(buffer: $0.body) }
            #expect(memberPage.contains("neic@nzqa.example"))
            // Every Tokyo party has a NIC on record.
            #expect(publicPage.contains("Tokyo Convention (2011): parties with a NIC on record 12 / 12"))
        }
    }
}
