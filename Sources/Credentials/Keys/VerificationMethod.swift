import Crypto

/// A public key that may check proofs, with the controller document's say on what it may be used for.
public struct VerificationMethod: Sendable {
    public var id: String
    public var controller: String
    public var publicKey: Curve25519.Signing.PublicKey
    /// Verification relationships the controller lists this key under (`assertionMethod`, `authentication`, …).
    public var relationships: Set<String>

    public var rawPublicKey: [UInt8] { Array(publicKey.rawRepresentation) }

    public init(id: String, controller: String, publicKey: Curve25519.Signing.PublicKey, relationships: Set<String>) {
        self.id = id
        self.controller = controller
        self.publicKey = publicKey
        self.relationships = relationships
    }

    /// Reads an Ed25519 method: Multikey (`publicKeyMultibase`), Ed25519VerificationKey2020/2018 or an OKP `publicKeyJwk`.
    static func parse(_ method: JSON, id: String, controllerDocument: JSON?) throws(KeyError) -> VerificationMethod {
        let key: Curve25519.Signing.PublicKey
        if let multibase = method["publicKeyMultibase"]?.stringValue {
            key = try Multikey.decode(multibase)
        } else if let base58 = method["publicKeyBase58"]?.stringValue, let raw = Base58.decode(base58) {
            key = try Multikey.publicKey(raw: raw)
        } else if let jwk = method["publicKeyJwk"], jwk["kty"] == "OKP", jwk["crv"] == "Ed25519", let x = jwk["x"]?.stringValue,
            let raw = Base64URL.decode(x)
        {
            key = try Multikey.publicKey(raw: raw)
        } else {
            throw .unsupportedKey("the verification method \(id) holds no Ed25519 key Accord can read")
        }
        let controller = method["controller"]?.stringValue ?? controllerDocument?["id"]?.stringValue ?? id
        var relationships: Set<String> = []
        if let document = controllerDocument {
            for relationship in ["assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation"] {
                let listed = document[relationship]?.items ?? []
                if listed.contains(where: { $0.stringValue == id || $0["id"]?.stringValue == id || matchesRelative($0.stringValue, id, document) }) {
                    relationships.insert(relationship)
                }
            }
        }
        return VerificationMethod(id: id, controller: controller, publicKey: key, relationships: relationships)
    }

    private static func matchesRelative(_ listed: String?, _ id: String, _ document: JSON) -> Bool {
        guard let listed, listed.hasPrefix("#"), let base = document["id"]?.stringValue else { return false }
        return base + listed == id
    }
}
