/// A qualifications framework, a regional reference framework or a microcredential skill scale.
public struct Framework: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<Framework>

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case national
        case regionalReference = "regional-reference"
        case nationalCreditSystem = "national-credit-system"
        case nationalDegreeSystem = "national-degree-system"
        case nationalVocational = "national-vocational"
        case microcredentialScale = "microcredential-scale"
    }

    public var id: ID
    public var name: String
    /// ISO 3166 alpha-2 code, or a region name for reference frameworks.
    public var jurisdiction: String
    public var kind: Kind
    public var body: String?
    public var levels: [Level]
    public var credit: CreditRule?
    public var provenance: Provenance

    public init(
        id: ID, name: String, jurisdiction: String, kind: Kind, body: String? = nil, levels: [Level],
        credit: CreditRule? = nil, provenance: Provenance = .init()
    ) {
        self.id = id
        self.name = name
        self.jurisdiction = jurisdiction
        self.kind = kind
        self.body = body
        self.levels = levels
        self.credit = credit
        self.provenance = provenance
    }

    public func level(_ number: Int) -> Level? { levels.first { $0.number == number } }

    /// One level of a framework.
    public struct Level: Sendable, Equatable, Codable {
        public var number: Int
        public var name: String
        public var descriptor: String?

        public init(number: Int, name: String, descriptor: String? = nil) {
            self.number = number
            self.name = name
            self.descriptor = descriptor
        }
    }
}

/// How a framework sizes learning: its credit unit and the notional hours behind one credit.
public struct CreditRule: Sendable, Equatable, Codable {
    public var unit: String?
    /// Notional learning hours per credit; a range where the framework gives one (ECTS: 25 to 30).
    public var hoursPerCredit: ClosedRange<Double>?
    public var perFullTimeYear: Double?
    public var confirmed: Confirmation

    public init(
        unit: String?, hoursPerCredit: ClosedRange<Double>?, perFullTimeYear: Double?,
        confirmed: Confirmation = .unconfirmed
    ) {
        self.unit = unit
        self.hoursPerCredit = hoursPerCredit
        self.perFullTimeYear = perFullTimeYear
        self.confirmed = confirmed
    }
}
