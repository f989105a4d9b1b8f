/// The verifier could not evaluate the input: it says nothing about whether the credential is valid.
public enum VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case json(JSONError)
    case malformed(String)
    case noProof
    case unsupportedProof(String)
    case proof(ProofError)
    case resolution(ResolutionError)

    public var description: String {
        switch self {
        case .unreadable(let detail): "unreadable input: \(detail)"
        case .json(let error): "not a credential: \(error.description)"
        case .malformed(let detail): "malformed credential: \(detail)"
        case .noProof: "the credential carries no proof, so it cannot be verified"
        case .unsupportedProof(let detail): "unsupported proof type: \(detail)"
        case .proof(let error): error.description
        case .resolution(let error): error.description
        }
    }
}
