import AccordServices
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RecognitionCore
import SQLKit
import Storage
import StorageTestSupport
import TestSupport
import Testing
import WebApp

/// Batch issuance through the API on every engine: a CSV of 1,000 learners with refused rows, a checked preview,
/// idempotent uploads, confirmation, background issuing to the end, one credential per row (also when two runs race),
/// the claim links, the audit chain; refused to other providers' staff, learners and the public.
@Suite("batch issuing")
struct BatchIssuingTests {
    static let listing = IssuingTests.listing

    /// 1,000 learners, then a row without a date, a repeated learner and a date in the future (refused).
    static let csv: String = {
        var text = "email,name,completion date,result\n"
        for index in 0..<1_000 { text += "learner\(index)@example.org,Learner \(index),2026-10-\(String(format: "%02d", index % 28 + 1)),Merit\n" }
        text += "nodate@example.org,No Date,,\nlearner7@example.org,Again,2026-10-01,\nfuture@example.org,Future,2027-01-01,\n"
        return text
    }()

    static func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?, body: [String: Any]? = nil
    ) async throws -> (HTTPResponse.Status, JSON?) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map(APIJourneyTests.json) ?? ByteBuffer()) {
            ($0.status, try? JSON(parsing: Array($0.body.readableBytesView)))
        }
    }

    @Test("a 1,000-learner batch: preview, confirm, issued once per row, claim links", arguments: TestDatabase.available)
    func journey(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            _ = try await IssuerKeyTests.seedWithStaff(dependencies)
            let router = try await buildRouter(config: APIJourneyTests.config, dependencies: dependencies)
            try await Application(router: router).test(.router) { client in
                let staff = try await APIJourneyTests.token(client, "staff@ecnz.example", "staff-password")
                let other = try await APIJourneyTests.token(client, "staff@unitec.example", "staff-password")
                let learner = try await APIJourneyTests.token(client, "learner@example.org", "learner-password")
                let upload = "/api/v1/microcredentials/\(Self.listing)/batches"
                let body: [String: Any] = ["csv": Self.csv, "batch_id": "cohort-2026-10"]
                #expect(try await Self.call(client, .post, upload, token: nil, body: body).0 == .unauthorized)
                #expect(try await Self.call(client, .post, upload, token: other, body: body).0 == .forbidden)
                #expect(try await Self.call(client, .post, upload, token: learner, body: body).0 == .forbidden)
                // Not a CSV of learners: a clear 422 naming the problem.
                let (badStatus, bad) = try await Self.call(client, .post, upload, token: staff, body: ["csv": "email,name\nx@example.org,X\n"])
                #expect(badStatus == .unprocessableContent)
                #expect(bad?.canonicalString.contains("completion date") == true, "\(bad?.canonicalString ?? "")")

                let (status, preview) = try await Self.call(client, .post, upload, token: staff, body: body)
                #expect(status == .created)
                #expect(preview?["state"]?.stringValue == "preview")
                #expect(preview?["rows"] == .number(1_003))
                #expect(preview?["valid"] == .number(1_000))
                let problems = preview?["problems"]?.items ?? []
                #expect(problems.count == 3)
                #expect(problems.map { $0["line"] } == [.number(1_002), .number(1_003), .number(1_004)])
                #expect(problems[0]["message"]?.stringValue?.contains("completion date is missing") == true)
                #expect(problems[1]["message"]?.stringValue?.contains("already on row 8") == true)
                #expect(problems[2]["message"]?.stringValue?.contains("in the future") == true)
                // Nothing is issued before the staff confirm.
                #expect(try await dependencies.stores.issued.credentials(matching: .init(provider: "nz-ecnz", limit: 10)).isEmpty)

                // The same file under the same id is the same batch; another file under it is a conflict.
                let (again, same) = try await Self.call(client, .post, upload, token: staff, body: body)
                #expect(again == .created && same?["id"] == preview?["id"])
                let (conflict, _) = try await Self.call(
                    client, .post, upload, token: staff, body: ["csv": "a@example.org,A,2026-10-01\n", "batch_id": "cohort-2026-10"])
                #expect(conflict == .conflict)

                let batch = "/api/v1/batches/cohort-2026-10"
                for token in [other, learner] {
                    #expect(try await Self.call(client, .get, batch, token: token).0 == .forbidden)
                    #expect(try await Self.call(client, .get, batch + "/rows", token: token).0 == .forbidden)
                    #expect(try await Self.call(client, .post, batch + "/confirm", token: token).0 == .forbidden)
                    #expect(try await Self.call(client, .post, batch + "/cancel", token: token).0 == .forbidden)
                }
                #expect(try await Self.call(client, .get, batch, token: nil).0 == .unauthorized)

                // Confirming needs the provider's key: a clear 422 without one, and the batch stays a preview.
                #expect(try await Self.call(client, .post, batch + "/confirm", token: staff).0 == .unprocessableContent)
                #expect(try await Self.call(client, .get, batch, token: staff).1?["state"]?.stringValue == "preview")
                #expect(try await Self.call(client, .post, "/api/v1/providers/nz-ecnz/issuer-keys", token: staff).0 == .created)
                let (accepted, confirmed) = try await Self.call(client, .post, batch + "/confirm", token: staff)
                #expect(accepted == .accepted)
                #expect(confirmed?["state"]?.stringValue == "running" || confirmed?["state"]?.stringValue == "done")
                var state = confirmed
                for _ in 0..<600 where state?["state"]?.stringValue == "running" {
                    try await Task.sleep(for: .milliseconds(100))
                    state = try await Self.call(client, .get, batch, token: staff).1
                }
                #expect(state?["state"]?.stringValue == "done", "\(state?.canonicalString ?? "")")
                #expect(state?["issued"] == .number(1_000))
                #expect(try await Self.call(client, .post, batch + "/cancel", token: staff).0 == .conflict)

                // Exactly one credential per valid row, each in its own slot.
                let counts = try await database.sql.raw(
                    "SELECT count(*) AS n, count(DISTINCT batch_row) AS rows, count(DISTINCT status_index) AS slots FROM issued_credentials WHERE batch_id = 'cohort-2026-10'"
                ).first()
                #expect(try counts?.decode(column: "n", as: Int.self) == 1_000)
                #expect(try counts?.decode(column: "rows", as: Int.self) == 1_000)
                #expect(try counts?.decode(column: "slots", as: Int.self) == 1_000)
                // Running it again issues nothing.
                _ = try await BatchDesk(dependencies: dependencies).run("cohort-2026-10")
                #expect(try await dependencies.stores.issued.credentials(matching: .init(provider: "nz-ecnz", limit: 1_000)).count == 1_000)

                // Rows with their credentials and claim links; the link opens the learner's credential, checked.
                let (_, rows) = try await Self.call(client, .get, batch + "/rows?after=995&limit=20", token: staff)
                let items = rows?.items ?? []
                #expect(items.map { $0["row"] } == (996...1_003).map { .number(Double($0)) })
                #expect(items.prefix(5).allSatisfy { $0["credential"]?.stringValue?.hasPrefix("urn:uuid:") == true && $0["claim_url"] != nil })
                #expect(items.suffix(3).allSatisfy { $0["error"]?.stringValue != nil && $0["claim_url"] == nil })
                let claim = try #require(items.first?["claim_url"]?.stringValue)
                let signed = try await client.execute(uri: claim + "/credential.json", method: .get) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                let report = try await IssuerKeyTests.verify(client, Array(signed.utf8))
                #expect(report["valid"] == .bool(true), "\(report.prettyString)")
                let credential = try JSON(parsing: Array(signed.utf8))
                #expect(credential["awardedDate"]?.stringValue == "2026-10-16T00:00:00Z")
                #expect(credential["credentialSubject"]?["result"]?.items.first?["value"]?.stringValue == "Merit")
                #expect(credential["id"]?.stringValue == items.first?["credential"]?.stringValue)

                // The dashboard's filters: by batch, by part of a learner's email or name, by state.
                let listURI = "/api/v1/providers/nz-ecnz/credentials"
                #expect(try await Self.call(client, .get, listURI + "?batch=cohort-2026-10&limit=5", token: staff).1?.items.count == 5)
                let found = try await Self.call(client, .get, listURI + "?q=LEARNER99", token: staff).1?.items ?? []
                #expect(
                    Set(found.compactMap { $0["recipient_name"]?.stringValue })
                        == Set((["99"] + (990...999).map(String.init)).map { "Learner \($0)" }))
                #expect(try await Self.call(client, .get, listURI + "?q=%25", token: staff).1?.items.count == 0)
                #expect(try await Self.call(client, .get, listURI + "?state=revoked", token: staff).1?.items.count == 0)
                #expect(try await Self.call(client, .get, listURI + "?state=gone", token: staff).0 == .unprocessableContent)
                #expect(try await Self.call(client, .get, listURI + "?batch=cohort-2026-10", token: other).0 == .forbidden)
                #expect(try await Self.call(client, .get, listURI + "?offset=998&limit=10", token: staff).1?.items.count == 2)

                // The provider's list, and the audit chain: one issue event per credential, the chain intact.
                let (_, list) = try await Self.call(client, .get, "/api/v1/providers/nz-ecnz/batches", token: staff)
                #expect(list?.items.map { $0["id"]?.stringValue } == ["cohort-2026-10"])
                #expect(try await Self.call(client, .get, "/api/v1/providers/nz-ecnz/batches", token: other).0 == .forbidden)
                let issueEvents = try await database.sql.raw("SELECT count(*) AS n FROM audit_events WHERE action = 'issue'").first()
                #expect(try issueEvents?.decode(column: "n", as: Int.self) == 1_000)
                #expect(try await dependencies.stores.audit.verify() == .intact(events: try await dependencies.stores.audit.count()))
            }
        }
    }

    @Test("two runs of one batch at once still issue each row once", arguments: TestDatabase.available)
    func racingRuns(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            let admin = try await IssuerKeyTests.seedWithStaff(dependencies)
            _ = try await IssuerDesk(dependencies: dependencies).createKey(for: "nz-ecnz", by: admin)
            let desk = BatchDesk(dependencies: dependencies)
            var csv = ""
            for index in 0..<1_100 { csv += "did:example:learner\(index),Learner \(index),2026-11-0\(index % 9 + 1)\n" }
            let batch = try await desk.prepare(microcredential: .init(Self.listing), csv: csv, suite: .eddsaJcs2022, batchID: nil, by: admin)
            #expect(batch.validCount == 1_100)
            _ = try await desk.confirm(batch.id, by: admin)
            async let first = Result { try await desk.run(batch.id) }
            async let second = Result { try await desk.run(batch.id) }
            let outcomes = await [first, second]
            // One run may stop on the other's rows (the database refuses a second credential); running again finishes.
            #expect(outcomes.contains { if case .success = $0 { true } else { false } })
            let finished = try await desk.run(batch.id)
            #expect(finished.state == .done)
            let counts = try await database.sql.raw(
                "SELECT count(*) AS n, count(DISTINCT batch_row) AS rows FROM issued_credentials WHERE batch_id = \(bind: batch.id.rawValue)"
            ).first()
            #expect(try counts?.decode(column: "n", as: Int.self) == 1_100)
            #expect(try counts?.decode(column: "rows", as: Int.self) == 1_100)
            #expect(finished.issuedCount == 1_100)
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
