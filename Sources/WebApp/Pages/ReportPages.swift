import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/report`: the regional status report for the network's members, with its print view (a standalone HTML document
/// a browser saves as PDF) and its CSV.
struct ReportPages {
    let desk: ReportDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/report", use: report)
        router.get("/report/print") { request, context in
            let report = try await desk.regional(meeting: Self.meeting(request), by: context.account)
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: report.html)))
        }
        router.get("/report.csv") { request, context in
            let meeting = Self.meeting(request)
            let report = try await desk.regional(meeting: meeting, by: context.account)
            return Downloads.csv(report.csv, name: meeting.map { "report-\($0).csv" } ?? "regional-report.csv")
        }
    }

    /// `?meeting=ID`: the report filtered to what that meeting produced.
    static func meeting(_ request: Request) -> Meeting.ID? {
        request.uri.queryParameters["meeting"].map(String.init).flatMap(Forms.present).map { Meeting.ID($0) }
    }

    struct ReportModel: PageModel {
        static let template = "report"
        let title: String
        let conventions: [String]
        let countries: [CountryRow]
        let entry: [EntryRow]
        let timelines: [Chart]
        let coverage: [String]
        let surveys: [SurveyView]
        let actionsChart: String
        let overdue: Int
        let requests: [ActionItem]
        let total: Int
        let registryCharts: [Chart]
        let printLink: String
        let csvLink: String
        let meeting: MeetingLine?
    }

    /// The meeting a report is filtered to, as its heading names it.
    struct MeetingLine {
        let title: String
        let days: String
        let link: String
    }

    struct CountryRow {
        let name: String
        let link: String
        let cells: [String]
        let nic: Bool
    }

    struct EntryRow {
        let name: String
        let link: String
        let recorded: String
        let computed: String
        let check: String
        let agrees: Bool
        let parties: Int
    }

    struct Chart {
        let title: String
        let svg: String
    }

    struct SurveyView {
        let title: String
        let rate: String
        let charts: [Chart]
    }

    func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let meetingID = Self.meeting(request)
        let report = try await desk.regional(meeting: meetingID, by: context.account)
        let query = SiteURL.meetingQuery(meetingID)
        let tracked = RegionalReport.tracked.compactMap { id in report.conventions.first { $0.convention.id == id } }
        let model = ReportModel(
            title: words("Regional report"), conventions: tracked.map(\.convention.shortName),
            countries: report.countries.map { row in
                CountryRow(
                    name: "\(row.name) (\(row.country))", link: SiteURL.country(row.country).path, cells: row.parties.map { $0 ?? "–" }, nic: row.nic)
            },
            entry: report.conventions.map { convention in
                EntryRow(
                    name: convention.convention.shortName, link: SiteURL.convention(convention.convention.id).path,
                    recorded: convention.entryIntoForce.recorded ?? "–", computed: convention.entryIntoForce.date ?? "–",
                    check: words(ConventionPages.checkLabel(convention.entryIntoForce.check)), agrees: convention.entryIntoForce.check == "agrees",
                    parties: convention.parties.count)
            },
            timelines: tracked.filter { !$0.timeline.isEmpty }.map { convention in
                let title = words("Parties to the {convention} over time", ["convention": convention.convention.shortName])
                return Chart(
                    title: title,
                    svg: SVGCharts.parties(
                        convention, title: title,
                        description: words(
                            "{count} parties placed on the timeline; the table below lists each date.", ["count": String(convention.timeline.count)]),
                        id: "timeline-\(convention.convention.id)"))
            },
            coverage: report.coverage.map { item in
                words(
                    "{convention}: {covered} of {parties} parties have a NIC on record",
                    ["convention": item.shortName, "covered": String(item.withNIC), "parties": String(item.parties)])
            },
            surveys: report.surveys.map { survey in
                SurveyView(
                    title: survey.survey.title, rate: "\(survey.submitted.count) / \(survey.asked)",
                    charts: survey.questions.filter { !$0.counts.isEmpty }.map { question in
                        Chart(
                            title: question.text,
                            svg: SVGCharts.bars(
                                question.counts.map { ($0.option, $0.count) }, title: question.text, id: "\(survey.survey.id)-\(question.id)"))
                    })
            },
            actionsChart: SVGCharts.bars(
                report.actions.byStatus.compactMap { count in
                    ActionItem.Status(rawValue: count.label).map { (words(ActionPlanPages.statusLabel($0)), count.count) }
                }, title: words("Action items by status"), id: "actions-by-status"),
            overdue: report.actions.overdue, requests: report.actions.requests, total: report.registry.total,
            registryCharts: [
                Chart(
                    title: words("Microcredentials per country"),
                    svg: SVGCharts.bars(
                        report.registry.byCountry.map { ($0.label, $0.count) }, title: words("Microcredentials per country"), id: "registry-countries"
                    )),
                Chart(
                    title: words("Microcredentials per framework level"),
                    svg: SVGCharts.bars(
                        report.registry.byLevel.map { ($0.label, $0.count) }, title: words("Microcredentials per framework level"),
                        id: "registry-levels")),
                Chart(
                    title: words("Microcredentials per credit band"),
                    svg: SVGCharts.bars(
                        report.registry.byCredits.map { ($0.label, $0.count) }, title: words("Microcredentials per credit band"),
                        id: "registry-credits")),
            ],
            printLink: SiteURL.reportPrint.path + query, csvLink: SiteURL.reportCSV.path + query,
            meeting: report.meeting.map {
                MeetingLine(title: $0.title, days: MeetingPages.days($0), link: SiteURL.meeting($0.id).path)
            })
        return try pages.render(model, context: context)
    }
}
