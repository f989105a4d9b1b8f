import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/conventions`, one convention and `/countries/:code`: the recorded facts beside the dates Accord computes from the
/// deposits, the records that disagree, the parties over time as a chart, and the admin's forms (each edit with its
/// source, into the audit log).
struct ConventionPages {
    let reference: ReferenceDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/conventions", use: list)
        router.get("/conventions/:id", use: show)
        router.get("/conventions/:id/parties.csv", use: partiesCSV)
        router.post("/conventions/:id/rule", use: saveRule)
        router.post("/conventions/:id/parties", use: saveParty)
        router.get("/countries/:code", use: country)
        router.get("/nics", use: directory)
    }

    // MARK: the list

    struct ListModel: PageModel {
        static let template = "conventions"
        let title: String
        let rows: [Row]
    }

    struct Row {
        let link: String
        let name: String
        let adopted: String
        let recorded: String
        let computed: String
        let check: String
        let agrees: Bool
        let parties: Int
        let flags: Int
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let rows = try await reference.reports().map { report in
            Row(
                link: SiteURL.convention(report.convention.id).path, name: report.convention.shortName,
                adopted: report.convention.adopted?.date ?? "", recorded: report.entryIntoForce.recorded ?? "",
                computed: report.entryIntoForce.date ?? words("not computed"), check: words(Self.checkLabel(report.entryIntoForce.check)),
                agrees: report.entryIntoForce.check == "agrees", parties: report.parties.count, flags: report.entryIntoForce.flags.count)
        }
        return try pages.render(ListModel(title: words("Conventions"), rows: rows), context: context)
    }

    static func checkLabel(_ check: String) -> Phrase {
        switch check {
        case "agrees": Phrase("agrees with the record")
        case "disagrees": Phrase("disagrees with the record")
        default: Phrase("not checked")
        }
    }

    // MARK: one convention

    struct ShowModel: PageModel {
        static let template = "convention"
        let title: String
        let convention: Convention
        let rule: String
        let computable: String
        let computed: String
        let recorded: String
        let check: String
        let agrees: Bool
        let disagrees: Bool
        let explanation: String
        let reason: String?
        let reliesOn: String?
        let flags: [FlagRow]
        let hasFlags: Bool
        let chart: String
        let timeline: [ConventionReport.TimelinePoint]
        let undated: String?
        let parties: [PartyRow]
        let csvLink: String
        let jsonLink: String
        let historyLink: String?
        let editor: Editor?
        let error: String?
    }

    struct FlagRow {
        let subject: String
        let recorded: String
        let computed: String
    }

    struct PartyRow {
        let country: String
        let countryLink: String
        let state: String
        let instrument: String
        let deposit: String
        let basis: String
        let recorded: String
        let computed: String
        let check: String
        let agrees: Bool
        let disagrees: Bool
        let reason: String?
        let founding: Bool
        let withdrawn: String?
    }

    /// The admin's forms: the rule, and one party (added or replaced by its country code).
    struct Editor {
        let ruleAction: String
        let partyAction: String
        let instruments: String
        let delayMonths: String
        let fromFirstOfNextMonth: Bool
        let inForceDate: String
        let instrumentKinds: [RegistryPages.Option]
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try context.parameters.require("id"), error: nil, status: .ok, context: context)
    }

    func render(_ id: String, error: String?, status: HTTPResponse.Status, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let report = try await reference.report(.init(id))
        let convention = report.convention
        let rule = convention.entryIntoForce
        let computed = report.entryIntoForce
        let computable: String =
            if let months = rule.delayMonths, let n = rule.instrumentsRequired, rule.fromFirstOfNextMonth {
                words(
                    "{n} instruments; in force on the first day of the month after {months} month(s) from the deposit",
                    ["n": String(n), "months": String(months)])
            } else if let months = rule.delayMonths, let n = rule.instrumentsRequired {
                words("{n} instruments; in force {months} month(s) after the deposit", ["n": String(n), "months": String(months)])
            } else {
                words("not recorded in a form Accord computes with")
            }
        let chart = SVGCharts.parties(
            report, title: words("Parties to the {convention} over time", ["convention": convention.shortName]),
            description: words(
                "{count} parties placed on the timeline; the table below lists each date.", ["count": String(report.timeline.count)]),
            id: "parties-chart")
        let editor: Editor? =
            context.account.may(.editReferenceData)
            ? Editor(
                ruleAction: SiteURL.editConvention(convention.id).path, partyAction: SiteURL.editParty(convention.id).path,
                instruments: rule.instrumentsRequired.map(String.init) ?? "", delayMonths: rule.delayMonths.map(String.init) ?? "",
                fromFirstOfNextMonth: rule.fromFirstOfNextMonth, inForceDate: convention.inForceDate ?? "",
                instrumentKinds: [RegistryPages.Option(value: "", label: words("not known"), selected: true)]
                    + StateParty.Instrument.allCases.map { .init(value: $0.rawValue, label: $0.rawValue, selected: false) })
            : nil
        let model = ShowModel(
            title: convention.shortName, convention: convention, rule: rule.delay ?? words("not recorded"), computable: computable,
            computed: computed.date ?? words("not computed"), recorded: computed.recorded ?? words("not recorded"),
            check: words(Self.checkLabel(computed.check)), agrees: computed.check == "agrees", disagrees: computed.check == "disagrees",
            explanation: computed.explanation, reason: computed.reason,
            reliesOn: computed.reliesOn.isEmpty ? nil : computed.reliesOn.joined(separator: ", "),
            flags: computed.flags.map { FlagRow(subject: $0.subject, recorded: $0.recorded, computed: $0.computed) },
            hasFlags: !computed.flags.isEmpty, chart: chart, timeline: report.timeline,
            undated: report.undated.isEmpty ? nil : report.undated.joined(separator: ", "),
            parties: report.parties.map { party in
                PartyRow(
                    country: party.country, countryLink: SiteURL.country(party.country).path, state: party.state,
                    instrument: party.instrument?.rawValue ?? "", deposit: party.deposit,
                    basis: words(Self.basisLabel(party.depositBasis)), recorded: party.recordedEffective ?? "",
                    computed: party.computedEffective ?? "",
                    check: words(Self.checkLabel(party.check)), agrees: party.check == "agrees", disagrees: party.check == "disagrees",
                    reason: party.reason, founding: party.founding, withdrawn: party.withdrawn)
            },
            csvLink: SiteURL.conventionCSV(convention.id).path, jsonLink: "/api/v1/conventions/\(convention.id.rawValue)/report",
            historyLink: context.account.may(.readAuditLog) ? SiteURL.audit(subject: .init(.convention, convention.id.rawValue)).path : nil,
            editor: editor, error: error)
        var response = try pages.render(model, context: context)
        response.status = status
        return response
    }

    static func basisLabel(_ basis: String) -> Phrase {
        switch basis {
        case "recorded": Phrase("recorded")
        case "bounded": Phrase("bounded")
        case "inferred": Phrase("inferred from the effective date")
        default: Phrase("not known")
        }
    }

    func partiesCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let report = try await reference.report(.init(try context.parameters.require("id")))
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(report.convention.id.rawValue)-parties.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: report.csv)))
    }

    // MARK: the admin's forms

    struct RuleForm: Decodable {
        var csrf: String?
        var instrumentsRequired: String?
        var delayMonths: String?
        var fromFirstOfNextMonth: String?
        var inForceDate: String?
        var source: String?
        var asOf: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case instrumentsRequired = "instruments_required"
            case delayMonths = "delay_months"
            case fromFirstOfNextMonth = "from_first_of_next_month"
            case inForceDate = "in_force_date"
            case source
            case asOf = "as_of"
        }
    }

    func saveRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(RuleForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        let id = try context.parameters.require("id")
        func number(_ text: String?) -> Int?? {
            guard let text = Forms.present(text) else { return .some(nil) }
            return Int(text.trimmingCharacters(in: .whitespaces)).map { .some($0) }
        }
        guard case .some(let instruments) = number(form.instrumentsRequired), case .some(let months) = number(form.delayMonths) else {
            return try await render(id, error: context.words("Instruments and months are whole numbers."), status: .badRequest, context: context)
        }
        let edit = ReferenceDesk.ConventionEdit(
            instrumentsRequired: instruments, delayMonths: months, fromFirstOfNextMonth: form.fromFirstOfNextMonth == "on",
            inForceDate: form.inForceDate?.trimmingCharacters(in: .whitespaces) ?? "", source: Forms.present(form.source),
            asOf: Forms.present(form.asOf))
        do {
            _ = try await reference.save(edit, of: .init(id), by: context.account)
            return Response.redirect(to: SiteURL.convention(.init(id)).path, type: .normal)
        } catch let failure as ValidationFailure {
            return try await render(id, error: failure.issues.map(\.description).joined(separator: "; "), status: .badRequest, context: context)
        }
    }

    struct PartyForm: Decodable {
        var csrf: String?
        var fields: [String: String]

        static let names = [
            "country", "state", "instrument", "deposit_date", "deposit_not_before", "deposit_not_after", "effective_date",
            "withdrawal_effective", "note", "source", "as_of",
        ]

        init(from decoder: any Decoder) throws {
            let (csrf, values) = try FieldName.fields(Self.names, from: decoder)
            self.csrf = csrf
            fields = values.compactMapValues { Forms.present($0)?.trimmingCharacters(in: .whitespaces) }
        }
    }

    func saveParty(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(PartyForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        let id = try context.parameters.require("id")
        let field = { (name: String) in form.fields[name] }
        guard field("instrument").map({ StateParty.Instrument(rawValue: $0) != nil }) ?? true else {
            return try await render(id, error: context.words("Choose a kind of instrument."), status: .badRequest, context: context)
        }
        let deposit = field("deposit_date")
        let precision: StateParty.DatePrecision? = deposit.map { $0.count == 4 ? .year : $0.count == 7 ? .month : .day }
        let party = StateParty(
            state: field("state") ?? "", country: (field("country") ?? "").uppercased(),
            instrument: field("instrument").flatMap(StateParty.Instrument.init),
            depositDate: deposit, datePrecision: precision, depositNotBefore: field("deposit_not_before"),
            depositNotAfter: field("deposit_not_after"), effectiveDate: field("effective_date"),
            withdrawalEffective: field("withdrawal_effective"), note: field("note"),
            provenance: Provenance(source: field("source"), asOf: field("as_of"), confirmed: .unconfirmed))
        do {
            _ = try await reference.save(party, of: .init(id), by: context.account)
            return Response.redirect(to: SiteURL.convention(.init(id)).path, type: .normal)
        } catch let failure as ValidationFailure {
            return try await render(id, error: failure.issues.map(\.description).joined(separator: "; "), status: .badRequest, context: context)
        }
    }
}
