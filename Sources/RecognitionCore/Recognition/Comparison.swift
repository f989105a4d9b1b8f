/// What the comparison engine says about a level (and a volume of learning) of one framework in another: the levels,
/// the path of referencing statements that gives them, how far to trust it, and why. DESIGN.md §2: evidence for an
/// evaluator, never automatic recognition; a missing link is `none`, never a guess.
///
/// Encoded, it is the shape other tools rely on (`GET /api/v1/compare`, `accord compare --format json`).
public struct Comparison: Sendable, Equatable {
    public enum Basis: String, Sendable, Codable {
        /// One official statement links the two frameworks (or they are the same framework).
        case official
        /// Two or three statements, through one or two frameworks between them.
        case viaHub = "via-hub"
        /// No path, or a statement says no level is comparable.
        case none
    }

    /// A level, or a range of levels, of one framework.
    public struct Place: Sendable, Equatable, Hashable {
        public var framework: Framework.ID
        public var levels: ClosedRange<Int>?

        public init(_ framework: Framework.ID, _ levels: ClosedRange<Int>?) {
            self.framework = framework
            self.levels = levels
        }

        /// `hkqf:4`, `nzqcf:5-6`, or `aqf` with no level: the notation `accord compare --from` takes.
        public var notation: String {
            guard let levels else { return framework.rawValue }
            return levels.count == 1 ? "\(framework):\(levels.lowerBound)" : "\(framework):\(levels.lowerBound)-\(levels.upperBound)"
        }
    }

    /// One statement on the path, and the way it was read.
    public struct Step: Sendable, Equatable {
        public var from: Place
        public var to: Place
        public var statement: Referencing.ID
        public var source: String?
        public var date: String?
        /// The statement runs from `to` to `from`; it was read backwards.
        public var reversed: Bool
        public var confirmed: Bool

        public init(from: Place, to: Place, statement: Referencing.ID, source: String?, date: String?, reversed: Bool, confirmed: Bool) {
            self.from = from
            self.to = to
            self.statement = statement
            self.source = source
            self.date = date
            self.reversed = reversed
            self.confirmed = confirmed
        }
    }

    public var from: Place
    /// The target framework and the levels found; `levels` is nil when there is no basis.
    public var to: Place
    public var basis: Basis
    /// 1 for the same framework; 0.9 for one confirmed official statement, 0.6 through one framework between, 0.3
    /// through two, each 0.1 lower when a statement on the path is not fully confirmed; 0 for no basis.
    public var confidence: Double
    public var path: [Step]
    public var volume: ConvertedVolume?
    public var explanation: String

    public init(
        from: Place, to: Place, basis: Basis, confidence: Double, path: [Step], volume: ConvertedVolume?, explanation: String
    ) {
        self.from = from
        self.to = to
        self.basis = basis
        self.confidence = confidence
        self.path = path
        self.volume = volume
        self.explanation = explanation
    }

    /// The confidence for a path of `steps` statements (DESIGN.md §2: direct > one hub > two hubs > none).
    public static func confidence(steps: Int, allConfirmed: Bool) -> Double {
        let base: Double =
            switch steps {
            case 0: 1
            case 1: 0.9
            case 2: 0.6
            case 3: 0.3
            default: 0
            }
        return steps == 0 || base == 0 || allConfirmed ? base : base - 0.1
    }
}

/// What a comparison is asked: a level (optional) of one framework, a volume (credits or declared hours, optional),
/// and the framework to compare into.
public struct ComparisonRequest: Sendable, Equatable, Hashable {
    public var from: Framework.ID
    public var level: Int?
    public var credits: Double?
    public var hours: Double?
    public var to: Framework.ID

    public init(from: Framework.ID, level: Int?, credits: Double? = nil, hours: Double? = nil, to: Framework.ID) {
        self.from = from
        self.level = level
        self.credits = credits
        self.hours = hours
        self.to = to
    }

    /// Reads `hkqf:4` or `hkqf` (no level).
    public static func place(_ notation: String) -> (Framework.ID, Int?)? {
        let parts = notation.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 120 else { return nil }
        if parts.count == 1 { return (Framework.ID(String(parts[0])), nil) }
        guard let level = Int(parts[1]), (0...63).contains(level) else { return nil }
        return (Framework.ID(String(parts[0])), level)
    }
}

/// Why a comparison could not be made at all (as opposed to a comparison that found no basis).
public enum ComparisonError: Error, Sendable, Equatable {
    case unknownFramework(Framework.ID)
    case unknownLevel(Framework.ID, Int)
    case badVolume(String)

    public var field: String {
        switch self {
        case .unknownFramework: "framework"
        case .unknownLevel: "level"
        case .badVolume: "volume"
        }
    }

    public var message: String {
        switch self {
        case .unknownFramework(let id): "no framework '\(id)'"
        case .unknownLevel(let id, let level): "\(id) has no level \(level)"
        case .badVolume(let why): why
        }
    }
}

extension Comparison: Encodable {
    private enum Keys: String, CodingKey {
        case from, to, basis, confidence, path, hours, credits, volumeBasis, explanation
        case framework, level, levels, min, max, statement, source, date, reversed, confirmed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var source = container.nestedContainer(keyedBy: Keys.self, forKey: .from)
        try source.encode(from.framework, forKey: .framework)
        try source.encode(from.levels?.lowerBound, forKey: .level)
        var target = container.nestedContainer(keyedBy: Keys.self, forKey: .to)
        try target.encode(to.framework, forKey: .framework)
        if let levels = to.levels {
            var range = target.nestedContainer(keyedBy: Keys.self, forKey: .levels)
            try range.encode(levels.lowerBound, forKey: .min)
            try range.encode(levels.upperBound, forKey: .max)
        } else {
            try target.encodeNil(forKey: .levels)
        }
        try container.encode(basis, forKey: .basis)
        try container.encode(confidence, forKey: .confidence)
        var steps = container.nestedUnkeyedContainer(forKey: .path)
        for step in path {
            var entry = steps.nestedContainer(keyedBy: Keys.self)
            try entry.encode(step.from.notation, forKey: .from)
            try entry.encode(step.to.notation, forKey: .to)
            try entry.encode(step.statement, forKey: .statement)
            try entry.encode(step.source, forKey: .source)
            try entry.encode(step.date, forKey: .date)
            try entry.encode(step.reversed, forKey: .reversed)
            try entry.encode(step.confirmed, forKey: .confirmed)
        }
        for (key, span) in [(Keys.hours, volume?.hours), (.credits, volume?.credits)] {
            if let span {
                var range = container.nestedContainer(keyedBy: Keys.self, forKey: key)
                try range.encode(span.min, forKey: .min)
                try range.encode(span.max, forKey: .max)
            } else {
                try container.encodeNil(forKey: key)
            }
        }
        try container.encode(volume?.basis, forKey: .volumeBasis)
        try container.encode(explanation, forKey: .explanation)
    }
}
