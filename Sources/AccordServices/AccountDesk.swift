import Foundation
import RecognitionCore

/// Accounts, sign-in, browser sessions and API tokens: used by the API, the pages and the CLI.
public struct AccountDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// Why a sign-in failed: the same answer for an unknown email and a wrong password.
    public struct SignInRefused: Error, Sendable, Equatable {}

    /// Too many failed sign-ins for this email or from this address: try again after `retryAfter` seconds.
    public struct SignInThrottled: Error, Sendable, Equatable {
        public var retryAfter: Int
        public init(retryAfter: Int) { self.retryAfter = retryAfter }
    }

    /// How long API tokens live unless asked otherwise, and at most.
    public static let tokenLifetimeDays = 90
    public static let longestTokenLifetimeDays = 365
    /// How long an admin's password-reset link stays valid.
    public static let resetLifetime: TimeInterval = 24 * 60 * 60

    /// Checks a password, within the sign-in throttle (per email and per client address, kept in the database so a
    /// restart does not reset it). An unknown email is checked against a decoy hash and counted like a known one, so
    /// neither the time nor the throttle tells which emails have accounts.
    public func signIn(email: String, password: String, from address: String? = nil) async throws -> Account {
        guard email.count <= 320, password.count <= 200 else { throw SignInRefused() }
        let now = dependencies.clock.now
        let keys =
            [("email:" + email.lowercased(), SignInThrottle.freeFailuresPerAccount)]
            + (address.map { [("address:" + $0, SignInThrottle.freeFailuresPerAddress)] } ?? [])
        for (key, _) in keys {
            if let throttle = try await stores.accounts.throttle(key), throttle.lockedUntil > now {
                throw SignInThrottled(retryAfter: max(1, Int(throttle.lockedUntil.timeIntervalSince(now).rounded(.up))))
            }
        }
        let found = try await stores.accounts.credentials(email: email)
        let valid = Secrets.verify(password, hash: found?.passwordHash ?? Secrets.decoyHash) && found != nil
        guard valid, let found else {
            for (key, free) in keys {
                try await stores.accounts.saveThrottle(.failing(try await stores.accounts.throttle(key), at: now, free: free), for: key)
            }
            throw SignInRefused()
        }
        try await stores.accounts.saveThrottle(nil, for: keys[0].0)
        return found.account
    }

    /// A new bearer token for a signed-in account, living `days` (default 90, at most 365); returned once, stored hashed.
    public func issueToken(for account: Account, name: String?, days: Int? = nil) async throws -> (token: String, info: APIToken) {
        let days = days ?? Self.tokenLifetimeDays
        guard (1...Self.longestTokenLifetimeDays).contains(days) else {
            throw ValidationFailure([.init(field: "days", message: "must be 1 to \(Self.longestTokenLifetimeDays)")])
        }
        let token = dependencies.random.token()
        let label = String((name ?? "api").prefix(100))
        if TextRules.hasControlCharacters(label) { throw ValidationFailure([.init(field: "name", message: TextRules.controlMessage)]) }
        let now = dependencies.clock.now
        let info = APIToken(
            id: dependencies.random.hexID(), tokenHash: Secrets.hash(token), accountID: account.id, name: label, createdAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(days) * 86_400))
        try await stores.transaction { tx in
            try await tx.accounts.createToken(info)
            try await dependencies.record(
                .issueToken, .init(.account, account.id.rawValue), by: account, summary: ["name": label, "id": info.id], in: tx)
        }
        return (token, info)
    }

    /// The account behind a bearer token, if the token is live (not expired, not revoked).
    public func account(bearer token: String) async throws -> Account? {
        guard let found = try await stores.accounts.account(tokenHash: Secrets.hash(token)), found.token.isLive(at: dependencies.clock.now)
        else { return nil }
        return found.account
    }

    /// The caller's own tokens (an admin may list anyone's), without their secrets.
    public func tokens(of account: Account.ID, by caller: Account?) async throws -> [APIToken] {
        try authorizeSelfOrAdmin(account, caller)
        return try await stores.accounts.tokens(of: account)
    }

    /// Revokes one of the caller's tokens (an admin may revoke anyone's).
    public func revokeToken(_ id: String, of account: Account.ID, by caller: Account?) async throws {
        try authorizeSelfOrAdmin(account, caller)
        try await stores.transaction { tx in
            guard try await tx.accounts.revokeToken(id: id, of: account, at: dependencies.clock.now) else {
                throw StoreError.notFound(kind: "token", id: id)
            }
            try await dependencies.record(.revokeToken, .init(.account, account.rawValue), by: caller, summary: ["id": id], in: tx)
        }
    }

    /// Changes the caller's password after checking the current one; every browser session of the account ends.
    public func changePassword(current: String, new: String, by caller: Account?) async throws {
        guard let caller else { throw AccessError.unauthenticated }
        guard let found = try await stores.accounts.credentials(email: caller.email), Secrets.verify(current, hash: found.passwordHash) else {
            throw ValidationFailure([.init(field: "current_password", message: "is not this account's password")])
        }
        try Secrets.checkPassword(new)
        let hash = Secrets.hashPassword(new, cost: dependencies.passwordCost)
        try await stores.transaction { tx in
            try await tx.accounts.setPassword(of: caller.id, hash: hash)
            try await dependencies.record(.changePassword, .init(.account, caller.id.rawValue), by: caller, summary: [String: String](), in: tx)
        }
    }

    /// A one-time link token for `account` to set a new password (admin only), valid for a day.
    public func issueReset(for account: Account.ID, by caller: Account?) async throws -> (token: String, expiresAt: Date) {
        try caller.authorize(.manageAccounts)
        guard try await stores.accounts.account(account) != nil else { throw StoreError.notFound(kind: "account", id: account.rawValue) }
        let token = dependencies.random.token()
        let expires = dependencies.clock.now.addingTimeInterval(Self.resetLifetime)
        try await stores.transaction { tx in
            try await tx.accounts.createReset(PasswordReset(tokenHash: Secrets.hash(token), accountID: account, expiresAt: expires))
            try await dependencies.record(.issueReset, .init(.account, account.rawValue), by: caller, summary: [String: String](), in: tx)
        }
        return (token, expires)
    }

    /// Sets a new password through a reset link: once, before it expires; every session of the account ends.
    public func completeReset(token: String, newPassword: String) async throws -> Account {
        let now = dependencies.clock.now
        guard token.count <= 200, let reset = try await stores.accounts.reset(tokenHash: Secrets.hash(token)), reset.usedAt == nil,
            reset.expiresAt > now, let account = try await stores.accounts.account(reset.accountID)
        else { throw ValidationFailure([.init(field: "token", message: "this reset link is not valid: it was used, has expired, or never existed")]) }
        try Secrets.checkPassword(newPassword)
        let hash = Secrets.hashPassword(newPassword, cost: dependencies.passwordCost)
        try await stores.transaction { tx in
            try await tx.accounts.markResetUsed(tokenHash: reset.tokenHash, at: now)
            try await tx.accounts.setPassword(of: account.id, hash: hash)
            try await dependencies.record(.resetPassword, .init(.account, account.id.rawValue), by: account, summary: [String: String](), in: tx)
        }
        return account
    }

    private func authorizeSelfOrAdmin(_ account: Account.ID, _ caller: Account?) throws {
        guard let caller else { throw AccessError.unauthenticated }
        if caller.id != account { try Optional(caller).authorize(.manageAccounts) }
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
        if role == nil {
            issues.append(
                .init(field: "scope", message: "\(kind.rawValue) accounts need a scope (provider id, NIC id, or a country code such as NZ)"))
        }
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
