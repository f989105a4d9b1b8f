import Foundation

/// A larger credential (a degree, a graduate certificate) that smaller ones stack toward, in one framework, with the
/// rules that say what counts. Rules are data: edited on a page or through the API, checked on save, versioned.
public struct Qualification: Sendable, Equatable, Identifiable {
    public typealias ID = Identifier<Qualification>

    public var id: ID
    public var title: String
    /// The provider that awards it, when one does (it reviews requests and issues it).
    public var provider: Provider.ID?
    /// A national body that awards it instead (Korea's NILE for the Academic Credit Bank System).
    public var awardingBody: String?
    /// The framework its credits and levels are counted in.
    public var framework: Framework.ID
    public var level: Int?
    public var totalCredits: Double?
    public var description: String?
    /// Counts up from 1 on every change of the rules; progress names the version it was evaluated against.
    public var version: Int
    public var rules: [PathwayRule]
    public var savedAt: Date

    public init(
        id: ID, title: String, provider: Provider.ID? = nil, awardingBody: String? = nil, framework: Framework.ID, level: Int? = nil,
        totalCredits: Double? = nil, description: String? = nil, version: Int = 1, rules: [PathwayRule], savedAt: Date
    ) {
        self.id = id
        self.title = title
        self.provider = provider
        self.awardingBody = awardingBody
        self.framework = framework
        self.level = level
        self.totalCredits = totalCredits
        self.description = description
        self.version = version
        self.rules = rules
        self.savedAt = savedAt
    }

    /// Limits on what one qualification may hold.
    public static let maxRules = 50
    public static let maxUnitsPerRule = 500

    /// Every problem with the qualification as a form or the API reports it; empty when it may be saved.
    public func issues(frameworks: [Framework]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if !id.isValidSlug { issues.append(.init(field: "id", message: "must be lower-case letters, digits and hyphens")) }
        if title.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init(field: "title", message: "is required")) }
        if let issue = TextRules.issue(field: "title", title, limit: 300) { issues.append(issue) }
        if let description, let issue = TextRules.issue(field: "description", description, limit: 4_000) { issues.append(issue) }
        if let awardingBody, let issue = TextRules.issue(field: "awarding_body", awardingBody, limit: 300) { issues.append(issue) }
        if provider == nil && (awardingBody ?? "").isEmpty {
            issues.append(.init(field: "provider", message: "name the provider or the national body that awards it"))
        }
        let known = frameworks.first { $0.id == framework }
        if known == nil { issues.append(.init(field: "framework", message: "'\(framework)' is not a framework in the registry")) }
        if let level, let known, !known.levels.isEmpty, known.level(level) == nil {
            issues.append(.init(field: "level", message: "\(known.name) has no level \(level)"))
        }
        if let totalCredits, !(totalCredits > 0 && totalCredits <= 10_000) {
            issues.append(.init(field: "total_credits", message: "must be more than 0 and at most 10000"))
        }
        if rules.isEmpty { issues.append(.init(field: "rules", message: "a pathway needs at least one rule")) }
        if rules.count > Self.maxRules { issues.append(.init(field: "rules", message: "at most \(Self.maxRules) rules")) }
        for (index, rule) in rules.prefix(Self.maxRules).enumerated() {
            issues += rule.issues(framework: known).map { .init(field: "rules[\(index)].\($0.field)", message: $0.message) }
        }
        if rules.filter({ if case .recency = $0.kind { true } else { false } }).count > 1 {
            issues.append(.init(field: "rules", message: "at most one recency rule"))
        }
        return issues
    }
}

/// One rule of a pathway. The minimums count each credential's credits converted into the qualification's
/// framework; the caps limit what the total-credits rule may count; recency leaves old credentials out of every rule.
public struct PathwayRule: Sendable, Equatable, Hashable {
    public enum Kind: Sendable, Equatable, Hashable {
        /// At least `min` credits in all.
        case totalCredits(min: Double)
        /// At least `min` credits from credentials at level `level` or above.
        case creditsAtLevel(level: Int, min: Double)
        /// Every one of `units` (registry microcredential ids or achievement IRIs) is held.
        case requiredUnits([String])
        /// At least `minCredits` credits and/or `minCount` credentials from `units`.
        case fromList(units: [String], minCredits: Double?, minCount: Int?)
        /// At least `min` credits from credentials issued by `providers` (registry ids or issuer DIDs).
        case fromProviders(providers: [String], min: Double)
        /// At most `max` credits count from credentials whose issuer is neither one of `providers` nor in `countries`.
        case capOutside(providers: [String], countries: [String], max: Double)
        /// Credentials issued more than `years` years before the evaluation do not count.
        case recency(years: Int)
        /// At most `max` credits count from recognition of prior learning.
        case priorLearningCap(max: Double)
    }

    public var kind: Kind
    /// What the provider calls the rule ("Major", "General education").
    public var label: String?

    public init(_ kind: Kind, label: String? = nil) {
        self.kind = kind
        self.label = label
    }

    /// The name in the JSON form (`"kind": "total-credits"`).
    public var kindName: String {
        switch kind {
        case .totalCredits: "total-credits"
        case .creditsAtLevel: "credits-at-level"
        case .requiredUnits: "required-units"
        case .fromList: "units-from-list"
        case .fromProviders: "credits-from-providers"
        case .capOutside: "cap-outside"
        case .recency: "recency"
        case .priorLearningCap: "prior-learning-cap"
        }
    }

    public static let kindNames = [
        "total-credits", "credits-at-level", "required-units", "units-from-list", "credits-from-providers", "cap-outside", "recency",
        "prior-learning-cap",
    ]

    /// A requirement must be met; a limit (cap, recency) only shapes what counts.
    public var isRequirement: Bool {
        switch kind {
        case .capOutside, .recency, .priorLearningCap: false
        default: true
        }
    }

    func issues(framework: Framework?) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func credits(_ field: String, _ value: Double?) {
            guard let value else { return }
            if !(value >= 0 && value <= 10_000) || !value.isFinite {
                issues.append(.init(field: field, message: "must be between 0 and 10000"))
            }
        }
        func list(_ field: String, _ values: [String]) {
            if values.isEmpty { issues.append(.init(field: field, message: "name at least one")) }
            if values.count > Qualification.maxUnitsPerRule {
                issues.append(.init(field: field, message: "at most \(Qualification.maxUnitsPerRule)"))
            }
            if values.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty || $0.count > 300 }) {
                issues.append(.init(field: field, message: "each must be 1 to 300 characters"))
            }
            if Set(values).count != values.count { issues.append(.init(field: field, message: "names one twice")) }
        }
        if let label, let issue = TextRules.issue(field: "label", label, limit: 200) { issues.append(issue) }
        switch kind {
        case .totalCredits(let min):
            credits("min_credits", min)
        case .creditsAtLevel(let level, let min):
            credits("min_credits", min)
            if let framework, !framework.levels.isEmpty, framework.level(level) == nil {
                issues.append(.init(field: "level", message: "\(framework.name) has no level \(level)"))
            } else if !(1...20).contains(level) {
                issues.append(.init(field: "level", message: "must be between 1 and 20"))
            }
        case .requiredUnits(let units):
            list("units", units)
        case .fromList(let units, let minCredits, let minCount):
            list("units", units)
            credits("min_credits", minCredits)
            if minCredits == nil && minCount == nil {
                issues.append(.init(field: "min_credits", message: "give min_credits, min_count or both"))
            }
            if let minCount, minCount < 1 || minCount > max(units.count, 1) {
                issues.append(.init(field: "min_count", message: "must be between 1 and the number of units"))
            }
        case .fromProviders(let providers, let min):
            list("providers", providers)
            credits("min_credits", min)
        case .capOutside(let providers, let countries, let max):
            if providers.isEmpty && countries.isEmpty {
                issues.append(.init(field: "providers", message: "name the home providers, countries or both"))
            }
            if !providers.isEmpty { list("providers", providers) }
            if !countries.isEmpty { list("countries", countries) }
            credits("max_credits", max)
        case .recency(let years):
            if !(1...100).contains(years) { issues.append(.init(field: "years", message: "must be between 1 and 100")) }
        case .priorLearningCap(let max):
            credits("max_credits", max)
        }
        return issues
    }
}

extension PathwayRule: Codable {
    private enum Keys: String, CodingKey {
        case kind, label, level, units, providers, countries, years
        case minCredits = "min_credits"
        case minCount = "min_count"
        case maxCredits = "max_credits"
    }

    /// A key as written (`min_credits`), or as a decoder that converts snake case hands it over (`minCredits`).
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        func key(_ wire: Keys) -> AnyKey {
            let snake = AnyKey(stringValue: wire.rawValue)
            if c.contains(snake) { return snake }
            let parts = wire.rawValue.split(separator: "_")
            return AnyKey(stringValue: String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())
        }
        func optional<T: Decodable>(_ type: T.Type, _ wire: Keys) throws -> T? { try c.decodeIfPresent(type, forKey: key(wire)) }
        func required<T: Decodable>(_ type: T.Type, _ wire: Keys) throws -> T { try c.decode(type, forKey: key(wire)) }
        let name = try required(String.self, .kind)
        label = try optional(String.self, .label)
        switch name {
        case "total-credits": kind = .totalCredits(min: try required(Double.self, .minCredits))
        case "credits-at-level": kind = .creditsAtLevel(level: try required(Int.self, .level), min: try required(Double.self, .minCredits))
        case "required-units": kind = .requiredUnits(try required([String].self, .units))
        case "units-from-list":
            kind = .fromList(
                units: try required([String].self, .units), minCredits: try optional(Double.self, .minCredits),
                minCount: try optional(Int.self, .minCount))
        case "credits-from-providers":
            kind = .fromProviders(providers: try required([String].self, .providers), min: try required(Double.self, .minCredits))
        case "cap-outside":
            kind = .capOutside(
                providers: try optional([String].self, .providers) ?? [], countries: try optional([String].self, .countries) ?? [],
                max: try required(Double.self, .maxCredits))
        case "recency": kind = .recency(years: try required(Int.self, .years))
        case "prior-learning-cap": kind = .priorLearningCap(max: try required(Double.self, .maxCredits))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: key(.kind), in: c, debugDescription: "'\(name)' is not a rule kind (\(Self.kindNames.joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kindName, forKey: .kind)
        try c.encodeIfPresent(label, forKey: .label)
        switch kind {
        case .totalCredits(let min): try c.encode(min, forKey: .minCredits)
        case .creditsAtLevel(let level, let min):
            try c.encode(level, forKey: .level)
            try c.encode(min, forKey: .minCredits)
        case .requiredUnits(let units): try c.encode(units, forKey: .units)
        case .fromList(let units, let minCredits, let minCount):
            try c.encode(units, forKey: .units)
            try c.encodeIfPresent(minCredits, forKey: .minCredits)
            try c.encodeIfPresent(minCount, forKey: .minCount)
        case .fromProviders(let providers, let min):
            try c.encode(providers, forKey: .providers)
            try c.encode(min, forKey: .minCredits)
        case .capOutside(let providers, let countries, let max):
            if !providers.isEmpty { try c.encode(providers, forKey: .providers) }
            if !countries.isEmpty { try c.encode(countries, forKey: .countries) }
            try c.encode(max, forKey: .maxCredits)
        case .recency(let years): try c.encode(years, forKey: .years)
        case .priorLearningCap(let max): try c.encode(max, forKey: .maxCredits)
        }
    }
}
