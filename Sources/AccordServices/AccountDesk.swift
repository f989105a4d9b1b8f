import Foundation
import RecognitionCore

/// Accounts, sign-in, browser sessions and API tokens: used by the API, the pages and the CLI.
public struct AccountDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// Why a sign-in failed: the same answer for an unknown email and a wrong password.
    public struct SignInRefused: Error, Sendable, Equatable {}

    /// Checks a password. An unknown email is checked against a decoy hash, so both failures take as long.
    public func signIn(email: String, password: String) async throws -> Account {
        guard email.count <= 320, password.count <= 200 else { throw SignInRefused() }
        guard let found = try await stores.accounts.credentials(email: email) else {
            _ = Secrets.verify(password, hash: Secrets.decoyHash)
            throw SignInRefused()
        }
        guard Secrets.verify(password, hash: found.passwordHash) else { throw SignInRefused() }
        return found.account
    }

    /// A new bearer token for a signed-in account; the token is returned once and stored hashed.
    public func issueToken(for account: Account, name: String?) async throws -> String {
        let token = dependencies.random.token()
        let label = String((name ?? "api").prefix(100))
        try await stores.transaction { tx in
            try await tx.accounts.createToken(
                APIToken(tokenHash: Secrets.hash(token), accountID: account.id, name: label, createdAt: dependencies.clock.now))
            try await dependencies.record(.issueToken, .init(.account, account.id.rawValue), by: account, summary: ["name": label], in: tx)
        }
        return token
    }

    /// The account behind a bearer token, if it is valid.
    public func account(bearer token: String) async throws -> Account? {
        try await stores.accounts.account(tokenHash: Secrets.hash(token))
    }

    /// A new browser session: returns the cookie value (stored hashed) and the session.
    public func openSession(for account: Account, lifetime: TimeInterval) async throws -> (cookie: String, session: Session) {
        let cookie = dependencies.random.token()
        let session = Session(
            tokenHash: Secrets.hash(cookie), accountID: account.id, csrfToken: dependencies.random.token(),
            expiresAt: dependencies.clock.now.addingTimeInterval(lifetime))
        try await stores.accounts.createSession(session)
        return (cookie, session)
    }

    /// The live session behind a cookie value.
    public func session(cookie: String) async throws -> (session: Session, account: Account)? {
        guard let found = try await stores.accounts.session(tokenHash: Secrets.hash(cookie)), found.session.expiresAt > dependencies.clock.now
        else { return nil }
        return found
    }

    public func closeSession(_ session: Session) async throws {
        try await stores.accounts.deleteSession(tokenHash: session.tokenHash)
    }

    public func accounts(by caller: Account?) async throws -> [Account] {
        try caller.authorize(.manageAccounts)
        return try await stores.accounts.accounts()
    }

    public func hasAdmin() async throws -> Bool { try await stores.accounts.hasAdmin() }

    /// Creates an account (admin only). The first admin is created with `firstAdmin`, which works only while there is none.
    public func create(
        email: String, displayName: String, password: String, role kind: Role.Kind, scope: String?, by caller: Account?
    ) async throws -> Account {
        try caller.authorize(.manageAccounts)
        return try await insert(email: email, displayName: displayName, password: password, role: kind, scope: scope, by: caller)
    }

    /// The first admin account, on a database that has none (first start, or `accord account create` by the operator).
    public func createFirstAdmin(email: String, displayName: String, password: String) async throws -> Account {
        guard try await !stores.accounts.hasAdmin() else { throw StoreError.conflict("an admin account exists already") }
        return try await insert(email: email, displayName: displayName, password: password, role: .admin, scope: nil, by: nil)
    }

    private func insert(
        email: String, displayName: String, password: String, role kind: Role.Kind, scope: String?, by caller: Account?
    ) async throws -> Account {
        var issues: [ValidationIssue] = []
        let email = email.trimmingCharacters(in: .whitespaces)
        if email.count > 320 || !email.contains("@") || email.contains(" ") {
            issues.append(.init(field: "email", message: "is not an email address"))
        }
        if displayName.isEmpty || displayName.count > 200 {
            issues.append(.init(field: "display_name", message: "is required (at most 200 characters)"))
        }
        let role = Role(kind: kind, scope: scope)
        if role == nil { issues.append(.init(field: "scope", message: "\(kind.rawValue) accounts need a scope (provider id or NIC id)")) }
        switch role {
        case .providerStaff(let provider)?:
            if try await stores.registry.provider(provider) == nil { issues.append(.init(field: "scope", message: "unknown provider '\(provider)'")) }
        case .evaluator(let nic)?:
            if try await stores.reference.nic(nic) == nil { issues.append(.init(field: "scope", message: "unknown NIC '\(nic)'")) }
        default:
            break
        }
        guard issues.isEmpty, let role else { throw ValidationFailure(issues) }
        try Secrets.checkPassword(password)
        let account = Account(
            id: .init(dependencies.random.hexID()), email: email, displayName: displayName, role: role, createdAt: dependencies.clock.now)
        let hash = Secrets.hashPassword(password, cost: dependencies.passwordCost)
        try await stores.transaction { tx in
            try await tx.accounts.create(account, passwordHash: hash)
            try await dependencies.record(.create, .init(.account, account.id.rawValue), by: caller, summary: AccountSummary(account), in: tx)
        }
        return account
    }

    /// What the audit log keeps of an account: never a secret.
    struct AccountSummary: Encodable {
        let email: String
        let role: Role

        init(_ account: Account) {
            email = account.email
            role = account.role
        }
    }
}
