import Credentials
import Testing

/// RFC 8785 (JCS): ECMAScript number output and UTF-16 key order.
@Suite struct JCSTests {
    @Test(
        "numbers print as ECMAScript does",
        arguments: [
            (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-1.5, "-1.5"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e-7, "1e-7"),
            (0.000001, "0.000001"), (123456789012345680000.0, "123456789012345680000"), (Double.leastNonzeroMagnitude, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (0.1 + 0.2, "0.30000000000000004"), (333333333.3333333, "333333333.3333333"), (9007199254740992, "9007199254740992"),
        ])
    func numbers(_ value: Double, _ expected: String) {
        #expect(JSON.ecmaScriptString(value) == expected)
    }

    @Test("keys sort by UTF-16 code units (RFC 8785 §3.2.3 example)") func keyOrder() throws {
        let text =
            #"{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}"#
        let expected =
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        #expect(try JSON(parsing: text).canonicalString == expected)
    }

    @Test("keys sort by UTF-16 code units, however long their common prefix") func keyOrderAtEveryOffset() throws {
        // Pieces around the places where UTF-8 byte order and UTF-16 order part: U+E000–U+FFFF against U+10000 and up.
        let pieces = ["a", "b", "é", "€", "\u{E000}", "\u{FB33}", "\u{FFFF}", "😀", "\u{10000}", "\u{10FFFF}", "z"]
        var state: UInt64 = 7  // a fixed linear congruential sequence, so the test repeats exactly
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for round in 0..<300 {
            let prefix = String(repeating: "k", count: round % 19)
            let count = round % 2 == 0 ? 2 + round % 13 : 17 + round % 9
            var keys = Set<String>()
            while keys.count < count {
                keys.insert(prefix + (0..<3).map { _ in pieces[next() % pieces.count] }.joined())
            }
            let object = JSON.object(JSONObject(keys.map { ($0, JSON(integerLiteral: 1)) }))
            let expected = "{" + keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
            #expect(object.canonicalString == expected)
        }
    }

    @Test("strings read the same wherever an escape or a non-ASCII character falls") func stringsAtEveryOffset() throws {
        for (written, meant) in [(#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), (#"\u00e9"#, "é"), ("é", "é"), ("😀", "😀")] {
            for offset in 0..<20 {
                let before = String(repeating: "a", count: offset)
                let after = String(repeating: "b", count: 19 - offset)
                #expect(try JSON(parsing: "[\"\(before)\(written)\(after)\"]") == [.string(before + meant + after)])
            }
        }
        for offset in 0..<20 {
            let text = "[\"" + String(repeating: "a", count: offset) + "\u{1}" + String(repeating: "b", count: 19 - offset) + "\"]"
            #expect(throws: JSONError.self) { try JSON(parsing: text) }
        }
    }

    @Test("strings escape as JSON.stringify does") func strings() throws {
        let value: JSON = ["a": .string("\u{0}\u{8}\t\n\u{c}\r\"\\/\u{1f}é")]
        #expect(value.canonicalString == #"{"a":"\u0000\b\t\n\f\r\"\\/\u001fé"}"#)
    }

    @Test("duplicate keys and lone surrogates are refused") func refusals() {
        #expect(throws: JSONError.duplicateKey("a")) { try JSON(parsing: #"{"a":1,"a":2}"#) }
        #expect(throws: JSONError.self) { try JSON(parsing: #"["\udc00"]"#) }
        #expect(throws: JSONError.self) { try JSON(parsing: "[1,]") }
        #expect(throws: JSONError.self) { try JSON(parsing: "01") }
    }
}
