import AccordServices
import Credentials
import Foundation
import Hummingbird
import RecognitionCore

/// Provider and framework pages: what a listing links to, with its sources as links.
struct DirectoryPages {
    let registrar: Registrar
    let reference: ReferenceDesk
    let issuers: IssuerDesk
    let issuing: IssuingDesk
    let batches: BatchDesk
    let status: StatusDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/providers", use: providers)
        router.get("/providers/:id", use: provider)
        router.post("/providers/:id/issuer-keys", use: createKey)
        router.post("/issuer-keys/:id/compromised", use: markCompromised)
        router.post("/credentials/:id/status", use: changeStatus)
        router.get("/providers/:id/credentials.csv", use: issuedCSV)
        router.get("/frameworks", use: frameworks)
        router.get("/frameworks/:id", use: framework)
    }

    /// A link target that is safe to put in an `href`: http(s) only, never `javascript:` or a data URL.
    static func webLink(_ text: String?) -> String? {
        guard let text, text.hasPrefix("https://") || text.hasPrefix("http://"), text.count <= 2_000 else { return nil }
        return text
    }

    struct ProvidersModel: PageModel {
        static let template = "providers"
        let title: String
        let rows: [ProviderRow]
    }

    struct ProviderRow {
        let link: String
        let name: String
        let country: String
        let qaStatus: String
    }

    func providers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let country = request.uri.queryParameters["country"].map { String($0).uppercased() }
        let rows = try await registrar.providers().filter { country == nil || $0.country == country }.map {
            ProviderRow(
                link: SiteURL.provider($0.id).path, name: $0.name, country: $0.country, qaStatus: context.words(Labels.qaStatus($0.qa.status)))
        }
        return try pages.render(ProvidersModel(title: context.words("Providers"), rows: rows), context: context)
    }

    struct ProviderModel: PageModel {
        static let template = "provider"
        let title: String
        let provider: Provider
        let kind: String
        let qa: String
        let qaGood: Bool
        let website: String?
        let source: String?
        let sourceText: String
        let confirmed: String
        let listings: [ListingRow]
        let total: String
        let searchLink: String
        let did: String
        let didDocument: String
        let keys: [KeyRow]
        let mayManageKeys: Bool
        let newKeyAction: String
        /// The provider's issued credentials, for its staff and admins (nil for everyone else).
        let issued: [IssuedRow]?
        /// Stored, not computed: templates read models by reflection, which sees stored properties only.
        let showIssued: Bool
        let issuedCSV: String
        /// The provider's issuance batches, newest first (staff and admins; empty for everyone else).
        let batches: [BatchRow]
        let hasBatches: Bool
        let filter: IssuedFilter
        /// This page with its filter: where a status change returns.
        let backLink: String
    }

    /// The search over the provider's issued credentials: text, batch, state.
    struct IssuedFilter {
        struct Choice {
            let value: String
            let label: String
            let selected: Bool
        }

        let action: String
        let text: String
        let batches: [Choice]
        let states: [Choice]
        /// A filter is applied (the table says so, and offers to clear it).
        let active: Bool

        /// The filter's parameters again, for the export link.
        static func queryString(_ parameters: [String: String]) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return ["q", "batch", "state"].compactMap { key in
                guard let value = parameters[key], !value.isEmpty else { return nil }
                return "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }.joined(separator: "&")
        }
    }

    struct IssuedRow {
        let id: String
        let name: String
        let listing: String
        let listingLink: String
        let issued: String
        let state: String
        let stateLabel: String
        let reason: String?
        let statusAction: String?
    }

    struct KeyRow {
        let id: String
        let didKey: String
        let state: String
        let stateLabel: String
        let created: String
        let compromisedFrom: String?
        let compromiseAction: String?
    }

    struct BatchRow {
        let link: String
        let id: String
        let listing: String
        let created: String
        let state: String
        let stateLabel: String
        let rows: Int
        let issued: Int
        let valid: Int
    }

    struct ListingRow {
        let link: String
        let title: String
        let titleLanguage: String
        let level: String
        let status: String
        let statusLabel: String
    }

    func provider(_ request: Request, context: AppRequestContext) async throws -> Response {
        let provider = try await registrar.provider(.init(try context.parameters.require("id")))
        let found = try await registrar.search(RegistryQuery(provider: provider.id, pageSize: RegistryQuery.maxPageSize), by: context.account)
        let words = context.words
        let mayManage = context.account.may(.manageIssuerKeys(of: provider.id))
        let qa = [
            words(Labels.qaStatus(provider.qa.status)), provider.qa.since.map { words("since {date}", ["date": $0]) },
            provider.qa.until.map { words("until {date}", ["date": $0]) },
        ].compactMap { $0 }.joined(separator: " ")
        let batches: [BatchRow]? =
            context.account.may(.issueCredentials(of: provider.id))
            ? try await self.batches.batches(of: provider.id, by: context.account).map { batch in
                BatchRow(
                    link: SiteURL.batch(batch.id).path, id: batch.id.rawValue, listing: batch.microcredential.rawValue,
                    created: batch.createdAt.isoDay, state: batch.state.rawValue, stateLabel: words(Labels.batchState(batch.state)),
                    rows: batch.rowCount, issued: batch.issuedCount, valid: batch.validCount)
            } : nil
        let mayIssue = context.account.may(.issueCredentials(of: provider.id))
        let parameters = try request.queryDictionary
        let filter = try IssuingParameters.credentialQuery(provider: provider.id.rawValue, parameters)
        let filterQuery = IssuedFilter.queryString(parameters)
        let issued: [IssuedRow]? =
            mayIssue
            ? try await issuing.credentials(matching: filter, by: context.account).map { credential in
                IssuedRow(
                    id: credential.id.rawValue, name: credential.recipientName, listing: credential.microcredential.rawValue,
                    listingLink: SiteURL.microcredential(credential.microcredential).path, issued: credential.issuedAt.isoDay,
                    state: credential.state.rawValue, stateLabel: words(Labels.credentialState(credential.state)), reason: credential.stateReason,
                    statusAction: credential.state == .revoked ? nil : SiteURL.credentialStatus(credential.id).path)
            } : nil
        let model = ProviderModel(
            title: provider.name, provider: provider, kind: words(Labels.kind(provider.kind)), qa: qa, qaGood: provider.qa.isInGoodStanding,
            website: Self.webLink(provider.website), source: Self.webLink(provider.provenance.source),
            sourceText: provider.provenance.source ?? words("not recorded"), confirmed: words(Labels.confirmation(provider.provenance.confirmed)),
            listings: found.items.map { hit in
                ListingRow(
                    link: SiteURL.microcredential(hit.microcredential.id).path, title: hit.microcredential.title,
                    titleLanguage: hit.microcredential.language ?? "und",
                    level: hit.microcredential.level.map { "\($0.framework) \($0.level)" } ?? "—", status: hit.microcredential.status.rawValue,
                    statusLabel: words(Labels.status(hit.microcredential.status)))
            },
            total: found.totalIsCapped ? "\(found.total)+" : String(found.total), searchLink: SiteURL.search(provider: provider.id).path,
            did: issuers.did(of: provider.id), didDocument: SiteURL.didDocument(provider.id).path,
            keys: try await issuers.keys(of: provider.id).map { key in
                KeyRow(
                    id: key.id.rawValue, didKey: key.didKey, state: key.state.rawValue, stateLabel: words(Labels.keyState(key.state)),
                    created: key.createdAt.isoDay, compromisedFrom: key.compromisedFrom?.isoDay,
                    compromiseAction: key.state == .compromised || !mayManage ? nil : SiteURL.compromisedIssuerKey(key.id).path)
            },
            mayManageKeys: mayManage, newKeyAction: SiteURL.newIssuerKey(provider.id).path,
            issued: issued, showIssued: issued != nil,
            issuedCSV: SiteURL.issuedCSV(provider.id, query: filterQuery).path, batches: batches ?? [],
            hasBatches: !(batches ?? []).isEmpty,
            filter: IssuedFilter(
                action: SiteURL.provider(provider.id).path, text: filter.text ?? "",
                batches: (batches ?? []).map { .init(value: $0.id, label: $0.id, selected: filter.batch?.rawValue == $0.id) },
                states: IssuedCredential.State.allCases.map { state in
                    .init(value: state.rawValue, label: words(Labels.credentialState(state)), selected: filter.state == state)
                }, active: filter.text != nil || filter.batch != nil || filter.state != nil),
            backLink: SiteURL.provider(provider.id).path
                + (filterQuery.isEmpty ? "" : "?" + filterQuery))
        return try pages.render(model, context: context)
    }

    struct FrameworksModel: PageModel {
        static let template = "frameworks"
        let title: String
        let frameworks: [FrameworkRow]
    }

    struct FrameworkRow {
        let link: String
        let framework: Framework
        let credit: String
        let confirmed: String
        let isConfirmed: Bool
        let levels: Int
    }

    static func credit(_ framework: Framework, _ words: Words) -> String {
        let hours = framework.credit?.hoursPerCredit.map {
            $0.lowerBound == $0.upperBound
                ? RegistryPages.number($0.lowerBound) : "\(RegistryPages.number($0.lowerBound))-\(RegistryPages.number($0.upperBound))"
        }
        return framework.credit?.unit.map { unit in
            hours.map { words("{unit} = {hours} notional hours", ["unit": unit, "hours": $0]) } ?? unit
        } ?? words("no credit standard")
    }

    func frameworks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rows = try await registrar.frameworks().map { framework in
            FrameworkRow(
                link: SiteURL.framework(framework.id).path, framework: framework, credit: Self.credit(framework, context.words),
                confirmed: context.words(Labels.confirmation(framework.provenance.confirmed)),
                isConfirmed: framework.provenance.confirmed.isConfirmed,
                levels: framework.levels.count)
        }
        return try pages.render(FrameworksModel(title: context.words("Qualifications frameworks"), frameworks: rows), context: context)
    }

    struct FrameworkModel: PageModel {
        static let template = "framework"
        let title: String
        let framework: Framework
        let credit: String
        let confirmed: String
        let source: String?
        let sourceText: String
        let referencing: [ReferencingRow]
        let searchLink: String
    }

    struct ReferencingRow {
        let other: String
        let otherLink: String
        let direction: String
        let pairs: String
        let date: String
        let source: String?
        let sourceText: String
        let confirmed: String
    }

    func framework(_ request: Request, context: AppRequestContext) async throws -> Response {
        let framework = try await registrar.framework(.init(try context.parameters.require("id")))
        let statements = try await reference.referencing().filter { $0.from == framework.id || $0.to == framework.id }
        let words = context.words
        let rows = statements.map { statement in
            let outgoing = statement.from == framework.id
            let other = outgoing ? statement.to : statement.from
            let pairs =
                statement.pairs.isEmpty
                ? words("level table not read")
                : statement.pairs.map { "\($0.from) → \($0.to.map(String.init) ?? words("no comparable level"))" }.joined(separator: ", ")
            return ReferencingRow(
                other: other.rawValue, otherLink: SiteURL.framework(other).path,
                direction: outgoing ? "\(framework.id) → \(other)" : "\(other) → \(framework.id)", pairs: pairs, date: statement.date ?? "",
                source: Self.webLink(statement.provenance.source), sourceText: statement.provenance.source ?? words("not recorded"),
                confirmed: words(Labels.confirmation(statement.provenance.confirmed)))
        }
        let model = FrameworkModel(
            title: framework.name, framework: framework, credit: Self.credit(framework, words),
            confirmed: words(Labels.confirmation(framework.provenance.confirmed)),
            source: Self.webLink(framework.provenance.source), sourceText: framework.provenance.source ?? words("not recorded"), referencing: rows,
            searchLink: SiteURL.search(framework: framework.id).path)
        return try pages.render(model, context: context)
    }

    struct CompromiseForm: Decodable {
        var csrf: String?
        var from: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case from
        }
    }

    /// Staff's button on their provider's page: a new active key (the previous one is retired).
    func createKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(CSRFOnlyForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let provider = Provider.ID(try context.parameters.require("id"))
        _ = try await issuers.createKey(for: provider, by: context.account)
        return .redirect(to: SiteURL.provider(provider).path + "#issuer-keys", type: .normal)
    }

    /// Staff's form: a key reported compromised from a day (its start, UTC).
    func markCompromised(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(CompromiseForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        guard let day = form.from, let from = DateTime.parse(day + "T00:00:00Z") else {
            throw ValidationFailure([.init(field: "from", message: "must be a date such as 2026-12-01")])
        }
        let key = try await issuers.markCompromised(.init(try context.parameters.require("id")), from: from, by: context.account)
        return .redirect(to: SiteURL.provider(key.provider).path + "#issuer-keys", type: .normal)
    }

    struct StatusForm: Decodable {
        var csrf: String?
        var action: String?
        var reason: String?
        /// The provider page (with its filter) to return to.
        var back: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case action, reason, back
        }
    }

    /// Staff's form on their provider's page: revoke, suspend or reinstate one credential, with the reason.
    func changeStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(StatusForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        guard let change = StatusDesk.Change(rawValue: form.action ?? "") else {
            throw ValidationFailure([.init(field: "action", message: "must be revoke, suspend or unsuspend")])
        }
        let credential = try await status.change(.init(try context.parameters.require("id")), change, reason: form.reason ?? "", by: context.account)
        // Back to the page the form was on (a filtered list), if it is this provider's page; else its page.
        let own = SiteURL.provider(credential.provider).path
        let back = SiteURL.localPath(form.back)
        return .redirect(to: back.hasPrefix(own + "?") || back == own ? back + "#issued" : own + "#issued", type: .normal)
    }

    /// The provider's issued credentials as CSV, for its staff and admins: who, what, when, how signed, and state.
    func issuedCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let provider = Provider.ID(try context.parameters.require("id"))
        var query = try IssuingParameters.credentialQuery(
            provider: provider.rawValue, try request.queryDictionary, limit: IssuedCredentialQuery.maxLimit)
        var text = CSV.line(["id", "learner", "recipient", "microcredential", "batch", "issued_at", "suite", "state", "reason"])
        // Every matching credential, a page at a time (the page shows the newest 200).
        while true {
            let page = try await issuing.credentials(matching: query, by: context.account)
            for credential in page {
                text += CSV.line([
                    credential.id.rawValue, credential.recipientName, credential.recipient.value, credential.microcredential.rawValue,
                    credential.batch?.rawValue ?? "", DateTime.format(credential.issuedAt), credential.suite.rawValue, credential.state.rawValue,
                    credential.stateReason ?? "",
                ])
            }
            guard page.count == query.limit else { break }
            query.offset += page.count
        }
        return RegistryPages.csvResponse(text, filename: "\(provider.rawValue)-credentials.csv")
    }
}
