import RecognitionCore

/// Builders for test records, so tests state only what they care about.
extension Provider {
    public static func fixture(
        _ id: String = "nz-test", country: String = "NZ", status: QAStanding.Status = .accredited
    ) -> Provider {
        Provider(
            id: .init(id), name: "Test Provider \(id)", country: country, kind: .polytechnic,
            qaBody: "New Zealand Qualifications Authority (NZQA)", qa: .init(status: status, since: "2020-01-01"))
    }
}

extension Microcredential {
    public static func fixture(
        _ id: String = "nz-test-welding", provider: String = "nz-test", title: String = "Introductory welding",
        level: Int? = 3, credits: Double? = 10, framework: String = "nzqcf"
    ) -> Microcredential {
        Microcredential(
            id: .init(id), providerID: .init(provider), title: title, learningOutcomes: ["Weld two mild steel plates safely"],
            level: level.map { LevelReference(framework: .init(framework), level: $0) }, credits: credits,
            assessment: "Practical assessment against unit standards", mode: .blended, qaType: "NZQA approved",
            language: "en", status: .approved)
    }
}

extension Framework {
    public static func fixture(_ id: String = "nzqcf", levels: Int = 10) -> Framework {
        Framework(
            id: .init(id), name: "Framework \(id)", jurisdiction: "NZ", kind: .national,
            levels: (1...levels).map { .init(number: $0, name: "Level \($0)") },
            credit: .init(unit: "credit", hoursPerCredit: 10...10, perFullTimeYear: 120, confirmed: .confirmed))
    }
}
