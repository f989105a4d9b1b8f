import Foundation
import RecognitionCore
import SQLKit

/// Accounts, sessions and API tokens; only hashes of secrets are stored.
struct SQLAccountStore: AccountStore {
    let handle: SQLHandle

    func create(_ account: Account, passwordHash: String) async throws {
        let existing = try await handle.sql.raw("SELECT id FROM accounts WHERE email = \(bind: account.email.lowercased())").first()
        guard existing == nil else { throw StoreError.conflict("an account with email \(account.email) exists") }
        try await handle.sql.raw(
            """
            INSERT INTO accounts (id, email, display_name, role, scope, password_hash, created_at)
            VALUES (\(bind: account.id.rawValue), \(bind: account.email.lowercased()), \(bind: account.displayName),
              \(bind: account.role.kind.rawValue), \(bind: account.role.scope), \(bind: passwordHash),
              \(bind: account.createdAt.timeIntervalSince1970))
            """
        ).run()
    }

    func account(_ id: Account.ID) async throws -> Account? {
        try await handle.sql.raw("SELECT * FROM accounts WHERE id = \(bind: id.rawValue)").first().map(Self.account)
    }

    func credentials(email: String) async throws -> (account: Account, passwordHash: String)? {
        guard let row = try await handle.sql.raw("SELECT * FROM accounts WHERE email = \(bind: email.lowercased())").first() else {
            return nil
        }
        return (try Self.account(row), try row.decode(column: "password_hash", as: String.self))
    }

    func accounts() async throws -> [Account] {
        try await handle.sql.raw("SELECT * FROM accounts ORDER BY email").all().map(Self.account)
    }

    func hasAdmin() async throws -> Bool {
        try await handle.sql.raw("SELECT id FROM accounts WHERE role = 'admin' LIMIT 1").first() != nil
    }

    func createSession(_ session: Session) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at)
            VALUES (\(bind: session.tokenHash), \(bind: session.accountID.rawValue), \(bind: session.csrfToken),
              \(bind: session.expiresAt.timeIntervalSince1970))
            """
        ).run()
    }

    func session(tokenHash: String) async throws -> (session: Session, account: Account)? {
        guard
            let row = try await handle.sql.raw(
                "SELECT s.token_hash, s.csrf_token, s.expires_at, a.* FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = \(bind: tokenHash)"
            ).first()
        else { return nil }
        let account = try Self.account(row)
        let session = Session(
            tokenHash: tokenHash, accountID: account.id, csrfToken: try row.decode(column: "csrf_token", as: String.self),
            expiresAt: Date(timeIntervalSince1970: try row.decode(column: "expires_at", as: Double.self)))
        return (session, account)
    }

    func deleteSession(tokenHash: String) async throws {
        try await handle.sql.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run()
    }

    func createToken(_ token: APIToken) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO api_tokens (token_hash, account_id, name, created_at)
            VALUES (\(bind: token.tokenHash), \(bind: token.accountID.rawValue), \(bind: token.name), \(bind: token.createdAt.timeIntervalSince1970))
            """
        ).run()
    }

    func account(tokenHash: String) async throws -> Account? {
        try await handle.sql.raw(
            "SELECT a.* FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = \(bind: tokenHash)"
        ).first().map(Self.account)
    }

    static func account(_ row: any SQLRow) throws -> Account {
        let kind = try known(Role.Kind.self, try row.decode(column: "role", as: String.self), column: "role")
        let scope = try row.decode(column: "scope", as: String?.self)
        guard let role = Role(kind: kind, scope: scope) else { throw StoreError.unknownValue(column: "scope", value: scope ?? "") }
        return Account(
            id: .init(try row.decode(column: "id", as: String.self)), email: try row.decode(column: "email", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            role: role,
            createdAt: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)))
    }
}
