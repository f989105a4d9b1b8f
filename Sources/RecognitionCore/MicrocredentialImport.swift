import Foundation

/// Checks a batch of microcredentials before anything is written: every row is checked, every error kept.
public struct MicrocredentialImport: Sendable {
    public struct RowError: Sendable, Equatable, Codable {
        /// Where the row is: the file line it starts on in a CSV (the header is line 1), the 1-based record in a JSON list.
        public var row: Int
        public var id: String?
        public var issues: [ValidationIssue]

        public init(row: Int, id: String?, issues: [ValidationIssue]) {
            self.row = row
            self.id = id
            self.issues = issues
        }
    }

    /// A record as read from a file: where it is, what could be read, and the problems reading it.
    public struct Row: Sendable {
        public var row: Int
        public var input: MicrocredentialInput
        public var readIssues: [ValidationIssue]

        public init(row: Int, input: MicrocredentialInput, readIssues: [ValidationIssue] = []) {
            self.row = row
            self.input = input
            self.readIssues = readIssues
        }
    }

    /// Each valid row with the listing built from it.
    public var valid: [(row: Row, item: Microcredential)] = []
    public var errors: [RowError] = []

    /// Validates `rows` against the frameworks and providers the registry holds.
    /// `mayEdit` answers whether the caller may write listings of a provider; `owners` gives the provider of each row's
    /// id where that listing exists already (a row may not move another provider's listing to its own).
    /// Validates `rows` against the frameworks and providers the registry holds, reporting every problem of every row.
    /// `mayEdit` answers whether the caller may write listings of a provider; `owners` gives the provider of each row's
    /// id where that listing exists already (a row may not move another provider's listing to its own); an existing
    /// listing is replaced only with `updateExisting`.
    public init(
        rows: [Row], frameworks: [Framework.ID: Framework], providers: Set<Provider.ID>, owners: [Microcredential.ID: Provider.ID] = [:],
        updateExisting: Bool = true, mayEdit: (Provider.ID) -> Bool
    ) {
        var seen: Set<Microcredential.ID> = []
        for row in rows {
            let (item, buildIssues) = row.input.build()
            var issues = row.readIssues + buildIssues
            issues += item.validationIssues(frameworks: frameworks).filter { issue in !issues.contains { $0.field == issue.field } }
            if !item.providerID.rawValue.isEmpty {
                if !providers.contains(item.providerID) {
                    issues.append(.init(field: "provider_id", message: "unknown provider '\(item.providerID)'"))
                } else if !mayEdit(item.providerID) {
                    issues.append(.init(field: "provider_id", message: "you may not list microcredentials for '\(item.providerID)'"))
                }
            }
            if let owner = owners[item.id] {
                if owner != item.providerID, !mayEdit(owner) {
                    issues.append(.init(field: "id", message: "'\(item.id)' is a listing of '\(owner)', which you may not change"))
                } else if !updateExisting {
                    issues.append(.init(field: "id", message: "'\(item.id)' exists already; import with update_existing to replace it"))
                }
            }
            if !item.id.rawValue.isEmpty && !seen.insert(item.id).inserted {
                issues.append(.init(field: "id", message: "'\(item.id)' appears twice in this file"))
            }
            if issues.isEmpty {
                valid.append((row, item))
            } else {
                errors.append(RowError(row: row.row, id: row.input.id, issues: issues))
            }
        }
    }

    /// Reads a CSV file with a header row into inputs numbered by the file line each row starts on.
    public static func rows(csv text: String) throws(CSV.Error) -> [Row] {
        let table: [CSV.Row]
        do {
            table = try CSV.rows(text, maxRows: CSV.maxRows + 1)  // the header is not a listing
        } catch .tooManyRows {
            throw .tooManyRows(limit: CSV.maxRows)
        }
        guard let header = table.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else { return [] }
        return table.dropFirst().map {
            let read = MicrocredentialInput.fromCSV(header: header, row: $0.fields)
            return Row(row: $0.line, input: read.input, readIssues: read.issues)
        }
    }
}
