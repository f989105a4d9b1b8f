import Credentials
import Crypto
import Foundation
import RecognitionCore

/// The key-encryption key: AES-256-GCM over every private key Accord keeps. It comes from `ACCORD_MASTER_KEY` (base64
/// of 32 bytes) or from a file made owner-only on first start; it is never stored in the database, so a copy of the
/// database alone yields no usable key.
public struct KeyEncryptionKey: Sendable {
    private let key: SymmetricKey?
    /// Names the key without revealing it: the first 16 hex digits of SHA-256 of its bytes.
    public let id: String

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    public init(bytes: some Collection<UInt8>) throws(Unavailable) {
        guard bytes.count == 32 else { throw Unavailable(description: "a key-encryption key is 32 bytes, not \(bytes.count)") }
        key = SymmetricKey(data: Array(bytes))
        id = String(Hex.encode(SHA256.hash(data: Array(bytes))).prefix(16))
    }

    private init() {
        key = nil
        id = "none"
    }

    /// No key: sealing and opening fail with a message saying how to configure one (the default for code paths that
    /// never touch private keys).
    public static let none = KeyEncryptionKey()

    /// A fresh random key (tests; and the first start, before it is written to its file).
    public static func random() -> KeyEncryptionKey {
        // Thirty-two bytes from the system's secure generator: cannot be refused.
        (try? KeyEncryptionKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })) ?? .none
    }

    /// `ACCORD_MASTER_KEY` when set; otherwise the file at `path`, created (mode 0600) with a new key if missing.
    public static func load(environment value: String?, file path: String) throws -> KeyEncryptionKey {
        if let value, !value.isEmpty {
            guard let bytes = Data(base64Encoded: value.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw Unavailable(description: "ACCORD_MASTER_KEY is not base64")
            }
            return try KeyEncryptionKey(bytes: bytes)
        }
        if let text = FileManager.default.contents(atPath: path) {
            guard let bytes = Data(base64Encoded: String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw Unavailable(description: "\(path) does not hold a base64 key")
            }
            return try KeyEncryptionKey(bytes: bytes)
        }
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let text = Data(Data(bytes).base64EncodedString().utf8 + [0x0A])
        guard FileManager.default.createFile(atPath: path, contents: text, attributes: [.posixPermissions: 0o600]) else {
            throw Unavailable(description: "could not create \(path)")
        }
        return try KeyEncryptionKey(bytes: bytes)
    }

    /// Seals `secret`, bound to `keyID` (authenticated data): the box opens only for that id.
    func seal(_ secret: [UInt8], keyID: String) throws -> SealedKey {
        guard let key else { throw Unavailable(description: Self.missing) }
        let box = try AES.GCM.seal(secret, using: key, authenticating: Array(keyID.utf8))
        guard let combined = box.combined else { throw Unavailable(description: "the sealed box has no combined form") }
        return SealedKey(combined: Array(combined), kekID: id)
    }

    func open(_ sealed: SealedKey, keyID: String) throws -> [UInt8] {
        guard let key else { throw Unavailable(description: Self.missing) }
        guard sealed.kekID == id else {
            throw Unavailable(description: "this key was sealed under key-encryption key \(sealed.kekID), not the configured \(id)")
        }
        let box = try AES.GCM.SealedBox(combined: sealed.combined)
        return Array(try AES.GCM.open(box, using: key, authenticating: Array(keyID.utf8)))
    }

    /// A key for one purpose, derived from this one (HKDF-SHA256): it cannot be turned back into the key-encryption key,
    /// and another purpose gets an unrelated key.
    func derivedKey(for purpose: String) throws -> SymmetricKey {
        guard let key else { throw Unavailable(description: Self.missing) }
        return HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Array(purpose.utf8), outputByteCount: 32)
    }

    static let missing = "no key-encryption key is configured: set ACCORD_MASTER_KEY or let `accord serve` create accord-data/master-key"
}
