import Credentials
import Crypto
import Foundation
import Logging
import RecognitionCore

/// Batch issuance: a provider's staff upload a CSV of learners for one approved listing, see every row checked, and
/// confirm; Accord then issues a credential per valid row.
///
/// Each row's credential id and claim token are derived from the key-encryption key (HKDF, per batch), so a row signed
/// twice (after a crash) gets the same id and link, and the provider can download the links again later; only the
/// token's hash is stored. Credentials are written a chunk at a time, each with its status slot (reserved for the whole
/// batch at confirmation) and its audit event, in one unit of work; the database refuses a second credential for the
/// same batch row. Signing runs on every core while the previous chunk is written.
public struct BatchDesk: Sendable {
    let dependencies: Dependencies

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// The largest CSV file a batch takes.
    public static let maxFileBytes = 16 << 20
    /// Rows signed, then written in one unit of work.
    static let chunk = 512

    /// How far a run has come: credentials issued of the batch's valid rows.
    public typealias Progress = @Sendable (_ issued: Int, _ of: Int) -> Void

    /// Checks a CSV and keeps it as a preview. Idempotent: the same id (given, or derived from the listing, the suite
    /// and the file) with the same file returns the batch as it is; the same id with another file is a conflict.
    public func prepare(
        microcredential: Microcredential.ID, csv: String, suite: IssuedCredential.Suite, batchID: String?, by caller: Account?
    ) async throws -> IssuanceBatch {
        guard caller != nil else { throw AccessError.unauthenticated }
        let issuing = IssuingDesk(dependencies: dependencies)
        let listing = try await issuing.issuable(microcredential, by: caller)
        guard listing.status.isIssuable else {
            throw ValidationFailure([
                .init(field: "microcredential", message: "only approved listings are issued; this one is \(listing.status.label)")
            ])
        }
        guard csv.utf8.count <= Self.maxFileBytes else {
            throw ValidationFailure([.init(field: "learners", message: "the file is larger than \(Self.maxFileBytes >> 20) MiB; split it")])
        }
        let contentHash = Hex.encode(SHA256.hash(data: Array(csv.utf8)))
        let id = try batchID.map(Self.checkedID) ?? Self.derivedID(microcredential: microcredential, suite: suite, contentHash: contentHash)
        if let existing = try await dependencies.stores.batches.batch(id) {
            try caller.authorize(.issueCredentials(of: existing.provider))
            guard existing.contentHash == contentHash, existing.microcredential == microcredential, existing.suite == suite else {
                throw StoreError.conflict("batch '\(id)' exists with another file, listing or suite; choose another batch id")
            }
            return existing
        }
        let rows: [IssuanceBatch.Row]
        do {
            rows = try IssuanceBatch.rows(csv: csv, today: dependencies.clock.now)
        } catch let error as CSV.Error {
            throw ValidationFailure([.init(field: "learners", message: error.description)])
        }
        let batch = IssuanceBatch(
            id: id, provider: listing.providerID, microcredential: listing.id, suite: suite, createdAt: dependencies.clock.now,
            createdBy: .init(caller), contentHash: contentHash, rowCount: rows.count, validCount: rows.filter { $0.error == nil }.count)
        let dependencies = dependencies
        try await dependencies.stores.transaction { tx in
            try await tx.batches.add(batch, rows: rows)
            try await dependencies.record(.create, .init(.batch, id.rawValue), by: caller, summary: Facts(batch), in: tx)
        }
        return batch
    }

    /// A batch, for its provider's staff and admins.
    public func batch(_ id: IssuanceBatch.ID, by caller: Account?) async throws -> IssuanceBatch {
        guard caller != nil else { throw AccessError.unauthenticated }
        guard id.rawValue.count <= 100, let batch = try await dependencies.stores.batches.batch(id) else {
            throw StoreError.notFound(kind: "batch", id: id.rawValue)
        }
        try caller.authorize(.issueCredentials(of: batch.provider))
        return batch
    }

    /// A provider's batches, newest first.
    public func batches(of provider: Provider.ID, by caller: Account?) async throws -> [IssuanceBatch] {
        try caller.authorize(.issueCredentials(of: provider))
        return try await dependencies.stores.batches.batches(of: provider, limit: 100)
    }

    /// A page of a batch's rows (with their credentials), after row `after`.
    public func rows(
        of id: IssuanceBatch.ID, after: Int, limit: Int, only filter: IssuanceBatch.RowFilter = .all, by caller: Account?
    ) async throws -> [IssuanceBatch.Row] {
        let batch = try await batch(id, by: caller)
        return try await dependencies.stores.batches.rows(of: batch.id, after: max(0, after), limit: min(max(limit, 1), 1_000), only: filter)
    }

    /// Confirms a preview: reserves a status slot for every valid row and marks the batch running (the caller then
    /// runs it). Confirming a running or finished batch changes nothing.
    public func confirm(_ id: IssuanceBatch.ID, by caller: Account?) async throws -> IssuanceBatch {
        let batch = try await batch(id, by: caller)
        switch batch.state {
        case .running, .done: return batch
        case .cancelled: throw StoreError.conflict("batch '\(id)' was cancelled; upload the file again under another id")
        case .preview: break
        }
        // The key is checked now, so a confirmed batch does not stop at its first chunk for want of one.
        _ = try await IssuerDesk(dependencies: dependencies).signingKey(for: batch.provider)
        let dependencies = dependencies
        let actor = AuditEvent.Actor(caller)
        return try await dependencies.stores.transaction { tx in
            guard let current = try await tx.batches.batch(id), current.state == .preview else {
                throw StoreError.conflict("batch '\(id)' was confirmed or cancelled meanwhile")
            }
            guard let first = try await tx.statusLists.allocate(current.validCount, for: current.provider) else {
                throw StoreError.notFound(kind: "status list", id: "\(current.provider)/revocation")
            }
            guard first + current.validCount <= BitstringStatusList.minimumLength else {
                throw ValidationFailure([
                    .init(
                        field: "learners",
                        message: "the provider's status lists have room for \(max(0, BitstringStatusList.minimumLength - first)) more credentials")
                ])
            }
            try await tx.batches.confirm(id, firstSlot: first, by: actor)
            if current.validCount == 0 { try await tx.batches.setState(id, to: .done, at: dependencies.clock.now) }
            try await dependencies.record(.confirm, .init(.batch, id.rawValue), by: caller, summary: Facts(current), in: tx)
            return try await tx.batches.batch(id) ?? current
        }
    }

    /// Discards a preview.
    public func cancel(_ id: IssuanceBatch.ID, by caller: Account?) async throws -> IssuanceBatch {
        let batch = try await batch(id, by: caller)
        guard batch.state == .preview else { throw StoreError.conflict("only a preview can be cancelled; batch '\(id)' is \(batch.state.rawValue)") }
        let dependencies = dependencies
        return try await dependencies.stores.transaction { tx in
            try await tx.batches.setState(id, to: .cancelled, at: dependencies.clock.now)
            try await dependencies.record(.cancel, .init(.batch, id.rawValue), by: caller, summary: Facts(batch), in: tx)
            return try await tx.batches.batch(id) ?? batch
        }
    }

    /// Issues every valid row of a confirmed batch that has no credential yet, and marks the batch done. Safe to call
    /// again after a crash, or while another run is under way (the database keeps one credential per row).
    @discardableResult
    public func run(_ id: IssuanceBatch.ID, progress: Progress = { _, _ in }) async throws -> IssuanceBatch {
        let stores = dependencies.stores
        guard let batch = try await stores.batches.batch(id) else { throw StoreError.notFound(kind: "batch", id: id.rawValue) }
        guard batch.state == .running, let firstSlot = batch.firstSlot else { return batch }
        do {
            try await stores.batches.setError(id, to: nil)
            try await issueRemaining(of: batch, firstSlot: firstSlot, progress: progress)
        } catch {
            try? await stores.batches.setError(id, to: String(describing: error))
            throw error
        }
        let now = dependencies.clock.now
        return try await stores.transaction { tx in
            guard let current = try await tx.batches.batch(id) else { throw StoreError.notFound(kind: "batch", id: id.rawValue) }
            guard current.state == .running, current.issuedCount >= current.validCount else { return current }
            try await tx.batches.setState(id, to: .done, at: now)
            return try await tx.batches.batch(id) ?? current
        }
    }

    /// A page of a batch's rows, each with its learner's claim token (derived again) once it has its credential.
    public func rowsWithClaims(of id: IssuanceBatch.ID, after: Int, limit: Int, by caller: Account?) async throws -> [(
        row: IssuanceBatch.Row, claimToken: String?
    )] {
        let batch = try await batch(id, by: caller)
        let key = try dependencies.keyEncryption.derivedKey(for: Self.purpose(batch.id))
        let rows = try await dependencies.stores.batches.rows(of: batch.id, after: max(0, after), limit: min(max(limit, 1), 1_000), only: .all)
        return rows.map { ($0, $0.credential == nil ? nil : Self.claimToken(row: $0.number, key: key)) }
    }

    /// Every row as CSV: as typed, its state, its credential and claim link (absolute under `origin`, to mail to the
    /// learner), or why it was refused. The claim links are secrets: whoever holds the report may claim every credential.
    public func report(of id: IssuanceBatch.ID, origin: String, by caller: Account?) async throws -> String {
        var text = CSV.line(["row", "line", "learner", "name", "completion date", "result", "state", "credential", "claim link", "error"])
        var after = 0
        while true {
            let page = try await rowsWithClaims(of: id, after: after, limit: 1_000, by: caller)
            guard let last = page.last else { break }
            after = last.row.number
            for (row, token) in page {
                let state = row.error != nil ? "refused" : row.credential != nil ? "issued" : "pending"
                text += CSV.line([
                    String(row.number), String(row.line), row.learner, row.name, row.completed, row.result, state, row.credential?.rawValue ?? "",
                    token.map { "\(origin)/claim/\($0)" } ?? "", row.error ?? "",
                ])
            }
        }
        return text
    }

    private func issueRemaining(of batch: IssuanceBatch, firstSlot: Int, progress: Progress) async throws {
        let stores = dependencies.stores
        guard let listing = try await stores.registry.microcredential(batch.microcredential) else {
            throw StoreError.notFound(kind: "microcredential", id: batch.microcredential.rawValue)
        }
        guard listing.status.isIssuable else {
            throw ValidationFailure([.init(field: "microcredential", message: "the listing is \(listing.status.label) now; it is no longer issued")])
        }
        let signer = try await IssuingDesk(dependencies: dependencies).signer(listing: listing, suite: batch.suite)
        let key = try dependencies.keyEncryption.derivedKey(for: Self.purpose(batch.id))
        let actor = batch.confirmedBy ?? batch.createdBy
        var issued = batch.issuedCount
        var cursor = 0
        var writing: Task<Int, any Error>?
        progress(issued, batch.validCount)
        while true {
            let rows = try await stores.batches.rows(of: batch.id, after: cursor, limit: Self.chunk, only: .pending)
            guard let last = rows.last else { break }
            cursor = last.number
            let now = dependencies.clock.now
            let credentials = try await Self.sign(rows, of: batch, firstSlot: firstSlot, signer: signer, key: key, at: now)
            // One chunk is written while the next is signed.
            if let writing { issued += try await writing.value }
            progress(issued, batch.validCount)
            let dependencies = dependencies
            writing = Task {
                try await dependencies.stores.transaction { tx in
                    try await tx.issued.add(credentials)
                    let entries = try credentials.map { credential in
                        try AuditEntry(
                            actor: actor, action: .issue, subject: .init(.credential, credential.id.rawValue),
                            summary: IssuingDesk.Summary(credential))
                    }
                    try await tx.audit.append(entries, at: dependencies.milliseconds)
                    try await tx.batches.countIssued(batch.id, adding: credentials.count)
                }
                return credentials.count
            }
        }
        if let writing { issued += try await writing.value }
        progress(issued, batch.validCount)
    }

    /// Signs a chunk's rows, split over the machine's cores.
    private static func sign(
        _ rows: [IssuanceBatch.Row], of batch: IssuanceBatch, firstSlot: Int, signer: CredentialSigner, key: SymmetricKey, at now: Date
    ) async throws -> [IssuedCredential] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows.count))
        let size = (rows.count + workers - 1) / workers
        return try await withThrowingTaskGroup(of: (Int, [IssuedCredential]).self) { group in
            for start in stride(from: 0, to: rows.count, by: size) {
                let slice = rows[start..<min(start + size, rows.count)]
                group.addTask {
                    (
                        start,
                        try slice.map { row in
                            try credential(for: row, of: batch, firstSlot: firstSlot, signer: signer, key: key, at: now)
                        }
                    )
                }
            }
            var parts: [(Int, [IssuedCredential])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    private static func credential(
        for row: IssuanceBatch.Row, of batch: IssuanceBatch, firstSlot: Int, signer: CredentialSigner, key: SymmetricKey, at now: Date
    ) throws -> IssuedCredential {
        guard let recipient = row.recipient, let ordinal = row.ordinal else {
            throw StoreError.invalid([.init(field: "row \(row.number)", message: "is not a valid row")])
        }
        let id = IssuedCredential.ID(
            "urn:uuid:" + IssuingDesk.uuid(Array(HMAC<SHA256>.authenticationCode(for: Array("credential \(row.number)".utf8), using: key).prefix(16)))
        )
        let token = claimToken(row: row.number, key: key)
        let learner = CredentialSigner.Learner(recipient: recipient, name: row.name, awarded: row.completed, result: row.result)
        let signed = try signer.sign(id: id, learner: learner, statusIndex: firstSlot + ordinal, at: now)
        return IssuedCredential(
            id: id, provider: batch.provider, microcredential: batch.microcredential, recipient: recipient, recipientName: row.name,
            issuedAt: now, suite: batch.suite, signed: signed.document, jwt: signed.jwt, claimTokenHash: Secrets.hash(token),
            claimExpiresAt: now.addingTimeInterval(IssuingDesk.claimLifetime), statusIndex: firstSlot + ordinal, batch: batch.id,
            batchRow: row.number)
    }

    static func purpose(_ id: IssuanceBatch.ID) -> String { "accord issuance batch \(id.rawValue)" }

    static func claimToken(row: Int, key: SymmetricKey) -> String {
        Base64URL.encode(Array(HMAC<SHA256>.authenticationCode(for: Array("claim \(row)".utf8), using: key)))
    }

    /// A batch id as given: 1–64 letters, digits, `.`, `_` or `-`.
    static func checkedID(_ text: String) throws -> IssuanceBatch.ID {
        let allowed = text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2E
                || byte == 0x5F
        }
        guard (1...64).contains(text.utf8.count), allowed else {
            throw ValidationFailure([.init(field: "batch", message: "a batch id is 1 to 64 letters, digits, '.', '_' or '-'")])
        }
        return .init(text)
    }

    /// The id of a batch uploaded without one: the same file for the same listing and suite is the same batch.
    static func derivedID(microcredential: Microcredential.ID, suite: IssuedCredential.Suite, contentHash: String) -> IssuanceBatch.ID {
        let digest = Hex.encode(SHA256.hash(data: Array("\(microcredential.rawValue)\u{1F}\(suite.rawValue)\u{1F}\(contentHash)".utf8)))
        return .init("batch-" + digest.prefix(20))
    }

    /// What the audit log keeps of a batch: counts, never learners.
    struct Facts: Encodable {
        let provider: String
        let microcredential: String
        let suite: String
        let rows: Int
        let valid: Int
        let contentHash: String

        init(_ batch: IssuanceBatch) {
            provider = batch.provider.rawValue
            microcredential = batch.microcredential.rawValue
            suite = batch.suite.rawValue
            rows = batch.rowCount
            valid = batch.validCount
            contentHash = batch.contentHash
        }
    }
}

/// Runs confirmed batches in the background of the server, one task per batch, and resumes unfinished ones at start.
public actor BatchRunner {
    let desk: BatchDesk
    let dependencies: Dependencies
    private var running: [IssuanceBatch.ID: Task<Void, Never>] = [:]

    public init(dependencies: Dependencies) {
        self.dependencies = dependencies
        desk = BatchDesk(dependencies: dependencies)
    }

    /// Starts running the batch unless this server runs it already.
    public func start(_ id: IssuanceBatch.ID) {
        guard running[id] == nil else { return }
        let desk = desk
        let logger = dependencies.logger
        running[id] = Task {
            do {
                let batch = try await desk.run(id)
                logger.info("issuance batch \(id): \(batch.issuedCount) of \(batch.validCount) issued, \(batch.state.rawValue)")
            } catch {
                logger.error("issuance batch \(id) stopped: \(error)")
            }
            self.finished(id)
        }
    }

    /// Resumes every confirmed batch that has not finished (after a restart or a crash).
    public func resumeUnfinished() async throws {
        for id in try await dependencies.stores.batches.unfinished() { start(id) }
    }

    /// Waits for the batch's run in this server, if any (tests, shutdown).
    public func wait(for id: IssuanceBatch.ID) async {
        await running[id]?.value
    }

    private func finished(_ id: IssuanceBatch.ID) { running[id] = nil }
}
