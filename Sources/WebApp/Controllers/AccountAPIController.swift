import Foundation
import HTTPTypes
import Hummingbird
import RecognitionCore
import Storage

/// `/api/v1` accounts and tokens, and the reference data an admin may replace.
struct AccountAPIController {
    let dependencies: Dependencies
    let config: AppConfig

    struct TokenRequest: Decodable {
        let email: String
        let password: String
        let name: String?
    }

    struct AccountRequest: Decodable {
        let email: String
        let displayName: String
        let password: String
        let role: Role.Kind
        let scope: String?
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.post("tokens", use: createToken)
        router.get("me") { _, context in
            guard let account = context.account else { throw AccessError.unauthenticated }
            return try JSONInput.response(account)
        }
        router.get("accounts") { _, context in
            try context.account.authorize(.manageAccounts)
            return try JSONInput.response(try await dependencies.accounts.accounts())
        }
        router.post("accounts", use: createAccount)
        router.get("reference/:name", use: referenceDocuments)
        router.put("reference/:name", use: replaceReference)
    }

    func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONInput.decode(TokenRequest.self, from: request)
        let account = try await AccountDesk(dependencies: dependencies, config: config).signIn(email: body.email, password: body.password)
        let token = Secrets.token()
        try await dependencies.accounts.createToken(
            APIToken(tokenHash: Secrets.hash(token), accountID: account.id, name: String((body.name ?? "api").prefix(100)), createdAt: dependencies.clock.now))
        return try JSONInput.response(TokenResponse(token: token, account: account), status: .created)
    }

    func createAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONInput.decode(AccountRequest.self, from: request)
        let account = try await AccountDesk(dependencies: dependencies, config: config).create(
            email: body.email, displayName: body.displayName, password: body.password, role: body.role, scope: body.scope, by: context.account)
        return try JSONInput.response(account, status: .created)
    }

    func referenceDocuments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let raw = try context.parameters.require("name")
        guard let kind = ReferenceDocument.Kind(rawValue: raw) else {
            throw Problem(.notFound, "no reference kind '\(raw)' (kinds: \(ReferenceDocument.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return try JSONInput.response(try await dependencies.reference.documents(kind))
    }

    /// Replaces one reference file (e.g. `frameworks.json`) with the body, in one transaction.
    func replaceReference(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.account.authorize(.editReferenceData)
        let name = try context.parameters.require("name")
        guard let file = ReferenceData.File(rawValue: name) else {
            throw Problem(.notFound, "no reference file '\(name)' (files: \(ReferenceData.File.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let body = try await JSONInput.body(request, limit: InputLimits.importBody)
        let data = Data(body.readableBytesView)
        try JSONInput.checkDepth(data)
        let decoded = try ReferenceData.decode(files: [file: data])
        try await dependencies.reference.replace(with: decoded)
        return try JSONInput.response(ReplaceResponse(file: name, records: decoded.documents.count + decoded.providers.count + decoded.microcredentials.count))
    }
}

struct TokenResponse: Encodable {
    let token: String
    let account: Account
}

struct ReplaceResponse: Encodable {
    let file: String
    let records: Int
}

/// Account operations shared by the API, the pages and the CLI's first-admin step.
public struct AccountDesk: Sendable {
    let dependencies: Dependencies
    let config: AppConfig

    public init(dependencies: Dependencies, config: AppConfig) {
        self.dependencies = dependencies
        self.config = config
    }

    /// Checks a password; the same message for an unknown email and a wrong password.
    func signIn(email: String, password: String) async throws -> Account {
        guard email.count <= 320, password.count <= 200, let found = try await dependencies.accounts.credentials(email: email),
            Secrets.verify(password, hash: found.passwordHash)
        else { throw Problem(.unauthorized, "email or password is wrong") }
        return found.account
    }

    /// Creates an account (admin only, unless `caller` is nil and `bootstrap` is set for the first admin).
    public func create(
        email: String, displayName: String, password: String, role kind: Role.Kind, scope: String?, by caller: Account?,
        bootstrap: Bool = false
    ) async throws -> Account {
        if !bootstrap { try caller.authorize(.manageAccounts) }
        var issues: [ValidationIssue] = []
        let email = email.trimmingCharacters(in: .whitespaces)
        if email.count > 320 || !email.contains("@") || email.contains(" ") { issues.append(.init(field: "email", message: "is not an email address")) }
        if displayName.isEmpty || displayName.count > 200 { issues.append(.init(field: "display_name", message: "is required (at most 200 characters)")) }
        let role = Role(kind: kind, scope: scope)
        if role == nil { issues.append(.init(field: "scope", message: "\(kind.rawValue) accounts need a scope (provider id or NIC)")) }
        if case .providerStaff(let provider)? = role, try await dependencies.registry.provider(provider) == nil {
            issues.append(.init(field: "scope", message: "unknown provider '\(provider)'"))
        }
        guard issues.isEmpty, let role else { throw ValidationFailure(issues) }
        try Secrets.checkPassword(password)
        let account = Account(
            id: .init(Secrets.token().prefix(16).lowercased()), email: email, displayName: displayName, role: role,
            createdAt: dependencies.clock.now)
        try await dependencies.accounts.create(account, passwordHash: Secrets.hashPassword(password, cost: config.bcryptCost))
        return account
    }
}
