import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RecognitionCore
import Storage
import StorageTestSupport
import TestSupport
import Testing
import WebApp

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("describes every /api route and nothing else")
    func everyRouteDescribed() async throws {
        try await TestDatabase.sqlite.with { database in
            let router = try await buildRouter(config: AppConfig(), dependencies: APIJourneyTests.dependencies(database))
            let routes = Set(
                router.routes.filter { "\($0.path)".hasPrefix("/api") }.map { route in
                    let path = "\(route.path)".split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(
                        separator: "/")
                    return "\(route.method.rawValue.lowercased()) /\(path)"
                })
            let app = Application(router: router)
            let described: Set<String> = try await app.test(.router) { client in
                try await client.execute(uri: "/api/openapi.json", method: .get) { response in
                    let document = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
                    #expect(document["openapi"] as? String == "3.1.0")
                    let paths = document["paths"] as? [String: [String: Any]] ?? [:]
                    return Set(paths.flatMap { path, methods in methods.keys.map { "\($0) \(path)" } })
                }
            }
            #expect(routes == described)
        }
    }
}

extension OpenAPITests {
    @Test("the document's enumerations are the code's: audit actions and subjects, listing statuses, review steps, roles")
    func enumerationsMatch() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/WebApp/OpenAPI/openapi.json")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]] ?? [:]
        func enumeration(_ schema: String, _ property: String) -> [String] {
            ((schemas[schema]?["properties"] as? [String: [String: Any]])?[property]?["enum"] as? [String]) ?? []
        }
        #expect(enumeration("AuditEvent", "action") == AuditAction.allCases.map(\.rawValue))
        #expect(enumeration("Microcredential", "status") == Microcredential.Status.allCases.map(\.rawValue))
        #expect(enumeration("MicrocredentialInput", "status") == Microcredential.Status.allCases.map(\.rawValue))
        #expect(enumeration("ReviewRequest", "step") == ListingReview.Step.allCases.map(\.rawValue))
        #expect(enumeration("Role", "kind") == Role.Kind.allCases.map(\.rawValue))
        let subject = (schemas["AuditEvent"]?["properties"] as? [String: [String: Any]])?["subject"]?["properties"] as? [String: [String: Any]]
        #expect(subject?["kind"]?["enum"] as? [String] == AuditSubject.Kind.allCases.map(\.rawValue))
    }
}
