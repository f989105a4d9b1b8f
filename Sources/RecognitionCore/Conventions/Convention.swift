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

    /// How many instruments bring the convention into force, and after what delay: as the text says it (`delay`) and in
    /// the form Accord computes with (`delayMonths`, `fromFirstOfNextMonth`). The same delay runs from a later
    /// party's own deposit.
    public struct EntryIntoForceRule: Sendable, Equatable, Codable {
        public var instrumentsRequired: Int?
        public var delay: String?
        /// Months from the deposit: 1 for Tokyo and Lisbon, 3 for the Global Convention.
        public var delayMonths: Int?
        /// Tokyo and Lisbon: in force on the first day of the month after those months expire.
        public var fromFirstOfNextMonth: Bool
        public var provenance: Provenance

        public init(
            instrumentsRequired: Int? = nil, delay: String? = nil, delayMonths: Int? = nil, fromFirstOfNextMonth: Bool = false,
            provenance: Provenance = .init()
        ) {
            self.instrumentsRequired = instrumentsRequired
            self.delay = delay
            self.delayMonths = delayMonths
            self.fromFirstOfNextMonth = fromFirstOfNextMonth
            self.provenance = provenance
        }

        /// The day a deposit takes effect; nil when the delay is not recorded in a form Accord computes with.
        public func effect(of deposit: CalendarDay) -> CalendarDay? {
            guard let delayMonths else { return nil }
            let expiry = deposit.adding(months: delayMonths)
            return fromFirstOfNextMonth ? expiry.firstOfNextMonth : expiry
        }

        /// The deposits that take effect on `day` (the rule never moves a later deposit earlier, so they are a range).
        public func deposits(takingEffectOn day: CalendarDay) -> DayRange? {
            guard let delayMonths else { return nil }
            let start = day.adding(months: -(delayMonths + 2))
            var matching: [CalendarDay] = []
            var candidate = start
            while candidate <= day {
                if effect(of: candidate) == day { matching.append(candidate) }
                candidate = candidate.adding(days: 1)
            }
            guard let first = matching.first, let last = matching.last else { return nil }
            return DayRange(earliest: first, latest: last)
        }

        /// The delay read from the text of the rule when the data gives no structured form: "first day of the month
        /// following the expiration of one month after …" or "three months after …".
        public static func recognized(_ text: String?) -> (months: Int, fromFirstOfNextMonth: Bool)? {
            guard let text = text?.lowercased() else { return nil }
            let numbers = ["one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12]
            for (word, months) in numbers {
                let unit = months == 1 ? "month" : "months"
                let monthFollowing = text.contains("first day of the month following the expiration of \(word) \(unit) after")
                if monthFollowing || text.contains("\(word) \(unit) after") { return (months, monthFollowing) }
            }
            return nil
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
    /// Bounds on a deposit whose date is not known (partial dates, inclusive: "2017-02" is up to 28 February 2017).
    public var depositNotBefore: String?
    public var depositNotAfter: String?
    public var effectiveDate: String?
    /// The day the State's denunciation took effect, when it has withdrawn.
    public var withdrawalEffective: String?
    public var note: String?
    public var provenance: Provenance

    public init(
        state: String, country: String, instrument: Instrument? = nil, depositDate: String? = nil, datePrecision: DatePrecision? = nil,
        depositNotBefore: String? = nil, depositNotAfter: String? = nil, effectiveDate: String? = nil, withdrawalEffective: String? = nil,
        note: String? = nil, provenance: Provenance = .init()
    ) {
        self.state = state
        self.country = country
        self.instrument = instrument
        self.depositDate = depositDate
        self.datePrecision = datePrecision
        self.depositNotBefore = depositNotBefore
        self.depositNotAfter = depositNotAfter
        self.effectiveDate = effectiveDate
        self.withdrawalEffective = withdrawalEffective
        self.note = note
        self.provenance = provenance
    }
}
