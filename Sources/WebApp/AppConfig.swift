import Foundation
import HTTPTypes
import Hummingbird
import RecognitionCore
import Storage

/// How the server runs: where it listens and how it treats credentials.
public struct AppConfig: Sendable {
    public var host: String
    public var port: Int
    /// bcrypt cost for new passwords (10 in production; tests lower it).
    public var bcryptCost: UInt8
    public var sessionLifetime: TimeInterval
    /// Mark cookies `Secure` (set behind TLS).
    public var secureCookies: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, bcryptCost: UInt8 = 10, sessionLifetime: TimeInterval = 8 * 3600, secureCookies: Bool = false) {
        self.host = host
        self.port = port
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
    }
}

/// Bounds on every input the server accepts.
public enum InputLimits {
    /// JSON request bodies.
    public static let jsonBody = 1 << 20
    /// Import files (CSV or JSON), via the API or the import page.
    public static let importBody = 5 << 20
    /// Nesting of JSON objects and arrays.
    public static let jsonDepth = 32
    /// Form posts.
    public static let formBody = 6 << 20
}
