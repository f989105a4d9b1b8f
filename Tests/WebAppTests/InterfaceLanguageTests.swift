import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StorageTestSupport
import Testing

@testable import WebApp

/// The interface in four languages: the choice (switch cookie, then `Accept-Language`), and a catalogue that has every
/// phrase the templates and pages mark, in every language, with the same placeholders and markup.
@Suite("interface language")
struct InterfaceLanguageTests {
    @Test(
        "Accept-Language picks the best supported language",
        arguments: [
            ("th-TH,th;q=0.9,en;q=0.8", InterfaceLanguage.thai), ("zh-CN,zh;q=0.9", .simplifiedChinese), ("zh-Hans-SG", .simplifiedChinese),
            ("zh-TW,zh-Hant;q=0.9", .english), ("zh-TW,mi;q=0.5", .maori), ("fr-FR,de;q=0.9", .english), ("en;q=0.2,mi;q=0.8", .maori),
            ("mi;q=0, th;q=0.1", .thai), ("*", .english), ("", .english), ("th;q=2", .english), ("th;q=abc,zh", .simplifiedChinese),
        ])
    func negotiation(_ header: String, _ expected: InterfaceLanguage) {
        #expect(InterfaceLanguage.negotiate(acceptLanguage: header) == expected, "\(header)")
    }

    /// The repository's `Sources/WebApp`, found from this file.
    static let webApp = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/WebApp")

    /// Every phrase marked for translation: `{{#t}}…{{/t}}` in templates, `words("…")` and `Phrase("…")` in Swift.
    static func markedPhrases() throws -> Set<String> {
        var phrases: Set<String> = []
        let files = try FileManager.default.subpathsOfDirectory(atPath: webApp.path)
        let section = try Regex(#"\{\{#t\}\}(.*?)\{\{/t\}\}"#).dotMatchesNewlines()
        let call = try Regex(#"(?:words|Phrase)\(\s*"((?:[^"\\]|\\.)*)""#)
        for file in files where file.hasSuffix(".mustache") || file.hasSuffix(".swift") {
            let text = try String(contentsOf: webApp.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: file.hasSuffix(".swift") ? call : section) {
                if let phrase = match.output[1].substring { phrases.insert(String(phrase).replacingOccurrences(of: "\\\"", with: "\"")) }
            }
        }
        return phrases
    }

    static func placeholders(_ text: String) -> [String] {
        let pattern = try! Regex(#"\{\{[^}]*\}\}|\{[a-z]+\}|<[^>]*>|""#)
        return text.matches(of: pattern).map { String(text[$0.range]) }.sorted()
    }

    @Test("every marked phrase is translated in every language, none is stale, placeholders and markup are kept")
    func catalogueIsComplete() throws {
        let marked = try Self.markedPhrases()
        #expect(marked.count > 200, "the extraction found too few phrases: \(marked.count)")
        let catalogue = try Catalogue.load()
        for language in InterfaceLanguage.allCases where language != .english {
            let phrases = try #require(catalogue.files[language]?.phrases)
            #expect(marked.subtracting(phrases.keys).sorted() == [], "\(language.rawValue): untranslated")
            #expect(Set(phrases.keys).subtracting(marked).sorted() == [], "\(language.rawValue): stale")
            for (english, translation) in phrases {
                #expect(Self.placeholders(english) == Self.placeholders(translation), "\(language.rawValue): \(english)")
                #expect(!translation.isEmpty && translation != english || english.allSatisfy { !$0.isLetter }, "\(language.rawValue): \(english)")
            }
        }
    }

    @Test("pages follow Accept-Language, the switch's cookie wins, the API stays English")
    func choosing() async throws {
        try await APIJourneyTests.withApp(.sqlite) { client, _ in
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "th-TH,th;q=0.9,en;q=0.5"]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<html lang="th">"#))
                #expect(html.contains("<title>ค้นหาทะเบียน · Accord</title>"))
                #expect(html.contains(#"id="translation-notice""#))
                #expect(response.headers[.contentLanguage] == "th")
                #expect(response.headers[.vary]?.contains("Accept-Language") == true)
            }
            try await client.execute(
                uri: "/providers", method: .get, headers: [.acceptLanguage: "th", .cookie: "accord_lang=zh-Hans"]
            ) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<html lang="zh-Hans">"#))
                #expect(html.contains("<h1>机构</h1>"))
            }
            try await client.execute(uri: "/nope", method: .get, headers: [.acceptLanguage: "mi"]) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("<h1>404 Kāore i kitea</h1>"))
            }
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<html lang="en">"#))
                #expect(!html.contains(#"id="translation-notice""#))
            }
            try await client.execute(uri: "/api/v1/frameworks", method: .get, headers: [.acceptLanguage: "th"]) { response in
                #expect(response.headers[.contentLanguage] == nil)
            }
        }
    }

    @Test("the switch remembers the language for a year and returns only to a page of this site")
    func switching() async throws {
        try await APIJourneyTests.withApp(.sqlite) { client, _ in
            try await client.execute(uri: "/language?to=mi&back=%2Fproviders%3Fx%3D1", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/providers?x=1")
                let cookie = response.headers[.setCookie] ?? ""
                #expect(cookie.contains("accord_lang=mi") && cookie.contains("Max-Age=31536000") && cookie.contains("HttpOnly"))
            }
            try await client.execute(uri: "/language?to=th&back=%2F%2Fevil.example", method: .get) { response in
                #expect(response.headers[.location] == "/")
            }
            try await client.execute(uri: "/language?to=fr&back=%2F", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.setCookie] == nil)
            }
            // The switch on every page links back to the page itself, query included.
            try await client.execute(uri: "/?q=forestry", method: .get) { response in
                #expect(String(buffer: response.body).contains(#"href="/language?to=mi&amp;back=%2F%3Fq%3Dforestry""#))
            }
        }
    }
}
