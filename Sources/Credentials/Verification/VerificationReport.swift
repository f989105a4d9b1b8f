/// The verdict on a credential: one entry per step, in the order they ran.
public struct VerificationReport: Sendable, Equatable {
    public enum Step: String, Sendable, CaseIterable, Codable {
        case parse, contexts, proof, issuer, validity, status, shape, registry
    }

    public enum Outcome: Sendable, Equatable {
        case passed
        case failed(reason: String)
        case skipped(reason: String)
    }

    public struct Entry: Sendable, Equatable {
        public var step: Step
        /// What was checked, e.g. "eddsa-rdfc-2022 by did:key:z6Mk…" or "revocation list …#94567".
        public var subject: String
        public var outcome: Outcome

        public init(_ step: Step, _ subject: String, _ outcome: Outcome) {
            self.step = step
            self.subject = subject
            self.outcome = outcome
        }
    }

    public var entries: [Entry] = []
    /// How the credential was secured: "data-integrity" or "jwt".
    public var format: String
    /// The credential itself (for a JWT: the decoded payload's credential).
    public var credential: JSON
    /// The verification methods of the proofs that verified.
    public internal(set) var signedBy: [String] = []

    public init(format: String, credential: JSON) {
        self.format = format
        self.credential = credential
        entries.reserveCapacity(10)
    }

    public var isValid: Bool {
        !entries.isEmpty && !entries.contains { if case .failed = $0.outcome { true } else { false } }
    }

    public var failures: [Entry] { entries.filter { if case .failed = $0.outcome { true } else { false } } }

    mutating func record(_ step: Step, _ subject: String, _ outcome: Outcome) { entries.append(Entry(step, subject, outcome)) }

    /// The report as JSON, for the CLI and the API.
    public var json: JSON {
        .object([
            "valid": .bool(isValid),
            "format": .string(format),
            "steps": .array(
                entries.map { entry in
                    var object: JSONObject = ["step": .string(entry.step.rawValue), "subject": .string(entry.subject)]
                    switch entry.outcome {
                    case .passed: object["outcome"] = "passed"
                    case .failed(let reason):
                        object["outcome"] = "failed"
                        object["reason"] = .string(reason)
                    case .skipped(let reason):
                        object["outcome"] = "skipped"
                        object["reason"] = .string(reason)
                    }
                    return .object(object)
                }),
        ])
    }
}
