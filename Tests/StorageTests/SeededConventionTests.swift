import RecognitionCore
import Storage
import Testing

/// The entry-into-force computation over the seeded conventions: it reproduces every recorded date the rule applies
/// to, and says which records it cannot check and why.
@Suite struct SeededConventionTests {
    static func computed() throws -> [Convention.ID: EntryIntoForce] {
        let data = try ReferenceData.bundled()
        return Dictionary(uniqueKeysWithValues: data.conventions.map { ($0.id, EntryIntoForce($0)) })
    }

    @Test("Tokyo: in force 2018-02-01 from the seeded deposits, the fifth Korea's; New Zealand's bound is relied on")
    func tokyo() throws {
        let tokyo = try #require(try Self.computed()["tokyo-2011"])
        #expect(tokyo.computed?.exact?.description == "2018-02-01")
        #expect(tokyo.instrument?.exact?.description == "2017-12-19")
        #expect(tokyo.check == .agrees)
        #expect(tokyo.reliesOn == ["New Zealand"])
        let holySee = try #require(tokyo.parties.first { $0.country == "VA" })
        #expect(holySee.computedEffective?.exact?.description == "2018-09-01")
        let fiji = try #require(tokyo.parties.first { $0.country == "FJ" })
        #expect(fiji.computedEffective?.exact?.description == "2020-04-01")
    }

    @Test("Global: in force 2023-03-05; later parties three months after their own deposits")
    func global() throws {
        let global = try #require(try Self.computed()["global-2019"])
        #expect(global.computed?.exact?.description == "2023-03-05")
        #expect(global.check == .agrees)
        for country in ["NZ", "ZA", "MN", "NO", "JP", "IS", "AD", "CU"] {
            #expect(global.parties.first { $0.country == country }?.check == .agrees, "\(country)")
        }
    }

    @Test("every recorded date the rule applies to is reproduced: no flags on the seeded data; each unchecked one says why")
    func everyRecordedDate() throws {
        var agreed = 0
        for (id, result) in try Self.computed() {
            #expect(result.flags.isEmpty, "\(id): \(result.flags)")
            for party in result.parties {
                switch party.check {
                case .agrees: agreed += 1
                case .disagrees: Issue.record("\(id) \(party.country) disagrees")
                case .unchecked(let reason): #expect(!reason.isEmpty)
                }
            }
        }
        // Tokyo: AU, CN, NZ, JP, KR; Global: the eight dated parties with recorded effective dates; Lisbon: Greece.
        #expect(agreed == 14)
    }
}
