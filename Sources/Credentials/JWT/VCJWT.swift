import Crypto
import Foundation

/// Credentials secured as JWTs with EdDSA: VC-JOSE-COSE for VC 2.0 (`typ: vc+jwt`, the payload is the credential)
/// and the VC 1.1 form (`typ: JWT`, the credential sits in the `vc` claim beside `iss`, `nbf`, `exp`, `jti`).
public enum VCJWT {
    public enum Form: String, Sendable {
        case vc2 = "vc+jwt"
        case vc11 = "JWT"
    }

    public struct Decoded: Sendable {
        public var header: JSONObject
        public var payload: JSONObject
        public var signingInput: [UInt8]
        public var signature: [UInt8]
        public var form: Form
        /// The credential: the payload itself (VC 2.0) or its `vc` claim (VC 1.1).
        public var credential: JSONObject
    }

    /// The longest token Accord reads (a credential with an embedded image stays well under this).
    public static let maxLength = 1 << 20

    /// True when the input looks like a compact JWS (three base64url parts) rather than JSON.
    public static func looksLikeJWT(bytes: [UInt8]) -> Bool {
        let token = bytes[trimmed(bytes)]
        return token.starts(with: "ey".utf8) && dotCount(token) == 2
    }

    /// The dots in a token, found with `memchr` (vectorized; a token runs to kilobytes) and counted up to three:
    /// a compact JWT has exactly two.
    static func dotCount(_ token: ArraySlice<UInt8>) -> Int {
        token.withUnsafeBufferPointer { buffer in
            guard var cursor = buffer.baseAddress.map(UnsafeRawPointer.init) else { return 0 }
            var remaining = buffer.count
            var count = 0
            while count < 3, remaining > 0, let dot = memchr(cursor, Int32(UInt8(ascii: ".")), remaining) {
                count += 1
                let skipped = UnsafeRawPointer(dot) - cursor + 1
                cursor += skipped
                remaining -= skipped
            }
            return count
        }
    }

    /// The token without surrounding ASCII whitespace (a token pasted from a terminal often ends in a newline).
    static func trimmed(_ bytes: [UInt8]) -> Range<Int> {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return 0..<0 }
        return first..<(last + 1)
    }

    public static func sign(_ credential: JSON, with key: Ed25519KeyPair, keyID: String, form: Form = .vc2) throws(ProofError) -> String {
        guard case .object(let object) = credential else { throw .notAnObject }
        let header: JSON = ["alg": "EdDSA", "kid": .string(keyID), "typ": .string(form.rawValue)]
        // The registered claims that restate the credential (VC 1.1 requires them; VC-JOSE-COSE allows them, and
        // Open Badges 3.0 tools such as openbadgeslib refuse a token without `iss`).
        var payload: JSONObject = form == .vc11 ? ["vc": credential] : object
        if let issuer = object["issuer"]?.stringValue ?? object["issuer"]?["id"]?.stringValue { payload["iss"] = .string(issuer) }
        if let subject = object["credentialSubject"]?["id"]?.stringValue, !subject.isEmpty { payload["sub"] = .string(subject) }
        if let id = object["id"]?.stringValue { payload["jti"] = .string(id) }
        let from = object["issuanceDate"]?.stringValue ?? object["validFrom"]?.stringValue
        if let from, let date = DateTime.parse(from) { payload["nbf"] = .number(date.timeIntervalSince1970.rounded(.down)) }
        let until = object["expirationDate"]?.stringValue ?? object["validUntil"]?.stringValue
        if let until, let date = DateTime.parse(until) { payload["exp"] = .number(date.timeIntervalSince1970.rounded(.down)) }
        let signingInput = Base64URL.encode(header.canonicalBytes) + "." + Base64URL.encode(JSON.object(payload).canonicalBytes)
        do { return signingInput + "." + Base64URL.encode(try key.sign(Array(signingInput.utf8))) } catch { throw .signing(error) }
    }

    public static func decode(_ token: String) throws(VerificationError) -> Decoded { try decode(bytes: Array(token.utf8)) }

    /// JWT claim names (RFC 7519 §4.1, and `cnf`, `nonce`) that are not part of a VC 2.0 credential in the payload.
    static let registeredClaims: Set<String> = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf", "nonce"]

    static func decode(bytes input: [UInt8]) throws(VerificationError) -> Decoded {
        let bytes = input[trimmed(input)]
        guard bytes.count <= maxLength else { throw .unreadable("the JWT is longer than \(maxLength) bytes") }
        let count = dotCount(bytes)
        guard count == 2, let first = bytes.firstIndex(of: UInt8(ascii: ".")), let last = bytes.lastIndex(of: UInt8(ascii: ".")) else {
            throw .malformed("a compact JWT has three dot-separated parts, this has \(count + 1)")
        }
        guard let headerBytes = Base64URL.decode(bytes: bytes[..<first]), let payloadBytes = Base64URL.decode(bytes: bytes[(first + 1)..<last]),
            let signature = Base64URL.decode(bytes: bytes[(last + 1)...])
        else { throw .malformed("a JWT part is not base64url") }
        let header: JSON
        let payload: JSON
        do {
            header = try JSON(parsing: headerBytes)
            payload = try JSON(parsing: payloadBytes)
        } catch { throw .json(error) }
        guard case .object(let headerObject) = header, case .object(let payloadObject) = payload else {
            throw .malformed("the JWT header and payload must be JSON objects")
        }
        let form: Form
        let credential: JSONObject
        if case .object(let vc)? = payloadObject["vc"] {
            form = .vc11
            credential = vc
        } else {
            form = .vc2
            // The credential is the payload without the JWT's registered claims, which only restate it.
            credential = payloadObject.filter { !registeredClaims.contains($0.0) }
        }
        let issuer = credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue
        if let iss = payloadObject["iss"], iss.stringValue == nil || (issuer != nil && iss.stringValue != issuer) {
            throw .malformed("the JWT's iss claim names another issuer than the credential")
        }
        return Decoded(
            header: headerObject, payload: payloadObject, signingInput: Array(bytes[..<last]), signature: signature, form: form,
            credential: credential)
    }

    /// Checks the signature of a decoded token; nil when it holds, the reason otherwise.
    public static func check(_ decoded: Decoded, resolver: any VerificationMethodResolver) async throws(VerificationError) -> (
        method: VerificationMethod, failure: String?
    ) {
        guard decoded.header["alg"] == "EdDSA" || decoded.header["alg"] == "Ed25519" else {
            throw .unsupportedProof("JWT alg \(decoded.header["alg"]?.stringValue ?? "missing"); Accord verifies EdDSA")
        }
        guard decoded.header["crit"] == nil else { throw .unsupportedProof("JWT crit header parameters") }
        guard var keyID = decoded.header["kid"]?.stringValue else {
            guard case .object(let jwk)? = decoded.header["jwk"] else { throw .malformed("the JWT header has neither kid nor jwk") }
            return try await embedded(jwk, decoded, resolver: resolver)
        }
        if keyID.hasPrefix("#") {
            let issuer =
                decoded.payload["iss"]?.stringValue ?? decoded.credential["issuer"]?.stringValue ?? decoded.credential["issuer"]?["id"]?.stringValue
            guard let issuer else { throw .malformed("a relative kid needs an issuer") }
            keyID = issuer + keyID
        }
        let method: VerificationMethod
        do { method = try await resolver.verificationMethod(keyID) } catch { throw .resolution(error) }
        guard decoded.signature.count == 64 else { return (method, "the signature is \(decoded.signature.count) bytes, not 64") }
        guard method.publicKey.isValidSignature(decoded.signature, for: decoded.signingInput) else {
            return (method, "the JWT signature does not match its header and claims: the token was changed after signing, or signed with another key")
        }
        guard method.relationships.contains("assertionMethod") else {
            return (method, "the key \(keyID) is not an assertion method of its controller")
        }
        return (method, nil)
    }

    /// A header that carries the public key itself as `jwk` (OB 3.0 §8.2.3 allows `kid` or `jwk`): the key is trusted
    /// only as the issuer's own, found through the issuer (its did:key, or a method of its DID document named by the
    /// key's multibase), never because the token says so. The method's id then says which key it was.
    static func embedded(_ jwk: JSONObject, _ decoded: Decoded, resolver: any VerificationMethodResolver) async throws(VerificationError)
        -> (method: VerificationMethod, failure: String?)
    {
        guard jwk["kty"] == "OKP", jwk["crv"] == "Ed25519", jwk["d"] == nil, let x = jwk["x"]?.stringValue, let raw = Base64URL.decode(x),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { throw .unsupportedProof("a JWT header jwk that is not a public Ed25519 key (OKP, crv Ed25519, x, no d)") }
        let issuer =
            decoded.payload["iss"]?.stringValue ?? decoded.credential["issuer"]?.stringValue ?? decoded.credential["issuer"]?["id"]?.stringValue
        guard let issuer, issuer.hasPrefix("did:") else { throw .malformed("a JWT whose header carries its key needs a DID issuer") }
        let multibase = Multikey.encode(key)
        let bare = issuer.split(separator: "#", maxSplits: 1).first.map(String.init) ?? issuer
        let method: VerificationMethod
        do { method = try await resolver.verificationMethod(bare + "#" + multibase) } catch {
            let unverified = VerificationMethod(id: "jwk:" + multibase, controller: bare, publicKey: key, relationships: [])
            return (unverified, "the key in the JWT header is not one of the issuer \(bare)'s keys")
        }
        guard method.publicKey.rawRepresentation == key.rawRepresentation else {
            return (method, "the key in the JWT header is not the issuer's key \(method.id)")
        }
        guard decoded.signature.count == 64, key.isValidSignature(decoded.signature, for: decoded.signingInput) else {
            return (method, "the JWT signature does not match its header and claims: the token was changed after signing, or signed with another key")
        }
        guard method.relationships.contains("assertionMethod") else {
            return (method, "the key \(method.id) is not an assertion method of its controller")
        }
        return (method, nil)
    }
}
