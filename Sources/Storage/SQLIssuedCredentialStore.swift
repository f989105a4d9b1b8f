import Foundation
import RecognitionCore
import SQLKit

/// Issued credentials: the learner by email (lower-cased) or DID, both signed forms, the claim token's hash.
struct SQLIssuedCredentialStore: IssuedCredentialStore {
    let handle: SQLHandle

    static let columns = """
        id, provider_id, microcredential_id, recipient_kind, recipient, recipient_name, issued_at, suite, signed, jwt,
        claim_token_hash, claim_expires_at, state, status_index, state_reason, batch_id, batch_row
        """

    /// Rows per INSERT: 17 binds each keeps a statement under SQLite's and PostgreSQL's bind limits.
    static let rowsPerInsert = 200

    func add(_ credential: IssuedCredential) async throws {
        try await add([credential])
    }

    func add(_ credentials: [IssuedCredential]) async throws {
        guard !credentials.isEmpty else { return }
        try await handle.write { db in
            var start = credentials.startIndex
            while start < credentials.endIndex {
                let end = min(start + Self.rowsPerInsert, credentials.endIndex)
                let values = credentials[start..<end].map(Self.values).joined(separator: ", ")
                try await db.raw("INSERT INTO issued_credentials (\(unsafeRaw: Self.columns)) VALUES \(values)").run()
                start = end
            }
        }
    }

    static func values(_ credential: IssuedCredential) -> SQLQueryString {
        let kind = if case .email = credential.recipient { "email" } else { "did" }
        return """
            (\(bind: credential.id.rawValue), \(bind: credential.provider.rawValue), \(bind: credential.microcredential.rawValue),
              \(bind: kind), \(bind: credential.recipient.value), \(bind: credential.recipientName), \(bind: credential.issuedAt.timeIntervalSince1970),
              \(bind: credential.suite.rawValue), \(bind: credential.signed), \(bind: credential.jwt), \(bind: credential.claimTokenHash),
              \(bind: credential.claimExpiresAt.timeIntervalSince1970), \(bind: credential.state.rawValue), \(bind: credential.statusIndex),
              \(bind: credential.stateReason), \(bind: credential.batch?.rawValue), \(bind: credential.batchRow))
            """
    }

    func credential(_ id: IssuedCredential.ID) async throws -> IssuedCredential? {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM issued_credentials WHERE id = \(bind: id.rawValue)").first()
            .map(Self.credential)
    }

    func states(of ids: [IssuedCredential.ID]) async throws -> [IssuedCredential.ID: IssuedCredential.State] {
        var states: [IssuedCredential.ID: IssuedCredential.State] = [:]
        // In slices, so that no statement binds more parameters than either engine takes.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = ids[start..<min(start + 500, ids.count)].map(\.rawValue)
            let rows = try await handle.rows("SELECT id, state FROM issued_credentials WHERE id IN (\(binds: slice))")
            for row in rows {
                let state = try row.decode(column: "state", as: String.self)
                guard let known = IssuedCredential.State(rawValue: state) else { throw StoreError.unknownValue(column: "state", value: state) }
                states[.init(try row.decode(column: "id", as: String.self))] = known
            }
        }
        return states
    }

    func credential(claimTokenHash: String) async throws -> IssuedCredential? {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM issued_credentials WHERE claim_token_hash = \(bind: claimTokenHash)")
            .first().map(Self.credential)
    }

    func credentials(matching query: IssuedCredentialQuery) async throws -> [IssuedCredential] {
        var conditions: [SQLQueryString] = ["provider_id = \(bind: query.provider.rawValue)"]
        if let batch = query.batch { conditions.append("batch_id = \(bind: batch.rawValue)") }
        if let state = query.state { conditions.append("state = \(bind: state.rawValue)") }
        if let text = query.text {
            // A contains-match in any case; the text's own % and _ match themselves.
            let escaped = text.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            let pattern = "%" + escaped + "%"
            conditions.append(
                """
                (lower(recipient_name) LIKE \(bind: pattern) ESCAPE '\\' OR lower(recipient) LIKE \(bind: pattern) ESCAPE '\\'
                  OR lower(id) LIKE \(bind: pattern) ESCAPE '\\')
                """)
        }
        return try await handle.rows(
            """
            SELECT \(unsafeRaw: Self.columns) FROM issued_credentials WHERE \(conditions.joined(separator: " AND "))
            ORDER BY issued_at DESC, id LIMIT \(literal: query.limit) OFFSET \(literal: query.offset)
            """
        ).map(Self.credential)
    }

    func setState(of id: IssuedCredential.ID, to state: IssuedCredential.State, reason: String?) async throws {
        try await handle.sql.raw(
            "UPDATE issued_credentials SET state = \(bind: state.rawValue), state_reason = \(bind: reason) WHERE id = \(bind: id.rawValue)"
        ).run()
    }

    static func credential(_ row: any SQLRow) throws -> IssuedCredential {
        func known<T: RawRepresentable<String>>(_ type: T.Type, _ column: String) throws -> T {
            let text = try row.decode(column: column, as: String.self)
            guard let value = T(rawValue: text) else { throw StoreError.unknownValue(column: column, value: text) }
            return value
        }
        let kind = try row.decode(column: "recipient_kind", as: String.self)
        let recipient = try row.decode(column: "recipient", as: String.self)
        let parsed: IssuedCredential.Recipient
        switch kind {
        case "email": parsed = .email(recipient)
        case "did": parsed = .did(recipient)
        default: throw StoreError.unknownValue(column: "recipient_kind", value: kind)
        }
        return IssuedCredential(
            id: .init(try row.decode(column: "id", as: String.self)), provider: .init(try row.decode(column: "provider_id", as: String.self)),
            microcredential: .init(try row.decode(column: "microcredential_id", as: String.self)), recipient: parsed,
            recipientName: try row.decode(column: "recipient_name", as: String.self),
            issuedAt: Date(timeIntervalSince1970: try row.decode(column: "issued_at", as: Double.self)),
            suite: try known(IssuedCredential.Suite.self, "suite"), signed: try row.decode(column: "signed", as: String.self),
            jwt: try row.decode(column: "jwt", as: String.self), claimTokenHash: try row.decode(column: "claim_token_hash", as: String.self),
            claimExpiresAt: Date(timeIntervalSince1970: try row.decode(column: "claim_expires_at", as: Double.self)),
            state: try known(IssuedCredential.State.self, "state"), statusIndex: try row.decode(column: "status_index", as: Int?.self),
            stateReason: try row.decode(column: "state_reason", as: String?.self),
            batch: try row.decode(column: "batch_id", as: String?.self).map { .init($0) },
            batchRow: try row.decode(column: "batch_row", as: Int?.self))
    }
}
