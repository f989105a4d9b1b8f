import Crypto
import Foundation
import Synchronization

/// Why a key could not be read.
public enum KeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case notMultibase(String)
    case wrongMulticodec(String)
    case wrongLength(expected: Int, got: Int)
    case unsupportedKey(String)

    public var description: String {
        switch self {
        case .notMultibase(let value): "\(value.prefix(60)) is not a multibase (z…/u…) value"
        case .wrongMulticodec(let value): "\(value.prefix(60)) is not an Ed25519 Multikey (multicodec 0xed01 / 0x8026)"
        case .wrongLength(let expected, let got): "expected a \(expected)-byte key, got \(got) bytes"
        case .unsupportedKey(let detail): "unsupported key: \(detail)"
        }
    }
}

/// An Ed25519 signing key, with its Multikey and did:key forms.
public struct Ed25519KeyPair: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey
    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }

    static let publicPrefix: [UInt8] = [0xED, 0x01]
    static let secretPrefix: [UInt8] = [0x80, 0x26]

    public init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    /// From the 32-byte seed.
    public init(seed: some Collection<UInt8>) throws(KeyError) {
        guard seed.count == 32 else { throw .wrongLength(expected: 32, got: seed.count) }
        do { privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: Array(seed)) } catch {
            throw .unsupportedKey("the seed was refused")
        }
    }

    /// From `privateKeyMultibase` / `secretKeyMultibase`: `z` + base58(0x8026 + seed).
    public init(secretKeyMultibase: String) throws(KeyError) {
        guard let bytes = Multibase.decode(secretKeyMultibase) else { throw .notMultibase(secretKeyMultibase) }
        guard bytes.count == 34, Array(bytes.prefix(2)) == Self.secretPrefix else { throw .wrongMulticodec(secretKeyMultibase) }
        try self.init(seed: bytes.dropFirst(2))
    }

    /// A fresh key from the system's secure random source (swift-crypto).
    public static func generate() -> Ed25519KeyPair { Ed25519KeyPair(privateKey: Curve25519.Signing.PrivateKey()) }

    public var seed: [UInt8] { Array(privateKey.rawRepresentation) }
    public var publicKeyMultibase: String { Multikey.encode(publicKey) }
    public var secretKeyMultibase: String { Multibase.encodeBase58(Self.secretPrefix + seed) }
    public var did: String { "did:key:" + publicKeyMultibase }
    /// The did:key verification method: `did:key:z6Mk…#z6Mk…`.
    public var verificationMethod: String { did + "#" + publicKeyMultibase }

    /// Ed25519 signing is deterministic (RFC 8032), so signatures reproduce the official vectors.
    public func sign(_ message: some DataProtocol) throws(KeyError) -> [UInt8] {
        do { return Array(try privateKey.signature(for: message)) } catch { throw .unsupportedKey("the signer refused: \(error)") }
    }
}

/// The Multikey encoding of Ed25519 public keys: `z` + base58btc(0xed01 + 32 bytes).
public enum Multikey {
    public static func encode(_ key: Curve25519.Signing.PublicKey) -> String {
        Multibase.encodeBase58(Ed25519KeyPair.publicPrefix + Array(key.rawRepresentation))
    }

    /// Decoded keys by their multibase text. Decoding is a pure function of the text, so keys never go stale here
    /// (rotation is the controller document's business); the cache only spares base58 work on every verification.
    private static let decoded = Mutex<[String: Curve25519.Signing.PublicKey]>([:])

    public static func decode(_ multibase: String) throws(KeyError) -> Curve25519.Signing.PublicKey {
        if let key = decoded.withLock({ $0[multibase] }) { return key }
        let key = try decodeUncached(multibase)
        decoded.withLock { keys in
            if keys.count >= 1_024 { keys.removeAll(keepingCapacity: true) }
            keys[multibase] = key
        }
        return key
    }

    private static func decodeUncached(_ multibase: String) throws(KeyError) -> Curve25519.Signing.PublicKey {
        guard let bytes = Multibase.decode(multibase) else { throw .notMultibase(multibase) }
        guard bytes.count == 34, Array(bytes.prefix(2)) == Ed25519KeyPair.publicPrefix else { throw .wrongMulticodec(multibase) }
        return try publicKey(raw: bytes.dropFirst(2))
    }

    static func publicKey(raw: some Collection<UInt8>) throws(KeyError) -> Curve25519.Signing.PublicKey {
        guard raw.count == 32 else { throw .wrongLength(expected: 32, got: raw.count) }
        do { return try Curve25519.Signing.PublicKey(rawRepresentation: Array(raw)) } catch { throw .unsupportedKey("not an Ed25519 point") }
    }
}
