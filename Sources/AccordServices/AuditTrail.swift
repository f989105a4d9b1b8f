import Foundation
import RecognitionCore

/// Reading and checking the audit log (admins; the operator at the command line).
public struct AuditTrail: Sendable {
    let dependencies: Dependencies

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// Events newest first, optionally about one subject and from a time on.
    public func events(subject: AuditSubject?, since: Date?, limit: Int = InputLimits.auditPage, by caller: Account?) async throws -> [AuditEvent] {
        try caller.authorize(.readAuditLog)
        let milliseconds = since.map { Int64(($0.timeIntervalSince1970 * 1000).rounded(.down)) }
        return try await dependencies.stores.audit.events(subject: subject, since: milliseconds, limit: min(max(limit, 1), InputLimits.auditPage))
    }

    /// Walks the whole chain and names the first event that does not hold.
    public func verify(by caller: Account?) async throws -> AuditChainVerdict {
        try caller.authorize(.readAuditLog)
        return try await dependencies.stores.audit.verify()
    }
}
