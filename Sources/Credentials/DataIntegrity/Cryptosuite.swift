/// The proof suites Accord creates (the first two) and verifies (all four).
public enum Cryptosuite: String, Sendable, CaseIterable {
    case eddsaRdfc2022 = "eddsa-rdfc-2022"
    case eddsaJcs2022 = "eddsa-jcs-2022"
    /// The legacy suite many issued Open Badges 3.0 and VC 1.1 credentials carry; verified, not created.
    case ed25519Signature2020 = "Ed25519Signature2020"
    /// The suite of most VC 1.1 credentials in the wild: a detached JWS (`b64: false`) over the same two hashes of
    /// URDNA2015 (RDFC-1.0) canonical forms; verified, not created.
    case ed25519Signature2018 = "Ed25519Signature2018"

    /// Suites from before Data Integrity (jsonld-signatures): a proof may carry its own `@context` for its options
    /// only, which the document need not share.
    var isLegacy: Bool { self == .ed25519Signature2020 || self == .ed25519Signature2018 }

    /// The suite a proof object names, or nil for a proof type Accord does not know.
    init?(proof: JSON) {
        switch proof["type"]?.stringValue {
        case "DataIntegrityProof":
            guard let name = proof["cryptosuite"]?.stringValue, let suite = Cryptosuite(rawValue: name), !suite.isLegacy else { return nil }
            self = suite
        case "Ed25519Signature2020": self = .ed25519Signature2020
        case "Ed25519Signature2018": self = .ed25519Signature2018
        default: return nil
        }
    }

    var usesRDFC: Bool { self != .eddsaJcs2022 }
}

/// What a new proof says besides its signature.
public struct ProofOptions: Sendable {
    public var cryptosuite: Cryptosuite
    public var verificationMethod: String
    public var proofPurpose: String
    public var created: String?
    public var expires: String?
    public var challenge: String?
    public var domain: String?
    public var id: String?
    public var previousProof: String?

    public init(
        cryptosuite: Cryptosuite, verificationMethod: String, proofPurpose: String = "assertionMethod", created: String?, expires: String? = nil,
        challenge: String? = nil, domain: String? = nil, id: String? = nil, previousProof: String? = nil
    ) {
        self.cryptosuite = cryptosuite
        self.verificationMethod = verificationMethod
        self.proofPurpose = proofPurpose
        self.created = created
        self.expires = expires
        self.challenge = challenge
        self.domain = domain
        self.id = id
        self.previousProof = previousProof
    }

    var proofObject: JSONObject {
        var proof: JSONObject = [
            "type": .string(cryptosuite.isLegacy ? cryptosuite.rawValue : "DataIntegrityProof"),
            "verificationMethod": .string(verificationMethod), "proofPurpose": .string(proofPurpose),
        ]
        if !cryptosuite.isLegacy { proof["cryptosuite"] = .string(cryptosuite.rawValue) }
        for (key, value) in [
            ("created", created), ("expires", expires), ("challenge", challenge), ("domain", domain), ("id", id), ("previousProof", previousProof),
        ] {
            if let value { proof[key] = .string(value) }
        }
        return proof
    }
}

/// Why a document could not be secured or checked at all (as opposed to a proof that checks out invalid).
public enum ProofError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAnObject
    case malformedProof(String)
    case unsupportedProof(String)
    case jsonld(JSONLDError)
    case canonicalization(CanonicalizationError)
    case signing(KeyError)

    public var description: String {
        switch self {
        case .notAnObject: "the document is not a JSON object"
        case .malformedProof(let detail): "malformed proof: \(detail)"
        case .unsupportedProof(let detail): "unsupported proof: \(detail)"
        case .jsonld(let error): error.description
        case .canonicalization(let error): error.description
        case .signing(let error): "could not sign: \(error.description)"
        }
    }
}
