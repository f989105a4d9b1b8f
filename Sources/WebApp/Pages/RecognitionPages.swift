import AccordServices
import Credentials
import Foundation
import Hummingbird
import Mustache
import RecognitionCore

/// Recognition in the browser: a learner's cases and the application form, a NIC's queue (age, due date, overdue,
/// filters) and its figures; one case with its evidence and steps (RecognitionPages+Case.swift).
struct RecognitionPages {
    let desk: RecognitionDesk
    let reference: ReferenceDesk
    let record: LearnerRecordDesk
    let registrar: Registrar
    let clock: any Clock
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/recognition", use: list)
        router.get("/recognition/apply", use: applyForm)
        router.post("/recognition/apply", use: apply)
        router.get("/recognition/statistics", use: statistics)
        router.post("/recognition/statistics", use: setTarget)
        router.get("/recognition/cases/:id", use: show)
        for step in CaseStep.allCases {
            router.post("/recognition/cases/:id/\(step.rawValue)") { request, context in try await self.step(step, request, context: context) }
        }
        router.get("/recognition/statements/:id", use: statement)
        router.post("/recognition/cases/:id/documents", use: attach)
        router.get("/recognition/cases/:id/documents/:document", use: download)
    }

    // MARK: the list or queue

    struct ListModel: PageModel {
        static let template = "recognition"
        let title: String
        let isLearner: Bool
        let isNIC: Bool
        let rows: [Row]
        let hasRows: Bool
        /// "10000+" when counting stopped at its cap.
        let total: String
        let states: [RegistryPages.Option]
        let overdue: Bool
        /// "overdue", translated once for every row.
        let overdueLabel: String
        let country: String
        let previous: String?
        let next: String?
        /// An evaluator's search of their NIC's earlier decisions by credential title.
        let precedentQuery: String
        let precedents: [PrecedentView]
        let searchedPrecedents: Bool
    }

    struct Row {
        let link: String
        let title: String
        let applicant: String
        let nic: String
        let state: String
        let origin: String
        let submitted: String
        let age: String
        let due: String
        let overdue: Bool
        let outcome: String?
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { return Response.redirect(to: SiteURL.login(next: SiteURL.recognition.path).path, type: .normal) }
        let words = context.words
        let parameters = request.uri.queryParameters
        var query = CaseQuery(pageSize: 50)
        let state = parameters["state"].map(String.init) ?? ""
        if let name = CaseWorkflow.Name(rawValue: state) { query.states = [name] }
        let overdue = parameters["overdue"] == "true"
        if overdue { query.overdueAt = clock.now }
        let country = String((parameters["country"].map(String.init) ?? "").prefix(2)).uppercased()
        if country.count == 2 { query.originCountry = country }
        query.page = max(1, min(Int(parameters["page"].map(String.init) ?? "") ?? 1, 10_000))
        let page = try await desk.cases(query, by: account)
        let now = clock.now
        let rows = page.items.map { summary in
            let line = CaseLine(summary, now: now)
            return Row(
                link: SiteURL.recognitionCase(summary.id).path, title: summary.title, applicant: summary.applicantName, nic: summary.nic.rawValue,
                state: words(Labels.caseState(summary.state)), origin: summary.originCountry ?? "–", submitted: summary.submittedAt?.isoDay ?? "–",
                age: line.ageDays.map { words("{days} days", ["days": "\($0)"]) } ?? "–", due: summary.dueAt?.isoDay ?? "–", overdue: line.overdue,
                outcome: summary.outcome.map { words(Labels.outcome($0)) })
        }
        func link(_ number: Int) -> String {
            var items = ["page=\(number)"]
            if !state.isEmpty { items.append("state=\(state)") }
            if overdue { items.append("overdue=true") }
            if country.count == 2 { items.append("country=\(country)") }
            return SiteURL.recognition.path + "?" + items.joined(separator: "&")
        }
        let states =
            [RegistryPages.Option(value: "", label: words("any state"), selected: state.isEmpty)]
            + CaseWorkflow.Name.allCases.map { .init(value: $0.rawValue, label: words(Labels.caseState($0)), selected: $0.rawValue == state) }
        let isLearner = account.role.kind == .learner
        // A form's GET writes spaces as '+', which the query parameters keep (a typed '+' arrives as %2B, decoded
        // to '+' as well: titles with a plus sign are searched for a space there).
        let precedentQuery = String((parameters["precedents"].map(String.init) ?? "").replacingOccurrences(of: "+", with: " ").prefix(200))
        var precedents: [PrecedentView] = []
        if case .evaluator(let nic) = account.role, !precedentQuery.trimmingCharacters(in: .whitespaces).isEmpty {
            precedents = try await desk.precedents(at: nic, matching: precedentQuery, by: account).map {
                PrecedentView(
                    link: SiteURL.recognitionCase($0.caseID).path, title: $0.title, outcome: words(Labels.outcome($0.outcome)),
                    decided: $0.decidedAt.isoDay)
            }
        }
        return try pages.render(
            ListModel(
                title: isLearner ? words("My recognition applications") : words("Recognition cases"), isLearner: isLearner,
                isNIC: account.role.kind == .evaluator, rows: rows, hasRows: !rows.isEmpty,
                total: page.totalIsCapped ? "\(page.total)+" : "\(page.total)", states: states, overdue: overdue,
                overdueLabel: words("overdue"), country: country, previous: page.page > 1 ? link(page.page - 1) : nil,
                next: page.page * page.pageSize < page.total ? link(page.page + 1) : nil, precedentQuery: precedentQuery,
                precedents: precedents, searchedPrecedents: !precedentQuery.isEmpty),
            context: context)
    }

    // MARK: applying

    struct ApplyModel: PageModel {
        static let template = "recognition-apply"
        let title: String
        let isLearner: Bool
        let nics: [RegistryPages.Option]
        let purposes: [RegistryPages.Option]
        let kinds: [RegistryPages.Option]
        let entries: [EntryOption]
        let hasEntries: Bool
        let frameworks: [RegistryPages.Option]
        let described: [Int]
        let error: String?
    }

    struct EntryOption {
        let id: String
        let title: String
        let issuer: String
    }

    func applyForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderApply(context: context, error: nil)
    }

    func renderApply(context: AppRequestContext, error: String?) async throws -> Response {
        guard let account = context.account else {
            return Response.redirect(to: SiteURL.login(next: SiteURL.recognitionApply.path).path, type: .normal)
        }
        let words = context.words
        var nics = try await reference.nics()
        if case .evaluator(let own) = account.role { nics = nics.filter { $0.id == own } }
        let isLearner = account.role.kind == .learner
        if !isLearner { try context.account.authorize(.assessRecognition(at: nics.first?.id ?? "none")) }
        let entries = isLearner ? try await record.entries(by: account).filter { !$0.entry.hidden }.map(\.entry) : []
        return try pages.render(
            ApplyModel(
                title: words("Apply for recognition"), isLearner: isLearner,
                nics: nics.map { .init(value: $0.id.rawValue, label: "\($0.countryName): \($0.body ?? $0.id.rawValue)", selected: false) },
                purposes: RecognitionCase.Purpose.allCases.map { .init(value: $0.rawValue, label: words(Labels.purpose($0)), selected: false) },
                kinds: RecognitionCase.Kind.allCases.map { .init(value: $0.rawValue, label: words(Labels.caseKind($0)), selected: false) },
                entries: entries.map { .init(id: $0.id.rawValue, title: $0.title, issuer: $0.issuerName ?? $0.issuer) }, hasEntries: !entries.isEmpty,
                frameworks: [.init(value: "", label: words("none stated"), selected: true)]
                    + (try await registrar.frameworks()).map { .init(value: $0.id.rawValue, label: "\($0.name) (\($0.id))", selected: false) },
                described: [1, 2], error: error),
            context: context)
    }

    /// The form's fields: record entries, a pasted credential, up to two described credentials (`d1_…`, `d2_…`).
    struct ApplyForm: Decodable {
        var csrf: String?
        var nic: String?
        var purpose: String?
        var kind: String?
        var applicantName: String?
        var applicantEmail: String?
        var note: String?
        var entries: [String]?
        var credential: String?
        var described: [String: String] = [:]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            func text(_ name: String) throws -> String? { try container.decodeIfPresent(String.self, forKey: Key(stringValue: name)) }
            csrf = try text("_csrf")
            nic = try text("nic")
            purpose = try text("purpose")
            kind = try text("kind")
            applicantName = try text("applicant_name")
            applicantEmail = try text("applicant_email")
            note = try text("note")
            entries = try container.decodeIfPresent([String].self, forKey: Key(stringValue: "entries"))
            credential = try text("credential")
            for key in container.allKeys where key.stringValue.hasPrefix("d1_") || key.stringValue.hasPrefix("d2_") {
                described[key.stringValue] = try container.decode(String.self, forKey: key)
            }
        }
    }

    func apply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ApplyForm.self, from: request, limit: 1 << 20)
        try Forms.requireCSRF(form.csrf, context)
        var items = (form.entries ?? []).map { RecognitionDesk.ItemInput(recordEntry: $0) }
        if let credential = Forms.present(form.credential) { items.append(.init(credential: credential)) }
        for prefix in ["d1_", "d2_"] {
            func field(_ name: String) -> String? { Forms.present(form.described[prefix + name]) }
            guard let title = field("title") else { continue }
            items.append(
                .init(
                    title: title, awardedBy: field("awarded_by"), country: field("country"), framework: field("framework"),
                    level: field("level").flatMap { Int($0) }, credits: field("credits").flatMap { Double($0) }, issuedOn: field("issued_on"),
                    description: field("description")))
        }
        guard let purpose = RecognitionCase.Purpose(rawValue: form.purpose ?? ""), let kind = RecognitionCase.Kind(rawValue: form.kind ?? "") else {
            return try await renderApply(context: context, error: context.words("Choose a purpose and a kind of recognition."))
        }
        let input = RecognitionDesk.ApplicationInput(
            nic: form.nic ?? "", purpose: purpose, kind: kind, applicantName: Forms.present(form.applicantName),
            applicantEmail: Forms.present(form.applicantEmail), note: Forms.present(form.note), items: items)
        do {
            let created = try await desk.apply(input, by: context.account)
            return Response.redirect(to: SiteURL.recognitionCase(created.id).path, type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderApply(context: context, error: failure.issues.map(\.description).joined(separator: "; "))
        }
    }

    // MARK: a NIC's figures

    struct StatisticsModel: PageModel {
        static let template = "recognition-statistics"
        let title: String
        let nic: String
        let nics: [RegistryPages.Option]
        let hasNICs: Bool
        let targetDays: Int
        let rows: [Row]
        let csvLink: String
        let canSetTarget: Bool

        struct Row {
            let country: String
            let received: Int
            let decided: Int
            let open: Int
            let overdue: Int
            let median: String
            let outcomes: String
            let isTotal: Bool
        }
    }

    func statistics(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else {
            return Response.redirect(to: SiteURL.login(next: SiteURL.recognitionStatistics.path).path, type: .normal)
        }
        let words = context.words
        let all = try await reference.nics()
        let nic = Self.nicInView(request, account: account, all: all)
        let figures = try await desk.statistics(of: nic, by: account)
        if request.uri.queryParameters["format"] == "csv" {
            var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: figures.csv)))
            response.headers[.contentType] = "text/csv; charset=utf-8"
            response.headers[.contentDisposition] = "attachment; filename=\"recognition-\(nic.rawValue).csv\""
            return response
        }
        let rows = (figures.countries + [figures.total]).map { row in
            StatisticsModel.Row(
                country: row.country == "all" ? words("All countries") : row.country, received: row.received, decided: row.decided, open: row.open,
                overdue: row.overdue, median: row.medianDays.map { Span.number($0) } ?? "–",
                outcomes: row.outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
                isTotal: row.country == "all")
        }
        return try pages.render(
            StatisticsModel(
                title: words("Recognition figures"), nic: nic.rawValue,
                nics: Self.nicOptions(all, chosen: nic, for: account), hasNICs: account.role.kind == .admin, targetDays: figures.targetDays,
                rows: rows,
                csvLink: SiteURL.recognitionStatistics.path + "?nic=\(nic.rawValue)&format=csv", canSetTarget: true),
            context: context)
    }

    /// The NIC a page about one NIC shows: an evaluator's own; for others the `nic` query's, else the first.
    static func nicInView(_ request: Request, account: Account, all: [NIC]) -> NIC.ID {
        if case .evaluator(let own) = account.role { return own }
        return NIC.ID(request.uri.queryParameters["nic"].map(String.init) ?? all.first?.id.rawValue ?? "")
    }

    /// The NIC picker an admin gets on such a page (others see their own NIC only).
    static func nicOptions(_ all: [NIC], chosen: NIC.ID, for account: Account) -> [RegistryPages.Option] {
        guard account.role.kind == .admin else { return [] }
        return all.map { .init(value: $0.id.rawValue, label: "\($0.countryName): \($0.body ?? $0.id.rawValue)", selected: $0.id == chosen) }
    }

    struct TargetForm: Decodable {
        var csrf: String?
        var nic: String?
        var targetDays: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case nic
            case targetDays = "target_days"
        }
    }

    func setTarget(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(TargetForm.self, from: request, limit: 4 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let nic = NIC.ID(form.nic ?? "")
        try await desk.setTargetDays(Int(form.targetDays ?? "") ?? 0, of: nic, by: context.account)
        return Response.redirect(to: SiteURL.recognitionStatistics.path + "?nic=\(nic.rawValue)", type: .normal)
    }
}

// Named lookups: the queue renders 50 rows per request, and Mustache's reflection over every field costs more than
// the query (STACK-NOTES: the record page went from 173 to 45 ms p99 this way).
extension RecognitionPages.ListModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "isLearner": isLearner
        case "isNIC": isNIC
        case "rows": rows
        case "hasRows": hasRows
        case "total": total
        case "states": states
        case "overdue": overdue
        case "overdueLabel": overdueLabel
        case "country": country
        case "previous": previous
        case "next": next
        case "precedentQuery": precedentQuery
        case "precedents": precedents
        case "searchedPrecedents": searchedPrecedents
        default: nil
        }
    }
}

extension RecognitionPages.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "link": link
        case "title": title
        case "applicant": applicant
        case "nic": nic
        case "state": state
        case "origin": origin
        case "submitted": submitted
        case "age": age
        case "due": due
        case "overdue": overdue
        case "outcome": outcome
        default: nil
        }
    }
}

extension RegistryPages.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}
