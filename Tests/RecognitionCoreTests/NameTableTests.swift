import Testing

@testable import RecognitionCore

@Suite("name table")
struct NameTableTests {
    @Test("finds what was set, misses what was not, keeps the last value, and grows past its first size")
    func setAndFind() {
        var table = NameTable(capacity: 1)
        let keys = (0..<5_000).map { "https://issuer.example/achievements/\($0)" } + ["", "a", "ā", "管理", "did:web:x:p1", "did:web:x:p1 "]
        for (value, key) in keys.enumerated() { table.set(key, to: value) }
        #expect(table.count == keys.count)
        for (value, key) in keys.enumerated() { #expect(table[key] == value, "\(key)") }
        #expect(table["https://issuer.example/achievements/5000"] == nil)
        #expect(table["did:web:x:p"] == nil)
        #expect(table["a"] == keys.firstIndex(of: "a"))
        table.set("a", to: -7)
        #expect(table["a"] == -7 && table.count == keys.count)
    }

    @Test("keys of every length hash to many slots: no length collapses to one value")
    func spread() {
        for length in 0...40 {
            let hashes = Set((0..<64).map { NameTable.hash(String(repeating: "x", count: length) + String($0)) })
            #expect(hashes.count == 64, "length \(length)")
        }
    }
}
