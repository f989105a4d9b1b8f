import Foundation
import RecognitionCore

/// The regional status report: where each convention stands (computed entry into force, parties over time), each
/// country's ratifications and NIC, the surveys' answers, the action plans' progress and requests for assistance, and
/// what the registry holds per country, level and credit band. Built from the records on demand; read by the NIC
/// network's members; given as JSON, CSV, a page and a standalone HTML document for printing.
public struct RegionalReport: Sendable, Encodable {
    public let generatedAt: Date
    /// The meeting the report is filtered to: only its conventions (the status table keeps its columns), the countries that took part in it, were asked
    /// in its survey or own its outcomes, its survey's answers and the action items it produced.
    public let meeting: Meeting?
    public let conventions: [ConventionReport]
    public let countries: [CountryStatus]
    public let coverage: [NICCoverage]
    public let surveys: [SurveyResults]
    public let actions: ActionSummary
    public let registry: RegistrySummary

    /// The conventions the status table has a column for, in this order.
    public static let tracked: [Convention.ID] = ["bangkok-1983", "tokyo-2011", "global-2019"]

    public struct CountryStatus: Sendable, Encodable {
        public let country: String
        public let name: String
        /// Per tracked convention: the day (or range) the country became a party, "party" when no day is known, nil
        /// when it is not a party on record.
        public let parties: [String?]
        public let nic: Bool
    }

    public struct ActionSummary: Sendable, Encodable {
        public let byStatus: [Count]
        public let overdue: Int
        public let requests: [ActionItem]
    }

    public struct Count: Sendable, Encodable {
        public let label: String
        public let count: Int
    }

    public struct RegistrySummary: Sendable, Encodable {
        public let total: Int
        public let byCountry: [Count]
        public let byLevel: [Count]
        public let byCredits: [Count]
    }

    // MARK: renderings

    /// The report as CSV: one section after another, each with its own header line.
    public var csv: String {
        var text = ""
        if let meeting {
            text += CSV.line(["meeting", "title", "starts_on", "ends_on", "countries"])
            text += CSV.line([meeting.id.rawValue, meeting.title, meeting.startsOn, meeting.endsOn ?? "", meeting.countries.joined(separator: " ")])
            text += "\r\n"
        }
        text += CSV.line(["country", "name"] + Self.tracked.map(\.rawValue) + ["nic"])
        for row in countries { text += CSV.line([row.country, row.name] + row.parties.map { $0 ?? "" } + [row.nic ? "yes" : "no"]) }
        text += "\r\n" + CSV.line(["convention", "adopted", "in_force_recorded", "in_force_computed", "check", "parties", "flags"])
        for report in conventions {
            text += CSV.line([
                report.convention.id.rawValue, report.convention.adopted?.date ?? "", report.entryIntoForce.recorded ?? "",
                report.entryIntoForce.date ?? "",
                report.entryIntoForce.check, String(report.parties.count), String(report.entryIntoForce.flags.count),
            ])
        }
        text += "\r\n" + CSV.line(["survey", "question", "option", "count"])
        for survey in surveys {
            for question in survey.questions {
                for count in question.counts { text += CSV.line([survey.survey.id.rawValue, question.id, count.option, String(count.count)]) }
            }
        }
        text += "\r\n" + CSV.line(["action_status", "count"])
        for count in actions.byStatus { text += CSV.line([count.label, String(count.count)]) }
        text += "\r\n" + CSV.line(["registry", "key", "count"])
        for count in registry.byCountry { text += CSV.line(["country", count.label, String(count.count)]) }
        for count in registry.byLevel { text += CSV.line(["level", count.label, String(count.count)]) }
        for count in registry.byCredits { text += CSV.line(["credits", count.label, String(count.count)]) }
        return text
    }

    /// A standalone HTML document (styles inline, charts as SVG, no script): what `accord report regional --format html`
    /// writes and a browser prints to PDF.
    public var html: String {
        let e = SVGCharts.escape
        let date = ISO8601DateFormatter().string(from: generatedAt).prefix(10)
        var body = "<h1>Regional status report</h1><p>Recognition conventions and the NIC network in Asia and the Pacific, as of \(date).</p>"
        if let meeting {
            body += "<h2>What one meeting produced: \(e(meeting.title))</h2><p>\(e(meeting.startsOn))\(meeting.endsOn.map { " to " + e($0) } ?? "")"
            body += "\(meeting.place.map { ", " + e($0) } ?? "").</p>"
            if !meeting.participants.isEmpty {
                body += "<p>Countries taking part: \(e(meeting.countries.joined(separator: ", "))).</p>"
            }
            if let outcomes = meeting.outcomes { body += "<p>\(e(outcomes))</p>" }
        }
        body += "<h2>Ratification status</h2><table><thead><tr><th>Country</th>"
        let tracked = Self.tracked.compactMap { id in conventions.first { $0.convention.id == id } }
        body += tracked.map { "<th>\(e($0.convention.shortName))</th>" }.joined()
        body += "<th>NIC</th></tr></thead><tbody>"
        for row in countries {
            body += "<tr><td>\(e(row.name)) (\(e(row.country)))</td>" + row.parties.map { "<td>\(e($0 ?? "–"))</td>" }.joined()
            body += "<td>\(row.nic ? "yes" : "–")</td></tr>"
        }
        body += "</tbody></table><h2>Entry into force</h2><table><thead><tr><th>Convention</th><th>Recorded</th><th>Computed</th>"
        body += "<th>Check</th><th>Parties on record</th></tr></thead><tbody>"
        for report in conventions {
            body += "<tr><td>\(e(report.convention.shortName))</td><td>\(e(report.entryIntoForce.recorded ?? "–"))</td>"
            body += "<td>\(e(report.entryIntoForce.date ?? "–"))</td><td>\(e(report.entryIntoForce.check))</td><td>\(report.parties.count)</td></tr>"
        }
        body += "</tbody></table>"
        for report in tracked where !report.timeline.isEmpty {
            body += "<h3>Parties to the \(e(report.convention.shortName)) over time</h3>"
            body += SVGCharts.parties(
                report, title: "Parties to the \(report.convention.shortName) over time", description: "\(report.timeline.count) parties",
                id: "timeline-\(report.convention.id)")
        }
        body += "<h2>NIC coverage</h2><ul>"
        for item in coverage {
            body += "<li>\(e(item.shortName)): \(item.withNIC) of \(item.parties) parties have a NIC on record"
            body += item.missing.isEmpty ? "</li>" : " (none for \(e(item.missing.joined(separator: ", "))))</li>"
        }
        body += "</ul>"
        for survey in surveys {
            body += "<h2>Survey: \(e(survey.survey.title))</h2><p>\(survey.submitted.count) of \(survey.asked) countries submitted.</p>"
            for question in survey.questions where !question.counts.isEmpty {
                body += "<h3>\(e(question.text))</h3>"
                body += SVGCharts.bars(question.counts.map { ($0.option, $0.count) }, title: question.text, id: "\(survey.survey.id)-\(question.id)")
            }
        }
        body += "<h2>Action plans</h2><p>\(actions.overdue) item(s) overdue.</p>"
        body += SVGCharts.bars(actions.byStatus.map { ($0.label, $0.count) }, title: "Action items by status", id: "actions-by-status")
        if !actions.requests.isEmpty {
            body += "<h3>Technical assistance requested</h3><ul>"
            for item in actions.requests { body += "<li>\(e(item.country)): \(e(item.title)): \(e(item.assistance ?? ""))</li>" }
            body += "</ul>"
        }
        body += "<h2>The registry</h2><p>\(registry.total) public microcredentials.</p><h3>Per country</h3>"
        body += SVGCharts.bars(registry.byCountry.map { ($0.label, $0.count) }, title: "Microcredentials per country", id: "registry-countries")
        body += "<h3>Per framework level</h3>"
        body += SVGCharts.bars(registry.byLevel.map { ($0.label, $0.count) }, title: "Microcredentials per framework level", id: "registry-levels")
        body += "<h3>Per credit band</h3>"
        body += SVGCharts.bars(registry.byCredits.map { ($0.label, $0.count) }, title: "Microcredentials per credit band", id: "registry-credits")
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Regional status report · Accord</title><style>
            body { font: 14px/1.45 system-ui, "Noto Sans", sans-serif; color: #1d2430; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; } th, td { text-align: left; padding: .3rem .5rem;
            border-bottom: 1px solid #d5dae1; } svg { width: 100%; max-width: 45rem; height: auto; } .grid { stroke: #e2e6ec; }
            .tick { font-size: 11px; fill: #3a4656; } .series { fill: none; stroke: #12355b; stroke-width: 2; } .point { fill: #12355b; }
            .bar { fill: #2f6ea5; } h2 { page-break-after: avoid; } svg, table { page-break-inside: avoid; }
            </style></head><body>\(body)</body></html>
            """
    }
}

/// Builds the regional report for the network's members.
public struct ReportDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// The whole region's report, or (given a meeting) what that meeting produced.
    public func regional(meeting meetingID: Meeting.ID? = nil, by caller: Account?) async throws -> RegionalReport {
        try caller.authorize(.readNetworkContacts)
        var meeting: Meeting?
        if let meetingID {
            guard let found = try await stores.network.meeting(meetingID) else { throw StoreError.notFound(kind: "meeting", id: meetingID.rawValue) }
            meeting = found
        }
        let reference = ReferenceDesk(dependencies: dependencies)
        let allConventions = try await reference.reports()
        var conventions = allConventions
        let nics = try await reference.nics()
        let providers = try await stores.registry.providers()
        let statistics = try await stores.registry.statistics()
        var surveys = try await stores.network.surveys().filter { $0.state != .draft }
        var items = try await stores.network.actionItems(country: nil)
        var shownCountries: Set<String>?
        if let meeting {
            if !meeting.conventions.isEmpty { conventions = conventions.filter { meeting.conventions.contains($0.convention.id) } }
            surveys = surveys.filter { $0.id == meeting.survey }
            items = items.filter { $0.meeting == meeting.id }
            shownCountries = Set(meeting.countries + items.map(\.country) + surveys.flatMap(\.countries))
        }
        var results: [SurveyResults] = []
        for survey in surveys { results.append(SurveyResults(survey: survey, responses: try await stores.network.responses(to: survey.id))) }

        // The status table: every country that is a party to a tracked convention or has a NIC, by name (for a
        // meeting, the countries it concerns).
        let tracked = RegionalReport.tracked.compactMap { id in allConventions.first { $0.convention.id == id } }
        let withNIC = Set(nics.map(\.country))
        let names = ReferenceDesk.countryNames(conventions: tracked.map(\.convention), nics: nics)
        let countries = names.filter { shownCountries?.contains($0.code) ?? true }.map { code, name in
            RegionalReport.CountryStatus(
                country: code, name: name,
                parties: tracked.map { report in
                    report.parties.first { $0.country == code }.map { $0.recordedEffective ?? $0.computedEffective ?? $0.depositDate ?? "party" }
                }, nic: withNIC.contains(code))
        }
        let coverage = NICCoverage.of(tracked.map(\.convention), nics: nics)
        let today = CalendarDay(dependencies.clock.now)
        let actions = RegionalReport.ActionSummary(
            byStatus: ActionItem.Status.allCases.map { status in .init(label: status.rawValue, count: items.filter { $0.status == status }.count) },
            overdue: items.filter { $0.isOverdue(on: today) }.count, requests: items.filter { $0.assistance != nil && $0.status.isOpen })

        let countryOf = Dictionary(providers.map { ($0.id.rawValue, $0.country) }, uniquingKeysWith: { first, _ in first })
        var perCountry: [String: Int] = [:]
        for (provider, count) in statistics.byProvider { perCountry[countryOf[provider] ?? "?", default: 0] += count }
        let registry = RegionalReport.RegistrySummary(
            total: statistics.total,
            byCountry: perCountry.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { .init(label: $0.key, count: $0.value) },
            byLevel: statistics.byLevel.map {
                .init(label: "\($0.framework?.rawValue ?? "no framework") \($0.level.map(String.init) ?? "-")", count: $0.count)
            },
            byCredits: zip(RegistryStatistics.bands, statistics.byCredits).map { .init(label: $0.0, count: $0.1) })
        return RegionalReport(
            generatedAt: dependencies.clock.now, meeting: meeting, conventions: conventions, countries: countries, coverage: coverage,
            surveys: results,
            actions: actions, registry: registry)
    }
}
