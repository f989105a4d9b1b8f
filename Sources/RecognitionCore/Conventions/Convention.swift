/// A recognition convention (Tokyo 2011, Global 2019, …) with its entry-into-force rule and its states parties.
public struct Convention: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<Convention>

    public var id: ID
    public var shortName: String
    public var title: String
    public var adopted: Adoption?
    public var entryIntoForce: EntryIntoForceRule
    /// The recorded date the convention entered into force (ISO 8601), nil when not yet or not known.
    public var inForceDate: String?
    public var depositary: String?
    public var openTo: String?
    public var parties: [StateParty]
    /// Where `inForceDate` comes from.
    public var provenance: Provenance

    public init(
        id: ID, shortName: String, title: String, adopted: Adoption? = nil, entryIntoForce: EntryIntoForceRule = .init(),
        inForceDate: String? = nil, depositary: String? = nil, openTo: String? = nil, parties: [StateParty] = [],
        provenance: Provenance = .init()
    ) {
        self.id = id
        self.shortName = shortName
        self.title = title
        self.adopted = adopted
        self.entryIntoForce = entryIntoForce
        self.inForceDate = inForceDate
        self.depositary = depositary
        self.openTo = openTo
        self.parties = parties
        self.provenance = provenance
    }

    /// Where and when the text was adopted.
    public struct Adoption: Sendable, Equatable, Codable {
        public var place: String?
        public var date: String?
        public var source: String?
        public var asOf: String?

        public init(place: String? = nil, date: String? = nil, source: String? = nil, asOf: String? = nil) {
            self.place = place
            self.date = date
            self.source = source
            self.asOf = asOf
        }
    }

    /// How many instruments bring the convention into force, and after what delay (as the text says it).
    public struct EntryIntoForceRule: Sendable, Equatable, Codable {
        public var instrumentsRequired: Int?
        public var delay: String?
        public var provenance: Provenance

        public init(instrumentsRequired: Int? = nil, delay: String? = nil, provenance: Provenance = .init()) {
            self.instrumentsRequired = instrumentsRequired
            self.delay = delay
            self.provenance = provenance
        }
    }
}

/// A State's consent to be bound by a convention.
public struct StateParty: Sendable, Equatable, Codable {
    public enum Instrument: String, Sendable, Codable, CaseIterable {
        case ratification
        case acceptance
        case approval
        case accession
    }

    public enum DatePrecision: String, Sendable, Codable, CaseIterable {
        case day
        case month
        case year
    }

    /// The State's name as the source gives it.
    public var state: String
    /// ISO 3166 alpha-2: the party's key within its convention.
    public var country: String
    public var instrument: Instrument?
    /// ISO 8601, possibly partial (see `datePrecision`); nil when not found.
    public var depositDate: String?
    public var datePrecision: DatePrecision?
    public var effectiveDate: String?
    public var note: String?
    public var provenance: Provenance

    public init(
        state: String, country: String, instrument: Instrument? = nil, depositDate: String? = nil, datePrecision: DatePrecision? = nil,
        effectiveDate: String? = nil, note: String? = nil, provenance: Provenance = .init()
    ) {
        self.state = state
        self.country = country
        self.instrument = instrument
        self.depositDate = depositDate
        self.datePrecision = datePrecision
        self.effectiveDate = effectiveDate
        self.note = note
        self.provenance = provenance
    }
}
