/// Where a reference record comes from and how sure we are of it (shared/data conventions).
public struct Provenance: Sendable, Equatable, Codable {
    public var source: String?
    public var asOf: String?
    public var confirmed: Confirmation

    public init(source: String? = nil, asOf: String? = nil, confirmed: Confirmation = .unconfirmed) {
        self.source = source
        self.asOf = asOf
        self.confirmed = confirmed
    }

    private enum CodingKeys: String, CodingKey {
        case source
        case asOf
        case confirmed
    }

    /// A record without `confirmed` is unconfirmed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        asOf = try container.decodeIfPresent(String.self, forKey: .asOf)
        confirmed = try container.decodeIfPresent(Confirmation.self, forKey: .confirmed) ?? .unconfirmed
    }
}

/// `confirmed` in the reference data: `true`, `false`, `"partial"`, or a sentence saying what was confirmed.
public enum Confirmation: Sendable, Equatable, Codable {
    case confirmed
    case partial(note: String?)
    case unconfirmed

    public var isConfirmed: Bool { self == .confirmed }

    /// A short label for pages and CSV exports.
    public var label: String {
        switch self {
        case .confirmed: "confirmed"
        case .partial: "partly confirmed"
        case .unconfirmed: "unconfirmed"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .unconfirmed
        } else if let flag = try? container.decode(Bool.self) {
            self = flag ? .confirmed : .unconfirmed
        } else {
            let text = try container.decode(String.self)
            switch text {
            case "partial": self = .partial(note: nil)
            case "true", "confirmed": self = .confirmed
            case "false", "unconfirmed": self = .unconfirmed
            default: self = .partial(note: text)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .confirmed: try container.encode(true)
        case .unconfirmed: try container.encode(false)
        case .partial(let note): try container.encode(note ?? "partial")
        }
    }
}
