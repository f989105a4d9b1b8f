import Testing

@testable import Credentials

/// `JSONObject` keeps members sorted by UTF-16 code units and tells keys apart by their code units.
@Suite struct JSONObjectTests {
    /// Keys around the places where UTF-8 byte order and UTF-16 order part, and where an eight-byte sort key ties.
    static let pieces = ["a", "b", "\u{0}", "é", "e\u{301}", "€", "\u{E000}", "\u{FB33}", "\u{FFFF}", "😀", "\u{10000}", "\u{212A}", "K", "z"]

    /// A fixed sequence of keys (a linear congruential generator, so a failure repeats exactly).
    static func keys(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in
            String(repeating: "k", count: next() % 11) + (0..<(1 + next() % 3)).map { _ in pieces[next() % pieces.count] }.joined()
        }
    }

    static func utf16Order(_ lhs: String, _ rhs: String) -> Int {
        lhs.utf16.lexicographicallyPrecedes(rhs.utf16) ? -1 : (Array(lhs.utf16) == Array(rhs.utf16) ? 0 : 1)
    }

    @Test("sort keys and the full comparison agree with UTF-16 order") func order() {
        let keys = Self.keys(count: 400, seed: 3)
        for (lhs, rhs) in Array(zip(keys, keys.dropFirst(7))) + Array(zip(keys, keys)) {
            let expected = Self.utf16Order(lhs, rhs)
            #expect(JSONObject.order(lhs, rhs).signum() == expected, "\(Array(lhs.unicodeScalars)) vs \(Array(rhs.unicodeScalars))")
            let (left, right) = (JSONObject.sortKey(lhs), JSONObject.sortKey(rhs))
            if left != right {
                #expect((left < right ? -1 : 1) == expected, "sort keys of \(Array(lhs.unicodeScalars)) vs \(Array(rhs.unicodeScalars))")
            }
        }
    }

    @Test("inserts, lookups and removals match a plain list of members") func againstReference() {
        var object = JSONObject()
        var reference: [(key: [UInt16], value: Int)] = []
        let keys = Self.keys(count: 600, seed: 11)
        for (step, key) in keys.enumerated() {
            let units = Array(key.utf16)
            let existing = reference.firstIndex { $0.key == units }
            if step % 5 == 4 {
                #expect(object.removeValue(forKey: key) == existing.map { .number(Double(reference[$0].value)) })
                if let existing { reference.remove(at: existing) }
            } else {
                #expect(object.updateValue(.number(Double(step)), forKey: key) == existing.map { .number(Double(reference[$0].value)) })
                if let existing { reference[existing].value = step } else { reference.append((units, step)) }
            }
            #expect(object[key] == reference.first { $0.key == units }.map { .number(Double($0.value)) })
        }
        reference.sort { $0.key.lexicographicallyPrecedes($1.key) }
        #expect(object.map { Array($0.key.utf16) } == reference.map(\.key))
        #expect(object.map(\.value) == reference.map { .number(Double($0.value)) })
    }

    @Test("keys Swift would call equal stay apart: composed and decomposed é, the Kelvin sign and K") func codeUnitKeys() throws {
        let text = #"{"\u00e9": 1, "e\u0301": 2, "\u212a": 3, "K": 4}"#
        let object = try #require(try JSON(parsing: text).objectValue)
        #expect(object.count == 4)
        #expect(object["\u{E9}"] == 1)
        #expect(object["e\u{301}"] == 2)
        #expect(object["\u{212A}"] == 3)
        #expect(object["K"] == 4)
        #expect(JSON.object(object).canonicalString == "{\"K\":4,\"e\u{301}\":2,\"\u{E9}\":1,\"\u{212A}\":3}")
        // A [String: JSON] would have merged them; the same keys twice in bytes are still refused.
        #expect(throws: JSONError.duplicateKey("\u{212A}")) { try JSON(parsing: #"{"\u212a": 1, "K": 2, "\u212a": 3}"#) }
    }

    @Test("objects built from pairs and literals sort their members, and the last of a repeated key wins") func building() {
        let object = JSONObject([("b", 1), ("a", 2), ("b", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["b"] == 3)
        let literal: JSONObject = ["z": 1, "y": 2]
        #expect(literal.keys == ["y", "z"])
        #expect(literal == JSONObject([("y", 2), ("z", 1)]))
        #expect(literal != JSONObject([("y", 2), ("z", 2)]))
        #expect(literal.mapValues { _ in .null } == ["y": nil, "z": nil])
        #expect(literal.filter { $0.key == "z" }.keys == ["z"])
        #expect(literal["missing"] == nil)  // absent, not JSON null
        let many = JSONObject((0..<40).map { ("k\($0 % 20)", JSON.number(Double($0))) })  // past the insertion-sort size
        #expect(many.count == 20)
        #expect(many["k3"] == 23)
    }

    @Test("merging keeps both objects' members in order, the other's value winning") func merging() {
        let keys = Self.keys(count: 300, seed: 5)
        let mine = JSONObject(keys.enumerated().filter { $0.offset % 2 == 0 }.map { ($0.element, JSON.number(1)) })
        let theirs = JSONObject(keys.enumerated().filter { $0.offset % 3 == 0 }.map { ($0.element, JSON.number(2)) })
        var expected = mine
        for (key, value) in theirs { expected[key] = value }
        #expect(mine.merging(theirs) == expected)
        #expect(mine.merging(theirs).keys == expected.keys)
        #expect(mine.merging([:]) == mine)
        #expect(JSONObject().merging(theirs) == theirs)
    }
}
