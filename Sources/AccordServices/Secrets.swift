import Credentials
import Crypto
import Foundation
import HummingbirdBcrypt
import RecognitionCore

/// Hashes under which tokens and passwords are stored. Tokens appear once, in the response that creates them.
public enum Secrets {
    /// SHA-256 hex of a token: what the database keeps.
    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }

    /// An entity tag for a served document: the first 32 hex digits of its SHA-256.
    public static func etag(_ text: String) -> String { String(hash(text).prefix(32)) }

    static func hashPassword(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// A bcrypt hash of nothing anyone knows: checked when an email is unknown, so both answers take as long.
    static let decoyHash = Bcrypt.hash("accord-decoy-password", cost: 10)

    /// Passwords: 10 to 200 characters.
    static func checkPassword(_ password: String) throws(ValidationFailure) {
        guard (10...200).contains(password.count) else {
            throw ValidationFailure([.init(field: "password", message: "must be 10 to 200 characters")])
        }
    }
}
