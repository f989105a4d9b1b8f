import Foundation

/// Checks a batch of microcredentials before anything is written: every row is checked, every error kept.
public struct MicrocredentialImport: Sendable {
    public struct RowError: Sendable, Equatable, Codable {
        /// 1-based data row (a CSV header is row 0; in a JSON list the first record is row 1).
        public var row: Int
        public var id: String?
        public var issues: [ValidationIssue]
    }

    public var valid: [Microcredential] = []
    public var errors: [RowError] = []

    /// Validates `rows` against the frameworks and providers the registry holds.
    /// `mayEdit` answers whether the caller may write listings of a provider; `owners` gives the provider of each row's
    /// id where that listing exists already (a row may not move another provider's listing to its own).
    public init(
        rows: [(row: Int, input: Result<MicrocredentialInput, ValidationFailure>)],
        frameworks: [Framework.ID: Framework], providers: Set<Provider.ID>, owners: [Microcredential.ID: Provider.ID] = [:],
        mayEdit: (Provider.ID) -> Bool
    ) {
        var seen: Set<Microcredential.ID> = []
        for (row, input) in rows {
            let built = input.flatMap { $0.microcredential() }
            switch built {
            case .failure(let failure):
                errors.append(RowError(row: row, id: try? input.get().id, issues: failure.issues))
            case .success(let item):
                var issues = item.validationIssues(frameworks: frameworks)
                if !providers.contains(item.providerID) {
                    issues.append(.init(field: "provider_id", message: "unknown provider '\(item.providerID)'"))
                } else if !mayEdit(item.providerID) {
                    issues.append(.init(field: "provider_id", message: "you may not list microcredentials for '\(item.providerID)'"))
                }
                if let owner = owners[item.id], owner != item.providerID, !mayEdit(owner) {
                    issues.append(.init(field: "id", message: "'\(item.id)' is a listing of '\(owner)', which you may not change"))
                }
                if !seen.insert(item.id).inserted {
                    issues.append(.init(field: "id", message: "'\(item.id)' appears twice in this file"))
                }
                if issues.isEmpty { valid.append(item) } else { errors.append(RowError(row: row, id: item.id.rawValue, issues: issues)) }
            }
        }
    }

    /// Reads a CSV file with a header row into numbered inputs.
    public static func rows(csv text: String) throws(CSV.Error) -> [(row: Int, input: Result<MicrocredentialInput, ValidationFailure>)] {
        let table = try CSV.parse(text)
        guard let header = table.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else { return [] }
        return table.dropFirst().enumerated().map { ($0.offset + 1, MicrocredentialInput.fromCSV(header: header, row: $0.element)) }
    }
}
