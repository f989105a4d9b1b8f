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
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.accountColumns) FROM accounts a WHERE a.id = \(bind: id.rawValue)").first().map(
            Self.account)
    }

    func credentials(email: String) async throws -> (account: Account, passwordHash: String)? {
        guard
            let row = try await handle.sql.raw(
                "SELECT \(unsafeRaw: Self.accountColumns), a.password_hash FROM accounts a WHERE a.email = \(bind: email.lowercased())"
            ).first()
        else {
            return nil
        }
        return (try Self.account(row), try row.decode(column: "password_hash", as: String.self))
    }

    func accounts() async throws -> [Account] {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.accountColumns) FROM accounts a ORDER BY a.email").all().map(Self.account)
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
                "SELECT s.token_hash, s.csrf_token, s.expires_at, \(unsafeRaw: Self.accountColumns) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = \(bind: tokenHash)"
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
            INSERT INTO api_tokens (id, token_hash, account_id, name, created_at, expires_at)
            VALUES (\(bind: token.id), \(bind: token.tokenHash), \(bind: token.accountID.rawValue), \(bind: token.name),
              \(bind: token.createdAt.timeIntervalSince1970), \(bind: token.expiresAt.timeIntervalSince1970))
            """
        ).run()
    }

    static let tokenColumns = "t.id AS t_id, t.token_hash, t.name AS t_name, t.created_at AS t_created, t.expires_at, t.revoked_at"
    static let accountColumns = "a.id, a.email, a.display_name, a.role, a.scope, a.created_at"

    func account(tokenHash: String) async throws -> (account: Account, token: APIToken)? {
        guard
            let row = try await handle.sql.raw(
                """
                SELECT \(unsafeRaw: Self.accountColumns), \(unsafeRaw: Self.tokenColumns)
                FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = \(bind: tokenHash)
                """
            ).first()
        else { return nil }
        let account = try Self.account(row)
        return (account, try Self.token(row, of: account.id))
    }

    func tokens(of account: Account.ID) async throws -> [APIToken] {
        try await handle.sql.raw(
            "SELECT \(unsafeRaw: Self.tokenColumns) FROM api_tokens t WHERE t.account_id = \(bind: account.rawValue) ORDER BY t.created_at DESC, t.id"
        ).all().map { try Self.token($0, of: account) }
    }

    func revokeToken(id: String, of account: Account.ID, at: Date) async throws -> Bool {
        try await handle.write { db in
            let found = try await db.raw(
                "SELECT id FROM api_tokens WHERE id = \(bind: id) AND account_id = \(bind: account.rawValue)"
            ).first()
            guard found != nil else { return false }
            try await db.raw(
                "UPDATE api_tokens SET revoked_at = \(bind: at.timeIntervalSince1970) WHERE id = \(bind: id) AND revoked_at IS NULL"
            ).run()
            return true
        }
    }

    func setPassword(of account: Account.ID, hash: String) async throws {
        try await handle.write { db in
            try await db.raw("UPDATE accounts SET password_hash = \(bind: hash) WHERE id = \(bind: account.rawValue)").run()
            try await db.raw("DELETE FROM sessions WHERE account_id = \(bind: account.rawValue)").run()
        }
    }

    func throttle(_ key: String) async throws -> SignInThrottle? {
        try await handle.sql.raw("SELECT failures, last_failure, locked_until FROM sign_in_throttle WHERE key = \(bind: key)").first().map {
            SignInThrottle(
                failures: try $0.decode(column: "failures", as: Int.self),
                lastFailure: Date(timeIntervalSince1970: try $0.decode(column: "last_failure", as: Double.self)),
                lockedUntil: Date(timeIntervalSince1970: try $0.decode(column: "locked_until", as: Double.self)))
        }
    }

    func saveThrottle(_ throttle: SignInThrottle?, for key: String) async throws {
        guard let throttle else {
            try await handle.sql.raw("DELETE FROM sign_in_throttle WHERE key = \(bind: key)").run()
            return
        }
        try await handle.sql.raw(
            """
            INSERT INTO sign_in_throttle (key, failures, last_failure, locked_until)
            VALUES (\(bind: key), \(bind: throttle.failures), \(bind: throttle.lastFailure.timeIntervalSince1970),
              \(bind: throttle.lockedUntil.timeIntervalSince1970))
            ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure,
              locked_until = excluded.locked_until
            """
        ).run()
    }

    func createReset(_ reset: PasswordReset) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO password_resets (token_hash, account_id, expires_at)
            VALUES (\(bind: reset.tokenHash), \(bind: reset.accountID.rawValue), \(bind: reset.expiresAt.timeIntervalSince1970))
            """
        ).run()
    }

    func reset(tokenHash: String) async throws -> PasswordReset? {
        try await handle.sql.raw(
            "SELECT account_id, expires_at, used_at FROM password_resets WHERE token_hash = \(bind: tokenHash)"
        ).first().map {
            PasswordReset(
                tokenHash: tokenHash, accountID: .init(try $0.decode(column: "account_id", as: String.self)),
                expiresAt: Date(timeIntervalSince1970: try $0.decode(column: "expires_at", as: Double.self)),
                usedAt: try $0.decode(column: "used_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
        }
    }

    func markResetUsed(tokenHash: String, at: Date) async throws {
        try await handle.sql.raw(
            "UPDATE password_resets SET used_at = \(bind: at.timeIntervalSince1970) WHERE token_hash = \(bind: tokenHash)"
        ).run()
    }

    static func token(_ row: any SQLRow, of account: Account.ID) throws -> APIToken {
        APIToken(
            id: try row.decode(column: "t_id", as: String.self), tokenHash: try row.decode(column: "token_hash", as: String.self),
            accountID: account, name: try row.decode(column: "t_name", as: String.self),
            createdAt: Date(timeIntervalSince1970: try row.decode(column: "t_created", as: Double.self)),
            expiresAt: Date(timeIntervalSince1970: try row.decode(column: "expires_at", as: Double.self)),
            revokedAt: try row.decode(column: "revoked_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
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
