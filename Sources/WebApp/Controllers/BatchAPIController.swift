import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/api/v1` batch issuance: upload a CSV of learners for a listing (a checked preview), confirm it (the server issues
/// in the background), follow its progress, read its rows with their claim links; a provider's batches.
struct BatchAPIController {
    let desk: BatchDesk
    let runner: BatchRunner

    struct BatchRequest: Decodable {
        /// The CSV file's text: learner email or DID, name, completion date, result.
        let csv: String
        let suite: String?
        /// The caller's id for the batch (`batch_id`): sending the same file again with it never issues twice.
        let batchID: String?
    }

    /// A batch as its provider sees it, with the first problems found in its rows.
    struct BatchInfo: Encodable {
        let id: String
        let provider: String
        let microcredential: String
        let suite: String
        let state: String
        let rows: Int
        let valid: Int
        let issued: Int
        let createdAt: Date
        let finishedAt: Date?
        let lastError: String?
        let problems: [RowProblem]?

        enum CodingKeys: String, CodingKey {
            case id, provider, microcredential, suite, state, rows, valid, issued, problems
            case createdAt = "created_at"
            case finishedAt = "finished_at"
            case lastError = "last_error"
        }

        init(_ batch: IssuanceBatch, problems: [RowProblem]? = nil) {
            id = batch.id.rawValue
            provider = batch.provider.rawValue
            microcredential = batch.microcredential.rawValue
            suite = batch.suite.rawValue
            state = batch.state.rawValue
            rows = batch.rowCount
            valid = batch.validCount
            issued = batch.issuedCount
            createdAt = batch.createdAt
            finishedAt = batch.finishedAt
            lastError = batch.lastError
            self.problems = problems
        }
    }

    struct RowProblem: Encodable {
        let row: Int
        let line: Int
        let message: String
    }

    /// One row: as typed, why it is refused, or its credential and the learner's claim link.
    struct RowInfo: Encodable {
        let row: Int
        let line: Int
        let learner: String
        let name: String
        let completed: String
        let result: String
        let error: String?
        let credential: String?
        let claimURL: String?

        enum CodingKeys: String, CodingKey {
            case row, line, learner, name, completed, result, error, credential
            case claimURL = "claim_url"
        }
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("microcredentials/:id/batches") { request, context in
            let body = try await JSONInput.decode(BatchRequest.self, from: request, limit: BatchDesk.maxFileBytes + (1 << 20))
            let batch = try await desk.prepare(
                microcredential: .init(try context.parameters.require("id")), csv: body.csv, suite: try IssuingParameters.suite(body.suite),
                batchID: body.batchID, by: context.account)
            return try JSONInput.response(try await info(batch, context: context), status: .created)
        }
        api.get("batches/:id") { _, context in
            try JSONInput.response(
                try await info(try await desk.batch(.init(try context.parameters.require("id")), by: context.account), context: context))
        }
        api.get("batches/:id/rows") { request, context in
            let id = IssuanceBatch.ID(try context.parameters.require("id"))
            let after = try IssuingParameters.wholeNumber(request.uri.queryParameters.get("after"), field: "after", default: 0)
            let limit = try IssuingParameters.wholeNumber(request.uri.queryParameters.get("limit"), field: "limit", default: 100)
            return try JSONInput.response(try await rows(id, after: after, limit: limit, context: context))
        }
        api.post("batches/:id/confirm") { _, context in
            let batch = try await desk.confirm(.init(try context.parameters.require("id")), by: context.account)
            if batch.state == .running { await runner.start(batch.id) }
            return try JSONInput.response(BatchInfo(batch), status: .accepted)
        }
        api.post("batches/:id/cancel") { _, context in
            try JSONInput.response(BatchInfo(try await desk.cancel(.init(try context.parameters.require("id")), by: context.account)))
        }
        api.get("providers/:id/batches") { _, context in
            try JSONInput.response(try await desk.batches(of: .init(try context.parameters.require("id")), by: context.account).map { BatchInfo($0) })
        }
    }

    /// The batch with its first 100 refused rows: enough to fix a file, bounded for a file where every row is wrong.
    func info(_ batch: IssuanceBatch, context: AppRequestContext) async throws -> BatchInfo {
        guard batch.validCount < batch.rowCount else { return BatchInfo(batch, problems: []) }
        let refused = try await desk.rows(of: batch.id, after: 0, limit: 100, only: .refused, by: context.account)
        return BatchInfo(batch, problems: refused.map { RowProblem(row: $0.number, line: $0.line, message: $0.error ?? "") })
    }

    func rows(_ id: IssuanceBatch.ID, after: Int, limit: Int, context: AppRequestContext) async throws -> [RowInfo] {
        try await desk.rowsWithClaims(of: id, after: after, limit: limit, by: context.account).map { row, token in
            RowInfo(
                row: row.number, line: row.line, learner: row.learner, name: row.name, completed: row.completed, result: row.result, error: row.error,
                credential: row.credential?.rawValue, claimURL: token.map { SiteURL.claim(token: $0).path })
        }
    }
}
