import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RecognitionCore
import Storage

/// An RFC 9457 problem: the one shape every API error takes (`application/problem+json`).
public struct Problem: Error, Sendable, Equatable, Codable {
    public var status: Int
    public var title: String
    public var detail: String
    /// Field-level issues (validation), or per-row issues (imports).
    public var issues: [ValidationIssue]?
    public var rows: [MicrocredentialImport.RowError]?

    public init(
        _ status: HTTPResponse.Status, _ detail: String, issues: [ValidationIssue]? = nil,
        rows: [MicrocredentialImport.RowError]? = nil
    ) {
        self.status = status.code
        self.title = status.reasonPhrase
        self.detail = detail
        self.issues = issues
        self.rows = rows
    }

    /// The one mapping from every error Accord raises to an HTTP status and message.
    public init(from error: any Error) {
        switch error {
        case let problem as Problem:
            self = problem
        case let error as AccessError:
            switch error {
            case .unauthenticated: self.init(.unauthorized, "sign in or send a bearer token")
            case .forbidden(let reason): self.init(.forbidden, reason)
            }
        case let failure as ValidationFailure:
            self.init(.unprocessableContent, "the record is not valid: \(failure.issues.map(\.description).joined(separator: "; "))", issues: failure.issues)
        case let error as StoreError:
            switch error {
            case .notFound(let kind, let id): self.init(.notFound, "no \(kind) '\(id)'")
            case .conflict(let message): self.init(.conflict, message)
            case .invalid(let issues): self.init(.unprocessableContent, "the record is not valid", issues: issues)
            }
        case let error as CSV.Error:
            switch error {
            case .tooManyRows(let limit): self.init(.contentTooLarge, "the CSV has more than \(limit) rows")
            case .tooManyFields(let row, let limit): self.init(.badRequest, "CSV row \(row) has more than \(limit) fields")
            case .unterminatedQuote(let row): self.init(.badRequest, "CSV row \(row) has a quote that is never closed")
            }
        case let rejected as Registrar.ImportRejected:
            let rows = rejected.errors.map { "row \($0.row)" }.joined(separator: ", ")
            self.init(.unprocessableContent, "nothing was imported: \(rows) invalid (fix them, or import with skip_invalid)", rows: rejected.errors)
        case let error as ReferenceDataError:
            self.init(.badRequest, error.description)
        case is NIOTooManyBytesError:
            self.init(.contentTooLarge, "the request body is too large")
        case let error as DecodingError:
            self.init(.badRequest, "the JSON does not match the expected shape: \(Self.describe(error))")
        case let error as HTTPError:
            self.init(error.status, error.body ?? error.status.reasonPhrase)
        default:
            self.init(.internalServerError, "an unexpected error occurred; it has been logged")
        }
    }

    public var httpStatus: HTTPResponse.Status { .init(code: status) }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "(top level)" : keys.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type)"
        case .keyNotFound(let key, let context): return "\(path(context)): missing field '\(key.stringValue)'"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "unreadable"
        }
    }
}
