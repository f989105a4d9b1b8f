/// A learner's credentials indexed once, whatever the target framework: duplicates found, units, providers,
/// countries and source frameworks numbered so that evaluation compares integers, not strings. Rebuilt when the record
/// changes. A class: every pathway evaluated over the record shares it without copying its arrays.
public final class LearnerIndex: Sendable {
    public let held: [HeldCredential]
    /// The newer credential for the same achievement that replaces this one.
    public let duplicateOf: [Int?]
    /// Each unit key to the credential that holds it (the newest, when several do).
    let byUnit: NameTable
    /// Provider ids and issuer DIDs to a number, and countries to a number.
    let providerNumbers: NameTable
    let countryNumbers: NameTable
    let sourceFrameworks: [Framework.ID]
    /// Each credential's number in `sourceFrameworks`, or -1.
    let sourceOf: [Int]
    /// Each credential's facts that hold in any framework (duplicate, issue day, numbers, prior learning); size and
    /// levels are zero until a `PreparedRecord` fills them for its framework.
    let facts: [CredentialFacts]

    public init(_ held: [HeldCredential]) {
        self.held = held
        var duplicateOf = [Int?](repeating: nil, count: held.count)
        var byUnit = NameTable(capacity: held.count * 2)
        var providerNumbers = NameTable(capacity: 16)
        var countryNumbers = NameTable(capacity: 16)
        var frameworkNumbers: [Framework.ID: Int] = [:]
        var sourceFrameworks: [Framework.ID] = []
        var facts: [CredentialFacts] = []
        facts.reserveCapacity(held.count)
        var sourceOf: [Int] = []
        func number(_ key: String, in table: inout NameTable) -> Int {
            if let found = table[key] { return found }
            table.set(key, to: table.count)
            return table.count - 1
        }
        for (index, credential) in held.enumerated() {
            facts.append(
                CredentialFacts(
                    low: 0, high: 0, levelLow: 0, levelHigh: 0, duplicateOf: -1,
                    issuedDay: Int32(credential.issuedOn.map(Stacking.dayNumber) ?? -1),
                    provider: Int32(credential.provider.map { number($0, in: &providerNumbers) } ?? -1),
                    issuer: Int32(number(credential.issuer, in: &providerNumbers)),
                    country: Int32(credential.country.map { number($0, in: &countryNumbers) } ?? -1), prior: credential.priorLearning))
            if let framework = credential.framework {
                if let found = frameworkNumbers[framework] {
                    sourceOf.append(found)
                } else {
                    frameworkNumbers[framework] = sourceFrameworks.count
                    sourceOf.append(sourceFrameworks.count)
                    sourceFrameworks.append(framework)
                }
            } else {
                sourceOf.append(-1)
            }
            if let achievement = credential.units.first, let earlier = byUnit[achievement] {
                // The newer award of the same achievement counts; the older one is a duplicate.
                if (credential.issuedOn ?? "") > (held[earlier].issuedOn ?? "") {
                    duplicateOf[earlier] = index
                    for unit in credential.units { byUnit.set(unit, to: index) }
                } else {
                    duplicateOf[index] = earlier
                }
                continue
            }
            for unit in credential.units where byUnit[unit] == nil { byUnit.set(unit, to: index) }
        }
        // A chain of replacements points at its final survivor.
        for index in duplicateOf.indices {
            var target = duplicateOf[index]
            while let next = target.flatMap({ duplicateOf[$0] }) { target = next }
            duplicateOf[index] = target
            facts[index].duplicateOf = Int32(target ?? -1)
        }
        self.duplicateOf = duplicateOf
        self.byUnit = byUnit
        self.providerNumbers = providerNumbers
        self.countryNumbers = countryNumbers
        self.sourceFrameworks = sourceFrameworks
        self.sourceOf = sourceOf
        self.facts = facts
    }
}

/// A learner's credentials made ready for one target framework, for every pathway in it: credits converted and
/// levels mapped (once per source framework, then arithmetic per credential).
public final class PreparedRecord: Sendable {
    public let framework: Framework.ID
    public let index: LearnerIndex
    public var held: [HeldCredential] { index.held }
    let target: Framework
    let sources: [Framework?]
    let statements: [Referencing]
    /// Every credential's figures in this framework, in the record's order.
    let facts: [CredentialFacts]

    public convenience init(_ held: [HeldCredential], in target: Framework, frameworks: [Framework.ID: Framework], statements: [Referencing]) {
        self.init(LearnerIndex(held), in: target, frameworks: frameworks, statements: statements)
    }

    public init(_ index: LearnerIndex, in target: Framework, frameworks: [Framework.ID: Framework], statements: [Referencing]) {
        framework = target.id
        self.index = index
        self.target = target
        self.statements = statements
        let sources = index.sourceFrameworks.map { frameworks[$0] }
        self.sources = sources
        // Per source framework: the volume of one credit and of one declared hour, and its levels in the target.
        let targetHours = Self.positive(target.credit?.hoursPerCredit)
        struct Source {
            var perCredit: Span?
            var perHour: Span?
            var levels: [ClosedRange<Int>?]
        }
        let table: [Source] = index.sourceFrameworks.enumerated().map { number, id in
            let perCredit: Span? =
                id == target.id
                ? Span(exactly: 1)
                : Self.positive(sources[number]?.credit?.hoursPerCredit).flatMap { hours in
                    targetHours.map { Span(exactly: 1).times(hours).divided(by: $0) }
                }
            let levels = (0...20).map { LevelMapping.direct($0, of: id, in: target.id, statements: statements)?.levels }
            return Source(perCredit: perCredit, perHour: targetHours.map { Span(exactly: 1).divided(by: $0) }, levels: levels)
        }
        let perHourNoSource = targetHours.map { Span(exactly: 1).divided(by: $0) }
        var facts = index.facts
        for (position, credential) in index.held.enumerated() {
            let number = index.sourceOf[position]
            let source = number >= 0 ? table[number] : nil
            var size: Span?
            if let credits = credential.credits, credits >= 0, let perCredit = source?.perCredit {
                size = Span(credits * perCredit.min, credits * perCredit.max)
            } else if let hours = credential.hours, hours >= 0, let perHour = source?.perHour ?? perHourNoSource {
                size = Span(hours * perHour.min, hours * perHour.max)
            }
            let levels = credential.level.flatMap { level in (0...20).contains(level) ? source?.levels[level] : nil }
            facts[position].low = size?.min ?? 0
            facts[position].high = size?.max ?? 0
            facts[position].levelLow = Int32(levels?.lowerBound ?? 0)
            facts[position].levelHigh = Int32(levels?.upperBound ?? 0)
        }
        self.facts = facts
    }

    private static func positive(_ range: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard let range, range.lowerBound > 0 else { return nil }
        return range
    }

    /// How credential `position` converts into this framework, with its explanation.
    public func volume(_ position: Int) -> ConvertedVolume {
        let credential = index.held[position]
        let number = index.sourceOf[position]
        return CreditConversion.convert(
            credits: credential.credits, hours: credential.hours, from: credential.framework, rule: number >= 0 ? sources[number]?.credit : nil,
            to: target.id, rule: target.credit)
    }

    /// Credential `position`'s levels in this framework and the statement that maps them (nil statement: the same
    /// framework); nil when no statement does.
    public func levels(_ position: Int) -> (levels: ClosedRange<Int>, statement: Referencing.ID?)? {
        let credential = index.held[position]
        guard let level = credential.level, let source = credential.framework else { return nil }
        return LevelMapping.direct(level, of: source, in: target.id, statements: statements)
    }
}

/// One credential as an evaluation reads it, in one row: its converted size, its levels in the target framework (0:
/// none comparable), the credential it duplicates, its issue day and its provider, issuer and country numbers (-1:
/// none). A pass over the record reads one array.
struct CredentialFacts: Sendable {
    var low: Double
    var high: Double
    var levelLow: Int32
    var levelHigh: Int32
    var duplicateOf: Int32
    /// `YYYYMMDD`, or -1 when undated.
    var issuedDay: Int32
    var provider: Int32
    var issuer: Int32
    var country: Int32
    var prior: Bool
}
