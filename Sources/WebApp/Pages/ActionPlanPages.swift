import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/action-plans`: each country's items, overdue ones marked; focal points keep their own country's plan, admins
/// any, the network's members read them all.
struct ActionPlanPages {
    let desk: NetworkDesk
    let reference: ReferenceDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/action-plans", use: actionPlans)
        router.post("/action-plans", use: addItem)
        router.post("/action-items/:id", use: updateItem)
    }

    struct PlansModel: PageModel {
        static let template = "action-plans"
        let title: String
        let countries: [RegistryPages.Option]
        let statuses: [RegistryPages.Option]
        let overdueOnly: Bool
        let rows: [ItemRow]
        let chart: String
        let overdueCount: Int
        let addAction: String?
        let addCountries: [RegistryPages.Option]
        let error: String?
    }

    struct ItemRow {
        let item: ActionItem
        let countryLink: String
        let status: String
        let overdue: Bool
        let editAction: String?
        let statusOptions: [RegistryPages.Option]
    }

    func actionPlans(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderPlans(request, context: context, error: nil, status: .ok)
    }

    func renderPlans(_ request: Request, context: AppRequestContext, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let words = context.words
        let query = request.uri.queryParameters
        let country = query["country"].map(String.init).flatMap(Forms.present)?.uppercased()
        let wanted = query["status"].map(String.init).flatMap(ActionItem.Status.init(rawValue:))
        let overdueOnly = query["overdue"] == "1"
        let all = try await desk.actionItems(country: nil, by: context.account)
        let shown = all.filter { view in
            (country == nil || view.item.country == country) && (wanted == nil || view.item.status == wanted) && (!overdueOnly || view.overdue)
        }
        let known = ReferenceDesk.countryNames(conventions: try await reference.conventions(), nics: try await reference.nics())
        let codes = Set(all.map(\.item.country))
        let countryOptions =
            [RegistryPages.Option(value: "", label: words("Every country"), selected: country == nil)]
            + known.filter { codes.contains($0.code) }.map { .init(value: $0.code, label: "\($0.name) (\($0.code))", selected: $0.code == country) }
        let statusOptions =
            [RegistryPages.Option(value: "", label: words("Any status"), selected: wanted == nil)]
            + ActionItem.Status.allCases.map { .init(value: $0.rawValue, label: words(Self.statusLabel($0)), selected: $0 == wanted) }
        var addCountries: [RegistryPages.Option] = []
        if context.account.may(.editReferenceData) {
            addCountries = known.map { .init(value: $0.code, label: "\($0.name) (\($0.code))", selected: false) }
        } else if case .focalPoint(let own)? = context.account?.role {
            addCountries = [.init(value: own, label: known.first { $0.code == own }?.name ?? own, selected: true)]
        }
        let byStatus = ActionItem.Status.allCases.map { status in (words(Self.statusLabel(status)), all.filter { $0.item.status == status }.count) }
        let rows = shown.map { view in
            ItemRow(
                item: view.item, countryLink: SiteURL.country(view.item.country).path, status: words(Self.statusLabel(view.item.status)),
                overdue: view.overdue, editAction: view.editable ? SiteURL.actionItem(view.item.id).path : nil,
                statusOptions: ActionItem.Status.allCases.map {
                    .init(value: $0.rawValue, label: words(Self.statusLabel($0)), selected: $0 == view.item.status)
                })
        }
        var response = try pages.render(
            PlansModel(
                title: words("Action plans"), countries: countryOptions, statuses: statusOptions, overdueOnly: overdueOnly, rows: rows,
                chart: SVGCharts.bars(byStatus, title: words("Action items by status"), id: "items-by-status"),
                overdueCount: all.filter(\.overdue).count, addAction: addCountries.isEmpty ? nil : SiteURL.actionPlans.path,
                addCountries: addCountries, error: error),
            context: context)
        response.status = status
        return response
    }

    static func statusLabel(_ status: ActionItem.Status) -> Phrase {
        switch status {
        case .planned: Phrase("planned")
        case .inProgress: Phrase("in progress")
        case .done: Phrase("done")
        case .cancelled: Phrase("cancelled")
        }
    }

    struct ItemForm: Decodable {
        var csrf: String?
        var country: String?
        var title: String?
        var owner: String?
        var due: String?
        var status: String?
        var assistance: String?
        var meeting: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case country, title, owner, due, status, assistance, meeting
        }

        var input: NetworkDesk.ActionItemInput {
            NetworkDesk.ActionItemInput(
                country: Forms.present(country), title: title ?? "", owner: Forms.present(owner), due: Forms.present(due),
                status: status.flatMap(ActionItem.Status.init(rawValue:)), assistance: Forms.present(assistance),
                meeting: Forms.present(meeting).map { Meeting.ID($0) })
        }
    }

    func addItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ItemForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        do {
            let item = try await desk.add(form.input, by: context.account)
            return Response.redirect(to: SiteURL.actionPlans.path + "?country=\(item.country)", type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderPlans(
                request, context: context, error: failure.issues.map(\.description).joined(separator: "; "), status: .badRequest)
        }
    }

    func updateItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ItemForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        do {
            let item = try await desk.update(.init(try context.parameters.require("id")), with: form.input, by: context.account)
            return Response.redirect(to: SiteURL.actionPlans.path + "?country=\(item.country)", type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderPlans(
                request, context: context, error: failure.issues.map(\.description).joined(separator: "; "), status: .badRequest)
        }
    }
}
