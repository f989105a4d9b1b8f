import Foundation
import Hummingbird
import RecognitionCore

extension RegistryQuery {
    /// Reads a search from URL parameters (API and search page alike); bad values are a 400 naming the parameter.
    init(parameters: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let raw = parameters[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func number<T: LosslessStringConvertible & Comparable>(_ name: String, _ range: ClosedRange<T>) throws -> T? {
            guard let raw = value(name) else { return nil }
            guard let parsed = T(raw), range.contains(parsed) else {
                throw Problem(.badRequest, "'\(name)' must be a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return parsed
        }
        func choice<T: RawRepresentable<String> & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? {
            guard let raw = value(name) else { return nil }
            guard let parsed = T(rawValue: raw) else {
                throw Problem(.badRequest, "'\(name)' must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return parsed
        }
        let text = value("q")
        if let text, text.count > RegistryQuery.maxTextLength {
            throw Problem(.badRequest, "'q' is longer than \(RegistryQuery.maxTextLength) characters")
        }
        let pageSize: Int = try number("per_page", 1...RegistryQuery.maxPageSize) ?? 20
        let page: Int = try number("page", 1...10_000) ?? 1
        let levelMin: Int? = try number("level_min", 0...20)
        let levelMax: Int? = try number("level_max", 0...20)
        let creditsMin: Double? = try number("credits_min", 0.0...10_000.0)
        let creditsMax: Double? = try number("credits_max", 0.0...10_000.0)
        let levelRange: ClosedRange<Int>? = try Self.range(levelMin, levelMax, name: "level", whole: 0...20)
        let creditsRange: ClosedRange<Double>? = try Self.range(creditsMin, creditsMax, name: "credits", whole: 0.0...10_000.0)
        let mode = try choice("mode", Microcredential.Mode.self)
        let qaStatus = try choice("qa_status", QAStanding.Status.self)
        let status = try choice("status", Microcredential.Status.self)
        let provider: Provider.ID? = value("provider").map { Provider.ID($0) }
        let framework: Framework.ID? = value("framework").map { Framework.ID($0) }
        self.init(
            text: text, country: value("country"), provider: provider, framework: framework, levelRange: levelRange,
            creditsRange: creditsRange, mode: mode, language: value("language"), qaStatus: qaStatus, status: status,
            page: page, pageSize: pageSize)
        if text != nil && page * pageSize > RegistryQuery.candidateLimit {
            throw Problem(.badRequest, "text searches show the best \(RegistryQuery.candidateLimit) matches; narrow the search with filters")
        }
    }

    private static func range<T: Comparable>(_ low: T?, _ high: T?, name: String, whole: ClosedRange<T>) throws -> ClosedRange<T>? {
        guard low != nil || high != nil else { return nil }
        let lower = low ?? whole.lowerBound
        let upper = high ?? whole.upperBound
        guard lower <= upper else { throw Problem(.badRequest, "'\(name)_min' is above '\(name)_max'") }
        return lower...upper
    }
}

extension Request {
    /// Query parameters as a plain dictionary (the last value wins), at most 32 of them.
    var queryDictionary: [String: String] {
        get throws {
            var result: [String: String] = [:]
            for (key, value) in uri.queryParameters {
                result[String(key)] = String(value)
                if result.count > 32 { throw Problem(.badRequest, "too many query parameters") }
            }
            return result
        }
    }
}
