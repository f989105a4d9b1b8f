import RecognitionCore
import SQLKit

extension SQLRegistryStore {
    func compactSearchIndex() async throws {
        // PostgreSQL refuses REINDEX CONCURRENTLY in a transaction block, and a rebuild is not a unit of work anyway.
        guard !handle.isInTransaction else { throw StoreError.nestedTransaction }
        for statement in handle.engine.search.compaction { try await handle.sql.raw(SQLQueryString(statement)).run() }
    }

    /// Filters first, then text: with terms, up to `candidateLimit` matches are ranked in Swift; without, titles in order.
    func search(_ query: RegistryQuery) async throws -> SearchPage<RegistryHit> {
        // Text with no word in it (punctuation, emoji) matches nothing, rather than everything.
        if query.hasNoWords { return SearchPage(items: [], total: 0, page: query.page, pageSize: query.pageSize) }
        var filters = Self.filters(query)
        if !query.excludedTerms.isEmpty { filters = "\(filters) AND \(handle.engine.search.excluding(query.excludedTerms))" }
        let columns: SQLQueryString = "\(unsafeRaw: Self.microcredentialSelect), p.name AS p_name, p.country AS p_country, p.qa_status AS p_qa_status"
        let terms = query.terms
        let groups = SearchTokens.groups(query)
        let search = handle.engine.search
        var rows: [any SQLRow]
        var total: Int
        var capped = false
        let order: SQLQueryString = "ORDER BY m.title, m.id LIMIT \(literal: query.pageSize) OFFSET \(literal: query.offset)"
        if terms.isEmpty {
            // The matches are counted up to `countLimit`, from the filters' tokens when they have some: few, and their
            // page is sorted from them (with an exact total); many, and walking titles in order meets a page at once.
            let matches: SQLQueryString =
                groups.isEmpty
                ? "microcredentials m JOIN providers p ON p.id = m.provider_id"
                : "\(search.hits(groups: groups)) JOIN providers p ON p.id = m.provider_id"
            total =
                try await handle.sql.raw(
                    "SELECT count(*) AS n FROM (SELECT 1 FROM \(matches) WHERE \(filters) LIMIT \(literal: RegistryQuery.countLimit)) AS capped"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            capped = total >= RegistryQuery.countLimit
            if capped {
                let hint = search.titleOrderHint(language: query.language != nil, country: query.country != nil)
                rows = try await handle.rows(
                    "SELECT \(columns) FROM microcredentials m \(hint) JOIN providers p ON p.id = m.provider_id WHERE \(filters) \(order)")
            } else {
                rows = total == 0 ? [] : try await handle.rows("SELECT \(columns) FROM \(matches) WHERE \(filters) \(order)")
            }
        } else {
            // Whole words first; the last term is widened to a prefix only when whole words find nothing (a word typed
            // halfway): widening a common word with selective filters reads every longer word's postings.
            var candidates = try await handle.rows(
                search.candidates(terms: terms, prefix: false, groups: groups, filters: filters, limit: RegistryQuery.candidateLimit))
            if candidates.isEmpty {
                candidates = try await handle.rows(
                    search.candidates(terms: terms, prefix: true, groups: groups, filters: filters, limit: RegistryQuery.candidateLimit))
            }
            let ranking = RegistryRanking(terms: terms)
            var ranked: [(id: String, score: Double)] = []
            var seen: Set<String> = []
            for row in candidates {
                let id = try row.decode(column: "id", as: String.self)
                guard seen.insert(id).inserted else { continue }  // a prefix can reach one listing through two words
                let local = try JSONText.dictionary(row.decode(column: "title_local", as: String.self))
                let title = try row.decode(column: "title", as: String.self)
                let score = ranking.score(
                    title: local.isEmpty ? title : SearchText.titles(title, local: local).joined(separator: "\n"),
                    providerName: try row.decode(column: "provider_name", as: String.self),
                    outcomes: try row.decode(column: "outcomes_text", as: String.self))
                ranked.append((id, score))
            }
            ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            total = ranked.count
            capped = total >= RegistryQuery.candidateLimit
            let page = ranked.dropFirst(query.offset).prefix(query.pageSize).map(\.id)
            rows = []
            if !page.isEmpty {
                let ids = page.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ")
                let fetched = try await handle.rows(
                    "SELECT \(columns) FROM microcredentials m JOIN providers p ON p.id = m.provider_id WHERE m.id IN (\(ids))")
                let byID = Dictionary(try fetched.map { (try $0.decode(column: "id", as: String.self), $0) }, uniquingKeysWith: { first, _ in first })
                rows = page.compactMap { byID[$0] }
            }
        }
        let items = try rows.map { row in
            RegistryHit(
                microcredential: try Self.microcredential(row), providerName: try row.decode(column: "p_name", as: String.self),
                country: try row.decode(column: "p_country", as: String.self),
                qaStatus: try known(QAStanding.Status.self, try row.decode(column: "p_qa_status", as: String.self), column: "qa_status"))
        }
        return SearchPage(items: items, total: total, page: query.page, pageSize: query.pageSize, totalIsCapped: capped)
    }

    static func filters(_ query: RegistryQuery) -> SQLQueryString {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let country = query.country { conditions.append("m.country = \(bind: country.uppercased())") }
        if let provider = query.provider { conditions.append("m.provider_id = \(bind: provider.rawValue)") }
        if let framework = query.framework { conditions.append("m.framework_id = \(bind: framework.rawValue)") }
        if let range = query.levelRange { conditions.append("m.level BETWEEN \(bind: range.lowerBound) AND \(bind: range.upperBound)") }
        if let range = query.creditsRange { conditions.append("m.credits BETWEEN \(bind: range.lowerBound) AND \(bind: range.upperBound)") }
        if let mode = query.mode { conditions.append("m.mode = \(bind: mode.rawValue)") }
        if let language = query.language { conditions.append("m.language = \(bind: language)") }
        if let status = query.qaStatus { conditions.append("p.qa_status = \(bind: status.rawValue)") }
        if let status = query.status { conditions.append("m.status = \(bind: status.rawValue)") }
        // Written as NOT IN the unpublished statuses: the same rows, but no planner takes the status index for it (with
        // `IN (published)` SQLite walked that index over every approved row, and filters-only searches went from 11 to
        // 28 ms p99 at 1M rows). An explicit status filter above still uses the index (the review queue).
        let unpublished = Microcredential.Status.allCases.filter { !$0.isPublic }.map(\.rawValue)
        switch query.visibility {
        case .everything: break
        case .published: conditions.append("m.status NOT IN (\(binds: unpublished))")
        case .publishedAnd(let provider):
            conditions.append("(m.status NOT IN (\(binds: unpublished)) OR m.provider_id = \(bind: provider.rawValue))")
        }
        return conditions.joined(separator: " AND ")
    }
}
