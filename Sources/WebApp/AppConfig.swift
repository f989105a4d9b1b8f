import Foundation

/// How the server runs: where it listens and how it treats browser sessions.
public struct AppConfig: Sendable {
    public var host: String
    public var port: Int
    public var sessionLifetime: TimeInterval
    /// Mark cookies `Secure` (set behind TLS).
    public var secureCookies: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, sessionLifetime: TimeInterval = 8 * 3600, secureCookies: Bool = false) {
        self.host = host
        self.port = port
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
    }
}
