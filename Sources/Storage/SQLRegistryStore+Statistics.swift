import RecognitionCore
import SQLKit

extension SQLRegistryStore {
    /// Three grouped counts over the public listings, each read from a covering index (provider and status; framework,
    /// level and status; mode, credits, provider and status), never from the table's rows.
    func statistics() async throws -> RegistryStatistics {
        let unpublished = Microcredential.Status.allCases.filter { !$0.isPublic }.map(\.rawValue)
        let published: SQLQueryString = "status NOT IN (\(binds: unpublished))"
        var byProvider: [String: Int] = [:]
        for row in try await handle.sql.raw(
            "SELECT provider_id, count(*) AS n FROM microcredentials WHERE \(published) GROUP BY provider_id"
        ).all() {
            byProvider[try row.decode(column: "provider_id", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        let byLevel = try await handle.sql.raw(
            "SELECT framework_id, level, count(*) AS n FROM microcredentials WHERE \(published) GROUP BY framework_id, level ORDER BY framework_id, level"
        ).all().map { row in
            RegistryStatistics.LevelCount(
                framework: try row.decode(column: "framework_id", as: String?.self).map { .init($0) },
                level: try row.decode(column: "level", as: Int?.self),
                count: try row.decode(column: "n", as: Int.self))
        }
        var byCredits = Array(repeating: 0, count: RegistryStatistics.bands.count)
        for row in try await handle.sql.raw(
            """
            SELECT CASE WHEN credits IS NULL THEN 0 WHEN credits < 5 THEN 1 WHEN credits < 10 THEN 2 WHEN credits < 15 THEN 3
              WHEN credits < 20 THEN 4 WHEN credits < 30 THEN 5 WHEN credits < 40 THEN 6 ELSE 7 END AS band, count(*) AS n
            FROM microcredentials WHERE \(published) GROUP BY band
            """
        ).all() {
            let band = try row.decode(column: "band", as: Int.self)
            if byCredits.indices.contains(band) { byCredits[band] = try row.decode(column: "n", as: Int.self) }
        }
        return RegistryStatistics(total: byProvider.values.reduce(0, +), byProvider: byProvider, byLevel: byLevel, byCredits: byCredits)
    }
}
