import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// Public pages: registry search, a listing with its conformance report, frameworks, reference data.
struct RegistryPages {
    let registrar: Registrar
    let reference: ReferenceDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/", use: search)
        router.get("/microcredentials/:id", use: detail)
        router.post("/microcredentials/:id/review", use: review)
        router.get("/microcredentials.csv", use: exportCSV)
        router.get("/microcredentials/:id/conformance.csv", use: conformanceCSV)
        router.get("/reference", use: reference)
    }

    struct SearchModel: PageModel {
        static let template = "search"
        let title: String
        let query: [String: String]
        let hits: [HitRow]
        let total: String
        let providers: [Option]
        let frameworks: [Option]
        let modes: [Option]
        let qaStatuses: [Option]
        let statuses: [Option]
        let previous: String?
        let next: String?
        let exportCSV: String
        let exportJSON: String
        /// Opens the filter panel when a filter is set (closed, it keeps the phone layout to one screen).
        let hasFilters: Bool
    }

    struct HitRow {
        let id: String
        let link: String
        let title: String
        let titleLanguage: String
        let provider: String
        let providerLink: String
        let country: String
        let level: String
        let credits: String
        let mode: String
        let qaStatus: String
        let status: String
        let statusLabel: String
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try request.queryDictionary
        let query = try RegistryQuery(parameters: parameters)
        let result = try await registrar.search(query, by: context.account)
        let words = context.words
        let frameworks = try await registrar.frameworks()
        let names = Dictionary(uniqueKeysWithValues: frameworks.map { ($0.id, $0) })
        func options(_ values: [(String, String)], _ key: String) -> [Option] {
            [Option(value: "", label: words("any"), selected: parameters[key] == nil)]
                + values.map { Option(value: $0.0, label: $0.1, selected: parameters[key] == $0.0) }
        }
        func link(page: Int) -> String {
            var items = parameters
            items["page"] = String(page)
            return SiteURL.home.path + "?" + Self.queryString(items)
        }
        let capped = result.totalIsCapped
        let model = SearchModel(
            title: words("Search the registry"), query: parameters,
            hits: result.items.map { hit in
                let item = hit.microcredential
                return HitRow(
                    id: item.id.rawValue, link: SiteURL.microcredential(item.id).path, title: item.title,
                    titleLanguage: item.language ?? "und", provider: hit.providerName,
                    providerLink: SiteURL.provider(item.providerID).path,
                    country: hit.country,
                    level: item.level.map { Self.levelName(names[$0.framework], $0, words) + " (\($0.framework))" } ?? "—",
                    credits: item.credits.map { Self.number($0) } ?? (item.notionalHours.map { "\(Self.number($0)) h" } ?? "—"),
                    mode: item.mode.map { words(Labels.mode($0)) } ?? "—", qaStatus: words(Labels.qaStatus(hit.qaStatus)),
                    status: item.status.rawValue, statusLabel: words(Labels.status(item.status)))
            },
            total: capped ? "\(result.total)+" : String(result.total),
            providers: options(try await registrar.providers().map { ($0.id.rawValue, $0.name) }, "provider"),
            frameworks: options(frameworks.map { ($0.id.rawValue, $0.name) }, "framework"),
            modes: options(Microcredential.Mode.allCases.map { ($0.rawValue, words(Labels.mode($0))) }, "mode"),
            qaStatuses: options(QAStanding.Status.allCases.map { ($0.rawValue, words(Labels.qaStatus($0))) }, "qa_status"),
            statuses: options(
                Microcredential.Status.allCases.filter { $0.isPublic || Visibility(for: context.account) != .published }.map {
                    ($0.rawValue, words(Labels.status($0)))
                },
                "status"),
            previous: query.page > 1 ? link(page: query.page - 1) : nil,
            next: query.page < result.pageCount ? link(page: query.page + 1) : nil,
            exportCSV: SiteURL.exportCSV(query: Self.queryString(parameters.filter { $0.key != "page" })).path,
            exportJSON: "/api/v1/microcredentials?" + Self.queryString(parameters),
            hasFilters: parameters.contains { !["q", "page", "per_page"].contains($0.key) && !$0.value.isEmpty })
        return try pages.render(model, context: context)
    }

    struct DetailModel: PageModel {
        static let template = "microcredential"
        let title: String
        let item: Microcredential
        /// The language of the listing's own text: its language of instruction when recorded, else unknown.
        let contentLanguage: String
        let provider: Provider?
        let level: String
        let volume: String
        let confirmed: String
        let isConfirmed: Bool
        let conforms: Bool
        let sections: [SectionRow]
        let mode: String
        let canEdit: Bool
        let editLink: String
        let historyLink: String?
        let status: String
        let statusLabel: String
        let reviewLink: String
        /// The review steps this caller may take now, as buttons.
        let steps: [StepButton]
        let mayReturn: Bool
        let hasReview: Bool
        /// The reviewer's reasons, shown to those who may see an unpublished listing.
        let reviewNote: String?
        let providerLink: String
        let frameworkLink: String?
        let sourceLink: String?
        let sourceText: String
        let hasOutcomes: Bool
        let localTitles: [LocalTitle]
        let conformanceCSV: String
        let apiLink: String
        /// The issue form's action, for the provider's staff and admins on an approved listing.
        let issueAction: String?
        /// The batch form's action (a CSV of learners), shown with the issue form.
        let batchAction: String
    }

    struct LocalTitle {
        let tag: String
        let title: String
    }

    struct StepButton {
        let step: String
        let label: String
    }

    func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detail = try await registrar.detail(.init(try context.parameters.require("id")), by: context.account)
        let item = detail.microcredential
        let words = context.words
        let level = item.level.map { reference in
            Self.levelName(detail.framework, reference, words) + " · \(detail.framework?.name ?? reference.framework.rawValue)"
        }
        let volume = [
            item.credits.map { words("{n} credits", ["n": Self.number($0)]) },
            item.notionalHours.map { words("{n} notional hours", ["n": Self.number($0)]) },
        ].compactMap { $0 }.joined(separator: ", ")
        let steps = ListingReview.Step.allCases.filter { $0 != .return && Self.may($0, item, context.account) }
        let mayReturn = Self.may(.return, item, context.account)
        let model = DetailModel(
            title: item.title, item: item, contentLanguage: item.language ?? "und", provider: detail.provider,
            level: level ?? words("not stated"), volume: volume.isEmpty ? words("not stated") : volume,
            confirmed: words(Labels.confirmation(item.provenance.confirmed)), isConfirmed: item.provenance.confirmed.isConfirmed,
            conforms: detail.conformance.conforms, sections: detail.conformance.sections.map { SectionRow($0, words) },
            mode: item.mode.map { words(Labels.mode($0)) } ?? words("not stated"),
            canEdit: context.account.may(.editMicrocredentials(of: item.providerID)),
            editLink: SiteURL.editMicrocredential(item.id).path,
            historyLink: context.account.may(.readAuditLog) ? SiteURL.audit(subject: .init(.microcredential, item.id.rawValue)).path : nil,
            status: item.status.rawValue, statusLabel: words(Labels.status(item.status)),
            reviewLink: SiteURL.reviewMicrocredential(item.id).path,
            steps: steps.map { StepButton(step: $0.rawValue, label: words(Labels.step($0))) },
            mayReturn: mayReturn, hasReview: mayReturn || !steps.isEmpty, reviewNote: item.reviewNote,
            providerLink: SiteURL.provider(item.providerID).path, frameworkLink: item.level.map { SiteURL.framework($0.framework).path },
            sourceLink: DirectoryPages.webLink(item.provenance.source), sourceText: item.provenance.source ?? words("not recorded"),
            hasOutcomes: !item.learningOutcomes.isEmpty,
            localTitles: item.titleLocal.sorted { $0.key < $1.key }.filter { $0.value != item.title }.map {
                LocalTitle(tag: $0.key, title: $0.value)
            },
            conformanceCSV: SiteURL.conformanceCSV(item.id).path, apiLink: "/api/v1/microcredentials/\(item.id.rawValue)",
            issueAction: context.account.may(.issueCredentials(of: item.providerID)) && item.status.isIssuable
                ? SiteURL.issueCredential(item.id).path : nil, batchAction: SiteURL.newBatch(item.id).path)
        return try pages.render(model, context: context)
    }

    /// A level's name on its framework, or "Level N" when the framework does not name it.
    static func levelName(_ framework: Framework?, _ reference: LevelReference, _ words: Words) -> String {
        framework?.level(reference.level)?.name ?? words("Level {n}", ["n": String(reference.level)])
    }

    /// Whether `caller` may take `step` on `item` now: allowed for the role, and applicable to the status.
    static func may(_ step: ListingReview.Step, _ item: Microcredential, _ caller: Account?) -> Bool {
        caller.may(step.action(on: item.providerID)) && (try? ListingReview.status(after: step, from: item.status)) != nil
    }

    /// A review button's form: the step, the reasons for a return, the CSRF token.
    func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ReviewForm.self, from: request, limit: 64 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let id = Microcredential.ID(try context.parameters.require("id"))
        guard let step = ListingReview.Step(rawValue: form.step ?? "") else {
            throw ValidationFailure([.init(field: "step", message: "must be submit, approve, return or withdraw")])
        }
        _ = try await registrar.review(step, id, reasons: form.reasons, by: context.account)
        return .redirect(to: SiteURL.microcredential(id).path, type: .normal)
    }

    struct SectionRow {
        let title: String
        let conforms: Bool
        let elements: [ElementRow]

        init(_ section: ConformanceReport.Section, _ words: Words) {
            title = section.rule.title
            conforms = section.conforms
            elements = section.elements.map {
                ElementRow(
                    element: $0.element, outcome: $0.outcome.rawValue, outcomeLabel: words(Labels.outcome($0.outcome)),
                    explanation: $0.explanation)
            }
        }
    }

    struct ElementRow {
        let element: String
        let outcome: String
        let outcomeLabel: String
        let explanation: String
    }

    struct ReferenceModel: PageModel {
        static let template = "reference"
        let title: String
        let groups: [Group]
    }

    struct Group {
        let kind: String
        let documents: [DocumentRow]
    }

    struct DocumentRow {
        let id: String
        let title: String
        let source: String
        let asOf: String
        let confirmed: String
        let isConfirmed: Bool
        let historyLink: String?
    }

    func reference(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        func row(_ id: String, _ title: String, _ provenance: Provenance, _ subject: AuditSubject) -> DocumentRow {
            DocumentRow(
                id: id, title: title, source: provenance.source ?? "", asOf: provenance.asOf ?? "",
                confirmed: words(Labels.confirmation(provenance.confirmed)),
                isConfirmed: provenance.confirmed.isConfirmed,
                historyLink: context.account.may(.readAuditLog) ? SiteURL.audit(subject: subject).path : nil)
        }
        let conventions = try await reference.conventions()
        let parties = conventions.flatMap { convention in
            convention.parties.map { party in
                row(
                    "\(convention.id):\(party.country)",
                    words(
                        "{state}: {instrument}, deposited {date}",
                        [
                            "state": party.state, "instrument": party.instrument?.rawValue ?? words("instrument not known"),
                            "date": party.depositDate ?? words("date not known"),
                        ]),
                    party.provenance, .init(.stateParty, "\(convention.id):\(party.country)"))
            }
        }
        let groups = [
            Group(
                kind: words("Conventions"),
                documents: conventions.map { row($0.id.rawValue, $0.shortName, $0.provenance, .init(.convention, $0.id.rawValue)) }),
            Group(kind: words("States parties"), documents: parties),
            Group(
                kind: words("National Information Centres"),
                documents: try await reference.nics().map {
                    row(
                        $0.id.rawValue, $0.body ?? words("{country}: name not known", ["country": $0.countryName]), $0.provenance,
                        .init(.nic, $0.id.rawValue))
                }),
            Group(
                kind: words("Referencing statements"),
                documents: try await reference.referencing().map {
                    row(
                        $0.id.rawValue, "\($0.from) → \($0.to)" + ($0.pairs.isEmpty ? " (\(words("no level table read")))" : ""), $0.provenance,
                        .init(.referencing, $0.id.rawValue))
                }),
            Group(
                kind: words("Microcredential rules"),
                documents: try await reference.rules().map { row($0.id, $0.title, $0.provenance, .init(.referenceData, $0.id)) }),
        ]
        return try pages.render(ReferenceModel(title: words("Reference data"), groups: groups), context: context)
    }

    static func queryString(_ parameters: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }

    /// Every match of a search (up to the count limit), as CSV: the import columns plus provider, status and QA.
    func exportCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        var query = try RegistryQuery(parameters: try request.queryDictionary)
        query.pageSize = RegistryQuery.maxPageSize
        var text = CSV.line(MicrocredentialInput.csvColumns + ["provider_name", "country", "provider_qa_status"])
        for page in 1...(RegistryQuery.countLimit / RegistryQuery.maxPageSize) {
            query.page = page
            let result = try await registrar.search(query, by: context.account)
            for hit in result.items {
                let item = hit.microcredential
                let fields: [String] = [
                    item.id.rawValue, item.providerID.rawValue, item.title, item.learningOutcomes.joined(separator: "|"),
                    item.level?.framework.rawValue ?? "", item.level.map { String($0.level) } ?? "", item.credits.map(Self.number) ?? "",
                    item.notionalHours.map(Self.number) ?? "", item.assessment ?? "", item.mode?.rawValue ?? "", item.qaType ?? "",
                    item.language ?? "", item.prerequisites.joined(separator: "|"), item.stackableInto.joined(separator: "|"),
                    item.validityMonths.map(String.init) ?? "", item.status.rawValue, hit.providerName, hit.country, hit.qaStatus.rawValue,
                ]
                text += CSV.line(fields)
            }
            if page >= result.pageCount { break }
        }
        return Self.csvResponse(text, filename: "microcredentials.csv")
    }

    /// A listing's conformance report as CSV: rule, element, outcome, why.
    func conformanceCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detail = try await registrar.detail(.init(try context.parameters.require("id")), by: context.account)
        var text = CSV.line(["microcredential", "rule", "element", "outcome", "explanation"])
        for section in detail.conformance.sections {
            for element in section.elements {
                text += CSV.line([
                    detail.microcredential.id.rawValue, section.rule.title, element.element, element.outcome.rawValue, element.explanation,
                ])
            }
        }
        return Self.csvResponse(text, filename: "\(detail.microcredential.id.rawValue)-conformance.csv")
    }

    static func csvResponse(_ text: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
