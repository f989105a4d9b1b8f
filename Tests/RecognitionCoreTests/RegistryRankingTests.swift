import RecognitionCore
import Testing

@Suite("registry ranking")
struct RegistryRankingTests {
    func score(_ terms: [String], title: String, provider: String = "Polytechnic", outcomes: String = "") -> Double {
        RegistryRanking(terms: terms).score(title: title, providerName: provider, outcomes: outcomes)
    }

    @Test("a title match outranks an outcomes match; shorter titles rank higher")
    func fields() {
        #expect(score(["welding"], title: "Welding basics") > score(["welding"], title: "Site safety", outcomes: "Apply welding skills"))
        #expect(score(["welding"], title: "Welding basics") > score(["welding"], title: "Safety, welding and fabrication for the workshop"))
        #expect(score(["welding"], title: "Forestry") == 0)
    }

    @Test("case and diacritics fold as the text indexes fold them; the last term also matches as a prefix, at half weight")
    func folding() {
        #expect(score(["pataka"], title: "Te Pātaka Reo") == score(["pataka"], title: "te pataka reo"))
        #expect(score(["pātaka"], title: "TE PATAKA REO") > 0)
        let prefix = score(["weld"], title: "Welding basics")
        #expect(prefix > 0 && prefix == score(["welding"], title: "Welding basics") / 2)
        #expect(score(["weld", "basics"], title: "Welding basics") < score(["welding", "basics"], title: "Welding basics"))
    }
}
