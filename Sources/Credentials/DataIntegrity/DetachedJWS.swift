extension DataIntegrity {
    /// Why an Ed25519Signature2018 proof's `jws` cannot be read.
    enum DetachedJWSProblem: Error, Equatable, CustomStringConvertible {
        case shape
        case header(String)
        case signature

        var description: String {
            switch self {
            case .shape: "the jws is not a detached JWS (header..signature)"
            case .header(let detail): "the jws header \(detail)"
            case .signature: "the jws signature is not base64url"
            }
        }
    }

    /// An Ed25519Signature2018 proof's `jws`: `header..signature`, the payload detached and unencoded (RFC 7797). The
    /// header must say EdDSA, `b64: false`, and list `b64` as critical; no other critical parameter is understood.
    /// Returns the encoded header (signed as it is written) and the signature.
    static func detachedJWS(_ jws: String) -> Result<(header: Substring, signature: [UInt8]), DetachedJWSProblem> {
        guard jws.utf8.count <= 4_096 else { return .failure(.shape) }
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].isEmpty, !parts[0].isEmpty else { return .failure(.shape) }
        guard let headerBytes = Base64URL.decode(parts[0]), case .object(let header)? = try? JSON(parsing: headerBytes) else {
            return .failure(.header("is not base64url JSON"))
        }
        guard header["alg"]?.stringValue == "EdDSA" else { return .failure(.header("names alg \(header["alg"]?.stringValue ?? "none"), not EdDSA")) }
        guard header["b64"] == .bool(false) else { return .failure(.header("does not say b64: false")) }
        guard let critical = header["crit"]?.items.compactMap(\.stringValue), critical == ["b64"] else {
            return .failure(.header("must list exactly b64 as critical"))
        }
        guard let signature = Base64URL.decode(parts[2]) else { return .failure(.signature) }
        return .success((parts[0], signature))
    }
}
