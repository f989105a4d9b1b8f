import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import RecognitionCore
import Storage

/// Random tokens and the hashes under which they are stored. Tokens appear once, in the response that creates them.
enum Secrets {
    /// 32 random bytes, base64url without padding (cookie- and header-safe).
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 hex of a token: what the database keeps.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func hashPassword(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// Passwords: 10 to 200 characters.
    static func checkPassword(_ password: String) throws {
        guard (10...200).contains(password.count) else {
            throw Problem(.unprocessableContent, "passwords must be 10 to 200 characters", issues: [.init(field: "password", message: "must be 10 to 200 characters")])
        }
    }
}
