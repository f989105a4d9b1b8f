import Foundation
import RecognitionCore

extension RecognitionDesk {
    /// A NIC's figures (#15 item 6): cases received and decided, the median time to a decision, outcomes by country
    /// of origin.
    public struct Statistics: Sendable, Encodable {
        public struct Row: Sendable, Encodable {
            /// An ISO 3166 code, or "unknown".
            public var country: String
            public var received: Int
            public var decided: Int
            public var open: Int
            public var overdue: Int
            public var withdrawn: Int
            /// Days from submission to the first decision; nil when nothing is decided.
            public var medianDays: Double?
            public var outcomes: [String: Int]
        }

        public var nic: String
        public var targetDays: Int
        public var total: Row
        public var countries: [Row]

        /// One line per origin country and a total line: what a spreadsheet reads.
        public var csv: String {
            let outcomes = Decision.Outcome.allCases.map(\.rawValue)
            var lines = [(["country", "received", "decided", "open", "overdue", "withdrawn", "median_days"] + outcomes).joined(separator: ",")]
            for row in countries + [total] {
                let fields =
                    [
                        row.country, "\(row.received)", "\(row.decided)", "\(row.open)", "\(row.overdue)", "\(row.withdrawn)",
                        row.medianDays.map { Span.number($0) } ?? "",
                    ] + outcomes.map { "\(row.outcomes[$0] ?? 0)" }
                lines.append(fields.joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    public func statistics(of nic: NIC.ID, by caller: Account?) async throws -> Statistics {
        try caller.authorize(.readRecognitionCases(of: nic))
        guard try await stores.reference.nic(nic) != nil else { throw StoreError.notFound(kind: "NIC", id: nic.rawValue) }
        let summaries = try await stores.recognition.summaries(nic: nic).filter { $0.submittedAt != nil }
        let now = dependencies.clock.now
        func row(_ country: String, _ cases: [CaseSummary]) -> Statistics.Row {
            let decided = cases.filter { $0.outcome != nil }
            let days = decided.compactMap { summary in
                summary.closedAt.flatMap { closed in summary.submittedAt.map { closed.timeIntervalSince($0) / 86_400 } }
            }.sorted()
            let median: Double? =
                days.isEmpty ? nil : days.count % 2 == 1 ? days[days.count / 2] : (days[days.count / 2 - 1] + days[days.count / 2]) / 2
            var outcomes: [String: Int] = [:]
            for summary in decided { outcomes[summary.outcome?.rawValue ?? "", default: 0] += 1 }
            return Statistics.Row(
                country: country, received: cases.count, decided: decided.count, open: cases.filter { $0.state.isOpen }.count,
                overdue: cases.filter { $0.state.isOpen && ($0.dueAt.map { $0 < now } ?? false) }.count,
                withdrawn: cases.filter { $0.state == .withdrawn }.count, medianDays: median.map { ($0 * 10).rounded() / 10 }, outcomes: outcomes)
        }
        let byCountry = Dictionary(grouping: summaries) { $0.originCountry ?? "unknown" }
        return Statistics(
            nic: nic.rawValue, targetDays: try await targetDays(of: nic), total: row("all", summaries),
            countries: byCountry.keys.sorted().map { row($0, byCountry[$0] ?? []) })
    }

    /// Earlier decisions at a NIC whose credential titles contain `text` (its evaluators and admins).
    public func precedents(at nic: NIC.ID, matching text: String, by caller: Account?) async throws -> [CaseEvidence.Precedent] {
        try caller.authorize(.readRecognitionCases(of: nic))
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 200 else { throw ValidationFailure([.init(field: "q", message: "at most 200 characters")]) }
        return try await stores.recognition.precedents(nic: nic, matching: text, limit: 100)
    }
}
