import Foundation

extension ReferenceData {
    static func decodeFramework(_ record: [String: Any], file: File) throws(ReferenceDataError) -> Framework {
        let id = record["id"] as? String ?? ""
        guard let name = record["name"] as? String, let type = record["type"] as? String,
            let kind = Framework.Kind(rawValue: type)
        else { throw .malformed(file: file.rawValue, record: id, reason: "needs 'name' and a known 'type'") }
        var levels: [Framework.Level] = []
        for level in record["levels"] as? [[String: Any]] ?? [] {
            guard let number = level["level"] as? Int else {
                throw .malformed(file: file.rawValue, record: id, reason: "a level has no number")
            }
            levels.append(.init(number: number, name: level["name"] as? String ?? "Level \(number)", descriptor: level["descriptor"] as? String))
        }
        var credit: CreditRule?
        if let rule = record["credit"] as? [String: Any] {
            credit = CreditRule(
                unit: rule["unit"] as? String, hoursPerCredit: hoursRange(rule["notional_hours"]),
                perFullTimeYear: (rule["per_full_time_year"] as? NSNumber)?.doubleValue,
                confirmed: confirmation(rule["confirmed"]))
        }
        return Framework(
            id: .init(id), name: name, jurisdiction: record["jurisdiction"] as? String ?? "", kind: kind,
            body: record["body"] as? String, levels: levels.sorted { $0.number < $1.number }, credit: credit,
            provenance: provenance(record))
    }

    /// `10`, `10.5` or `"25-30"` as a range of hours.
    static func hoursRange(_ value: Any?) -> ClosedRange<Double>? {
        if let number = value as? NSNumber { return number.doubleValue...number.doubleValue }
        guard let text = value as? String else { return nil }
        let bounds = text.split(separator: "-").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard let low = bounds.first, let high = bounds.last, low <= high else { return nil }
        return low...high
    }

    static func decodeProvider(_ record: [String: Any], file: File) throws(ReferenceDataError) -> Provider {
        let id = record["id"] as? String ?? ""
        guard let name = record["name"] as? String, let country = record["country"] as? String,
            let kind = Provider.Kind(rawValue: record["kind"] as? String ?? "")
        else { throw .malformed(file: file.rawValue, record: id, reason: "provider needs name, country and a known kind") }
        // null means "not looked for": unknown. A value outside the list is an error, never a silent "unknown".
        let stated = record["qa_status"] as? String
        guard let status = stated.map(QAStanding.Status.init(rawValue:)) ?? .unknown else {
            throw .malformed(
                file: file.rawValue, record: id, reason: "qa_status '\(stated ?? "")' is not one of \(QAStanding.Status.allCases.map(\.rawValue))")
        }
        return Provider(
            id: .init(id), name: name, country: country, kind: kind, qaBody: record["qa_body"] as? String,
            qa: .init(status: status), website: record["website"] as? String, provenance: provenance(record))
    }

    static func decodeMicrocredential(_ record: [String: Any], file: File) throws(ReferenceDataError) -> Microcredential {
        let id = record["id"] as? String ?? ""
        guard let provider = record["provider_id"] as? String, let title = record["title"] as? String else {
            throw .malformed(file: file.rawValue, record: id, reason: "needs provider_id and title")
        }
        var level: LevelReference?
        if let framework = record["framework"] as? String, let number = record["level"] as? Int {
            level = LevelReference(framework: .init(framework), level: number)
        }
        let mode = (record["mode"] as? String).flatMap(Microcredential.Mode.init(rawValue:))
        // A sourced approval statement ("approved by NZQA", with its reference) is the listing's quality assurance.
        var qaType: String?
        if let approval = record["nzqa_approval"] as? [String: Any], approval["status"] as? String == "approved" {
            let reference = (approval["reference"] as? String).map { " (ref. \($0))" } ?? ""
            qaType = "\(approval["body"] as? String ?? "NZQA")-approved micro-credential\(reference)"
        }
        return Microcredential(
            id: .init(id), providerID: .init(provider), title: title,
            titleLocal: record["title_local"] as? [String: String] ?? [:],
            learningOutcomes: record["learning_outcomes"] as? [String] ?? [], level: level,
            credits: (record["credits"] as? NSNumber)?.doubleValue,
            notionalHours: (record["notional_hours"] as? NSNumber)?.doubleValue,
            assessment: record["assessment"] as? String, mode: mode, qaType: qaType, language: record["language"] as? String,
            status: .approved, provenance: provenance(record))
    }
}
