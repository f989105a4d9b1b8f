import Foundation
import Mustache

/// Every interface string in every language. English is the key: templates mark phrases as `{{#t}}Sign in{{/t}}`,
/// Swift code as `words("Sign in")` or `Phrase("Sign in")`; `Locales/LANG.json` maps each to its translation.
/// `CatalogueTests` checks that every marked phrase has a translation in every language and that none is stale.
struct Catalogue: Sendable {
    /// One language's file: whether a speaker has reviewed it, and its phrases.
    struct File: Codable, Sendable {
        var reviewed: Bool
        var note: String
        var phrases: [String: String]
    }

    let files: [InterfaceLanguage: File]

    static func load() throws -> Catalogue {
        var files: [InterfaceLanguage: File] = [:]
        for language in InterfaceLanguage.allCases where language != .english {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Locales") else {
                throw CatalogueError(language: language, reason: "the file is missing from the bundle")
            }
            do {
                files[language] = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
            } catch {
                throw CatalogueError(language: language, reason: "\(error)")
            }
        }
        return Catalogue(files: files)
    }

    func words(in language: InterfaceLanguage) -> Words {
        Words(language: language, phrases: files[language]?.phrases ?? [:], reviewed: files[language]?.reviewed ?? true)
    }
}

struct CatalogueError: Error, CustomStringConvertible {
    let language: InterfaceLanguage
    let reason: String
    var description: String { "the interface catalogue for \(language.rawValue) cannot be read: \(reason)" }
}

/// A phrase declared away from a request (a label table); `Words` translates it when a page is built.
struct Phrase: Sendable, Hashable {
    let english: String
    init(_ english: String) { self.english = english }
}

/// The interface strings of one request's language. A phrase missing from the catalogue shows in English.
struct Words: Sendable {
    let language: InterfaceLanguage
    let phrases: [String: String]
    /// False while a language's translation waits for a speaker's review; pages say so.
    let reviewed: Bool

    static let english = Words(language: .english, phrases: [:], reviewed: true)

    /// The phrase in this language, with `{name}` placeholders filled from `values`.
    func callAsFunction(_ english: String, _ values: [String: String] = [:]) -> String {
        var text = phrases[english] ?? english
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    func callAsFunction(_ phrase: Phrase) -> String { self(phrase.english) }

    /// The template lambda behind `{{#t}}…{{/t}}`: the section's raw text is the key, and the translation is rendered
    /// in the section's context, so `{{total}}` inside a phrase still works.
    var lambda: MustacheLambda {
        let phrases = phrases
        return MustacheLambda { english in phrases[english] ?? english }
    }
}
