import RecognitionCore
import Testing

/// The one search normalisation: what a listing is indexed by and what a query looks for.
@Suite struct SearchTextTests {
    @Test("Latin, Greek and Cyrillic lose case and diacritics; compatibility forms are unfolded")
    func folding() {
        #expect(SearchText.tokens("He Pātaka Reo") == ["he", "pataka", "reo"])
        #expect(SearchText.tokens("MĀORI, Whānau-ora!") == ["maori", "whanau", "ora"])
        #expect(SearchText.tokens("Quản lý dữ liệu") == ["quan", "ly", "du", "lieu"])
        #expect(SearchText.tokens("ﬁnance Ｆｕｌｌ ² İstanbul Ελληνικά Русский") == ["finance", "full", "2", "istanbul", "ελληνικα", "русскии"])
        #expect(SearchText.tokens("C++ & R: level-3") == ["c", "r", "level", "3"])
    }

    @Test("Chinese, Japanese and Thai in pairs of characters; a lone character stays; Korean keeps its words")
    func unspacedScripts() {
        #expect(SearchText.tokens("供应链管理") == ["供应", "应链", "链管", "管理"])
        #expect(SearchText.tokens("データ管理") == ["デー", "ータ", "タ管", "管理"])
        #expect(SearchText.tokens("ข้อมูล") == ["ข้อ", "อมู", "มูล"])
        #expect(SearchText.tokens("智") == ["智"])
        #expect(SearchText.tokens("AI智慧农业2024") == ["ai", "智慧", "慧农", "农业", "2024"])
        #expect(SearchText.tokens("데이터 관리") == ["데이터", "관리"])
    }

    @Test("the index text: each token once, across fields")
    func indexText() {
        #expect(SearchText.indexText(["Data data", "DATA management", "管理"]) == "data management 管理")
        #expect(SearchText.indexText(["", "?!"]).isEmpty)
    }

    @Test("queries take the same tokens, at most eight, excluded words apart")
    func queries() {
        #expect(RegistryQuery(text: "Pātaka -Reo").terms == ["pataka"])
        #expect(RegistryQuery(text: "Pātaka -Reo").excludedTerms == ["reo"])
        #expect(RegistryQuery(text: "管理").terms == ["管理"])
        #expect(RegistryQuery(text: "a b c d e f g h i j").terms.count == 8)
        #expect(RegistryQuery(text: "🎓 ?!").hasNoWords)
    }
}
