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
    /// Seals the private keys Accord keeps (issuer keys).
    public var keyEncryption: KeyEncryptionKey
    /// Where Accord is reached (`ACCORD_PUBLIC_URL`): its did:web identifiers and the links in credentials name it.
    public var site: PublicSite

    public init(
        stores: any Stores, clock: any Clock = SystemClock(), random: any RandomSource = SystemRandom(), logger: Logger,
        verifier: CredentialVerifier = CredentialVerifier(), passwordCost: UInt8 = 10, keyEncryption: KeyEncryptionKey = .none,
        site: PublicSite = PublicSite()
    ) {
        self.stores = stores
        self.clock = clock
        self.random = random
        self.logger = logger
        self.verifier = verifier
        self.passwordCost = passwordCost
        self.keyEncryption = keyEncryption
        self.site = site
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

/// Accord's public address: `https://accord.example` or, by default, the local server.
public struct PublicSite: Sendable, Equatable {
    /// Scheme, host and port, no trailing slash.
    public let origin: String
    /// The host (and `%3A`-escaped port) as did:web writes it.
    public let didWebHost: String

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(origin: String = "http://127.0.0.1:8080") {
        self.origin = origin
        let hostAndPort = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? "localhost"
        didWebHost = hostAndPort.replacingOccurrences(of: ":", with: "%3A")
    }

    /// From `ACCORD_PUBLIC_URL`: an http(s) origin without a path.
    public static func parse(_ text: String?) throws -> PublicSite {
        guard let text, !text.isEmpty else { return PublicSite() }
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), url.scheme == "https" || url.scheme == "http", url.host != nil, url.path.isEmpty,
            url.query == nil
        else { throw Invalid(description: "ACCORD_PUBLIC_URL must be an http(s) origin such as https://accord.example, not '\(text)'") }
        return PublicSite(origin: trimmed)
    }

    /// `did:web:HOST:providers:ID`: a provider's issuer identity, its document served at `/providers/ID/did.json`.
    public func did(of provider: Provider.ID) -> String { "did:web:\(didWebHost):providers:\(provider.rawValue)" }

    /// The provider a did:web of this site names, if it is one.
    public func provider(fromDID did: String) -> Provider.ID? { slug(in: did, under: "providers").map { Provider.ID($0) } }

    /// `did:web:HOST:nics:ID`: a NIC's issuer identity (it signs recognition statements), its document served at
    /// `/nics/ID/did.json`.
    public func did(ofNIC nic: NIC.ID) -> String { "did:web:\(didWebHost):nics:\(nic.rawValue)" }

    /// The NIC a did:web of this site names, if it is one.
    public func nic(fromDID did: String) -> NIC.ID? { slug(in: did, under: "nics").map { NIC.ID($0) } }

    /// The id in `did:web:HOST:PATH:ID` (a fragment ignored) when HOST is this site's and the id a valid slug.
    private func slug(in did: String, under path: String) -> String? {
        let prefix = "did:web:\(didWebHost):\(path):"
        let bare = did.split(separator: "#", maxSplits: 1).first.map(String.init) ?? did
        guard bare.hasPrefix(prefix) else { return nil }
        let id = Identifier<Provider>(String(bare.dropFirst(prefix.count)))
        return id.isValidSlug ? id.rawValue : nil
    }

    public func microcredentialURL(_ id: Microcredential.ID) -> String { "\(origin)/microcredentials/\(id.rawValue)" }
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
