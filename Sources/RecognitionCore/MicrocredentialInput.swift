import Foundation

/// A microcredential as a user submits it: API body, form, CSV row or JSON import record (snake_case keys on the wire).
public struct MicrocredentialInput: Sendable, Equatable, Codable {
    public var id: String?
    public var providerID: String?
    public var title: String?
    public var titleLocal: [String: String]?
    public var learningOutcomes: [String]?
    public var framework: String?
    public var level: Int?
    public var credits: Double?
    public var notionalHours: Double?
    public var assessment: String?
    public var mode: String?
    public var qaType: String?
    public var language: String?
    public var prerequisites: [String]?
    public var stackableInto: [String]?
    public var validityMonths: Int?
    public var status: String?

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        providerID = try container.decodeIfPresent(String.self, forKey: .providerID)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        titleLocal = try container.decodeIfPresent([String: String].self, forKey: .titleLocal)
        learningOutcomes = try container.decodeIfPresent([String].self, forKey: .learningOutcomes)
        framework = try container.decodeIfPresent(String.self, forKey: .framework)
        level = try container.decodeWholeNumber(forKey: .level)
        credits = try container.decodeIfPresent(Double.self, forKey: .credits)
        notionalHours = try container.decodeIfPresent(Double.self, forKey: .notionalHours)
        assessment = try container.decodeIfPresent(String.self, forKey: .assessment)
        mode = try container.decodeIfPresent(String.self, forKey: .mode)
        qaType = try container.decodeIfPresent(String.self, forKey: .qaType)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        prerequisites = try container.decodeIfPresent([String].self, forKey: .prerequisites)
        stackableInto = try container.decodeIfPresent([String].self, forKey: .stackableInto)
        validityMonths = try container.decodeWholeNumber(forKey: .validityMonths)
        status = try container.decodeIfPresent(String.self, forKey: .status)
    }

    /// The CSV header Accord reads and writes; `learning_outcomes`, `prerequisites` and `stackable_into` use `|` between items.
    public static let csvColumns = [
        "id", "provider_id", "title", "learning_outcomes", "framework", "level", "credits", "notional_hours",
        "assessment", "mode", "qa_type", "language", "prerequisites", "stackable_into", "validity_months", "status",
    ]

    /// How a text field holds a list: CSV cells use `|`, form text areas one item per line.
    public enum ListSeparator: Sendable {
        case bar
        case lines
    }

    /// Reads one CSV row given the header; unknown columns and extra fields are issues so typos do not pass silently.
    public static func fromCSV(header: [String], row: [String]) -> (input: MicrocredentialInput, issues: [ValidationIssue]) {
        var read = readFields(zip(header, row).map { ($0, $1) }, lists: .bar)
        if row.count > header.count { read.issues.append(ValidationIssue(field: "row", message: "has more fields than the header")) }
        return read
    }

    /// Reads named text fields (a web form); empty fields are absent, numbers are checked, an unknown name is an error.
    public static func fromFields(_ fields: [(name: String, value: String)], lists: ListSeparator) -> Result<MicrocredentialInput, ValidationFailure>
    {
        let read = readFields(fields, lists: lists)
        return read.issues.isEmpty ? .success(read.input) : .failure(ValidationFailure(read.issues))
    }

    /// Reads named text fields into an input and the issues found reading them (a field that is not a number stays
    /// absent), so the caller can check the rest of the record too and report every problem at once.
    public static func readFields(_ fields: [(name: String, value: String)], lists: ListSeparator) -> (
        input: MicrocredentialInput, issues: [ValidationIssue]
    ) {
        var input = MicrocredentialInput()
        var issues: [ValidationIssue] = []
        func list(_ text: String) -> [String] {
            let items: [Substring] = lists == .bar ? text.split(separator: "|") : text.split(whereSeparator: \.isNewline)
            return items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for (column, raw) in fields {
            let value = raw.trimmingCharacters(in: .whitespaces)
            if value.isEmpty { continue }
            func number<T: LosslessStringConvertible>(_ type: T.Type) -> T? {
                guard let parsed = T(value) else {
                    issues.append(.init(field: column, message: "'\(value)' is not a number"))
                    return nil
                }
                return parsed
            }
            switch column {
            case "id": input.id = value
            case "provider_id": input.providerID = value
            case "title": input.title = value
            case "learning_outcomes": input.learningOutcomes = list(value)
            case "framework": input.framework = value
            case "level": input.level = number(Int.self)
            case "credits": input.credits = number(Double.self)
            case "notional_hours": input.notionalHours = number(Double.self)
            case "assessment": input.assessment = value
            case "mode": input.mode = value
            case "qa_type": input.qaType = value
            case "language": input.language = value
            case "prerequisites": input.prerequisites = list(value)
            case "stackable_into": input.stackableInto = list(value)
            case "validity_months": input.validityMonths = number(Int.self)
            case "status": input.status = value
            default: issues.append(.init(field: column, message: "unknown column (columns: \(csvColumns.joined(separator: ", ")))"))
            }
        }
        return (input, issues)
    }

    /// Builds the domain value, or says every field that is wrong. `existing` supplies the id on edits.
    public func microcredential(existing: Microcredential.ID? = nil) -> Result<Microcredential, ValidationFailure> {
        let built = build(existing: existing)
        return built.issues.isEmpty ? .success(built.item) : .failure(ValidationFailure(built.issues))
    }

    /// The domain value with every field that could be read (a bad choice stays absent), and the issues found.
    public func build(existing: Microcredential.ID? = nil) -> (item: Microcredential, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        let id = existing?.rawValue ?? self.id ?? ""
        if id.isEmpty { issues.append(.init(field: "id", message: "is required")) }
        if (providerID ?? "").isEmpty { issues.append(.init(field: "provider_id", message: "is required")) }
        var levelReference: LevelReference?
        switch (framework, level) {
        case (let framework?, let level?): levelReference = LevelReference(framework: .init(framework), level: level)
        case (nil, nil): break
        case (_?, nil): if credits == nil { break } else { issues.append(.init(field: "level", message: "is required with a framework and credits")) }
        case (nil, _?): issues.append(.init(field: "framework", message: "is required with a level"))
        }
        var parsedMode: Microcredential.Mode?
        if let mode {
            parsedMode = Microcredential.Mode(rawValue: mode)
            if parsedMode == nil { issues.append(.init(field: "mode", message: "must be online, on-site or blended")) }
        }
        var parsedStatus = Microcredential.Status.draft
        if let status {
            if let known = Microcredential.Status(rawValue: status) {
                parsedStatus = known
            } else {
                issues.append(
                    .init(field: "status", message: "must be one of \(Microcredential.Status.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        return (
            Microcredential(
                id: .init(id), providerID: .init(providerID ?? ""), title: title ?? "", titleLocal: titleLocal ?? [:],
                learningOutcomes: learningOutcomes ?? [], level: levelReference, credits: credits,
                notionalHours: notionalHours, assessment: assessment, mode: parsedMode, qaType: qaType,
                language: language, prerequisites: prerequisites ?? [], stackableInto: stackableInto ?? [],
                validityMonths: validityMonths, status: parsedStatus), issues
        )
    }
}

extension KeyedDecodingContainer {
    /// A whole number that says so when it is not one (3.5), with its path; Foundation's decoder reports only "not
    /// valid JSON" for a fraction where an Int is expected.
    public func decodeWholeNumber(forKey key: Key) throws -> Int? {
        guard let number = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard number.rounded() == number, let whole = Int(exactly: number) else {
            throw DecodingError.typeMismatch(Int.self, .init(codingPath: codingPath + [key], debugDescription: "\(number) is not a whole number"))
        }
        return whole
    }
}
