import AccordServices
import Foundation
import RecognitionCore
import StorageTestSupport
import TestSupport
import Testing

/// Accounts that hold up, over real databases: throttled sign-in, expiring and revocable tokens, password change and
/// one-time reset links.
@Suite("accounts")
struct AccountTests {
    static func at(_ dependencies: Dependencies, _ seconds: TimeInterval) -> AccountDesk {
        var later = dependencies
        later.clock = FixedClock(.t0 + seconds)
        return AccountDesk(dependencies: later)
    }

    static func staff(_ desk: AccountDesk) async throws -> Account {
        try await desk.create(
            email: "staff@ecnz.example", displayName: "Staff", password: "right-password", role: .providerStaff, scope: "nz-ecnz",
            by: UseCaseTests.admin)
    }

    @Test("five wrong passwords lock the account out, doubling; the lock is in the database; success clears it", arguments: TestDatabase.available)
    func throttle(_ engine: TestDatabase) async throws {
        try await UseCaseTests.withServices(engine) { dependencies in
            let desk = AccountDesk(dependencies: dependencies)
            _ = try await Self.staff(desk)
            for _ in 1...4 {
                await #expect(throws: AccountDesk.SignInRefused.self) { _ = try await desk.signIn(email: "staff@ecnz.example", password: "wrong") }
            }
            await #expect(throws: AccountDesk.SignInRefused.self) { _ = try await desk.signIn(email: "staff@ecnz.example", password: "wrong") }
            // Locked now, even for the right password; a desk over the same database (a restart) sees the same lock.
            await #expect(throws: AccountDesk.SignInThrottled(retryAfter: 1)) {
                _ = try await Self.at(dependencies, 0).signIn(email: "STAFF@ecnz.example", password: "right-password")
            }
            await #expect(throws: AccountDesk.SignInRefused.self) {
                _ = try await Self.at(dependencies, 2).signIn(email: "staff@ecnz.example", password: "wrong")
            }
            await #expect(throws: AccountDesk.SignInThrottled(retryAfter: 2)) {
                _ = try await Self.at(dependencies, 2).signIn(email: "staff@ecnz.example", password: "right-password")
            }
            #expect(try await Self.at(dependencies, 5).signIn(email: "staff@ecnz.example", password: "right-password").email == "staff@ecnz.example")
            #expect(try await dependencies.stores.accounts.throttle("email:staff@ecnz.example") == nil)
            // An unknown email is counted the same way, so the lock does not tell which emails have accounts.
            for _ in 1...5 {
                await #expect(throws: AccountDesk.SignInRefused.self) { _ = try await desk.signIn(email: "nobody@example.org", password: "x") }
            }
            await #expect(throws: AccountDesk.SignInThrottled.self) { _ = try await desk.signIn(email: "nobody@example.org", password: "x") }
            // Per address: twenty failures across any emails lock that address.
            for index in 1...20 {
                await #expect(throws: AccountDesk.SignInRefused.self) {
                    _ = try await Self.at(dependencies, 100).signIn(email: "guess\(index)@example.org", password: "x", from: "192.0.2.7")
                }
            }
            await #expect(throws: AccountDesk.SignInThrottled.self) {
                _ = try await Self.at(dependencies, 100).signIn(email: "staff@ecnz.example", password: "right-password", from: "192.0.2.7")
            }
            #expect(try await Self.at(dependencies, 100).signIn(email: "staff@ecnz.example", password: "right-password", from: "192.0.2.8").id != "")
        }
    }

    @Test("tokens expire, can be revoked by their owner or an admin, and are listed without secrets", arguments: TestDatabase.available)
    func tokens(_ engine: TestDatabase) async throws {
        try await UseCaseTests.withServices(engine) { dependencies in
            let desk = AccountDesk(dependencies: dependencies)
            let staff = try await Self.staff(desk)
            let short = try await desk.issueToken(for: staff, name: "ci", days: 1)
            let long = try await desk.issueToken(for: staff, name: "laptop")
            #expect(try await desk.account(bearer: short.token)?.id == staff.id)
            #expect(try await Self.at(dependencies, 86_401).account(bearer: short.token) == nil)
            #expect(try await Self.at(dependencies, 86_401).account(bearer: long.token)?.id == staff.id)
            await #expect(throws: ValidationFailure.self) { _ = try await desk.issueToken(for: staff, name: "x", days: 1_000) }

            let other = try await desk.create(
                email: "learner@example.org", displayName: "L", password: "learner-password", role: .learner, scope: nil, by: UseCaseTests.admin)
            await #expect(throws: AccessError.self) { try await desk.revokeToken(long.info.id, of: staff.id, by: other) }
            try await desk.revokeToken(long.info.id, of: staff.id, by: staff)
            #expect(try await desk.account(bearer: long.token) == nil)
            let listed = try await desk.tokens(of: staff.id, by: UseCaseTests.admin)
            #expect(Set(listed.map(\.name)) == ["ci", "laptop"] && listed.first { $0.name == "laptop" }?.revokedAt != nil)
            await #expect(throws: StoreError.notFound(kind: "token", id: "nope")) { try await desk.revokeToken("nope", of: staff.id, by: staff) }
        }
    }

    @Test("a password change ends sessions; a reset link works once and expires", arguments: TestDatabase.available)
    func passwords(_ engine: TestDatabase) async throws {
        try await UseCaseTests.withServices(engine) { dependencies in
            let desk = AccountDesk(dependencies: dependencies)
            let staff = try await Self.staff(desk)
            let (cookie, _) = try await desk.openSession(for: staff, lifetime: 3_600)
            await #expect(throws: ValidationFailure.self) { try await desk.changePassword(current: "wrong", new: "another-password", by: staff) }
            try await desk.changePassword(current: "right-password", new: "another-password", by: staff)
            #expect(try await desk.session(cookie: cookie) == nil)
            _ = try await desk.signIn(email: "staff@ecnz.example", password: "another-password")

            await #expect(throws: AccessError.self) { _ = try await desk.issueReset(for: staff.id, by: staff) }
            let reset = try await desk.issueReset(for: staff.id, by: UseCaseTests.admin)
            await #expect(throws: ValidationFailure.self) {
                _ = try await Self.at(dependencies, AccountDesk.resetLifetime + 1).completeReset(token: reset.token, newPassword: "third-password!")
            }
            _ = try await desk.completeReset(token: reset.token, newPassword: "third-password!")
            await #expect(throws: ValidationFailure.self) { _ = try await desk.completeReset(token: reset.token, newPassword: "fourth-password") }
            _ = try await desk.signIn(email: "staff@ecnz.example", password: "third-password!")
            let history = try await AuditTrail(dependencies: dependencies).events(
                subject: .init(.account, staff.id.rawValue), since: nil, by: UseCaseTests.admin)
            #expect(history.reversed().map(\.action) == [.create, .changePassword, .issueReset, .resetPassword])
            #expect(!history.contains { $0.summary.contains("password\":") })
        }
    }
}
