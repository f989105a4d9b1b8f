import AccordServices
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RecognitionCore
import Storage
import StorageTestSupport
import TestSupport
import Testing
import WebApp

/// The JSON API as a new user meets it, on every engine: admin, provider staff, public, learner.
@Suite("API journeys")
struct APIJourneyTests {
    static let config = AppConfig()

    static func dependencies(_ database: Database) -> Dependencies {
        Dependencies(
            stores: SQLStores(database: database), clock: FixedClock(), random: SequentialRandom(), logger: Logger(label: "test"), passwordCost: 4,
            keyEncryption: .random())
    }

    static func withApp(_ engine: TestDatabase, _ body: @Sendable (any TestClientProtocol, any Stores) async throws -> Void) async throws {
        try await engine.with { database in
            let dependencies = Self.dependencies(database)
            let stores = dependencies.stores
            _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
            _ = try await NetworkDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundledSurveys())
            _ = try await MeetingDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundledMeetings())
            _ = try await AccountDesk(dependencies: dependencies).createFirstAdmin(
                email: "admin@example.org", displayName: "Admin", password: "admin-password")
            let router = try await buildRouter(config: config, dependencies: dependencies)
            let app = Application(router: router)
            try await app.test(.router) { client in try await body(client, stores) }
        }
    }

    static func json(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }

    static func token(_ client: some TestClientProtocol, _ email: String, _ password: String) async throws -> String {
        try await client.execute(
            uri: "/api/v1/tokens", method: .post, headers: [.contentType: "application/json"], body: json(["email": email, "password": password])
        ) { response in
            #expect(response.status == .created)
            let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            return object?["token"] as? String ?? ""
        }
    }

    /// One JSON call: the status is checked (the body is shown when it differs) and the answer read as an object.
    @discardableResult
    static func call(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ bearer: String?, _ body: Any? = nil,
        expect status: HTTPResponse.Status = .ok
    ) async throws -> [String: Any] {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map(json)) { response in
            #expect(response.status == status, "\(method) \(uri): \(String(buffer: response.body))")
            return try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
        }
    }

    static func problem(_ response: TestResponse) throws -> [String: Any] {
        #expect(response.headers[.contentType] == "application/problem+json")
        return try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
    }

    @Test("admin, provider staff, public and learner", arguments: TestDatabase.available)
    func journey(_ engine: TestDatabase) async throws {
        try await Self.withApp(engine) { client, stores in
            let admin = try await Self.token(client, "admin@example.org", "admin-password")
            let auth: HTTPFields = [.authorization: "Bearer \(admin)", .contentType: "application/json"]
            let provider: [String: Any] = [
                "id": "nz-journey", "name": "Journey Polytechnic", "country": "NZ", "kind": "polytechnic", "qa_body": "NZQA",
                "qa": ["status": "accredited", "since": "2019-01-01"], "provenance": ["confirmed": true],
            ]
            try await client.execute(uri: "/api/v1/providers", method: .post, headers: auth, body: Self.json(provider)) {
                #expect($0.status == .created)
            }
            let staff: [String: Any] = [
                "email": "staff@journey.nz", "display_name": "Staff", "password": "staff-password", "role": "provider-staff", "scope": "nz-journey",
            ]
            try await client.execute(uri: "/api/v1/accounts", method: .post, headers: auth, body: Self.json(staff)) { #expect($0.status == .created) }
            let learner: [String: Any] = ["email": "learner@example.org", "display_name": "L", "password": "learner-password", "role": "learner"]
            try await client.execute(uri: "/api/v1/accounts", method: .post, headers: auth, body: Self.json(learner)) {
                #expect($0.status == .created)
            }

            let staffToken = try await Self.token(client, "staff@journey.nz", "staff-password")
            let staffAuth: HTTPFields = [.authorization: "Bearer \(staffToken)", .contentType: "application/json"]
            let listing: [String: Any] = [
                "id": "nz-journey-carpentry", "provider_id": "nz-journey", "title": "Carpentry framing basics",
                "learning_outcomes": ["Frame a wall to code"], "framework": "nzqcf", "level": 3, "credits": 45, "mode": "on-site",
                "assessment": "practical", "language": "en", "status": "approved",
            ]
            // Staff cannot approve their own listing; they submit it.
            try await client.execute(uri: "/api/v1/microcredentials", method: .post, headers: staffAuth, body: Self.json(listing)) { response in
                #expect(response.status == .forbidden)
                let detail = try Self.problem(response)["detail"] as? String
                #expect(detail == ListingReview.Refusal.needsReviewer(.approved).description)
            }
            var submitted = listing
            submitted["status"] = "submitted"
            try await client.execute(uri: "/api/v1/microcredentials", method: .post, headers: staffAuth, body: Self.json(submitted)) { response in
                #expect(response.status == .created)
                let body = String(buffer: response.body)
                #expect(body.contains("\"conformance\""))
                #expect(body.contains("\"not-met\""))  // 45 credits is over NZQA's 40
            }
            let csv =
                "id,provider_id,title,framework,level,credits,mode\nnz-journey-a,nz-journey,Roof truss design,nzqcf,4,10,blended\nnz-journey-b,nz-journey,Stair building,nzqcf,4,15,on-site\n"
            try await client.execute(
                uri: "/api/v1/microcredentials/import", method: .post, headers: [.authorization: "Bearer \(staffToken)", .contentType: "text/csv"],
                body: ByteBuffer(string: csv)
            ) {
                #expect($0.status == .created)
                #expect(String(buffer: $0.body).contains("\"imported\":2"))
            }
            // Imported drafts are the provider's until approved: the public sees nothing, staff see both.
            try await client.execute(uri: "/api/v1/microcredentials?provider=nz-journey&status=draft", method: .get) {
                #expect(String(buffer: $0.body).contains("\"total\":0"))
            }
            try await client.execute(uri: "/api/v1/microcredentials/nz-journey-a", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/microcredentials?provider=nz-journey&status=draft", method: .get, headers: staffAuth) {
                #expect(String(buffer: $0.body).contains("\"total\":2"))
            }
            for id in ["nz-journey-a", "nz-journey-b"] {
                for (step, headers) in [("submit", staffAuth), ("approve", auth)] {
                    try await client.execute(
                        uri: "/api/v1/microcredentials/\(id)/review", method: .post, headers: headers, body: Self.json(["step": step])
                    ) { #expect($0.status == .ok) }
                }
            }
            try await client.execute(
                uri: "/api/v1/microcredentials/nz-journey-a/review", method: .post, headers: staffAuth, body: Self.json(["step": "approve"])
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/microcredentials/nz-journey-carpentry/review", method: .post, headers: auth, body: Self.json(["step": "approve"])
            ) { #expect($0.status == .ok) }
            // Staff may not list for another provider.
            var foreign = listing
            foreign["id"] = "nz-ecnz-foreign"
            foreign["provider_id"] = "nz-ecnz"
            try await client.execute(uri: "/api/v1/microcredentials", method: .post, headers: staffAuth, body: Self.json(foreign)) {
                #expect($0.status == .forbidden)
            }
            // The public searches and filters.
            try await client.execute(uri: "/api/v1/microcredentials?q=truss&country=NZ&level_min=4&level_max=4", method: .get) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains("nz-journey-a") && !body.contains("nz-journey-b"))
            }
            try await client.execute(uri: "/api/v1/microcredentials?provider=nz-journey&credits_min=12", method: .get) { response in
                #expect(String(buffer: response.body).contains("\"total\":2"))
            }
            // A learner is refused a registry write.
            let learnerToken = try await Self.token(client, "learner@example.org", "learner-password")
            var other = listing
            other["id"] = "nz-journey-learner"
            try await client.execute(
                uri: "/api/v1/microcredentials", method: .post,
                headers: [.authorization: "Bearer \(learnerToken)", .contentType: "application/json"], body: Self.json(other)
            ) { response in
                #expect(response.status == .forbidden)
                let problem = try Self.problem(response)
                #expect(problem["status"] as? Int == 403)
            }
            #expect(try await stores.registry.microcredential("nz-journey-learner") == nil)
            try await client.execute(
                uri: "/api/v1/microcredentials", method: .post, headers: [.contentType: "application/json"], body: Self.json(other)
            ) {
                #expect($0.status == .unauthorized)
            }
        }
    }
}

extension APIJourneyTests {
    @Test("tokens are listed and revoked; a sixth wrong password gets 429 with Retry-After", arguments: TestDatabase.available)
    func tokensAndThrottle(_ engine: TestDatabase) async throws {
        try await Self.withApp(engine) { client, _ in
            let token = try await Self.token(client, "admin@example.org", "admin-password")
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let id: String = try await client.execute(uri: "/api/v1/tokens", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(!body.contains(token) && !body.contains("token_hash"))
                let list = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]] ?? []
                return list.first?["id"] as? String ?? ""
            }
            try await client.execute(uri: "/api/v1/tokens/\(id)", method: .delete, headers: auth) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: auth) { #expect($0.status == .unauthorized) }
            let wrong = Self.json(["email": "admin@example.org", "password": "wrong-password"])
            for _ in 1...5 {
                try await client.execute(uri: "/api/v1/tokens", method: .post, headers: [.contentType: "application/json"], body: wrong) {
                    #expect($0.status == .unauthorized)
                }
            }
            try await client.execute(uri: "/api/v1/tokens", method: .post, headers: [.contentType: "application/json"], body: wrong) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] != nil)
            }
        }
    }
}
