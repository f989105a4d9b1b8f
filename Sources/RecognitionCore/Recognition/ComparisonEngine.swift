/// The referencing graph, compiled once from the frameworks and statements, answering `compare` without I/O.
///
/// Each statement with a level table is an edge both ways: as stated, and read backwards (which levels of A
/// correspond to level b of B). A level the table sends to no level ("no comparable level"), or a level of B that
/// no level of A reaches, is an explicit no. A statement whose table was never read is no edge at all. Paths are
/// searched shortest first (one statement, then one framework between, then two); among paths of one length, the
/// one through regional reference frameworks (EQF, AQRF) and confirmed statements wins.
public struct ComparisonEngine: Sendable {
    /// One reading of one statement, with level sets as bit masks (level n is bit n).
    struct Edge: Sendable {
        var target: Int
        var statement: Int
        var reversed: Bool
        /// `image[n]`: the target levels level n corresponds to.
        var image: [UInt64]
        /// Levels the statement says have no comparable level.
        var explicitNone: UInt64

        func map(_ levels: UInt64) -> (levels: UInt64, saidNone: Bool) {
            var found: UInt64 = 0
            var rest = levels
            while rest != 0 {
                let level = rest.trailingZeroBitCount
                rest &= rest - 1
                if level < image.count { found |= image[level] }
            }
            return (found, found == 0 && levels & explicitNone == levels)
        }
    }

    public let frameworks: [Framework]
    public let statements: [Referencing]
    let index: [Framework.ID: Int]
    let edges: [[Edge]]
    /// Statements with no level table, by framework pair, for the "never read" explanation.
    let unread: [Pair: [Int]]

    struct Pair: Hashable, Sendable {
        var a: Int
        var b: Int
        init(_ x: Int, _ y: Int) { (a, b) = x < y ? (x, y) : (y, x) }
    }

    public init(frameworks: [Framework], statements: [Referencing]) {
        self.frameworks = frameworks
        self.statements = statements.sorted { $0.id < $1.id }
        var index: [Framework.ID: Int] = [:]
        for (position, framework) in frameworks.enumerated() { index[framework.id] = position }
        self.index = index
        var edges = [[Edge]](repeating: [], count: frameworks.count)
        var unread: [Pair: [Int]] = [:]
        for (number, statement) in self.statements.enumerated() {
            guard let a = index[statement.from], let b = index[statement.to], a != b else { continue }
            guard statement.pairs.contains(where: { $0.to != nil }) else {
                unread[Pair(a, b), default: []].append(number)
                continue
            }
            var forward = Edge(target: b, statement: number, reversed: false, image: Array(repeating: 0, count: 64), explicitNone: 0)
            var backward = Edge(target: a, statement: number, reversed: true, image: Array(repeating: 0, count: 64), explicitNone: 0)
            for pair in statement.pairs where (0..<64).contains(pair.from) {
                if let to = pair.to, (0..<64).contains(to) {
                    forward.image[pair.from] |= 1 << to
                    backward.image[to] |= 1 << pair.from
                } else if pair.to == nil {
                    forward.explicitNone |= 1 << pair.from
                }
            }
            var reached: UInt64 = 0
            for mask in forward.image { reached |= mask }
            for level in frameworks[b].levels.map(\.number) where (0..<64).contains(level) && reached & (1 << level) == 0 {
                backward.explicitNone |= 1 << level
            }
            edges[a].append(forward)
            edges[b].append(backward)
        }
        self.edges = edges
        self.unread = unread
    }

    public func framework(_ id: Framework.ID) -> Framework? { index[id].map { frameworks[$0] } }

    /// Compares `request.level` of `request.from` (and its volume) into `request.to`.
    public func compare(_ request: ComparisonRequest) throws(ComparisonError) -> Comparison {
        guard let source = index[request.from] else { throw .unknownFramework(request.from) }
        guard let target = index[request.to] else { throw .unknownFramework(request.to) }
        let from = frameworks[source]
        let to = frameworks[target]
        if let level = request.level, from.levels.isEmpty || from.level(level) == nil { throw .unknownLevel(from.id, level) }
        if request.credits != nil && request.hours != nil { throw .badVolume("give credits or hours, not both") }
        for value in [request.credits, request.hours].compactMap({ $0 }) where !(value.isFinite && value >= 0 && value <= 100_000) {
            throw .badVolume("credits and hours must be between 0 and 100000")
        }
        let volume: ConvertedVolume? =
            request.credits == nil && request.hours == nil
            ? nil
            : CreditConversion.convert(
                credits: request.credits, hours: request.hours, from: from.id, rule: from.credit, to: to.id, rule: to.credit)
        var levels = levelAnswer(request.level, source: source, target: target)
        if let volume { levels.explanation += " " + volume.explanation }
        return Comparison(
            from: .init(from.id, request.level.map { $0...$0 }), to: .init(to.id, levels.range), basis: levels.basis,
            confidence: levels.confidence, path: levels.path, volume: volume, explanation: levels.explanation)
    }

    private struct LevelAnswer {
        var range: ClosedRange<Int>?
        var basis: Comparison.Basis
        var confidence: Double
        var path: [Comparison.Step]
        var explanation: String
    }

    private func levelAnswer(_ level: Int?, source: Int, target: Int) -> LevelAnswer {
        let from = frameworks[source]
        let to = frameworks[target]
        func none(_ why: String, path: [Comparison.Step] = []) -> LevelAnswer {
            LevelAnswer(range: nil, basis: .none, confidence: 0, path: path, explanation: "No basis for a level: " + why)
        }
        guard let level else { return none("no level of \(label(from)) was stated.") }
        if source == target {
            return LevelAnswer(
                range: level...level, basis: .official, confidence: 1, path: [],
                explanation: "\(label(from)) level \(level) is already a level of the target framework.")
        }
        if to.levels.isEmpty { return none("\(label(to)) has no levels in Accord's data, so nothing can correspond to a level.") }
        let start: UInt64 = 1 << level
        // One statement: an official "no comparable level" ends the search, it is not routed around.
        var direct: [Route] = []
        var saidNone: Edge?
        for edge in edges[source] where edge.target == target {
            let (found, none) = edge.map(start)
            if found != 0 { direct.append(Route(edges: [edge], masks: [start, found])) }
            if none { saidNone = saidNone ?? edge }
        }
        if direct.isEmpty, let edge = saidNone {
            let statement = statements[edge.statement]
            let note = statement.pairs.first { $0.from == level && $0.to == nil && !edge.reversed }?.note.map { " (\($0))" } ?? ""
            return none(
                "\(statement.id) says \(label(from)) level \(level) has no comparable \(label(to)) level\(note).",
                path: [step(edge, from: source, start, to: target, 0)])
        }
        if let best = best(direct) { return answer(best, source: source, target: target) }
        for length in 2...3 {
            var routes: [Route] = []
            search(from: source, mask: start, target: target, length: length, route: Route(edges: [], masks: [start]), into: &routes)
            if let best = best(routes) { return answer(best, source: source, target: target) }
        }
        if from.kind == .microcredentialScale {
            return none("\(label(from)) is a microcredential skill scale; no statement places its levels in a qualifications framework.")
        }
        let unreadHere = (unread[Pair(source, target)] ?? []).map { statements[$0].id.rawValue }
        if !unreadHere.isEmpty {
            return none(
                "\(unreadHere.joined(separator: ", ")) links \(label(from)) and \(label(to)), but its level table was never read, so it gives no path."
            )
        }
        var text = "no referencing statement links \(label(from)) level \(level) to \(label(to)), directly or through other frameworks."
        let unreadNear = unread.filter { [source, target].contains($0.key.a) || [source, target].contains($0.key.b) }.values.joined()
        if !unreadNear.isEmpty {
            let names = unreadNear.sorted().map { statements[$0].id.rawValue }
            text +=
                names.count == 1
                ? " \(names[0]) exists, but its level table was never read, so it gives no path."
                : " \(names.joined(separator: ", ")) exist, but their level tables were never read, so they give no path."
        }
        return none(text)
    }

    private struct Route {
        var edges: [Edge]
        /// The level set before each edge and after the last.
        var masks: [UInt64]
    }

    private func search(from node: Int, mask: UInt64, target: Int, length: Int, route: Route, into routes: inout [Route]) {
        let visited = Set([node] + route.edges.map(\.target))
        for edge in edges[node] where !visited.contains(edge.target) {
            let isLast = route.edges.count + 1 == length
            guard (edge.target == target) == isLast else { continue }
            let (found, _) = edge.map(mask)
            guard found != 0 else { continue }
            var next = route
            next.edges.append(edge)
            next.masks.append(found)
            if isLast {
                routes.append(next)
            } else {
                search(from: edge.target, mask: found, target: target, length: length, route: next, into: &routes)
            }
        }
    }

    /// Prefers routes through regional reference frameworks, then confirmed statements, then statement ids.
    private func best(_ routes: [Route]) -> Route? {
        func rank(_ route: Route) -> [Int] {
            let national = route.edges.dropLast().filter { frameworks[$0.target].kind != .regionalReference }.count
            let unconfirmed = route.edges.filter { !statements[$0.statement].provenance.confirmed.isConfirmed }.count
            return [national, unconfirmed] + route.edges.map(\.statement)
        }
        return routes.min { rank($0).lexicographicallyPrecedes(rank($1)) }
    }

    private func answer(_ route: Route, source: Int, target: Int) -> LevelAnswer {
        var path: [Comparison.Step] = []
        var node = source
        for (number, edge) in route.edges.enumerated() {
            path.append(step(edge, from: node, route.masks[number], to: edge.target, route.masks[number + 1]))
            node = edge.target
        }
        let found = route.masks[route.masks.count - 1]
        let range = found.trailingZeroBitCount...(63 - found.leadingZeroBitCount)
        let confirmed = path.allSatisfy(\.confirmed)
        let from = frameworks[source]
        let to = frameworks[target]
        let start = path[0].from.levels?.lowerBound ?? 0
        var text = "\(label(from)) level \(start) corresponds to \(label(to)) \(Self.levelText(range))"
        if path.count == 1 {
            text += " according to \(describe(path[0]))."
        } else {
            let between = path.dropLast().map { label(frameworks[index[$0.to.framework] ?? 0]) }.joined(separator: " and ")
            text += " through \(between), as no statement links the two directly: "
            text += path.map { "\($0.from.notation) → \($0.to.notation) by \(describe($0))" }.joined(separator: "; ") + "."
        }
        if range.count > Int(found.nonzeroBitCount) { text += " The levels found are not contiguous; the range spans them." }
        if !confirmed { text += " A statement on the path is only partly confirmed in Accord's data." }
        return LevelAnswer(
            range: range, basis: path.count == 1 ? .official : .viaHub,
            confidence: Comparison.confidence(steps: path.count, allConfirmed: confirmed), path: path, explanation: text)
    }

    private func step(_ edge: Edge, from node: Int, _ before: UInt64, to target: Int, _ after: UInt64) -> Comparison.Step {
        func range(_ mask: UInt64) -> ClosedRange<Int>? {
            mask == 0 ? nil : mask.trailingZeroBitCount...(63 - mask.leadingZeroBitCount)
        }
        let statement = statements[edge.statement]
        return Comparison.Step(
            from: .init(frameworks[node].id, range(before)), to: .init(frameworks[target].id, range(after)), statement: statement.id,
            source: statement.provenance.source, date: statement.date, reversed: edge.reversed,
            confirmed: statement.provenance.confirmed.isConfirmed)
    }

    private func describe(_ step: Comparison.Step) -> String {
        guard let statement = statements.first(where: { $0.id == step.statement }) else { return step.statement.rawValue }
        var text = statement.id.rawValue
        var details = [statement.kind, statement.date.map { "\($0)" }].compactMap { $0 }
        if step.reversed { details.append("read from the \(label(frameworks[index[statement.to] ?? 0])) side") }
        if !details.isEmpty { text += " (\(details.joined(separator: ", ")))" }
        return text
    }

    static func levelText(_ range: ClosedRange<Int>) -> String {
        range.count == 1 ? "level \(range.lowerBound)" : "levels \(range.lowerBound)–\(range.upperBound)"
    }

    /// `NZQCF` for short ids, the framework's name otherwise.
    func label(_ framework: Framework) -> String {
        let id = framework.id.rawValue
        return id.count <= 6 && !id.contains("-") ? id.uppercased() : framework.name
    }
}
