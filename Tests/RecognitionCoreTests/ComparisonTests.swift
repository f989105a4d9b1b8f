import Foundation
import RecognitionCore
import Testing

/// The comparison engine over the seeded referencing statements (every one, both directions) and over small made-up
/// graphs for paths through hubs.
@Suite struct ComparisonTests {
    static let seeded: ReferenceData = {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Storage/ReferenceData")
        let bytes = (try? Data(contentsOf: directory.appendingPathComponent("frameworks.json"))) ?? Data()
        return (try? ReferenceData.decode(files: [.frameworks: bytes])) ?? ReferenceData()
    }()
    static let engine = ComparisonEngine(frameworks: seeded.frameworks, statements: seeded.referencing)

    static func compare(_ from: String, _ level: Int?, to: String, credits: Double? = nil, hours: Double? = nil) throws -> Comparison {
        try engine.compare(.init(from: .init(from), level: level, credits: credits, hours: hours, to: .init(to)))
    }

    @Test("the issue's example: HKQF 4 with 15 credits is NZQCF 5-6, 150 hours, 15 credits")
    func hongKongIntoNewZealand() throws {
        let result = try Self.compare("hkqf", 4, to: "nzqcf", credits: 15)
        #expect(result.to.levels == 5...6)
        #expect(result.basis == .official)
        #expect(result.path.map(\.statement) == ["nzqf-hkqf"])
        #expect(result.path.first?.reversed == true)
        #expect(result.volume?.hours == Span(exactly: 150))
        #expect(result.volume?.credits == Span(exactly: 15))
        #expect(result.confidence == 0.8)  // the statement is only partly confirmed
        #expect(result.explanation.contains("nzqf-hkqf"))
        #expect(result.explanation.contains("150 notional hours"))
    }

    @Test("every seeded statement with a level table answers as stated, level by level")
    func everyStatementForward() throws {
        let statements = Self.seeded.referencing.filter { $0.pairs.contains { $0.to != nil } }
        #expect(statements.count >= 3)
        for statement in statements {
            for level in Set(statement.pairs.map(\.from)) {
                let stated = statement.pairs.filter { $0.from == level }.compactMap(\.to)
                let result = try Self.compare(statement.from.rawValue, level, to: statement.to.rawValue)
                #expect(result.path.first?.statement == statement.id, "\(statement.id) level \(level)")
                if let low = stated.min(), let high = stated.max() {
                    #expect(result.to.levels == low...high, "\(statement.id) level \(level)")
                    #expect(result.basis == .official)
                    #expect(result.path.first?.reversed == false)
                } else {
                    #expect(result.basis == .none, "\(statement.id) level \(level) says no comparable level")
                    #expect(result.to.levels == nil)
                    #expect(result.explanation.contains("no comparable"))
                }
            }
        }
    }

    @Test("every seeded statement with a level table answers read backwards, for every level of its target")
    func everyStatementBackward() throws {
        for statement in Self.seeded.referencing where statement.pairs.contains(where: { $0.to != nil }) {
            let target = try #require(Self.engine.framework(statement.to))
            for level in target.levels.map(\.number) {
                let sources = statement.pairs.filter { $0.to == level }.map(\.from)
                let result = try Self.compare(statement.to.rawValue, level, to: statement.from.rawValue)
                if let low = sources.min(), let high = sources.max() {
                    #expect(result.to.levels == low...high, "\(statement.id) backwards from level \(level)")
                    #expect(result.path.map(\.statement) == [statement.id])
                    #expect(result.path.first?.reversed == true)
                } else {
                    #expect(result.basis == .none, "\(statement.id): no level reaches \(statement.to) \(level)")
                    #expect(result.path.map(\.statement) == [statement.id])
                    #expect(result.explanation.contains("no comparable"))
                }
            }
        }
    }

    @Test("the named no-comparable-level entries: NZQCF 8 into EQF and HKQF, EQF 1 into NZQCF")
    func explicitNoComparableLevel() throws {
        let eqf = try Self.compare("nzqcf", 8, to: "eqf")
        #expect(eqf.basis == .none && eqf.confidence == 0)
        #expect(eqf.explanation.contains("unlevelled by agreement"))
        let hk = try Self.compare("nzqcf", 8, to: "hkqf")
        #expect(hk.explanation.contains("no agreement"))
        // An official no is not routed around: HKQF has no statement with EQF, but NZQCF 8 must not reach it otherwise.
        let back = try Self.compare("eqf", 1, to: "nzqcf")
        #expect(back.basis == .none && back.path.map(\.statement) == ["nzqf-eqf"])
    }

    @Test("statements whose table was never read give no path, and say so")
    func unreadStatements() throws {
        for statement in Self.seeded.referencing where !statement.pairs.contains(where: { $0.to != nil }) {
            guard let source = Self.engine.framework(statement.from), let target = Self.engine.framework(statement.to) else { continue }
            for level in source.levels.map(\.number) {
                let result = try Self.compare(source.id.rawValue, level, to: target.id.rawValue)
                #expect(!result.path.contains { $0.statement == statement.id }, "\(statement.id) must give no path")
                if result.basis == .none, !target.levels.isEmpty {
                    #expect(result.explanation.contains(statement.id.rawValue), "\(statement.id): \(result.explanation)")
                }
            }
            for level in target.levels.map(\.number) where !source.levels.isEmpty {
                let result = try Self.compare(target.id.rawValue, level, to: source.id.rawValue)
                #expect(!result.path.contains { $0.statement == statement.id })
            }
        }
        let malaysia = try Self.compare("mqf", 6, to: "aqrf")
        #expect(malaysia.basis == .none)
        #expect(malaysia.explanation.contains("never read"))
    }

    @Test("a two-step path through a framework in between: AQF 7 into EQF and HKQF 4 into EQF go through NZQCF")
    func twoStepsThroughNewZealand() throws {
        let result = try Self.compare("aqf", 7, to: "eqf")
        #expect(result.basis == .viaHub)
        #expect(result.path.map(\.statement) == ["aqf-nzqf", "nzqf-eqf"])
        #expect(result.path.map(\.to.notation) == ["nzqcf:7", "eqf:6"])
        #expect(result.to.levels == 6...6)
        #expect(result.confidence == 0.5)
        let hk = try Self.compare("hkqf", 4, to: "eqf")
        #expect(hk.path.map(\.to.notation) == ["nzqcf:5-6", "eqf:5"])
        #expect(hk.to.levels == 5...5)
    }

    @Test("no basis: a Dreyfus level, a framework without levels, Malaysia from anywhere")
    func noBasis() throws {
        let dreyfus = try Self.compare("au-nmf-dreyfus", 3, to: "aqf")
        #expect(dreyfus.basis == .none)
        #expect(dreyfus.explanation.contains("skill scale"))
        let korea = try Self.compare("nzqcf", 7, to: "korea")
        #expect(korea.basis == .none && korea.explanation.contains("no levels"))
        for (framework, level) in [("hkqf", 4), ("aqf", 7), ("nzqcf", 5), ("eqf", 6)] {
            let result = try Self.compare(framework, level, to: "mqf")
            #expect(result.basis == .none && result.to.levels == nil && result.path.isEmpty)
        }
    }

    @Test("volumes: declared hours where the source has no credit standard; ranges kept through ECTS")
    func volumes() throws {
        let australia = try Self.compare("aqf", 7, to: "nzqcf", hours: 300)
        #expect(australia.volume?.basis == .declaredHours)
        #expect(australia.volume?.credits == Span(exactly: 30))
        let ects = try Self.compare("eqf", 6, to: "nzqcf", credits: 6)
        #expect(ects.volume?.hours == Span(150, 180))
        #expect(ects.volume?.credits == Span(15, 18))
        let noStandard = try Self.compare("aqf", 7, to: "nzqcf", credits: 10)
        #expect(noStandard.volume?.basis == ConvertedVolume.Basis.none && noStandard.volume?.credits == nil)
    }

    @Test("bad requests are errors, not answers")
    func badRequests() {
        #expect(throws: ComparisonError.unknownFramework("nope")) { try Self.compare("nope", 1, to: "nzqcf") }
        #expect(throws: ComparisonError.unknownLevel("hkqf", 9)) { try Self.compare("hkqf", 9, to: "nzqcf") }
        #expect(throws: ComparisonError.self) { try Self.compare("hkqf", 4, to: "nzqcf", credits: 1, hours: 1) }
        #expect(throws: ComparisonError.self) { try Self.compare("hkqf", 4, to: "nzqcf", credits: -1) }
        #expect(ComparisonRequest.place("hkqf:4")?.1 == 4)
        #expect(ComparisonRequest.place("hkqf")?.1 == nil)
        #expect(ComparisonRequest.place("hkqf:x") == nil && ComparisonRequest.place(":4") == nil && ComparisonRequest.place("a:1:2") == nil)
    }

    // MARK: paths through hubs, on a made-up graph

    static func framework(_ id: String, _ kind: Framework.Kind = .national) -> Framework {
        Framework(
            id: .init(id), name: id, jurisdiction: "XX", kind: kind, levels: (1...8).map { .init(number: $0, name: "Level \($0)") })
    }

    static func statement(_ id: String, _ from: String, _ to: String, _ pairs: [(Int, Int?)], confirmed: Bool = true) -> Referencing {
        Referencing(
            id: .init(id), from: .init(from), to: .init(to), pairs: pairs.map { .init(from: $0.0, to: $0.1) },
            provenance: .init(source: "https://example.org/\(id)", confirmed: confirmed ? .confirmed : .unconfirmed))
    }

    @Test("through a regional hub: both sides referenced to EQF, the second read backwards")
    func throughRegionalHub() throws {
        let engine = ComparisonEngine(
            frameworks: [Self.framework("aa"), Self.framework("bb"), Self.framework("cc"), Self.framework("eqf", .regionalReference)],
            statements: [
                Self.statement("aa-eqf", "aa", "eqf", [(5, 5), (6, 6)]),
                Self.statement("bb-eqf", "bb", "eqf", [(4, 5), (5, 5), (6, 6)]),
                // A national framework in between at the same length must lose to the regional hub.
                Self.statement("aa-cc", "aa", "cc", [(5, 1)]),
                Self.statement("cc-bb", "cc", "bb", [(1, 1)]),
            ])
        let result = try engine.compare(.init(from: "aa", level: 5, to: "bb"))
        #expect(result.basis == .viaHub)
        #expect(result.path.map(\.statement) == ["aa-eqf", "bb-eqf"])
        #expect(result.path.map(\.reversed) == [false, true])
        #expect(result.to.levels == 4...5)
        #expect(result.confidence == 0.6)
        #expect(result.explanation.contains("through EQF"))
    }

    @Test("through two hubs, three statements, confidence 0.3; a direct statement always wins")
    func throughTwoHubs() throws {
        let frameworks = ["aa", "bb", "aqrf", "eqf"].map { Self.framework($0, $0.count == 2 ? .national : .regionalReference) }
        let chain = [
            Self.statement("aa-aqrf", "aa", "aqrf", [(3, 3)]), Self.statement("aqrf-eqf", "aqrf", "eqf", [(3, 4)]),
            Self.statement("bb-eqf", "bb", "eqf", [(2, 4)]),
        ]
        let result = try ComparisonEngine(frameworks: frameworks, statements: chain).compare(.init(from: "aa", level: 3, to: "bb"))
        #expect(result.path.map(\.statement) == ["aa-aqrf", "aqrf-eqf", "bb-eqf"])
        #expect(result.to.levels == 2...2 && result.confidence == 0.3)
        let direct = chain + [Self.statement("aa-bb", "aa", "bb", [(3, 3)], confirmed: false)]
        let better = try ComparisonEngine(frameworks: frameworks, statements: direct).compare(.init(from: "aa", level: 3, to: "bb"))
        #expect(better.path.map(\.statement) == ["aa-bb"] && better.confidence == 0.8)
    }

    @Test("the JSON shape other tools rely on")
    func jsonShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let found = try JSONSerialization.jsonObject(with: encoder.encode(try Self.compare("hkqf", 4, to: "nzqcf", credits: 15)))
        let object = try #require(found as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["from", "to", "basis", "confidence", "path", "hours", "credits", "explanation"]))
        #expect((object["to"] as? [String: Any])?["levels"] as? [String: Int] == ["min": 5, "max": 6])
        #expect((object["from"] as? [String: Any])?["level"] as? Int == 4)
        let step = try #require((object["path"] as? [[String: Any]])?.first)
        #expect(Set(step.keys).isSuperset(of: ["from", "to", "statement", "source", "date"]))
        let none = try JSONSerialization.jsonObject(with: encoder.encode(try Self.compare("hkqf", 4, to: "mqf")))
        let noneObject = try #require(none as? [String: Any])
        #expect((noneObject["to"] as? [String: Any])?["levels"] is NSNull)
        #expect(noneObject["hours"] is NSNull && noneObject["basis"] as? String == "none")
    }
}
