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

/// Bad input gets a clear 4xx problem and writes nothing.
@Suite("bad input")
struct BadInputTests {
    @Test("malformed, oversized, deep, bad CSV row, unknown level", arguments: TestDatabase.available)
    func badInput(_ engine: TestDatabase) async throws {
        try await APIJourneyTests.withApp(engine) { client, stores in
            let admin = try await APIJourneyTests.token(client, "admin@example.org", "admin-password")
            func expectProblem(
                _ uri: String, _ body: ByteBuffer, _ status: HTTPResponse.Status, contentType: String = "application/json", _ fragment: String
            ) async throws {
                try await client.execute(
                    uri: uri, method: .post, headers: [.authorization: "Bearer \(admin)", .contentType: contentType], body: body
                ) { response in
                    #expect(response.status == status, "\(uri): \(String(buffer: response.body))")
                    let problem = try APIJourneyTests.problem(response)
                    #expect((problem["detail"] as? String ?? "").contains(fragment), "\(problem)")
                }
            }
            let before = try await stores.registry.search(RegistryQuery(pageSize: 1)).total
            try await expectProblem("/api/v1/microcredentials", ByteBuffer(string: "{\"id\": \"x\", "), .badRequest, "not valid JSON")
            try await expectProblem(
                "/api/v1/microcredentials", ByteBuffer(repeating: UInt8(ascii: " "), count: 50 << 20), .contentTooLarge, "too large")
            let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
            try await expectProblem("/api/v1/microcredentials", ByteBuffer(string: deep), .badRequest, "nested")
            let csv = "id,provider_id,title,framework,level,credits\nnz-bad-1,nz-ecnz,Good row,nzqcf,4,10\nnz-bad-2,nz-ecnz,Bad row,nzqcf,4,ten\n"
            try await expectProblem(
                "/api/v1/microcredentials/import", ByteBuffer(string: csv), .unprocessableContent, contentType: "text/csv", "rows at 3 (CSV line")
            #expect(try await stores.registry.microcredential("nz-bad-1") == nil)
            let unknownLevel: [String: Any] = [
                "id": "nz-bad-level", "provider_id": "nz-ecnz", "title": "Level 11", "framework": "nzqcf", "level": 11, "credits": 10,
            ]
            try await expectProblem("/api/v1/microcredentials", APIJourneyTests.json(unknownLevel), .unprocessableContent, "no level 11")
            let unknownFramework: [String: Any] = ["id": "nz-bad-fw", "provider_id": "nz-ecnz", "title": "X", "framework": "nope", "level": 1]
            try await expectProblem("/api/v1/microcredentials", APIJourneyTests.json(unknownFramework), .unprocessableContent, "unknown framework")
            // Only JSON is JSON; duplicate keys and wrong types are named.
            let good = "{\"id\": \"nz-bad-dup\", \"provider_id\": \"nz-ecnz\", \"title\": \"Dup\"}"
            try await expectProblem(
                "/api/v1/microcredentials", ByteBuffer(string: good), .unsupportedMediaType, contentType: "text/plain", "application/json")
            try await expectProblem(
                "/api/v1/microcredentials", ByteBuffer(string: "{\"id\": \"a\", \"id\": \"b\"}"), .badRequest, "\"id\" appears twice")
            try await expectProblem(
                "/api/v1/microcredentials", ByteBuffer(string: "{\"id\": \"x\", \"level\": 3.5}"), .badRequest, "level must be a whole number")
            try await expectProblem(
                "/api/v1/microcredentials", ByteBuffer(string: "{\"id\": \"x\", \"learning_outcomes\": \"one\"}"), .badRequest,
                "learning_outcomes must be a list")
            try await client.execute(
                uri: "/api/v1/providers/nz-ecnz", method: .put, headers: [.authorization: "Bearer \(admin)", .contentType: "application/json"],
                body: APIJourneyTests.json([
                    "id": "nz-renamed", "name": "R", "country": "NZ", "kind": "university", "qa": ["status": "unknown"], "provenance": [:],
                ])
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("an id cannot be changed"))
            }
            try await client.execute(uri: "/api/v1/microcredentials?per_page=1000", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/v1/microcredentials?mode=teleport", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/v1/microcredentials/nope", method: .get) { #expect($0.status == .notFound) }
            #expect(try await stores.registry.search(RegistryQuery(pageSize: 1)).total == before)
        }
    }
}
