import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// Batch issuance in the browser: staff upload a CSV of learners on a listing's page, see every row checked, confirm,
/// and follow the progress; the report gives each learner's claim link (and each refused row's reason) as CSV.
struct BatchPages {
    let desk: BatchDesk
    let runner: BatchRunner
    let registrar: Registrar
    let site: PublicSite
    let pages: PageRenderer

    /// Rows shown on the page; the report holds them all.
    static let shownRows = 200

    func register(on router: Router<AppRequestContext>) {
        router.post("/microcredentials/:id/batches", use: upload)
        router.get("/batches/:id", use: show)
        router.post("/batches/:id/confirm") { request, context in
            try Forms.requireCSRF(try await Forms.decode(ActionForm.self, from: request).csrf, context)
            let batch = try await desk.confirm(.init(try context.parameters.require("id")), by: context.account)
            if batch.state == .running { await runner.start(batch.id) }
            return Response.redirect(to: SiteURL.batch(batch.id).path, type: .normal)
        }
        router.post("/batches/:id/cancel") { request, context in
            try Forms.requireCSRF(try await Forms.decode(ActionForm.self, from: request).csrf, context)
            let batch = try await desk.cancel(.init(try context.parameters.require("id")), by: context.account)
            return Response.redirect(to: SiteURL.batch(batch.id).path, type: .normal)
        }
        router.get("/batches/:id/report.csv", use: report)
        // The progress the page's script follows (the API takes bearer tokens only; this reads the session).
        router.get("/batches/:id/progress") { _, context in
            let batch = try await desk.batch(.init(try context.parameters.require("id")), by: context.account)
            return try JSONInput.response(BatchAPIController.BatchInfo(batch))
        }
    }

    struct ActionForm: Decodable {
        var csrf: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf" }
    }

    struct UploadForm: Decodable {
        var csrf: String?
        var csv: String?
        var suite: String?
        var batch: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case csv, suite, batch
        }
    }

    func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(UploadForm.self, from: request, limit: BatchDesk.maxFileBytes * 3 + (64 << 10))
        try Forms.requireCSRF(form.csrf, context)
        let batch = try await desk.prepare(
            microcredential: .init(try context.parameters.require("id")), csv: form.csv ?? "", suite: try IssuingParameters.suite(form.suite),
            batchID: form.batch.flatMap { $0.isEmpty ? nil : $0 }, by: context.account)
        return .redirect(to: SiteURL.batch(batch.id).path, type: .normal)
    }

    struct BatchModel: PageModel {
        static let template = "batch"
        let title: String
        let id: String
        let listingTitle: String
        let listingLink: String
        let providerLink: String
        let state: String
        let stateLabel: String
        let suite: String
        let rowCount: Int
        let validCount: Int
        let refusedCount: Int
        let issuedCount: Int
        let running: Bool
        let progressAPI: String
        let lastError: String?
        let confirmAction: String?
        let cancelAction: String?
        let reportLink: String
        /// The provider's issued credentials, filtered to this batch (revoke and suspend from there).
        let credentialsLink: String
        let rows: [RowLine]
        let moreRows: Bool
    }

    struct RowLine {
        let number: Int
        let line: Int
        let learner: String
        let name: String
        let completed: String
        let result: String
        let error: String?
        let verifyLink: String?
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let batch = try await desk.batch(.init(try context.parameters.require("id")), by: context.account)
        // Refused rows first, so a preview shows what to fix; then the others in file order.
        let refused = try await desk.rows(of: batch.id, after: 0, limit: Self.shownRows, only: .refused, by: context.account)
        let others = try await desk.rows(of: batch.id, after: 0, limit: Self.shownRows - refused.count + 1, by: context.account)
            .filter { $0.error == nil }
        let shown = (refused + others).prefix(Self.shownRows)
        let listing = try? await registrar.detail(batch.microcredential, by: context.account).microcredential
        let words = context.words
        let model = BatchModel(
            title: words("Batch {id}", ["id": batch.id.rawValue]), id: batch.id.rawValue,
            listingTitle: listing?.title ?? batch.microcredential.rawValue,
            listingLink: SiteURL.microcredential(batch.microcredential).path, providerLink: SiteURL.provider(batch.provider).path + "#batches",
            state: batch.state.rawValue, stateLabel: words(Labels.batchState(batch.state)), suite: batch.suite.rawValue, rowCount: batch.rowCount,
            validCount: batch.validCount, refusedCount: batch.rowCount - batch.validCount, issuedCount: batch.issuedCount,
            running: batch.state == .running && batch.lastError == nil, progressAPI: SiteURL.batchProgress(batch.id).path,
            lastError: batch.lastError, confirmAction: batch.state == .preview && batch.validCount > 0 ? SiteURL.confirmBatch(batch.id).path : nil,
            cancelAction: batch.state == .preview ? SiteURL.cancelBatch(batch.id).path : nil, reportLink: SiteURL.batchReport(batch.id).path,
            credentialsLink: SiteURL.provider(batch.provider).path + "?batch=\(batch.id.rawValue)#issued",
            rows: shown.map { row in
                RowLine(
                    number: row.number, line: row.line, learner: row.learner, name: row.name, completed: row.completed, result: row.result,
                    error: row.error, verifyLink: row.credential.map { SiteURL.verifyIssued($0).path })
            }, moreRows: batch.rowCount > shown.count)
        return try pages.render(model, context: context)
    }

    /// Every row with its claim link or its error, as CSV (see `BatchDesk.report`).
    func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = IssuanceBatch.ID(try context.parameters.require("id"))
        let text = try await desk.report(of: id, origin: site.origin, by: context.account)
        var response = RegistryPages.csvResponse(text, filename: "\(id.rawValue)-report.csv")
        // Claim links are secrets: never cached.
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
