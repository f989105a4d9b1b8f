import Credentials
import Foundation
import RecognitionCore

/// Recognition at a NIC (#15): learners apply (or an evaluator enters a case for someone without an account), the case
/// is submitted and its evidence gathered, an evaluator of that NIC takes it and decides, a signed statement is issued,
/// the applicant may appeal. Every step is one unit of work with its audit event.
public struct RecognitionDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    /// Four months, where a NIC has not set its own target.
    public static let defaultTargetDays = 120
    static let maxCredentialBytes = 256 * 1024

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// An application as the API and the forms send it.
    public struct ApplicationInput: Decodable, Sendable {
        public var nic: String
        public var purpose: RecognitionCase.Purpose
        public var kind: RecognitionCase.Kind
        /// Required when an evaluator enters the case; a learner applies in their own name.
        public var applicantName: String?
        public var applicantEmail: String?
        public var note: String?
        public var items: [ItemInput]

        public init(
            nic: String, purpose: RecognitionCase.Purpose, kind: RecognitionCase.Kind, applicantName: String? = nil,
            applicantEmail: String? = nil, note: String? = nil, items: [ItemInput]
        ) {
            self.nic = nic
            self.purpose = purpose
            self.kind = kind
            self.applicantName = applicantName
            self.applicantEmail = applicantEmail
            self.note = note
            self.items = items
        }
    }

    /// One credential: an entry of the applicant's record, a credential's text (JSON or a VC-JWT), or a description.
    /// Stated facts (framework, level, credits…) complete or correct what a credential says.
    public struct ItemInput: Decodable, Sendable {
        public var recordEntry: String?
        public var credential: String?
        public var title: String?
        public var awardedBy: String?
        public var country: String?
        public var framework: String?
        public var level: Int?
        public var credits: Double?
        public var hours: Double?
        public var issuedOn: String?
        public var description: String?

        public init(
            recordEntry: String? = nil, credential: String? = nil, title: String? = nil, awardedBy: String? = nil, country: String? = nil,
            framework: String? = nil, level: Int? = nil, credits: Double? = nil, hours: Double? = nil, issuedOn: String? = nil,
            description: String? = nil
        ) {
            self.recordEntry = recordEntry
            self.credential = credential
            self.title = title
            self.awardedBy = awardedBy
            self.country = country
            self.framework = framework
            self.level = level
            self.credits = credits
            self.hours = hours
            self.issuedOn = issuedOn
            self.description = description
        }
    }

    // MARK: applying

    /// Creates a draft case: in the caller's own name (a learner), or for an applicant the NIC's evaluator names.
    public func apply(_ input: ApplicationInput, by caller: Account?) async throws -> RecognitionCase {
        guard let account = caller else { throw AccessError.unauthenticated }
        let nicID = NIC.ID(input.nic)
        var issues: [ValidationIssue] = []
        let name: String
        if case .learner = account.role {
            try caller.authorize(.applyForRecognition)
            name = account.displayName
        } else {
            try caller.authorize(.assessRecognition(at: nicID))
            name = (input.applicantName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty || name.count > 200 { issues.append(.init(field: "applicant_name", message: "is required (at most 200 characters)")) }
        }
        if let email = input.applicantEmail, email.count > 254 || !email.contains("@") {
            issues.append(.init(field: "applicant_email", message: "must be an e-mail address"))
        }
        if let note = input.note, note.count > 10_000 { issues.append(.init(field: "note", message: "at most 10000 characters")) }
        if !(1...RecognitionCase.maxItems).contains(input.items.count) {
            issues.append(.init(field: "items", message: "submit 1 to \(RecognitionCase.maxItems) credentials"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        guard try await stores.reference.nic(nicID) != nil else { throw StoreError.notFound(kind: "NIC", id: nicID.rawValue) }
        let frameworks = try await stores.registry.frameworks()
        var items: [CaseItem] = []
        for (number, input) in input.items.enumerated() {
            items.append(try await item(input, place: "items[\(number)]", applicant: account, frameworks: frameworks))
        }
        let now = dependencies.clock.now
        let isLearner = account.role.kind == .learner
        let recognitionCase = RecognitionCase(
            id: .init("case-" + Hex.encode(dependencies.random.bytes(10))), nic: nicID, applicant: isLearner ? account.id : nil,
            applicantName: name, applicantEmail: isLearner ? account.email : input.applicantEmail, createdBy: account.id,
            purpose: input.purpose, kind: input.kind, note: input.note, items: items, createdAt: now)
        try await stores.transaction { tx in
            try await tx.recognition.add(recognitionCase)
            try await dependencies.record(
                .create, .init(.recognitionCase, recognitionCase.id.rawValue), by: caller,
                summary: [
                    "nic": nicID.rawValue, "purpose": input.purpose.rawValue, "kind": input.kind.rawValue, "items": "\(recognitionCase.items.count)",
                ],
                in: tx)
        }
        return recognitionCase
    }

    func item(_ input: ItemInput, place: String, applicant: Account, frameworks: [Framework]) async throws -> CaseItem {
        var issues: [ValidationIssue] = []
        func text(_ value: String?, _ field: String, limit: Int) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            if value.count > limit { issues.append(.init(field: "\(place).\(field)", message: "at most \(limit) characters")) }
            return String(value.prefix(limit))
        }
        let sources = [input.recordEntry != nil, input.credential != nil].filter { $0 }.count
        if sources > 1 { issues.append(.init(field: place, message: "give a record entry or a credential, not both")) }
        var item: CaseItem
        if let id = input.recordEntry {
            guard applicant.role.kind == .learner, let entry = try await stores.records.entry(.init(id), of: applicant.id) else {
                throw StoreError.notFound(kind: "record entry", id: id)
            }
            item = CaseItem(
                source: .record, title: entry.title, awardedBy: entry.issuerName ?? entry.issuer, country: entry.country,
                provider: entry.provider, framework: entry.framework, level: entry.level, credits: entry.credits, hours: entry.hours,
                issuedOn: entry.issuedOn, document: entry.document, recordEntry: entry.id)
            if entry.factsSource == "registry" { item.microcredential = entry.units.last.map { .init($0) } }
        } else if let credential = input.credential {
            guard credential.utf8.count <= Self.maxCredentialBytes else {
                throw ValidationFailure([.init(field: "\(place).credential", message: "at most \(Self.maxCredentialBytes / 1024) KiB")])
            }
            let bytes = Array(credential.utf8)
            let result = try await VerificationDesk(dependencies: dependencies).verify(bytes)
            let entry = try await LearnerRecordDesk(dependencies: dependencies).entry(
                from: result, document: credential, source: .imported, learner: applicant.id)
            item = CaseItem(
                source: .upload, title: entry.title, awardedBy: entry.issuerName ?? entry.issuer, country: entry.country,
                provider: entry.provider, framework: entry.framework, level: entry.level, credits: entry.credits, hours: entry.hours,
                issuedOn: entry.issuedOn, document: credential)
            if entry.factsSource == "registry" { item.microcredential = entry.units.last.map { .init($0) } }
        } else {
            guard let title = text(input.title, "title", limit: 300) else {
                throw ValidationFailure([.init(field: "\(place).title", message: "describe the credential: its title at least")])
            }
            item = CaseItem(source: .described, title: title)
        }
        // What the applicant states completes or corrects what a credential says (a description has nothing else).
        if let title = text(input.title, "title", limit: 300), item.source != .described { item.title = title }
        item.awardedBy = text(input.awardedBy, "awarded_by", limit: 300) ?? item.awardedBy
        if let country = text(input.country, "country", limit: 2) {
            if country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isLetter }) {
                issues.append(.init(field: "\(place).country", message: "must be an ISO 3166 alpha-2 code such as HK"))
            }
            item.country = country.uppercased()
        }
        if let framework = text(input.framework, "framework", limit: 120) { item.framework = .init(framework) }
        item.level = input.level ?? item.level
        item.credits = input.credits ?? item.credits
        item.hours = input.hours ?? item.hours
        item.issuedOn = text(input.issuedOn, "issued_on", limit: 10) ?? item.issuedOn
        item.description = text(input.description, "description", limit: 20_000)
        if let id = item.framework {
            if let framework = frameworks.first(where: { $0.id == id }) {
                if let level = item.level, framework.level(level) == nil {
                    issues.append(.init(field: "\(place).level", message: "\(id) has no level \(level)"))
                }
            } else {
                issues.append(.init(field: "\(place).framework", message: "'\(id)' is not a framework in the registry"))
            }
        }
        for (field, value) in [("credits", item.credits), ("hours", item.hours)] {
            if let value, !(value.isFinite && value >= 0 && value <= 100_000) {
                issues.append(.init(field: "\(place).\(field)", message: "must be between 0 and 100000"))
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return item
    }

    // MARK: reading

    /// One case: for its applicant, for the NIC's evaluators, for admins.
    public func recognitionCase(_ id: RecognitionCase.ID, by caller: Account?) async throws -> RecognitionCase {
        guard let found = try await stores.recognition.recognitionCase(id) else {
            throw StoreError.notFound(kind: "recognition case", id: id.rawValue)
        }
        try Self.authorizeRead(found, by: caller)
        return found
    }

    static func authorizeRead(_ recognitionCase: RecognitionCase, by caller: Account?) throws {
        guard let account = caller else { throw AccessError.unauthenticated }
        if account.role.kind == .learner {
            // Another applicant's case does not exist, as far as a learner can tell.
            guard recognitionCase.applicant == account.id else {
                throw StoreError.notFound(kind: "recognition case", id: recognitionCase.id.rawValue)
            }
            return
        }
        try caller.authorize(.readRecognitionCases(of: recognitionCase.nic))
        // A learner's draft is theirs until they submit it: the NIC does not see it yet.
        if recognitionCase.workflow.name == .draft, recognitionCase.applicant != nil {
            throw StoreError.notFound(kind: "recognition case", id: recognitionCase.id.rawValue)
        }
    }

    /// Drafts are moved by applicants: learners, and evaluators for cases they entered; no one else.
    static func authorizeDraftEditor(_ caller: Account?) throws {
        guard let account = caller else { throw AccessError.unauthenticated }
        guard account.role.kind == .learner || account.role.kind == .evaluator else {
            throw AccessError.forbidden("drafts are submitted by their applicants (or the NIC that entered them)")
        }
    }

    /// A learner's own cases; a NIC's cases for its evaluators (their NIC whatever they ask) and admins.
    public func cases(_ query: CaseQuery, by caller: Account?) async throws -> SearchPage<CaseSummary> {
        guard let account = caller else { throw AccessError.unauthenticated }
        var query = query
        switch account.role {
        case .learner:
            query.applicant = account.id
        case .evaluator(let nic):
            query.nic = nic
        case .admin:
            break
        case .providerStaff, .focalPoint:
            throw AccessError.forbidden("recognition cases are seen by their applicants, the NIC's evaluators and admins")
        }
        return try await stores.recognition.cases(query)
    }

    /// The audit events of a case, oldest first.
    public func history(_ id: RecognitionCase.ID, by caller: Account?) async throws -> [AuditEvent] {
        try await history(of: try await recognitionCase(id, by: caller), by: caller)
    }

    /// The history of a case already read, checked without reading it again.
    public func history(of recognitionCase: RecognitionCase, by caller: Account?) async throws -> [AuditEvent] {
        try Self.authorizeRead(recognitionCase, by: caller)
        return try await stores.audit.events(subject: .init(.recognitionCase, recognitionCase.id.rawValue), since: nil, limit: 500).reversed()
    }

    // MARK: moving a case

    /// Applies `event` to the case inside one unit of work with its audit event; `change` adds what the step writes.
    func move(
        _ id: RecognitionCase.ID, _ events: [(CaseWorkflow.Event, AuditAction)], by caller: Account?, summary: [String: String] = [:],
        authorize: @escaping @Sendable (RecognitionCase) throws -> Void,
        change: @escaping @Sendable (inout RecognitionCase, any Stores) async throws -> Void = { _, _ in }
    ) async throws -> RecognitionCase {
        let now = dependencies.clock.now
        return try await stores.transaction { tx in
            guard var recognitionCase = try await tx.recognition.recognitionCase(id) else {
                throw StoreError.notFound(kind: "recognition case", id: id.rawValue)
            }
            try Self.authorizeRead(recognitionCase, by: caller)
            try authorize(recognitionCase)
            for (event, action) in events {
                try recognitionCase.workflow.apply(event, now: now)
                var details = summary
                details["state"] = recognitionCase.workflow.name.rawValue
                try await dependencies.record(action, .init(.recognitionCase, id.rawValue), by: caller, summary: details, in: tx)
            }
            try await change(&recognitionCase, tx)
            if !recognitionCase.workflow.name.isOpen && recognitionCase.closedAt == nil { recognitionCase.closedAt = now }
            try await tx.recognition.save(recognitionCase)
            return recognitionCase
        }
    }

    /// Submits a draft: the applicant (or the evaluator who entered it). The evidence is gathered first and recorded in
    /// the same unit of work, so a submitted case always has it; the due date is the NIC's target time from now.
    public func submit(_ id: RecognitionCase.ID, by caller: Account?) async throws -> RecognitionCase {
        try Self.authorizeDraftEditor(caller)
        let draft = try await recognitionCase(id, by: caller)
        try Self.authorizeApplicant(draft, caller: caller)
        guard draft.workflow.name == .draft else { throw CaseWorkflow.TransitionError.notAllowed(from: draft.workflow.name, event: "submit") }
        let evidence = try await gatherEvidence(for: draft)
        let days = try await stores.recognition.targetDays(of: draft.nic) ?? Self.defaultTargetDays
        let now = dependencies.clock.now
        return try await move(
            id, [(.submit, .submit), (.recordEvidence, .gatherEvidence)], by: caller, authorize: { try Self.authorizeApplicant($0, caller: caller) }
        ) { recognitionCase, _ in
            recognitionCase.evidence = evidence
            recognitionCase.submittedAt = now
            recognitionCase.dueAt = now.addingTimeInterval(Double(days) * 86_400)
        }
    }

    /// The applicant, or for a case entered by the NIC, that NIC's evaluators.
    static func authorizeApplicant(_ recognitionCase: RecognitionCase, caller: Account?) throws {
        guard let account = caller else { throw AccessError.unauthenticated }
        if let applicant = recognitionCase.applicant {
            guard applicant == account.id else { throw AccessError.forbidden("only the applicant may do this") }
        } else {
            try caller.authorize(.assessRecognition(at: recognitionCase.nic))
        }
    }

    /// An evaluator of the case's NIC takes it (or takes it over).
    public func take(_ id: RecognitionCase.ID, by caller: Account?) async throws -> RecognitionCase {
        guard let account = caller else { throw AccessError.unauthenticated }
        return try await move(id, [(.assign(account.id), .assign)], by: caller) { try caller.authorize(.assessRecognition(at: $0.nic)) }
    }

    /// Withdraws an open case: its applicant, or the NIC's evaluators.
    public func withdraw(_ id: RecognitionCase.ID, by caller: Account?) async throws -> RecognitionCase {
        try await move(id, [(.withdraw, .withdraw)], by: caller) { recognitionCase in
            if caller?.id != recognitionCase.applicant { try caller.authorize(.assessRecognition(at: recognitionCase.nic)) }
        }
    }

    /// Sets how many days a NIC aims to take from submission to decision (its evaluators; admins).
    public func setTargetDays(_ days: Int, of nic: NIC.ID, by caller: Account?) async throws {
        try caller.authorize(.readRecognitionCases(of: nic))
        if case .admin = caller?.role {} else { try caller.authorize(.assessRecognition(at: nic)) }
        guard (1...730).contains(days) else { throw ValidationFailure([.init(field: "target_days", message: "must be 1 to 730 days")]) }
        guard try await stores.reference.nic(nic) != nil else { throw StoreError.notFound(kind: "NIC", id: nic.rawValue) }
        try await stores.transaction { tx in
            let before = try await tx.recognition.targetDays(of: nic)
            try await tx.recognition.setTargetDays(days, of: nic)
            try await dependencies.record(
                .update, .init(.nic, nic.rawValue), by: caller,
                summary: ["target_days": "\(before.map(String.init) ?? "default \(Self.defaultTargetDays)") → \(days)"], in: tx)
        }
    }

    public func targetDays(of nic: NIC.ID) async throws -> Int {
        try await stores.recognition.targetDays(of: nic) ?? Self.defaultTargetDays
    }
}
