import RecognitionCore
import SQLKit

extension SQLRegistryStore {
    /// Filters first, then text: with terms, the best `candidateLimit` matches are ranked; without, titles in order.
    public func search(_ query: RegistryQuery) async throws -> SearchPage<RegistryHit> {
        let filters = Self.filters(query)
        let columns: SQLQueryString = "m.*, p.name AS p_name, p.country AS p_country, p.qa_status AS p_qa_status"
        let terms = query.terms
        let rows: [any SQLRow]
        let total: Int
        if terms.isEmpty {
            rows = try await database.sql.raw(
                """
                SELECT \(columns) FROM microcredentials m JOIN providers p ON p.id = m.provider_id WHERE \(filters)
                ORDER BY m.title, m.id LIMIT \(literal: query.pageSize) OFFSET \(literal: query.offset)
                """
            ).all()
            total = try await database.sql.raw(
                "SELECT count(*) AS n FROM (SELECT 1 FROM microcredentials m JOIN providers p ON p.id = m.provider_id WHERE \(filters) LIMIT \(literal: RegistryQuery.countLimit)) AS capped"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        } else {
            let search = database.engine.search
            let hits = search.candidates(terms: terms, filters: filters, limit: RegistryQuery.candidateLimit)
            rows = try await database.sql.raw(
                """
                WITH hits AS (\(hits))
                SELECT \(columns), hits.score FROM hits JOIN microcredentials m ON m.id = hits.id
                JOIN providers p ON p.id = m.provider_id
                ORDER BY hits.score DESC, m.id LIMIT \(literal: query.pageSize) OFFSET \(literal: query.offset)
                """
            ).all()
            total = try await database.sql.raw("WITH hits AS (\(hits)) SELECT count(*) AS n FROM hits").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        let items = try rows.map { row in
            RegistryHit(
                microcredential: try Self.microcredential(row), providerName: try row.decode(column: "p_name", as: String.self),
                country: try row.decode(column: "p_country", as: String.self),
                qaStatus: QAStanding.Status(rawValue: try row.decode(column: "p_qa_status", as: String.self)) ?? .unknown)
        }
        return SearchPage(items: items, total: total, page: query.page, pageSize: query.pageSize)
    }

    static func filters(_ query: RegistryQuery) -> SQLQueryString {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let country = query.country { conditions.append("p.country = \(bind: country.uppercased())") }
        if let provider = query.provider { conditions.append("m.provider_id = \(bind: provider.rawValue)") }
        if let framework = query.framework { conditions.append("m.framework_id = \(bind: framework.rawValue)") }
        if let range = query.levelRange { conditions.append("m.level BETWEEN \(bind: range.lowerBound) AND \(bind: range.upperBound)") }
        if let range = query.creditsRange { conditions.append("m.credits BETWEEN \(bind: range.lowerBound) AND \(bind: range.upperBound)") }
        if let mode = query.mode { conditions.append("m.mode = \(bind: mode.rawValue)") }
        if let language = query.language { conditions.append("m.language = \(bind: language)") }
        if let status = query.qaStatus { conditions.append("p.qa_status = \(bind: status.rawValue)") }
        if let status = query.status { conditions.append("m.status = \(bind: status.rawValue)") }
        return conditions.joined(separator: " AND ")
    }
}
