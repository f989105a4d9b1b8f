import Foundation
import RecognitionCore
import Storage
import StorageTestSupport
import TestSupport
import Testing

/// One normalisation on both engines: the same queries find the same listings on SQLite and on PostgreSQL, whatever
/// the script (Māori macrons, Thai and Chinese and Japanese words inside longer titles, English titles given as local
/// titles), and the index follows a provider's new name.
@Suite("search: the same hits on every engine")
struct SearchContractTests {
    static let listings: [(id: String, title: String, local: [String: String], outcomes: String)] = [
        ("nz-sc-pataka", "He Pātaka Reo", ["mi": "He Pātaka Reo"], "Kōrero Māori i te kāinga"),
        ("nz-sc-maori", "Maori language for the workplace", [:], "Greet and introduce yourself in te reo"),
        ("nz-sc-whanau", "Whānau ora practice", [:], "Work with whānau"),
        ("th-sc-data", "การจัดการข้อมูลเบื้องต้น", ["en": "Introduction to data management"], "วิเคราะห์ข้อมูลการเกษตร"),
        ("th-sc-smart", "เกษตรอัจฉริยะ", ["en": "Smart agriculture"], "ใช้เซ็นเซอร์ในแปลงเกษตร"),
        ("cn-sc-supply", "供应链管理基础", ["en": "Supply chain basics"], "理解供应链的基本概念"),
        ("cn-sc-smart", "智慧农业概论", ["en": "Smart agriculture: an overview"], "应用物联网技术"),
        ("jp-sc-data", "データ管理入門", [:], "データを整理する"),
        ("kr-sc-data", "데이터 관리 기초", [:], "데이터를 정리한다"),
        ("my-sc-data", "Pengurusan data asas", [:], "Mengurus data organisasi"),
        ("vn-sc-data", "Quản lý dữ liệu cơ bản", [:], "Phân tích dữ liệu"),
        ("fr-sc-eleve", "ÉLÈVE ﬁnance Straße", [:], "Ｆｕｌｌｗｉｄｔｈ letters"),
    ]

    /// Query → the listings it must find, no more (among these fixtures).
    static let expected: [(query: String, hits: Set<String>)] = [
        ("pataka", ["nz-sc-pataka"]), ("Pātaka", ["nz-sc-pataka"]), ("PĀTAKA REO", ["nz-sc-pataka"]),
        ("Māori", ["nz-sc-pataka", "nz-sc-maori"]), ("maori", ["nz-sc-pataka", "nz-sc-maori"]),
        ("whanau", ["nz-sc-whanau"]), ("whānau ora", ["nz-sc-whanau"]),
        ("ข้อมูล", ["th-sc-data"]), ("เกษตร", ["th-sc-data", "th-sc-smart"]),
        ("管理", ["cn-sc-supply", "jp-sc-data"]), ("供应链", ["cn-sc-supply"]), ("农业", ["cn-sc-smart"]), ("データ", ["jp-sc-data"]),
        ("smart agriculture", ["th-sc-smart", "cn-sc-smart"]), ("data management", ["th-sc-data"]),
        ("데이터", ["kr-sc-data"]), ("pengurusan", ["my-sc-data"]), ("du lieu", ["vn-sc-data"]), ("dữ liệu", ["vn-sc-data"]),
        ("eleve", ["fr-sc-eleve"]), ("finance", ["fr-sc-eleve"]), ("fullwidth", ["fr-sc-eleve"]),
        ("supply -chain", []), ("管理 -データ", ["cn-sc-supply"]),
        // The last term as a prefix: a word typed halfway, one character of Chinese.
        ("agri", ["th-sc-smart", "cn-sc-smart"]), ("智", ["cn-sc-smart"]),
    ]

    @Test("the same queries find the same listings", arguments: TestDatabase.available)
    func sameHits(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let stores = SQLStores(database: database)
            _ = try await stores.reference.seed(try ReferenceData.bundled())
            try await Self.load(stores)
            for (query, hits) in Self.expected {
                let found = try await stores.registry.search(RegistryQuery(text: query, pageSize: 100))
                let ours = Set(found.items.map(\.microcredential.id.rawValue).filter { $0.contains("-sc-") })
                #expect(ours == hits, "\(engine) '\(query)'")
            }
            // Words with filters, and filters alone: the filters are tokens in the same index on both engines.
            func ours(_ query: RegistryQuery) async throws -> Set<String> {
                Set(try await stores.registry.search(query).items.map(\.microcredential.id.rawValue).filter { $0.contains("-sc-") })
            }
            #expect(try await ours(RegistryQuery(text: "data", language: "ms")) == ["my-sc-data"], "\(engine)")
            #expect(try await ours(RegistryQuery(text: "smart", country: "cn")) == ["cn-sc-smart"], "\(engine)")
            #expect(try await ours(RegistryQuery(language: "th")) == ["th-sc-data", "th-sc-smart"], "\(engine)")
            #expect(try await ours(RegistryQuery(text: "เกษตร", qaStatus: .withdrawn)).isEmpty, "\(engine)")
            // A provider's QA status changes: its listings' tokens follow.
            var thai = Provider.fixture("th-sc", country: "TH", status: .withdrawn)
            thai.name = "Provider th-sc"
            try await stores.registry.save(thai, edited: true)
            #expect(try await ours(RegistryQuery(text: "เกษตร", qaStatus: .withdrawn)) == ["th-sc-data", "th-sc-smart"], "\(engine)")
            #expect(try await ours(RegistryQuery(qaStatus: .withdrawn)) == ["th-sc-data", "th-sc-smart"], "\(engine)")
            #expect(try await ours(RegistryQuery(text: "เกษตร", qaStatus: .accredited)).isEmpty, "\(engine)")
            // A provider's new name is found, the old one no longer.
            var provider = Provider.fixture("nz-sc", country: "NZ")
            provider.name = "Te Wānanga Hōu"
            try await stores.registry.save(provider, edited: true)
            let renamed = try await stores.registry.search(RegistryQuery(text: "wananga hou"))
            #expect(Set(renamed.items.map(\.microcredential.id.rawValue)) == ["nz-sc-pataka", "nz-sc-maori", "nz-sc-whanau"], "\(engine)")
            #expect(try await stores.registry.search(RegistryQuery(text: "provider nz-sc")).total == 0, "\(engine)")

            // Compacting the index (`accord compact`) changes no answer; it refuses to run inside a unit of work.
            try await stores.registry.compactSearchIndex()
            for (query, hits) in Self.expected {
                #expect(try await ours(RegistryQuery(text: query, pageSize: 100)) == hits, "\(engine) '\(query)' after compaction")
            }
            #expect(try await ours(RegistryQuery(language: "th")) == ["th-sc-data", "th-sc-smart"], "\(engine) after compaction")
            await #expect(throws: StoreError.nestedTransaction) {
                try await stores.transaction { tx in try await tx.registry.compactSearchIndex() }
            }
        }
    }

    @Test("a filter the tokens do not hold (credits) still gives the exact total", arguments: TestDatabase.available)
    func exactTotals(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let stores = SQLStores(database: database)
            _ = try await stores.reference.seed(try ReferenceData.bundled())
            try await stores.registry.save(Provider.fixture("nz-bulk"), edited: true)
            // 1,050 listings hold the provider's token; 30 of them have 15 credits.
            try await stores.registry.save(
                (0..<1_050).map { index in
                    Microcredential.fixture("nz-bulk-\(index)", provider: "nz-bulk", title: "Bulk \(index)", credits: index % 35 == 0 ? 15 : 10)
                }, edited: true)
            let some = try await stores.registry.search(RegistryQuery(provider: "nz-bulk", creditsRange: 14...16))
            #expect(some.total == 30 && !some.totalIsCapped && some.items.count == 20, "\(engine): \(some.total)")
            let many = try await stores.registry.search(RegistryQuery(provider: "nz-bulk", page: 3))
            #expect(many.totalIsCapped && many.total == RegistryQuery.countLimit && many.items.count == 20, "\(engine)")
        }
    }

    static func load(_ stores: SQLStores) async throws {
        for country in ["NZ", "TH", "CN", "JP", "KR", "MY", "VN", "FR"] {
            var provider = Provider.fixture("\(country.lowercased())-sc", country: country)
            provider.name = "Provider \(country.lowercased())-sc"
            try await stores.registry.save(provider, edited: true)
        }
        try await stores.registry.save(
            listings.map { listing in
                var item = Microcredential.fixture(listing.id, provider: String(listing.id.prefix(2)) + "-sc", title: listing.title)
                item.titleLocal = listing.local
                item.learningOutcomes = [listing.outcomes]
                item.language =
                    ["nz": "mi", "th": "th", "cn": "zh", "jp": "ja", "kr": "ko", "my": "ms", "vn": "vi", "fr": "fr"][String(listing.id.prefix(2))]
                return item
            }, edited: true)
    }
}
