import AccordServices
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RecognitionCore

/// An RFC 9457 problem: the one shape every API error takes (`application/problem+json`).
public struct Problem: Error, Sendable, Equatable, Codable {
    public var status: Int
    public var title: String
    public var detail: String
    /// Field-level issues (validation), or per-row issues (imports).
    public var issues: [ValidationIssue]?
    public var rows: [MicrocredentialImport.RowError]?

    public init(
        _ status: HTTPResponse.Status, _ detail: String, issues: [ValidationIssue]? = nil, rows: [MicrocredentialImport.RowError]? = nil
    ) {
        self.status = status.code
        self.title = status.reasonPhrase
        self.detail = detail
        self.issues = issues
        self.rows = rows
    }

    /// Any error as a problem: errors that know their problem say it; anything else is a 500 whose detail reveals nothing.
    public init(from error: any Error) {
        if let convertible = error as? any ProblemConvertible {
            self = convertible.problem
        } else {
            self.init(.internalServerError, "an unexpected error occurred; it has been logged")
        }
    }

    public var httpStatus: HTTPResponse.Status { .init(code: status) }
}

/// An error that knows how the web shows it. Each error type states its own mapping, next to nothing else.
public protocol ProblemConvertible: Error {
    var problem: Problem { get }
}

extension Problem: ProblemConvertible {
    public var problem: Problem { self }
}

extension AccessError: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .unauthenticated: Problem(.unauthorized, "sign in or send a bearer token")
        case .forbidden(let reason): Problem(.forbidden, reason)
        }
    }
}

extension ValidationFailure: ProblemConvertible {
    public var problem: Problem {
        Problem(.unprocessableContent, "the record is not valid: \(issues.map(\.description).joined(separator: "; "))", issues: issues)
    }
}

extension StoreError: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .notFound(let kind, let id): Problem(.notFound, "no \(kind) '\(id)'")
        case .conflict(let message): Problem(.conflict, message)
        case .invalid(let issues): Problem(.unprocessableContent, "the record is not valid", issues: issues)
        case .nestedTransaction, .unknownValue: Problem(.internalServerError, "an unexpected error occurred; it has been logged")
        }
    }
}

extension CSV.Error: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .tooManyRows: Problem(.contentTooLarge, description)
        case .tooManyFields, .unterminatedQuote: Problem(.badRequest, description)
        }
    }
}

extension Registrar.ImportRejected: ProblemConvertible {
    public var problem: Problem {
        let places = errors.map { String($0.row) }.joined(separator: ", ")
        return Problem(
            .unprocessableContent,
            "nothing was imported: the rows at \(places) (CSV line, or JSON record number) are invalid; fix them, or import with skip_invalid",
            rows: errors)
    }
}

extension ReferenceDataError: ProblemConvertible {
    public var problem: Problem { Problem(.badRequest, description) }
}

extension InputError: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .tooDeep(let limit): Problem(.badRequest, "the JSON is nested more than \(limit) levels deep")
        case .notUTF8: Problem(.badRequest, "the body is not UTF-8 text")
        case .notJSON: Problem(.badRequest, "the body is not valid JSON")
        case .shape, .duplicateKey, .empty: Problem(.badRequest, description)
        case .mediaType: Problem(.unsupportedMediaType, description)
        }
    }
}

extension AccountDesk.SignInThrottled: ProblemConvertible {
    public var problem: Problem {
        Problem(.tooManyRequests, "too many failed sign-ins for this account or from this address; try again in \(retryAfter) s")
    }
}

extension AccountDesk.SignInRefused: ProblemConvertible {
    public var problem: Problem { Problem(.unauthorized, "email or password is wrong") }
}

extension NIOTooManyBytesError: ProblemConvertible {
    public var problem: Problem { Problem(.contentTooLarge, "the request body is too large") }
}

extension DecodingError: ProblemConvertible {
    public var problem: Problem { Problem(.badRequest, "the JSON does not match the expected shape: \(summary)") }
}

extension HTTPError: ProblemConvertible {
    public var problem: Problem { Problem(status, body ?? status.reasonPhrase) }
}

extension ListingReview.Refusal: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .needsReviewer: Problem(.forbidden, description)
        case .notApplicable: Problem(.conflict, description)
        case .reasonsRequired:
            Problem(.unprocessableContent, description, issues: [.init(field: "reasons", message: "is required to return a listing")])
        }
    }
}

extension VerificationError: ProblemConvertible {
    /// Input that cannot be verified at all (a verification that fails is a report, not an error).
    public var problem: Problem {
        switch self {
        case .unreadable, .json: Problem(.badRequest, description)
        default: Problem(.unprocessableContent, description)
        }
    }
}

extension KeyEncryptionKey.Unavailable: ProblemConvertible {
    /// The server cannot open or seal keys (no key-encryption key, or another one): an operator's matter, said plainly.
    public var problem: Problem { Problem(.serviceUnavailable, description) }
}

extension LearnerRecordDesk.Refused: ProblemConvertible {
    /// A credential that does not verify: nothing was added; each failed check is an issue.
    public var problem: Problem {
        let failures = report.report.failures
        return Problem(
            .unprocessableContent, "the credential does not verify, so it was not added: \(reasons.joined(separator: "; "))",
            issues: failures.map { .init(field: $0.step.rawValue, message: LearnerRecordDesk.Refused.reason($0.outcome)) })
    }
}
