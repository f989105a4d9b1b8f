import Foundation
import HTTPTypes

/// The OpenAPI 3.1 document (`OpenAPI/openapi.json`), served as written at `/api/openapi.json`. It is the contract:
/// a test checks that it names exactly the `/api` routes, and CI runs schemathesis against a live server to check
/// every operation's responses against its schemas.
enum OpenAPIDocument {
    static func json() throws -> Data {
        guard let url = Bundle.module.url(forResource: "OpenAPI/openapi.json", withExtension: nil) else {
            throw Problem(.internalServerError, "the OpenAPI document is missing from the bundle")
        }
        return try Data(contentsOf: url)
    }
}
