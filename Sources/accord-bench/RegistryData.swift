import Foundation
import RecognitionCore

/// A registry shaped like a real one, generated the same way on every run: thousands of providers in fourteen
/// countries, every seeded framework, seven languages in five scripts (Thai, Chinese and Japanese titles without
/// spaces, with an English title beside them), word frequencies that fall off as Zipf's law (the commonest English word
/// is in most listings, the rarest in a few dozen), mostly approved listings, some providers without QA standing.
struct RegistryData {
    static let providerCount = 3_000
    static let countries = ["NZ", "AU", "MY", "TH", "CN", "JP", "KR", "PH", "ID", "VN", "IN", "FJ", "SG", "HK"]

    /// Common English words of course titles and outcomes first; then made-up but pronounceable ones, down to rare.
    static let english: [String] = {
        let real = [
            "practice", "management", "introduction", "skills", "data", "safety", "digital", "health", "community", "design", "professional",
            "leadership", "teaching", "learning", "systems", "business", "analysis", "applied", "foundations", "environmental", "sustainable",
            "nursing", "care", "engineering", "construction", "agriculture", "smart", "finance", "tourism", "hospitality", "logistics",
            "supply", "chain", "retail", "energy", "water", "climate", "coding", "software", "cyber", "security", "marketing", "media",
            "communication", "language", "culture", "early", "childhood", "education", "assessment", "research", "methods", "statistics",
            "accounting", "law", "ethics", "governance", "policy", "planning", "project", "quality", "operations", "maintenance", "electrical",
            "mechanical", "welding", "carpentry", "plumbing", "forestry", "fisheries", "horticulture", "animal", "veterinary", "pharmacy",
            "mental", "wellbeing", "counselling", "social", "work", "youth", "disability", "aged", "support", "first", "aid", "emergency",
            "response", "drone", "robotics", "automation", "machine", "cloud", "networks", "web", "mobile", "game", "animation", "music",
        ]
        let syllables = ["ka", "to", "ri", "ma", "ne", "su", "lo", "vi", "da", "pe", "go", "ha", "ni", "ru", "te", "bo"]
        var made: [String] = []
        var seed = SplitMix(seed: 7)
        while made.count < 500 {
            let word = (0..<3).map { _ in syllables[Int(seed.next() % UInt64(syllables.count))] }.joined()
            if !made.contains(word) { made.append(word) }
        }
        return real + made
    }()

    /// Per language: its words, and whether titles are written without spaces.
    static let languages: [(tag: String, share: Int, unspaced: Bool, words: [String])] = [
        ("en", 55, false, english),
        (
            "mi", 5, false,
            [
                "whānau", "mātauranga", "reo", "tikanga", "kaupapa", "hauora", "ako", "pūtaiao", "taiao", "mahi", "whakapapa", "marae", "kōrero",
                "pātaka", "waka", "tangata", "whenua", "toi", "hāpori", "rangatira",
            ]
        ),
        (
            "ms", 7, false,
            [
                "pengurusan", "data", "asas", "keselamatan", "pertanian", "kejururawatan", "digital", "kewangan", "pelancongan", "pendidikan",
                "reka", "bentuk", "tenaga", "air", "komuniti", "logistik", "kepimpinan", "pengaturcaraan", "iklim", "runcit",
            ]
        ),
        (
            "th", 10, true,
            [
                "การจัดการ", "ข้อมูล", "เบื้องต้น", "ความปลอดภัย", "เกษตร", "การพยาบาล", "ดิจิทัล", "การเงิน", "การท่องเที่ยว", "การศึกษา",
                "การออกแบบ", "พลังงาน", "น้ำ", "ชุมชน", "โลจิสติกส์", "ภาวะผู้นำ", "การเขียนโปรแกรม", "ภูมิอากาศ", "ค้าปลีก", "อัจฉริยะ",
            ]
        ),
        (
            "zh", 10, true,
            [
                "管理", "数据", "基础", "安全", "农业", "护理", "数字", "金融", "旅游", "教育", "设计", "能源", "水资源", "社区", "物流", "领导力", "编程",
                "气候", "零售", "智慧",
            ]
        ),
        (
            "ja", 7, true,
            [
                "管理", "データ", "入門", "安全", "農業", "看護", "デジタル", "金融", "観光", "教育", "デザイン", "エネルギー", "水資源", "地域", "物流",
                "リーダーシップ", "プログラミング", "気候", "小売", "スマート",
            ]
        ),
        (
            "ko", 6, false,
            [
                "데이터", "관리", "기초", "안전", "농업", "간호", "디지털", "금융", "관광", "교육", "디자인", "에너지", "물", "지역사회", "물류", "리더십",
                "프로그래밍", "기후", "소매", "스마트",
            ]
        ),
    ]

    var random = SplitMix(seed: 42)
    /// Cumulative Zipf weights (s = 1) per vocabulary size.
    private var zipf: [Int: [Double]] = [:]

    mutating func uniform(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }

    /// An index in 0..<count, rank r drawn with weight 1 / (r + 1).
    mutating func zipfIndex(_ count: Int) -> Int {
        let table: [Double]
        if let known = zipf[count] {
            table = known
        } else {
            var total = 0.0
            table = (0..<count).map { rank in
                total += 1 / Double(rank + 1)
                return total
            }
            zipf[count] = table
        }
        let target = Double(random.next() % 1_000_000) / 1_000_000 * table[table.count - 1]
        var low = 0
        var high = table.count - 1
        while low < high {
            let middle = (low + high) / 2
            if table[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func phrase(_ words: [String], count: Int, unspaced: Bool) -> String {
        let picked = (0..<count).map { _ in words[zipfIndex(words.count)] }
        return unspaced ? picked.joined() : picked.joined(separator: " ")
    }

    static func providers() -> [Provider] {
        var random = SplitMix(seed: 11)
        return (0..<providerCount).map { index in
            let roll = random.next() % 100
            let status: QAStanding.Status = roll < 80 ? .accredited : roll < 92 ? .unknown : roll < 97 ? .provisional : .withdrawn
            return Provider(
                id: .init("rb-p\(index)"), name: "Institute \(english[100 + index % 400].capitalized) \(index)",
                country: countries[index % countries.count], kind: [.university, .polytechnic, .privateTraining][index % 3],
                qa: .init(status: status))
        }
    }

    /// Listing `index`, from a provider and a framework that suits its country (any framework where none does).
    mutating func listing(_ index: Int, providers: [Provider], frameworks: [Framework]) -> Microcredential {
        let provider = providers[index % providers.count]
        let national = frameworks.filter { $0.jurisdiction == provider.country }
        let framework = national.isEmpty ? frameworks[uniform(frameworks.count)] : national[uniform(national.count)]
        var roll = uniform(100)
        var language = Self.languages[0]
        for candidate in Self.languages {
            if roll < candidate.share {
                language = candidate
                break
            }
            roll -= candidate.share
        }
        let english = phrase(Self.english, count: 3 + uniform(4), unspaced: false).capitalized
        let title = language.tag == "en" ? english : phrase(language.words, count: 2 + uniform(3), unspaced: language.unspaced)
        let outcomes = (0..<3).map { _ in phrase(language.tag == "en" ? Self.english : language.words, count: 4, unspaced: language.unspaced) }
        let statusRoll = uniform(100)
        return Microcredential(
            id: .init("rb-\(index)"), providerID: provider.id, title: title, titleLocal: language.tag == "en" ? [:] : ["en": english],
            learningOutcomes: outcomes,
            level: framework.levels.isEmpty
                ? nil : LevelReference(framework: framework.id, level: framework.levels[uniform(framework.levels.count)].number),
            credits: Double(5 + uniform(56)), mode: [.online, .onSite, .blended][uniform(3)], language: language.tag,
            status: statusRoll < 95 ? .approved : statusRoll < 98 ? .draft : .submitted)
    }
}

/// One query of the mix: its class, the query, and the same as an API path for the HTTP pass.
struct QueryCase {
    let kind: String
    let query: RegistryQuery
    let path: String

    init(_ kind: String, _ query: RegistryQuery) {
        self.kind = kind
        self.query = query
        var items: [URLQueryItem] = []
        func add(_ name: String, _ value: String?) { if let value { items.append(URLQueryItem(name: name, value: value)) } }
        add("q", query.text)
        add("country", query.country)
        add("provider", query.provider?.rawValue)
        add("framework", query.framework?.rawValue)
        add("level_min", query.levelRange.map { String($0.lowerBound) })
        add("level_max", query.levelRange.map { String($0.upperBound) })
        add("credits_min", query.creditsRange.map { String(Int($0.lowerBound)) })
        add("credits_max", query.creditsRange.map { String(Int($0.upperBound)) })
        add("mode", query.mode?.rawValue)
        add("language", query.language)
        add("qa_status", query.qaStatus?.rawValue)
        if query.page > 1 { add("page", String(query.page)) }
        var components = URLComponents()
        components.path = "/api/v1/microcredentials"
        components.queryItems = items
        path = components.string ?? "/api/v1/microcredentials"
    }

    /// `perKind` queries of every class a user can send, over the words by frequency, providers, languages and
    /// frameworks of `RegistryData`.
    static func mix(perKind: Int, frameworks: [Framework]) -> [QueryCase] {
        let english = RegistryData.english
        let common = Array(english.prefix(10))
        let middling = Array(english[20..<80])
        let rare = Array(english.suffix(200))
        let providers = RegistryData.providers()
        let languages = RegistryData.languages.map(\.tag)
        let qa: [QAStanding.Status] = [.unknown, .provisional, .withdrawn, .accredited]
        var cases: [QueryCase] = []
        for index in 0..<perKind {
            let word = common[index % common.count]
            let other = middling[index % middling.count]
            let provider = providers[(index * 37) % providers.count]
            let framework = frameworks[index % frameworks.count]
            let levels = framework.levels.map(\.number)
            let range = (levels.first ?? 1)...max(levels.first ?? 1, (levels.first ?? 1) + 2)
            let language = languages[index % languages.count]
            cases += [
                QueryCase("word", RegistryQuery(text: word)),
                QueryCase("word_rare", RegistryQuery(text: rare[index % rare.count])),
                QueryCase("two_words", RegistryQuery(text: "\(word) \(other)")),
                // English and Malay words never share a listing (a listing has one language).
                QueryCase("two_words_apart", RegistryQuery(text: "\(word) \(RegistryData.languages[2].words[index % 20])")),
                QueryCase("prefix", RegistryQuery(text: String(other.prefix(4)))),
                QueryCase("no_hits", RegistryQuery(text: "zq\(index)xv")),
                QueryCase("word_provider", RegistryQuery(text: word, provider: provider.id)),
                QueryCase("word_language", RegistryQuery(text: word, language: language)),
                QueryCase("word_qa", RegistryQuery(text: word, qaStatus: qa[index % qa.count])),
                QueryCase("word_framework_level", RegistryQuery(text: other, framework: framework.id, levelRange: range)),
                QueryCase("word_country_credits", RegistryQuery(text: word, country: provider.country, creditsRange: 10...20)),
                QueryCase("filter_provider", RegistryQuery(provider: provider.id)),
                QueryCase("filter_language", RegistryQuery(language: language)),
                QueryCase("filter_qa", RegistryQuery(qaStatus: qa[index % qa.count])),
                QueryCase("filter_framework_level", RegistryQuery(framework: framework.id, levelRange: range)),
                QueryCase("filter_country_credits_mode", RegistryQuery(country: provider.country, creditsRange: 10...20, mode: .online)),
                QueryCase("filter_no_match", RegistryQuery(framework: framework.id, language: language == "ko" ? "th" : "ko")),
                QueryCase("deep_page", RegistryQuery(text: word, page: 10)),
                QueryCase("filter_deep_page", RegistryQuery(country: provider.country, page: 40)),
                QueryCase("cjk_word", RegistryQuery(text: ["管理", "数据", "農業", "データ"][index % 4])),
                QueryCase("thai_word", RegistryQuery(text: ["ข้อมูล", "เกษตร", "การเงิน", "ชุมชน"][index % 4])),
            ]
        }
        return cases
    }
}
