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

/// Surveys and action plans through the real HTTP API on both engines, as #16 tells it: the admin opens the seeded
/// pre-workshop survey; New Zealand's and Mongolia's focal points answer from their own accounts (a draft first, then
/// submitted; never for another country); the admin follows the response rate and the answers, closes the survey;
/// focal points keep their own action plans, overdue items are flagged, the network's members read them.
@Suite("NIC network")
struct NetworkTests {
    @Test("survey answered by two focal points, followed and closed; action plans per country", arguments: TestDatabase.available)
    func journey(_ engine: TestDatabase) async throws {
        try await APIJourneyTests.withApp(engine) { client, stores in
            func call(
                _ method: HTTPRequest.Method, _ uri: String, _ bearer: String?, _ body: Any? = nil, expect status: HTTPResponse.Status = .ok
            ) async throws -> [String: Any] {
                try await APIJourneyTests.call(client, method, uri, bearer, body, expect: status)
            }
            func list(_ uri: String, _ bearer: String?) async throws -> [[String: Any]] {
                try await client.execute(uri: uri, method: .get, headers: bearer.map { [.authorization: "Bearer \($0)"] } ?? [:]) { response in
                    #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
                    return try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]] ?? []
                }
            }
            let admin = try await APIJourneyTests.token(client, "admin@example.org", "admin-password")
            for (email, role, scope) in [
                ("fp@nz.example", "focal-point", "NZ"), ("fp@mn.example", "focal-point", "MN"), ("eval@nzqa.example", "evaluator", "nz-nzqa"),
                ("mere@example.org", "learner", ""),
            ] {
                var account: [String: Any] = ["email": email, "display_name": email, "password": "password-123", "role": role]
                if !scope.isEmpty { account["scope"] = scope }
                _ = try await call(.post, "/api/v1/accounts", admin, account, expect: .created)
            }
            _ = try await call(
                .post, "/api/v1/accounts", admin,
                ["email": "fp@xx.example", "display_name": "x", "password": "password-123", "role": "focal-point", "scope": "nz"],
                expect: .unprocessableContent)
            let (nz, mn, evaluator, learner) = (
                try await APIJourneyTests.token(client, "fp@nz.example", "password-123"),
                try await APIJourneyTests.token(client, "fp@mn.example", "password-123"),
                try await APIJourneyTests.token(client, "eval@nzqa.example", "password-123"),
                try await APIJourneyTests.token(client, "mere@example.org", "password-123")
            )
            let survey = "/api/v1/surveys/pre-workshop-tokyo-readiness"

            // The seeded survey is a draft: focal points do not see it until the admin opens it.
            #expect(try await list("/api/v1/surveys", admin).compactMap { $0["id"] as? String } == ["pre-workshop-tokyo-readiness"])
            #expect(try await list("/api/v1/surveys", nz).isEmpty)
            _ = try await call(.get, "/api/v1/surveys", learner, expect: .forbidden)
            _ = try await call(.get, "/api/v1/surveys", evaluator, expect: .forbidden)
            _ = try await call(.post, "\(survey)/open", nz, expect: .forbidden)
            _ = try await call(.post, "\(survey)/open", admin)
            _ = try await call(.post, "\(survey)/open", admin, expect: .conflict)
            let opened = try await call(.get, survey, nz)
            let questions = (opened["sections"] as? [[String: Any]] ?? []).flatMap { $0["questions"] as? [[String: Any]] ?? [] }
            #expect(questions.count == 12 && questions.first?["kind"] as? String == "single")
            _ = try await call(.put, survey, admin, ["title": "Changed", "countries": ["NZ"], "definition": "? text x"], expect: .conflict)

            // New Zealand saves a draft, is refused for Mongolia, is told what a submission lacks, then submits.
            let draft = try await call(.put, "\(survey)/responses/NZ", nz, ["answers": ["q1": "No", "q5": 4]])
            #expect(draft["state"] as? String == "draft")
            _ = try await call(.put, "\(survey)/responses/MN", nz, ["answers": ["q1": "Yes"]], expect: .forbidden)
            _ = try await call(.get, "\(survey)/responses/MN", nz, expect: .forbidden)
            _ = try await call(.put, "\(survey)/responses/NZ", nz, ["answers": ["q1": "Perhaps"]], expect: .unprocessableContent)
            _ = try await call(.put, "\(survey)/responses/NZ", nz, ["answers": ["q5": 9]], expect: .unprocessableContent)
            _ = try await call(.put, "\(survey)/responses/NZ", nz, ["answers": ["q99": "x"]], expect: .unprocessableContent)
            let missing = try await call(
                .put, "\(survey)/responses/NZ", nz, ["answers": ["q1": "No"], "submit": true], expect: .unprocessableContent)
            let missingFields = (missing["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(missingFields == ["q4", "q5", "q7", "q10"], "\(missing)")
            let nzAnswers: [String: Any] = [
                "q1": "No", "q4": "Party", "q5": 5, "q7": "Yes, designated", "q8": 12,
                "q10": ["Awareness among institutions"], "q11": "Peer review of recognition decisions",
            ]
            let submitted = try await call(.put, "\(survey)/responses/NZ", nz, ["answers": nzAnswers, "submit": true])
            #expect(submitted["state"] as? String == "submitted")
            let mnAnswers: [String: Any] = [
                "q1": "Yes", "q4": "Party", "q5": 3, "q7": "Being set up", "q8": 3,
                "q10": ["Capacity of the NIC", "Awareness among institutions"], "q11": "Training for NIC staff",
            ]
            _ = try await call(.put, "\(survey)/responses/MN", mn, ["answers": mnAnswers, "submit": true])
            #expect(try await call(.get, "\(survey)/responses/NZ", admin)["state"] as? String == "submitted")

            // The admin follows the rate and the answers; the CSV has a row per submitted country.
            _ = try await call(.get, "\(survey)/results", nz, expect: .forbidden)
            let results = try await call(.get, "\(survey)/results", admin)
            #expect(results["asked"] as? Int == 23 && results["submitted"] as? [String] == ["MN", "NZ"])
            let byID = Dictionary(
                uniqueKeysWithValues: (results["questions"] as? [[String: Any]] ?? []).compactMap { q in (q["id"] as? String).map { ($0, q) } })
            let obstacles = (byID["q10"]?["counts"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) {
                $0[$1["option"] as? String ?? ""] = $1["count"] as? Int
            }
            #expect(
                obstacles["Awareness among institutions"] == 2 && obstacles["Capacity of the NIC"] == 1 && obstacles["Legal review of the text"] == 0)
            #expect(byID["q5"]?["mean"] as? Double == 4 && byID["q8"]?["median"] as? Double == 7.5)
            let csv = try await client.execute(uri: "\(survey)/results?format=csv", method: .get, headers: [.authorization: "Bearer \(admin)"]) {
                String(buffer: $0.body)
            }
            let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.count == 3 && rows[1].hasPrefix("MN,") && rows[2].hasPrefix("NZ,"), "\(csv)")

            // Closed: no more answers.
            _ = try await call(.post, "\(survey)/close", admin)
            _ = try await call(.put, "\(survey)/responses/NZ", nz, ["answers": nzAnswers, "submit": true], expect: .conflict)
            #expect(
                try await stores.audit.events(subject: .init(.surveyResponse, "pre-workshop-tokyo-readiness:NZ"), since: nil, limit: 10).count == 2)

            // Action plans: each focal point keeps its own; the network's members read them; overdue items are flagged
            // (the test clock stands at 2026-11-23).
            let item = try await call(
                .post, "/api/v1/action-items", nz,
                ["title": "Designate the NEIC's recognition team", "owner": "NZQA", "due": "2026-06-30", "assistance": "Peer review by NIC-Japan"],
                expect: .created)
            #expect(item["country"] as? String == "NZ")
            let itemID = try #require(item["id"] as? String)
            _ = try await call(.post, "/api/v1/action-items", nz, ["country": "MN", "title": "Not ours"], expect: .forbidden)
            _ = try await call(.post, "/api/v1/action-items", nz, ["title": "Bad day", "due": "2026-02-30"], expect: .unprocessableContent)
            let mnItem = try await call(
                .post, "/api/v1/action-items", mn, ["title": "Set up the NIC's website", "due": "2027-03-31"], expect: .created)
            _ = try await call(.put, "/api/v1/action-items/\(mnItem["id"] as? String ?? "")", nz, ["title": "Taken over"], expect: .forbidden)
            let items = try await list("/api/v1/action-items", evaluator)
            #expect(items.map { $0["overdue"] as? Bool } == [false, true], "\(items)")
            _ = try await call(.get, "/api/v1/action-items", learner, expect: .forbidden)
            _ = try await call(.get, "/api/v1/action-items", nil, expect: .unauthorized)
            let done = try await call(
                .put, "/api/v1/action-items/\(itemID)", nz, ["title": "Designate the NEIC's recognition team", "status": "done", "due": "2026-06-30"])
            #expect(done["status"] as? String == "done")
            #expect(try await call(.get, "/api/v1/action-items/\(itemID)", evaluator)["overdue"] as? Bool == false)
            #expect(try await list("/api/v1/action-items?country=mn", admin).count == 1)

            // The regional report gathers it all, for the network's members only.
            _ = try await call(.get, "/api/v1/report/regional", learner, expect: .forbidden)
            _ = try await call(.get, "/api/v1/report/regional", nil, expect: .unauthorized)
            let report = try await call(.get, "/api/v1/report/regional", evaluator)
            let countries = report["countries"] as? [[String: Any]] ?? []
            let newZealand = countries.first { $0["country"] as? String == "NZ" }
            let since = (newZealand?["parties"] as? [Any])?.map { $0 as? String }
            #expect(since == [nil, "2018-02-01", "2024-12-17"] && newZealand?["nic"] as? Bool == true, "\(String(describing: newZealand))")
            #expect((report["surveys"] as? [[String: Any]])?.first?["submitted"] as? [String] == ["MN", "NZ"])
            let actions = report["actions"] as? [String: Any] ?? [:]
            #expect(actions["overdue"] as? Int == 0 && (actions["requests"] as? [Any])?.isEmpty == true)
            let registry = report["registry"] as? [String: Any] ?? [:]
            let published = try await call(.get, "/api/v1/microcredentials?page_size=1", nil)["total"] as? Int
            #expect(registry["total"] as? Int == published && (published ?? 0) > 0)
            let byCredits = (registry["by_credits"] as? [[String: Any]] ?? []).compactMap { $0["count"] as? Int }
            #expect(byCredits.count == 8 && byCredits.reduce(0, +) == published)
            let coverage = (report["coverage"] as? [[String: Any]] ?? []).first { $0["convention"] as? String == "tokyo-2011" }
            #expect(coverage?["with_nic"] as? Int == 12 && coverage?["parties"] as? Int == 12)
            for (format, marker) in [("csv", "country,name,bangkok-1983,tokyo-2011,global-2019,nic"), ("html", "<svg")] {
                let body = try await client.execute(
                    uri: "/api/v1/report/regional?format=\(format)", method: .get, headers: [.authorization: "Bearer \(admin)"]
                ) { String(buffer: $0.body) }
                #expect(body.contains(marker), "\(format)")
            }
        }
    }
}
