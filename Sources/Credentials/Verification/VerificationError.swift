/// The verifier could not evaluate the input: it says nothing about whether the credential is valid.
public enum VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case json(JSONError)
    case malformed(String)
    case noProof
    case unsupportedProof(String)
    case proof(ProofError)
    case resolution(ResolutionError)
    /// A context neither bundled nor trusted: nothing about the credential was found wrong, it was not checked.
    case unknownContext(String)

    public var description: String {
        switch self {
        case .unreadable(let detail): "unreadable input: \(detail)"
        case .json(let error): "not a credential: \(error.description)"
        case .malformed(let detail): "malformed credential: \(detail)"
        case .noProof: "the credential carries no proof, so it cannot be verified"
        case .unsupportedProof(let detail): "unsupported proof type: \(detail)"
        case .proof(let error): error.description
        case .resolution(let error): error.description
        case .unknownContext(let url):
            "the context \(url) is neither bundled with Accord nor trusted here, and Accord never fetches contexts: supply it "
                + "(accord credential verify --resource \(url)=FILE) or trust it (ACCORD_CONTEXTS_DIR, pinned by SHA-256)"
        }
    }
}
