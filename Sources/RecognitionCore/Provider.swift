/// An education or training provider and its quality-assurance standing.
public struct Provider: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<Provider>

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case university
        case polytechnic
        case vocational
        case privateTraining = "private-training"
        case industry
        case professionalBody = "professional-body"
        case government
    }

    public var id: ID
    public var name: String
    /// ISO 3166 alpha-2.
    public var country: String
    public var kind: Kind
    public var qaBody: String?
    public var qa: QAStanding
    public var website: String?
    public var provenance: Provenance

    public init(
        id: ID, name: String, country: String, kind: Kind, qaBody: String? = nil, qa: QAStanding = .init(),
        website: String? = nil, provenance: Provenance = .init()
    ) {
        self.id = id
        self.name = name
        self.country = country
        self.kind = kind
        self.qaBody = qaBody
        self.qa = qa
        self.website = website
        self.provenance = provenance
    }
}

/// A provider's quality-assurance status with the dates it holds between.
public struct QAStanding: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case accredited
        case registered
        case provisional
        case withdrawn
        case unknown
    }

    public var status: Status
    /// ISO 8601 dates (`YYYY-MM-DD`), nil when not known.
    public var since: String?
    public var until: String?

    public init(status: Status = .unknown, since: String? = nil, until: String? = nil) {
        self.status = status
        self.since = since
        self.until = until
    }

    /// Accredited or registered: a provider whose awards a NIC can trust on QA grounds.
    public var isInGoodStanding: Bool { status == .accredited || status == .registered }
}
