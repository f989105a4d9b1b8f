import Credentials
import Foundation
import Logging
import RecognitionCore

/// Everything a use case needs from outside, built once by `accord serve`, a CLI command or a test.
public struct Dependencies: Sendable {
    public var stores: any Stores
    public var clock: any Clock
    public var random: any RandomSource
    public var logger: Logger
    /// The one verifier the application shares (bundled contexts, no network).
    public var verifier: CredentialVerifier
    /// bcrypt cost for new passwords (10 in production; tests lower it).
    public var passwordCost: UInt8

    public init(
        stores: any Stores, clock: any Clock = SystemClock(), random: any RandomSource = SystemRandom(), logger: Logger,
        verifier: CredentialVerifier = CredentialVerifier(), passwordCost: UInt8 = 10
    ) {
        self.stores = stores
        self.clock = clock
        self.random = random
        self.logger = logger
        self.verifier = verifier
        self.passwordCost = passwordCost
    }

    /// The clock's time in whole milliseconds: what audit events record.
    var milliseconds: Int64 { Int64((clock.now.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Appends an audit event for a change made by `caller`, inside the unit of work `tx`.
    func record<Summary: Encodable>(
        _ action: AuditAction, _ subject: AuditSubject, by caller: Account?, summary: Summary, in tx: any Stores
    ) async throws {
        try await tx.audit.append(
            AuditEntry(actor: .init(caller), action: action, subject: subject, summary: summary), at: milliseconds)
    }
}

/// The real clock.
public struct SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
}

/// The system's cryptographically secure generator.
public struct SystemRandom: RandomSource {
    public init() {}
    public func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

extension Account {
    /// The operator at the command line: acts with the secretariat's authority, recorded as `cli` in the audit log.
    public static func commandLine(at date: Date) -> Account {
        Account(id: "cli", email: "cli@accord.local", displayName: "Command line", role: .admin, createdAt: date)
    }
}

extension AuditEvent.Actor {
    /// Who an audit event names for `caller`: the account, the command line, or Accord itself when no one is signed in.
    init(_ caller: Account?) {
        switch caller?.id.rawValue {
        case nil: self = .system
        case "cli": self = .commandLine
        case let id?: self = .account(.init(id))
        }
    }
}

/// A change as the audit log summarises it: the record before (absent for a creation) and after.
struct Change<Record: Encodable>: Encodable {
    let before: Record?
    let after: Record
}
