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

/// Meetings through the real HTTP API on both engines, as #16 item 6 tells it: the seeded workshop carries its
/// pre-workshop survey; the admin plans a webinar, uploads its concept note; each focal point names its own country's
/// participants (never another's); outcomes become action items in the countries' plans; the report filtered to the
/// meeting shows only what it produced; every change is in the audit log.
@Suite("Meetings")
struct MeetingTests {
    @Test("seeded meetings, planning, participants per country, documents, outcomes, the meeting's report", arguments: TestDatabase.available)
    func journey(_ engine: TestDatabase) async throws {
        try await APIJourneyTests.withApp(engine) { client, stores in
            func call(
                _ method: HTTPRequest.Method, _ uri: String, _ bearer: String?, _ body: Any? = nil, expect status: HTTPResponse.Status = .ok
            ) async throws -> [String: Any] {
                try await APIJourneyTests.call(client, method, uri, bearer, body, expect: status)
            }
            func text(_ uri: String, _ bearer: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(bearer)"]) { response in
                    #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
                    return String(buffer: response.body)
                }
            }
            let admin = try await APIJourneyTests.token(client, "admin@example.org", "admin-password")
            for (email, role, scope) in [
                ("fp@nz.example", "focal-point", "NZ"), ("fp@cn.example", "focal-point", "CN"), ("eval@nzqa.example", "evaluator", "nz-nzqa"),
                ("mere@example.org", "learner", ""),
            ] {
                var account: [String: Any] = ["email": email, "display_name": email, "password": "password-123", "role": role]
                if !scope.isEmpty { account["scope"] = scope }
                _ = try await call(.post, "/api/v1/accounts", admin, account, expect: .created)
            }
            let (nz, cn, evaluator, learner) = (
                try await APIJourneyTests.token(client, "fp@nz.example", "password-123"),
                try await APIJourneyTests.token(client, "fp@cn.example", "password-123"),
                try await APIJourneyTests.token(client, "eval@nzqa.example", "password-123"),
                try await APIJourneyTests.token(client, "mere@example.org", "password-123")
            )

            // The three seeded meetings, latest first; the workshop names its pre-workshop survey (a draft: 0 of 23).
            let listed = try await text("/api/v1/meetings", evaluator)
            let ids = (try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == ["webinar-conventions-2025-08", "beijing-workshop-2017", "cde-2005-focal-points-2014"])
            _ = try await call(.get, "/api/v1/meetings", learner, expect: .forbidden)
            _ = try await call(.get, "/api/v1/meetings", nil, expect: .unauthorized)
            let workshop = try await call(.get, "/api/v1/meetings/beijing-workshop-2017", admin)
            let standing = workshop["survey"] as? [String: Any]
            #expect(standing?["id"] as? String == "pre-workshop-tokyo-readiness" && standing?["asked"] as? Int == 23)
            #expect((workshop["meeting"] as? [String: Any])?["agenda"] as? [String] != nil)
            // A focal point does not see a draft survey's standing; the admin does.
            #expect(try await call(.get, "/api/v1/meetings/beijing-workshop-2017", nz)["survey"] == nil)

            // The admin plans a webinar; bad input is refused with every issue named; focal points cannot plan.
            let webinar: [String: Any] = [
                "kind": "webinar", "title": "Session 2: NICs and the Tokyo Convention", "conventions": ["tokyo-2011"],
                "starts_on": "2026-12-10", "link": "https://example.org/webinar-2", "languages": ["en", "zh-Hans"],
                "agenda": ["Opening", "NICs in practice"], "survey": "pre-workshop-tokyo-readiness",
            ]
            _ = try await call(.post, "/api/v1/meetings", nz, webinar, expect: .forbidden)
            let bad = try await call(
                .post, "/api/v1/meetings", admin,
                [
                    "kind": "webinar", "title": " ", "conventions": ["no-such"], "starts_on": "2026-12-10", "ends_on": "2026-12-01",
                    "link": "http://insecure.example", "languages": ["english!"],
                ], expect: .unprocessableContent)
            let badFields = Set((bad["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(badFields == ["title", "endsOn", "link", "languages", "conventions"], "\(bad)")
            let planned = try await call(.post, "/api/v1/meetings", admin, webinar, expect: .created)
            let id = try #require(planned["id"] as? String)
            let path = "/api/v1/meetings/\(id)"

            // Participants: each focal point for its own country only; NICs must be of that country.
            _ = try await call(
                .put, "\(path)/participants/NZ", nz,
                ["participants": [["country": "NZ", "name": "Aroha Ngata", "nic": "nz-nzqa", "capacity": "delegate"]]])
            _ = try await call(.put, "\(path)/participants/CN", nz, ["participants": [["country": "CN", "name": "x"]]], expect: .forbidden)
            _ = try await call(
                .put, "\(path)/participants/CN", cn, ["participants": [["country": "CN", "nic": "nz-nzqa", "capacity": "delegate"]]],
                expect: .unprocessableContent)
            _ = try await call(
                .put, "\(path)/participants/CN", cn, ["participants": [["country": "NZ", "name": "smuggled", "capacity": "delegate"]]],
                expect: .unprocessableContent)
            _ = try await call(
                .put, "\(path)/participants/CN", cn,
                [
                    "participants": [
                        ["country": "CN", "name": "Li Wei", "nic": "cn-cdgdc", "capacity": "delegate"], ["country": "CN", "capacity": "observer"],
                    ]
                ])
            _ = try await call(.put, "\(path)/participants/NZ", evaluator, ["participants": []], expect: .forbidden)
            var meeting = try await call(.get, path, evaluator)["meeting"] as? [String: Any] ?? [:]
            var people = (meeting["participants"] as? [[String: Any]] ?? []).map { "\($0["country"]!)/\($0["name"] ?? "-")" }
            #expect(Set(people) == ["NZ/Aroha Ngata", "CN/Li Wei", "CN/-"], "\(people)")
            // Replacing one country's delegation leaves the other's.
            _ = try await call(.put, "\(path)/participants/CN", cn, ["participants": [["country": "CN", "name": "Li Wei", "capacity": "delegate"]]])
            meeting = try await call(.get, path, admin)["meeting"] as? [String: Any] ?? [:]
            people = (meeting["participants"] as? [[String: Any]] ?? []).map { "\($0["country"]!)/\($0["name"] ?? "-")" }
            #expect(Set(people) == ["NZ/Aroha Ngata", "CN/Li Wei"])

            // Documents: the admin uploads a PDF with its language; members download it; other bytes are refused.
            let pdf = Array("%PDF-1.4\n% concept note\n".utf8)
            func upload(_ bytes: [UInt8], _ query: String, _ bearer: String, type: String = "application/pdf") async throws -> TestResponse {
                try await client.execute(
                    uri: "\(path)/documents?\(query)", method: .post, headers: [.authorization: "Bearer \(bearer)", .contentType: type],
                    body: ByteBuffer(bytes: bytes)
                ) { $0 }
            }
            #expect(try await upload(pdf, "name=note.pdf&language=en", nz).status == .forbidden)
            #expect(try await upload(Array("hello".utf8), "name=x.pdf&language=en", admin).status == .unprocessableContent)
            #expect(try await upload(pdf, "name=x.pdf&language=not a tag", admin).status == .unprocessableContent)
            #expect(try await upload(pdf, "name=x.txt&language=en", admin, type: "text/plain").status == .unsupportedMediaType)
            let uploaded = try await upload(pdf, "name=concept%20note.pdf&language=zh-Hans", admin)
            #expect(uploaded.status == .created)
            let document = try JSONSerialization.jsonObject(with: Data(uploaded.body.readableBytesView)) as? [String: Any] ?? [:]
            let documentID = try #require(document["id"] as? String)
            try await client.execute(uri: "\(path)/documents/\(documentID)", method: .get, headers: [.authorization: "Bearer \(cn)"]) { response in
                #expect(response.status == .ok && Array(response.body.readableBytesView) == pdf)
                #expect(response.headers[.contentLanguage] == "zh-Hans")
            }
            _ = try await call(.get, "\(path)/documents/\(documentID)", learner, expect: .forbidden)
            _ = try await call(.get, "/api/v1/meetings/beijing-workshop-2017/documents/\(documentID)", admin, expect: .notFound)

            // Outcomes: action items that name the meeting, each in its own country's plan.
            _ = try await call(
                .post, "\(path)/outcomes", nz, ["title": "Publish the NIC's recognition guide", "due": "2027-03-31", "assistance": "peer review"],
                expect: .created)
            _ = try await call(.post, "\(path)/outcomes", nz, ["country": "CN", "title": "not ours"], expect: .forbidden)
            _ = try await call(
                .post, "\(path)/outcomes", admin, ["country": "CN", "title": "Host the next session", "due": "2026-01-31"], expect: .created)
            _ = try await call(.post, "/api/v1/action-items", admin, ["country": "MN", "title": "Unrelated item"], expect: .created)
            _ = try await call(
                .post, "/api/v1/action-items", admin, ["country": "MN", "title": "x", "meeting": "no-such-meeting"], expect: .unprocessableContent)
            let view = try await call(.get, path, evaluator)
            let outcomes = (view["outcomes"] as? [[String: Any]] ?? []).map { "\($0["country"]!):\($0["overdue"] as? Bool ?? false)" }
            #expect(outcomes == ["CN:true", "NZ:false"], "\(outcomes)")
            #expect(try await text("/api/v1/action-items?format=csv", admin).contains(",\(id)\r\n"))

            // The report filtered to the meeting: its convention, its survey, its outcomes only; the whole report has all.
            let report = try await call(.get, "/api/v1/report/regional?meeting=\(id)", nz)
            #expect((report["meeting"] as? [String: Any])?["id"] as? String == id)
            #expect((report["conventions"] as? [[String: Any]] ?? []).count == 1)
            let statuses = ((report["actions"] as? [String: Any])?["by_status"] as? [[String: Any]] ?? []).reduce(0) {
                $0 + ($1["count"] as? Int ?? 0)
            }
            #expect(statuses == 2)
            let whole = try await call(.get, "/api/v1/report/regional", nz)
            #expect(whole["meeting"] == nil)
            let all = ((whole["actions"] as? [String: Any])?["by_status"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
            #expect(all == 3)
            #expect(try await text("/api/v1/report/regional?meeting=\(id)&format=csv", nz).hasPrefix("meeting,title,starts_on"))
            _ = try await call(.get, "/api/v1/report/regional?meeting=no-such", nz, expect: .notFound)

            // The admin changes the meeting (kept participants are replaced only by what is sent); CSV lists it.
            var changed = webinar
            changed["title"] = "Session 2 (moved)"
            changed["starts_on"] = "2026-12-17"
            changed["participants"] = meeting["participants"]
            _ = try await call(.put, path, nz, changed, expect: .forbidden)
            _ = try await call(.put, path, admin, changed)
            #expect(try await text("/api/v1/meetings?format=csv", evaluator).contains("\(id),webinar,Session 2 (moved),2026-12-17,"))
            // Fields sent without participants leave the participants as the focal points named them.
            changed.removeValue(forKey: "participants")
            let kept = try await call(.put, path, admin, changed)
            #expect((kept["participants"] as? [[String: Any]] ?? []).count == 2, "\(kept)")

            // Every change is audited under the meeting.
            let events = try await stores.audit.events(subject: .init(.meeting, id), since: nil, limit: 50).sorted { $0.sequence < $1.sequence }
            #expect(
                events.map(\.action.rawValue) == ["create", "update", "update", "update", "create", "update", "update"], "\(events.map(\.action))")
        }
    }
}
