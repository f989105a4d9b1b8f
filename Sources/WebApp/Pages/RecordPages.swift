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
