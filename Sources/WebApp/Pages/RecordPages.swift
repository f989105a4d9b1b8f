import AccordServices
import Credentials
import Foundation
import Hummingbird
import Mustache
import RecognitionCore

/// The learner's record in the browser: credentials held (claimed or imported, each verified on entry and its standing
/// checked on view), hide, show and delete, progress toward a qualification with a bar per rule; and the
/// qualifications with their pathways, edited by those who may.
struct RecordPages {
    let record: LearnerRecordDesk
    let qualifications: QualificationDesk
    let sharing: SharingDesk
    let awards: AwardDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/record") { _, context in try await recordPage(context: context) }
        router.post("/record/import", use: importCredential)
        router.post("/record/claim", use: keepClaim)
        router.post("/record/:id/hide", use: hide)
        router.post("/record/:id/delete", use: delete)
        router.get("/record/progress/:qualification", use: progress)
        router.post("/record/shares", use: createShare)
        router.post("/record/shares/:id/revoke", use: revokeShare)
        router.get("/record/clr.json") { _, context in LearnerAPIController.download(try await sharing.clr(by: context.account)) }
        router.get("/shared/:token", use: shared)
        router.get("/shared/:token/clr.json") { _, context in
            LearnerAPIController.download(try await sharing.sharedCLR(token: try context.parameters.require("token")))
        }
        router.post("/record/awards", use: askForAward)
        router.get("/awards", use: awardQueue)
        router.post("/awards/:id/issue", use: issueAward)
        router.post("/awards/:id/refuse", use: refuseAward)
        router.get("/qualifications", use: list)
        router.get("/qualifications/:id", use: show)
        router.post("/qualifications/:id", use: edit)
    }

    struct RecordModel: PageModel {
        static let template = "record"
        let title: String
        let entries: [EntryRow]
        let hasEntries: Bool
        let qualifications: [QualificationRow]
        let frameworks: [FrameworkOption]
        let importLink: String
        let error: String?
        let issues: [String]
        let hasIssues: Bool
        let shares: [ShareRow]
        let hasShares: Bool
        let shareLink: String
        let clrLink: String
        /// A link just created: shown once.
        let newShare: String?
        /// The buttons of every row, translated once for the page.
        let labels: [String: String]
    }

    struct ShareRow {
        let id: String
        let count: Int
        let created: String
        let expires: String
        let state: String
        let live: Bool
        let revokeLink: String
    }

    struct EntryRow {
        let id: String
        let title: String
        let issuer: String
        let issued: String
        let facts: String
        let factsSource: String
        let standing: String
        let standingClass: String
        let source: String
        let hidden: Bool
        let hideLink: String
        let deleteLink: String
    }

    struct QualificationRow {
        let title: String
        let link: String
        let progressLink: String
        let framework: String
        let awardedBy: String
    }

    struct FrameworkOption {
        let id: String
        let name: String
    }

    func recordPage(context: AppRequestContext, error: String? = nil, issues: [String] = [], newShare: String? = nil) async throws -> Response {
        let words = context.words
        let held = try await record.entries(by: context.account)
        let frameworks = try await qualifications.frameworks()
        let names = Dictionary(uniqueKeysWithValues: frameworks.map { ($0.id, $0.name) })
        let rows = held.map { item in
            let entry = item.entry
            var facts: [String] = []
            if let framework = entry.framework { facts.append(names[framework] ?? framework.rawValue) }
            if let level = entry.level { facts.append(words("level {level}").replacingOccurrences(of: "{level}", with: String(level))) }
            if let credits = entry.credits {
                facts.append(words("{credits} credits").replacingOccurrences(of: "{credits}", with: Span.number(credits)))
            }
            if let hours = entry.hours { facts.append(words("{hours} hours").replacingOccurrences(of: "{hours}", with: Span.number(hours))) }
            let standing: (String, String) =
                switch item.standing {
                case .valid: (words("valid"), "met")
                case .revoked: (words("revoked by the issuer"), "not-met")
                case .suspended: (words("suspended by the issuer"), "not-met")
                case .checkedOnEntry: (words("verified when added"), "")
                }
            return EntryRow(
                id: entry.id.rawValue, title: entry.title, issuer: entry.issuerName ?? entry.issuer, issued: entry.issuedOn ?? "",
                facts: facts.joined(separator: ", "),
                factsSource: entry.factsSource == "registry"
                    ? words("from the registry") : entry.factsSource == "learner" ? words("as you stated") : words("as the credential states"),
                standing: standing.0, standingClass: standing.1,
                source: entry.source == .claimed ? words("claimed") : words("imported"), hidden: entry.hidden,
                hideLink: SiteURL.recordHide(entry.id).path, deleteLink: SiteURL.recordDelete(entry.id).path)
        }
        let now = sharing.now
        let shareRows = try await sharing.shares(by: context.account).map { share in
            ShareRow(
                id: share.id.rawValue, count: share.entries.count, created: share.createdAt.isoDay, expires: share.expiresAt.isoDay,
                state: share.revokedAt != nil ? words("revoked") : share.isLive(at: now) ? words("live") : words("expired"),
                live: share.isLive(at: now), revokeLink: SiteURL.revokeShare(share.id).path)
        }
        let model = RecordModel(
            title: words("My record"), entries: rows, hasEntries: !rows.isEmpty,
            qualifications: try await qualifications.all().map { Self.row($0, names) },
            frameworks: frameworks.map { FrameworkOption(id: $0.id.rawValue, name: $0.name) }, importLink: SiteURL.recordImport.path,
            error: error, issues: issues, hasIssues: !issues.isEmpty, shares: shareRows, hasShares: !shareRows.isEmpty,
            shareLink: SiteURL.recordShares.path,
            clrLink: SiteURL.recordCLR.path, newShare: newShare,
            labels: ["hidden": words("hidden"), "show": words("Show"), "hide": words("Hide"), "delete": words("Delete")])
        var response = try pages.render(model, context: context)
        if error != nil { response.status = .unprocessableContent }
        return response
    }

    static func row(_ q: Qualification, _ names: [Framework.ID: String]) -> QualificationRow {
        QualificationRow(
            title: q.title, link: SiteURL.qualification(q.id).path, progressLink: SiteURL.progress(q.id).path,
            framework: names[q.framework] ?? q.framework.rawValue, awardedBy: q.awardingBody ?? q.provider?.rawValue ?? "")
    }

    struct ImportForm: Decodable {
        var csrf: String?
        var credential: String?
        var framework: String?
        var level: String?
        var credits: String?
        var hours: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case credential, framework, level, credits, hours
        }
    }

    func importCredential(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ImportForm.self, from: request, limit: InputLimits.jsonBody * 2)
        try Forms.requireCSRF(form.csrf, context)
        func number(_ text: String?) -> Double? { text.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
        let stated = LearnerRecordDesk.StatedFacts(
            framework: form.framework.flatMap { $0.isEmpty ? nil : $0 }, level: number(form.level).map { Int($0) }, credits: number(form.credits),
            hours: number(form.hours))
        do {
            _ = try await record.importCredential(Array((form.credential ?? "").utf8), stated: stated, by: context.account)
        } catch let refused as LearnerRecordDesk.Refused {
            return try await recordPage(
                context: context, error: context.words("The credential does not verify, so it was not added."), issues: refused.reasons)
        } catch let error as StoreError {
            return try await recordPage(context: context, error: error.description)
        } catch let error as ValidationFailure {
            return try await recordPage(context: context, error: error.description)
        } catch let error as VerificationError {
            return try await recordPage(context: context, error: error.description)
        }
        return Response.redirect(to: SiteURL.record.path, type: .normal)
    }

    struct ShareForm: Decodable {
        var csrf: String?
        var entries: [String]?
        var days: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case entries, days
        }
    }

    func createShare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ShareForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let ids = form.entries.flatMap { $0.isEmpty ? nil : $0.map { RecordEntry.ID($0) } }
        do {
            let created = try await sharing.share(ids, days: form.days.flatMap { Int($0) } ?? SharingDesk.defaultDays, by: context.account)
            return try await recordPage(context: context, newShare: created.link)
        } catch let error as ValidationFailure {
            return try await recordPage(context: context, error: error.description)
        }
    }

    func revokeShare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(HideForm.self, from: request, limit: 1 << 10)
        try Forms.requireCSRF(form.csrf, context)
        try await sharing.revoke(.init(try context.parameters.require("id")), by: context.account)
        return Response.redirect(to: SiteURL.record.path, type: .normal)
    }

    struct SharedModel: PageModel {
        static let template = "shared"
        let title: String
        let learnerName: String
        let holder: String?
        let expires: String
        let credentials: [SharedRow]
        let clrLink: String
    }

    struct SharedRow {
        let title: String
        let issuer: String
        let issued: String
        let valid: Bool
        let verdict: String
        let notes: [String]
        let hasNotes: Bool
    }

    /// What a share link's recipient sees: each credential verified now, and the record to download as a signed CLR.
    func shared(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let token = try context.parameters.require("token")
        let shown = try await sharing.shown(token: token)
        let rows = shown.credentials.map { item in
            let notes =
                item.result.report.failures.map { "\($0.step.rawValue): \(LearnerRecordDesk.Refused.reason($0.outcome))" }
                + (item.result.registry.first?.notes ?? [])
            return SharedRow(
                title: item.entry.title, issuer: item.entry.issuerName ?? item.entry.issuer, issued: item.entry.issuedOn ?? "",
                valid: item.result.report.isValid,
                verdict: item.result.report.isValid ? words("This credential is valid.") : words("This credential is not valid."),
                notes: notes, hasNotes: !notes.isEmpty)
        }
        let model = SharedModel(
            title: words("Shared learner record"), learnerName: shown.learnerName, holder: shown.holder, expires: shown.share.expiresAt.isoDay,
            credentials: rows, clrLink: SiteURL.sharedCLR(token: token).path)
        var response = try pages.render(model, context: context)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    struct ClaimForm: Decodable {
        var csrf: String?
        var token: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case token
        }
    }

    func keepClaim(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ClaimForm.self, from: request, limit: 4 << 10)
        try Forms.requireCSRF(form.csrf, context)
        do {
            _ = try await record.claim(token: form.token ?? "", by: context.account)
        } catch let error as StoreError {
            if case .notFound = error { throw error }
            return try await recordPage(context: context, error: error.description)
        }
        return Response.redirect(to: SiteURL.record.path, type: .normal)
    }

    struct HideForm: Decodable {
        var csrf: String?
        var hidden: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case hidden
        }
    }

    func hide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(HideForm.self, from: request, limit: 1 << 10)
        try Forms.requireCSRF(form.csrf, context)
        try await record.setHidden(.init(try context.parameters.require("id")), hidden: form.hidden == "1", by: context.account)
        return Response.redirect(to: SiteURL.record.path, type: .normal)
    }

    func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(HideForm.self, from: request, limit: 1 << 10)
        try Forms.requireCSRF(form.csrf, context)
        try await record.delete(.init(try context.parameters.require("id")), by: context.account)
        return Response.redirect(to: SiteURL.record.path, type: .normal)
    }

    struct ProgressModel: PageModel {
        static let template = "progress"
        let title: String
        let qualificationLink: String
        let status: String
        let statusClass: String
        let version: Int
        let framework: String
        let evaluatedOn: String
        let rules: [RuleRow]
        let credentials: [UseRow]
        let hasCredentials: Bool
        /// The learner may ask the awarding provider for the qualification.
        let canAsk: Bool
        let askLink: String
        let qualificationID: String
        let requests: [RequestRow]
        let hasRequests: Bool
        let awardNote: String?
    }

    struct RequestRow {
        let requested: String
        let status: String
        let reason: String?
    }

    struct RuleRow {
        let label: String
        let explanation: String
        let percent: Int
        let status: String
        let statusClass: String
    }

    struct UseRow {
        let title: String
        let credits: String
        let counted: String
        let note: String?
        let conversion: String
        let level: String?
    }

    func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let report = try await record.progress(toward: .init(try context.parameters.require("qualification")), by: context.account)
        let progress = report.progress
        let status: (String, String) =
            switch progress.status {
            case .complete: (words("Every rule is met: you can ask for this qualification."), "met")
            case .mayBeComplete: (words("No rule is unmet, but converted credits leave some undecided: an evaluator decides."), "unconfirmed")
            case .incomplete: (words("Not complete yet: see what each rule still needs."), "not-met")
            }
        let rules = progress.rules.map { outcome in
            let label: String =
                switch outcome.status {
                case .met: words("met")
                case .uncertain: words("undecided")
                case .unmet: words("not met")
                case .limit: words("limit")
                }
            return RuleRow(
                label: outcome.rule.label ?? outcome.rule.kindName, explanation: outcome.explanation,
                percent: Int((outcome.fraction * 100).rounded()),
                status: label,
                statusClass: outcome.status == .met ? "met" : outcome.status == .unmet ? "not-met" : outcome.status == .uncertain ? "unconfirmed" : ""
            )
        }
        let uses = progress.uses.enumerated().map { position, use in
            let note: String? =
                switch use.excluded {
                case .duplicate: words("a duplicate: the newer award counts")
                case .tooOld: words("too old for the recency rule")
                case .undated: words("no issue date, so the recency rule leaves it out")
                case nil: use.counted == use.credits ? nil : words("capped")
                }
            return UseRow(
                title: report.entries[position].title, credits: use.credits.text, counted: use.counted.text, note: note,
                conversion: report.volumes[position].explanation, level: report.levels[position])
        }
        let mine = try await awards.mine(by: context.account).filter { $0.qualification == report.qualification.id }
        let open = mine.contains { $0.status == .requested }
        let requests = mine.map { request in
            RequestRow(
                requested: request.requestedAt.isoDay,
                status: request.status == .requested
                    ? words("waiting for the provider") : request.status == .issued ? words("issued: it is in your record") : words("refused"),
                reason: request.reason)
        }
        let awardNote: String? =
            report.qualification.provider == nil && progress.status != .incomplete
            ? words("This qualification is awarded by a body outside Accord: send it a share link of your record.") : nil
        let model = ProgressModel(
            title: report.qualification.title, qualificationLink: SiteURL.qualification(report.qualification.id).path, status: status.0,
            statusClass: status.1, version: progress.version, framework: progress.framework.rawValue, evaluatedOn: progress.evaluatedOn,
            rules: rules, credentials: uses, hasCredentials: !uses.isEmpty,
            canAsk: progress.status != .incomplete && report.qualification.provider != nil && !open, askLink: SiteURL.recordAwards.path,
            qualificationID: report.qualification.id.rawValue, requests: requests, hasRequests: !requests.isEmpty, awardNote: awardNote)
        return try pages.render(model, context: context)
    }

    struct AskForm: Decodable {
        var csrf: String?
        var qualification: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case qualification
        }
    }

    func askForAward(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(AskForm.self, from: request, limit: 2 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let id = Qualification.ID(form.qualification ?? "")
        _ = try await awards.request(id, by: context.account)
        return Response.redirect(to: SiteURL.progress(id).path, type: .normal)
    }

    struct AwardQueueModel: PageModel {
        static let template = "awards"
        let title: String
        let items: [AwardRow]
        let hasItems: Bool
    }

    struct AwardRow {
        let id: String
        let learner: String
        let qualification: String
        let qualificationLink: String
        let version: Int
        let progress: String
        let requested: String
        let status: String
        let open: Bool
        let credentials: [String]
        let reason: String?
        let issueLink: String
        let refuseLink: String
    }

    /// A provider's award requests (staff see their provider's; admins every provider's): each with the learner, the
    /// rules version and the credentials that counted; issue or refuse with reasons.
    func awardQueue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let provider: Provider.ID? =
            switch context.account?.role {
            case .providerStaff(let own): own
            default: nil
            }
        var rows: [AwardRow] = []
        for item in try await awards.requests(for: provider, by: context.account) {
            let review = try await awards.review(item.id, by: context.account)
            rows.append(
                AwardRow(
                    id: item.id.rawValue, learner: review.learnerName, qualification: review.qualification.title,
                    qualificationLink: SiteURL.qualification(item.qualification).path, version: item.version,
                    progress: item.progress == "complete" ? words("every rule met") : words("undecided ranges: decide"),
                    requested: item.requestedAt.isoDay,
                    status: item.status == .requested ? words("waiting") : item.status == .issued ? words("issued") : words("refused"),
                    open: item.status == .requested,
                    credentials: review.entries.map { "\($0.title) (\($0.issuerName ?? $0.issuer))" }, reason: item.reason,
                    issueLink: SiteURL.issueAward(item.id).path, refuseLink: SiteURL.refuseAward(item.id).path))
        }
        return try pages.render(AwardQueueModel(title: words("Award requests"), items: rows, hasItems: !rows.isEmpty), context: context)
    }

    struct RefuseForm: Decodable {
        var csrf: String?
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case reason
        }
    }

    func issueAward(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(RefuseForm.self, from: request, limit: 2 << 10)
        try Forms.requireCSRF(form.csrf, context)
        _ = try await awards.issue(.init(try context.parameters.require("id")), by: context.account)
        return Response.redirect(to: SiteURL.awards.path, type: .normal)
    }

    func refuseAward(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(RefuseForm.self, from: request, limit: 8 << 10)
        try Forms.requireCSRF(form.csrf, context)
        _ = try await awards.refuse(.init(try context.parameters.require("id")), reason: form.reason ?? "", by: context.account)
        return Response.redirect(to: SiteURL.awards.path, type: .normal)
    }

    struct ListModel: PageModel {
        static let template = "qualifications"
        let title: String
        let items: [QualificationRow]
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let names = Dictionary(uniqueKeysWithValues: try await qualifications.frameworks().map { ($0.id, $0.name) })
        let items = try await qualifications.all().map { Self.row($0, names) }
        return try pages.render(ListModel(title: context.words("Qualifications"), items: items), context: context)
    }

    struct QualificationModel: PageModel {
        static let template = "qualification"
        let title: String
        let id: String
        let description: String?
        let awardedBy: String
        let framework: String
        let level: String?
        let totalCredits: String?
        let version: Int
        let rules: [RuleText]
        let canEdit: Bool
        let editLink: String
        let editJSON: String
        let progressLink: String?
        let schemaLink: String
        let error: String?
        let issues: [String]
    }

    struct RuleText {
        let label: String
        let json: String
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try await qualifications.qualification(.init(try context.parameters.require("id"))), context: context)
    }

    func render(
        _ q: Qualification, context: AppRequestContext, editJSON: String? = nil, error: String? = nil, issues: [String] = []
    ) async throws -> Response {
        let frameworks = try await qualifications.frameworks()
        let name = frameworks.first { $0.id == q.framework }?.name ?? q.framework.rawValue
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let rules = q.rules.map { rule in
            RuleText(label: rule.label ?? rule.kindName, json: (try? encoder.encode(rule)).map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
        let model = QualificationModel(
            title: q.title, id: q.id.rawValue, description: q.description, awardedBy: q.awardingBody ?? q.provider?.rawValue ?? "",
            framework: name, level: q.level.map(String.init), totalCredits: q.totalCredits.map(Span.number), version: q.version,
            rules: rules, canEdit: context.account.may(.editQualification(of: q.provider)), editLink: SiteURL.qualification(q.id).path,
            editJSON: editJSON ?? QualificationDesk.json(q), progressLink: context.account.may(.holdCredentials) ? SiteURL.progress(q.id).path : nil,
            schemaLink: "/api/v1/schemas/pathway-rules.json", error: error, issues: issues)
        var response = try pages.render(model, context: context)
        if error != nil { response.status = .unprocessableContent }
        return response
    }

    struct EditForm: Decodable {
        var csrf: String?
        var qualification: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case qualification
        }
    }

    func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(EditForm.self, from: request, limit: InputLimits.jsonBody * 2)
        try Forms.requireCSRF(form.csrf, context)
        let id = Qualification.ID(try context.parameters.require("id"))
        let text = form.qualification ?? ""
        do {
            let input = try WireJSON.decode(QualificationDesk.Input.self, from: Data(text.utf8))
            _ = try await qualifications.save(id, input, by: context.account)
        } catch let error as ValidationFailure {
            guard let existing = try? await qualifications.qualification(id) else { throw error }
            return try await render(
                existing, context: context, editJSON: text, error: context.words("Not saved:"), issues: error.issues.map(\.description))
        } catch let error as InputError {
            guard let existing = try? await qualifications.qualification(id) else { throw error }
            return try await render(existing, context: context, editJSON: text, error: context.words("Not saved:"), issues: [error.description])
        }
        return Response.redirect(to: SiteURL.qualification(id).path, type: .normal)
    }
}

// The record's long tables: named lookups, not reflection (see `Page`).
extension RecordPages.RecordModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "entries": entries
        case "hasEntries": hasEntries
        case "qualifications": qualifications
        case "frameworks": frameworks
        case "importLink": importLink
        case "error": error
        case "issues": issues
        case "hasIssues": hasIssues
        case "shares": shares
        case "hasShares": hasShares
        case "shareLink": shareLink
        case "clrLink": clrLink
        case "newShare": newShare
        case "labels": labels
        default: nil
        }
    }
}

extension RecordPages.EntryRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "issuer": issuer
        case "issued": issued
        case "facts": facts
        case "factsSource": factsSource
        case "standing": standing
        case "standingClass": standingClass
        case "source": source
        case "hidden": hidden
        case "hideLink": hideLink
        case "deleteLink": deleteLink
        default: nil
        }
    }
}

extension RecordPages.ProgressModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "qualificationLink": qualificationLink
        case "status": status
        case "statusClass": statusClass
        case "version": version
        case "framework": framework
        case "evaluatedOn": evaluatedOn
        case "rules": rules
        case "credentials": credentials
        case "hasCredentials": hasCredentials
        case "canAsk": canAsk
        case "askLink": askLink
        case "qualificationID": qualificationID
        case "requests": requests
        case "hasRequests": hasRequests
        case "awardNote": awardNote
        default: nil
        }
    }
}

extension RecordPages.UseRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "credits": credits
        case "counted": counted
        case "note": note
        case "conversion": conversion
        case "level": level
        default: nil
        }
    }
}
