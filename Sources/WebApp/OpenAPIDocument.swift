import Foundation
import HTTPTypes
import Hummingbird
import RecognitionCore
import Storage

/// The OpenAPI 3.1 description served at `/api/openapi.json`. A test checks it names every `/api` route.
enum OpenAPIDocument {
    struct Operation {
        let method: String
        let path: String
        let summary: String
        let auth: Bool
        let body: String?
    }

    static let operations: [Operation] = [
        .init(method: "get", path: "/api/openapi.json", summary: "This document", auth: false, body: nil),
        .init(method: "post", path: "/api/v1/tokens", summary: "Exchange email and password for a bearer token (shown once)", auth: false, body: "TokenRequest"),
        .init(method: "get", path: "/api/v1/me", summary: "The account behind the bearer token", auth: true, body: nil),
        .init(method: "get", path: "/api/v1/accounts", summary: "List accounts (admin)", auth: true, body: nil),
        .init(method: "post", path: "/api/v1/accounts", summary: "Create an account (admin)", auth: true, body: "AccountRequest"),
        .init(method: "get", path: "/api/v1/frameworks", summary: "Qualifications frameworks with levels and credit rules", auth: false, body: nil),
        .init(method: "get", path: "/api/v1/frameworks/{id}", summary: "One framework", auth: false, body: nil),
        .init(method: "put", path: "/api/v1/frameworks/{id}", summary: "Replace a framework (admin)", auth: true, body: "Framework"),
        .init(method: "get", path: "/api/v1/providers", summary: "Providers with QA status", auth: false, body: nil),
        .init(method: "post", path: "/api/v1/providers", summary: "Create a provider (admin)", auth: true, body: "Provider"),
        .init(method: "get", path: "/api/v1/providers/{id}", summary: "One provider", auth: false, body: nil),
        .init(method: "put", path: "/api/v1/providers/{id}", summary: "Replace a provider (admin)", auth: true, body: "Provider"),
        .init(method: "get", path: "/api/v1/microcredentials", summary: "Search: q, country, provider, framework, level_min, level_max, credits_min, credits_max, mode, language, qa_status, status, page, per_page", auth: false, body: nil),
        .init(method: "post", path: "/api/v1/microcredentials", summary: "Create a listing (admin, or staff of its provider)", auth: true, body: "MicrocredentialInput"),
        .init(method: "post", path: "/api/v1/microcredentials/import", summary: "Import CSV (text/csv) or JSON; all or nothing unless skip_invalid=true", auth: true, body: "ImportFile"),
        .init(method: "get", path: "/api/v1/microcredentials/{id}", summary: "A listing with provider, framework and conformance report", auth: false, body: nil),
        .init(method: "put", path: "/api/v1/microcredentials/{id}", summary: "Replace a listing (admin, or staff of its provider)", auth: true, body: "MicrocredentialInput"),
        .init(method: "get", path: "/api/v1/reference/{name}", summary: "Reference records of a kind, whole, with source, as_of and confirmed", auth: false, body: nil),
        .init(method: "put", path: "/api/v1/reference/{name}", summary: "Replace one reference file, e.g. frameworks.json (admin)", auth: true, body: "ReferenceFile"),
    ]

    static func json() throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var entry: [String: Any] = [
                "summary": operation.summary,
                "responses": [
                    "2XX": ["description": "Success", "content": ["application/json": ["schema": ["type": "object"]]]],
                    "4XX": ["description": "Problem", "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]],
                ],
            ]
            if operation.auth { entry["security"] = [["bearer": [String]()]] }
            if let body = operation.body {
                entry["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(body)"]]]]
            }
            paths[operation.path, default: [:]][operation.method] = entry
        }
        let schemas: [String: Any] = [
            "Problem": ["type": "object", "required": ["status", "title", "detail"], "properties": [
                "status": ["type": "integer"], "title": ["type": "string"], "detail": ["type": "string"],
                "issues": ["type": "array", "items": ["type": "object"]], "rows": ["type": "array", "items": ["type": "object"]],
            ]],
            "TokenRequest": ["type": "object", "required": ["email", "password"], "properties": ["email": ["type": "string"], "password": ["type": "string"], "name": ["type": "string"]]],
            "AccountRequest": ["type": "object", "required": ["email", "display_name", "password", "role"], "properties": [
                "email": ["type": "string"], "display_name": ["type": "string"], "password": ["type": "string", "minLength": 10],
                "role": ["enum": ["admin", "provider-staff", "evaluator", "learner"]], "scope": ["type": "string"],
            ]],
            "MicrocredentialInput": ["type": "object", "required": ["id", "provider_id", "title"], "properties": [
                "id": ["type": "string"], "provider_id": ["type": "string"], "title": ["type": "string", "maxLength": 300],
                "title_local": ["type": "object"], "learning_outcomes": ["type": "array", "items": ["type": "string"]],
                "framework": ["type": "string"], "level": ["type": "integer"], "credits": ["type": "number"], "notional_hours": ["type": "number"],
                "assessment": ["type": "string"], "mode": ["enum": ["online", "on-site", "blended"]], "qa_type": ["type": "string"],
                "language": ["type": "string"], "prerequisites": ["type": "array", "items": ["type": "string"]],
                "stackable_into": ["type": "array", "items": ["type": "string"]], "validity_months": ["type": "integer"],
                "status": ["enum": ["draft", "approved", "withdrawn"]],
            ]],
            "Provider": ["type": "object", "required": ["id", "name", "country", "kind", "qa", "provenance"]],
            "Framework": ["type": "object", "required": ["id", "name", "jurisdiction", "kind", "levels", "provenance"]],
            "ImportFile": ["oneOf": [["type": "string", "description": "CSV"], ["type": "array", "items": ["$ref": "#/components/schemas/MicrocredentialInput"]]]],
            "ReferenceFile": ["type": "object", "description": "A file in the shape of shared/data (see its README)"],
        ]
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Accord API", "version": "1.0.0", "description": "Registry of qualifications frameworks, providers and microcredentials. Errors are RFC 9457 problem JSON."],
            "paths": paths,
            "components": ["schemas": schemas, "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
