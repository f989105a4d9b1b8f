extension ConformanceReport {
    /// Checks a listing element by element. Pure: everything it needs is passed in.
    public static func check(
        _ item: Microcredential, provider: Provider?, framework: Framework?
    ) -> ConformanceReport {
        let facts = Facts(item: item, provider: provider, framework: framework)
        var sections = [facts.unesco(), facts.eu()]
        for rule in Rule.allCases where rule.jurisdiction != nil && rule.jurisdiction == provider?.country {
            switch rule {
            case .nzqa: sections.append(facts.nzqa())
            case .auNMF: sections.append(facts.australia())
            case .mqa: sections.append(facts.malaysia())
            case .unesco2022, .eu2022: break
            }
        }
        return ConformanceReport(sections: sections)
    }
}

private struct Facts {
    let item: Microcredential
    let provider: Provider?
    let framework: Framework?

    typealias Element = ConformanceReport.Element

    var hasOutcomes: Bool { !item.learningOutcomes.isEmpty }
    var hasAssessment: Bool { !(item.assessment ?? "").isEmpty }
    var hasVolume: Bool { item.credits != nil || item.notionalHours != nil }
    var hasQA: Bool { !(item.qaType ?? "").isEmpty || !(provider?.qaBody ?? "").isEmpty }

    func element(_ name: String, _ ok: Bool, met: String, missing: String) -> Element {
        Element(element: name, outcome: ok ? .met : .missing, explanation: ok ? met : missing)
    }

    func unesco() -> ConformanceReport.Section {
        let qaElement: Element
        let qaName = "Meets the standards required by relevant quality assurance"
        let listingQA = (item.qaType ?? "").isEmpty ? nil : item.qaType
        switch provider?.qa.status {
        case .withdrawn?:
            qaElement = Element(element: qaName, outcome: .notMet, explanation: "the provider's quality-assurance status is withdrawn")
        case let status? where status != .unknown:
            qaElement = Element(
                element: qaName, outcome: .met,
                explanation: "provider QA: \(provider?.qaBody ?? "body not named"), status \(status.rawValue)" + (listingQA.map { "; \($0)" } ?? ""))
        case _ where listingQA != nil:
            qaElement = Element(element: qaName, outcome: .met, explanation: "\(listingQA ?? "") (the provider's own QA status is not known)")
        default:
            // A named QA body is not enough: the element asks that the provider meets its standards.
            qaElement = Element(
                element: qaName, outcome: .missing,
                explanation: provider?.qaBody.map { "the provider's standing with \($0) is not known" }
                    ?? "no quality-assurance body or status is recorded")
        }
        return .init(
            rule: .unesco2022,
            elements: [
                element(
                    "A record of focused learning achievement", hasOutcomes,
                    met: "\(item.learningOutcomes.count) learning outcome(s) stated", missing: "no learning outcomes stated"),
                element(
                    "Assessed against clearly defined standards, awarded by a trusted provider",
                    hasAssessment && provider != nil,
                    met: "assessment: \(item.assessment ?? "")",
                    missing: provider == nil ? "provider unknown" : "no assessment stated"),
                element(
                    "Has standalone value and may contribute to other credentials", hasVolume && hasOutcomes,
                    met: item.stackableInto.isEmpty
                        ? "stands alone (volume and outcomes stated)"
                        : "stands alone and stacks into \(item.stackableInto.joined(separator: ", "))",
                    missing: [hasVolume ? nil : "volume (credits or hours)", hasOutcomes ? nil : "learning outcomes"].compactMap { $0 }
                        .joined(separator: " and ") + " not stated"),
                qaElement,
            ])
    }

    func eu() -> ConformanceReport.Section {
        let levelElement: Element
        if let level = item.level, let framework {
            let name = framework.level(level.level)?.name ?? "level \(level.level)"
            levelElement = Element(
                element: "Level (EQF, QF-EHEA), if applicable", outcome: .met,
                explanation: framework.kind == .microcredentialScale
                    ? "\(name) on the \(framework.id) skill scale (not a qualifications-framework level)"
                    : "\(framework.id) level \(level.level)")
        } else {
            levelElement = element("Level (EQF, QF-EHEA), if applicable", false, met: "", missing: "no level stated")
        }
        let volume: String =
            switch (item.credits, item.notionalHours) {
            case (let credits?, let hours?): "\(Self.number(credits)) credits, \(Self.number(hours)) notional hours"
            case (let credits?, nil): "\(Self.number(credits)) credits" + (framework?.credit?.unit.map { " (\($0))" } ?? "")
            case (nil, let hours?): "\(Self.number(hours)) notional hours"
            case (nil, nil): ""
            }
        return .init(
            rule: .eu2022,
            elements: [
                Element(element: "Identification of the learner", outcome: .atIssuance, explanation: "carried by each issued credential"),
                element("Title of the micro-credential", !item.title.isEmpty, met: item.title, missing: "no title"),
                element(
                    "Country(ies)/Region(s) of the issuer", !(provider?.country ?? "").isEmpty,
                    met: provider?.country ?? "", missing: "provider country unknown"),
                element("Awarding body(ies)", provider != nil, met: provider?.name ?? "", missing: "provider unknown"),
                Element(element: "Date of issuing", outcome: .atIssuance, explanation: "carried by each issued credential"),
                element(
                    "Learning outcomes", hasOutcomes, met: "\(item.learningOutcomes.count) stated", missing: "none stated"),
                element("Notional workload", hasVolume, met: volume, missing: "neither credits nor notional hours stated"),
                levelElement,
                element("Type of assessment", hasAssessment, met: item.assessment ?? "", missing: "not stated"),
                element(
                    "Form of participation in the learning activity", item.mode != nil,
                    met: item.mode?.rawValue ?? "", missing: "mode (online, on-site, blended) not stated"),
                element(
                    "Type of quality assurance", hasQA, met: item.qaType ?? provider?.qaBody ?? "",
                    missing: "no QA type or QA body stated"),
            ])
    }

    func nzqa() -> ConformanceReport.Section {
        let onNZQCF = item.level?.framework == "nzqcf"
        let sizeElement: Element
        if let credits = item.credits, onNZQCF {
            sizeElement = Element(
                element: "Size 5 to 40 NZQCF credits", outcome: (5...40).contains(credits) ? .met : .notMet,
                explanation: "\(Self.number(credits)) credits")
        } else {
            sizeElement = Element(
                element: "Size 5 to 40 NZQCF credits", outcome: .missing, explanation: "no NZQCF credit value stated")
        }
        return .init(
            rule: .nzqa,
            elements: [
                element(
                    "Listed at an NZQCF level (1-10)", onNZQCF,
                    met: "NZQCF level \(item.level?.level ?? 0)", missing: "no NZQCF level stated"),
                sizeElement,
                element("Learning outcomes", hasOutcomes, met: "\(item.learningOutcomes.count) stated", missing: "none stated"),
            ])
    }

    func australia() -> ConformanceReport.Section {
        let hoursElement: Element
        if let hours = item.notionalHours {
            hoursElement = Element(
                element: "Volume of learning of at least one hour", outcome: hours >= 1 ? .met : .notMet,
                explanation: "\(Self.number(hours)) hours declared")
        } else {
            hoursElement = Element(
                element: "Volume of learning of at least one hour", outcome: .missing,
                explanation: "no notional hours declared (Australia has no standard credit)")
        }
        let onDreyfus = item.level?.framework == "au-nmf-dreyfus"
        return .init(
            rule: .auNMF,
            elements: [
                hoursElement,
                element(
                    "Skill level on the Dreyfus scale", onDreyfus,
                    met: framework?.level(item.level?.level ?? 0)?.name ?? "", missing: "no Dreyfus level stated"),
                element("Learning outcomes", hasOutcomes, met: "\(item.learningOutcomes.count) stated", missing: "none stated"),
            ])
    }

    func malaysia() -> ConformanceReport.Section {
        let onMQF = item.level?.framework == "mqf"
        return .init(
            rule: .mqa,
            elements: [
                element("Aligned to an MQF level (1-8)", onMQF, met: "MQF level \(item.level?.level ?? 0)", missing: "no MQF level"),
                element(
                    "Specified volume of credit", item.credits != nil && onMQF,
                    met: "\(Self.number(item.credits ?? 0)) MQF credits", missing: "no MQF credit value"),
                element("Learning outcomes", hasOutcomes, met: "\(item.learningOutcomes.count) stated", missing: "none stated"),
            ])
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
