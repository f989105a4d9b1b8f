/// An official statement that levels of one framework correspond to levels of another (DESIGN.md §2): evidence for
/// an evaluator, never automatic recognition.
public struct Referencing: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<Referencing>

    public var id: ID
    public var from: Framework.ID
    public var to: Framework.ID
    /// What kind of statement it is, as the source calls it (referencing report, comparison, …).
    public var kind: String?
    /// When it was made (ISO 8601, possibly partial).
    public var date: String?
    public var report: String?
    /// The level pairs; empty when the statement's table was never read (it then gives no path).
    public var pairs: [LevelPair]
    public var notes: String?
    public var provenance: Provenance

    public init(
        id: ID, from: Framework.ID, to: Framework.ID, kind: String? = nil, date: String? = nil, report: String? = nil,
        pairs: [LevelPair] = [], notes: String? = nil, provenance: Provenance = .init()
    ) {
        self.id = id
        self.from = from
        self.to = to
        self.kind = kind
        self.date = date
        self.report = report
        self.pairs = pairs
        self.notes = notes
        self.provenance = provenance
    }

    /// Level `from` of the first framework corresponds to level `to` of the second; `to == nil` says explicitly that
    /// no level is comparable.
    public struct LevelPair: Sendable, Equatable, Codable {
        public var from: Int
        public var to: Int?
        public var note: String?

        public init(from: Int, to: Int?, note: String? = nil) {
            self.from = from
            self.to = to
            self.note = note
        }

        public var hasComparableLevel: Bool { to != nil }
    }
}
