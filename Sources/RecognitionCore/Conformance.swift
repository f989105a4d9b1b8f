/// The result of checking one microcredential against the definitions and rules that apply to it.
public struct ConformanceReport: Sendable, Equatable, Codable {
    public var sections: [Section]

    /// True when no applicable element failed and none is missing. Elements checked at issuance do not count.
    public var conforms: Bool { sections.allSatisfy(\.conforms) }

    /// One rule set: the UNESCO 2022 definition, the EU 2022 mandatory elements, or a jurisdiction's rules.
    public struct Section: Sendable, Equatable, Codable {
        public var rule: Rule
        public var elements: [Element]
        public var conforms: Bool {
            elements.allSatisfy {
                switch $0.outcome {
                case .met, .atIssuance: true
                case .notMet, .missing: false
                }
            }
        }
    }

    public struct Element: Sendable, Equatable, Codable {
        public var element: String
        public var outcome: Outcome
        public var explanation: String
    }

    public enum Outcome: String, Sendable, Equatable, Codable {
        /// The listing states what the element asks for.
        case met
        /// The listing states something that breaks the rule (e.g. 45 credits where 40 is the maximum).
        case notMet = "not-met"
        /// The listing does not say; an evaluator would have to ask.
        case missing
        /// A property of each issued credential (learner, date of issue), not of the listing.
        case atIssuance = "at-issuance"
    }

    /// The rule sets Accord knows how to check, named as in `microcredential-rules.json`.
    public enum Rule: String, Sendable, Codable, CaseIterable {
        case unesco2022 = "unesco-2022"
        case eu2022 = "eu-2022"
        case nzqa
        case auNMF = "au-nmf"
        case mqa

        public var title: String {
            switch self {
            case .unesco2022: "UNESCO 2022 definition of a micro-credential (4 elements)"
            case .eu2022: "EU Council Recommendation 2022: mandatory elements (11)"
            case .nzqa: "NZQA micro-credential rules (New Zealand)"
            case .auNMF: "National Microcredentials Framework (Australia)"
            case .mqa: "MQA micro-credential guidelines (Malaysia)"
            }
        }

        /// The jurisdiction (ISO 3166 alpha-2) whose providers this rule set applies to, nil for global ones.
        public var jurisdiction: String? {
            switch self {
            case .unesco2022, .eu2022: nil
            case .nzqa: "NZ"
            case .auNMF: "AU"
            case .mqa: "MY"
            }
        }
    }
}
