import Foundation
import RecognitionCore

/// The registry's use cases, shared by the JSON API, the web pages and the CLI: authorize, validate, then write with
/// its audit event in one unit of work.
public struct Registrar: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// A listing with everything its page shows.
    public struct Detail: Sendable, Encodable {
        public var microcredential: Microcredential
        public var provider: Provider?
        public var framework: Framework?
        public var conformance: ConformanceReport
    }

    /// The outcome of an import: how many rows were written and which were skipped with why.
    public struct ImportReport: Sendable, Codable, Equatable {
        public var imported: Int
        public var skipped: [MicrocredentialImport.RowError]
    }

    /// An import refused whole because some rows are invalid (and `skipInvalid` was not set).
    public struct ImportRejected: Error, Sendable, Equatable {
        public var errors: [MicrocredentialImport.RowError]
    }

    public func frameworks() async throws -> [Framework] { try await stores.registry.frameworks() }

    public func framework(_ id: Framework.ID) async throws -> Framework {
        guard let framework = try await stores.registry.framework(id) else { throw StoreError.notFound(kind: "framework", id: id.rawValue) }
        return framework
    }

    public func providers() async throws -> [Provider] { try await stores.registry.providers() }

    public func provider(_ id: Provider.ID) async throws -> Provider {
        guard let provider = try await stores.registry.provider(id) else { throw StoreError.notFound(kind: "provider", id: id.rawValue) }
        return provider
    }

    /// Searches the listings `caller` may see: public ones, plus their own provider's for staff, everything for admins.
    public func search(_ query: RegistryQuery, by caller: Account?) async throws -> SearchPage<RegistryHit> {
        var query = query
        query.visibility = Visibility(for: caller)
        return try await stores.registry.search(query)
    }

    /// A listing with its provider, framework and conformance; a listing `caller` may not see is "not found".
    public func detail(_ id: Microcredential.ID, by caller: Account?) async throws -> Detail {
        guard let item = try await stores.registry.microcredential(id), Visibility(for: caller).allows(item) else {
            throw StoreError.notFound(kind: "microcredential", id: id.rawValue)
        }
        let provider = try await stores.registry.provider(item.providerID)
        var framework: Framework?
        if let level = item.level { framework = try await stores.registry.framework(level.framework) }
        return Detail(
            microcredential: item, provider: provider, framework: framework,
            conformance: .check(item, provider: provider, framework: framework))
    }

    /// The listing an editor may change, or an error saying why not.
    public func editable(_ id: Microcredential.ID, by caller: Account?) async throws -> Microcredential {
        guard let item = try await stores.registry.microcredential(id) else { throw StoreError.notFound(kind: "microcredential", id: id.rawValue) }
        try caller.authorize(.editMicrocredentials(of: item.providerID))
        return item
    }

    /// Creates a listing; refuses an id already in use.
    public func create(_ input: MicrocredentialInput, by caller: Account?) async throws -> Microcredential {
        var validated = try await validated(input, existing: nil, by: caller)
        validated.status = try Self.initialStatus(input, by: caller)
        let item = validated
        try await stores.transaction { tx in
            if try await tx.registry.microcredential(item.id) != nil { throw StoreError.conflict("microcredential '\(item.id)' exists already") }
            try await tx.registry.save([item], edited: true)
            try await dependencies.record(
                .create, .init(.microcredential, item.id.rawValue), by: caller, summary: Change(before: nil, after: item), in: tx)
        }
        return item
    }

    /// Replaces a listing; the caller must be allowed to edit both the old and the new provider's listings.
    /// Content changes by provider staff leave the source unconfirmed and an approved listing "changed since approval".
    public func update(_ id: Microcredential.ID, with input: MicrocredentialInput, by caller: Account?) async throws -> Microcredential {
        _ = try await editable(id, by: caller)
        if let body = input.id, body != id.rawValue {
            throw ValidationFailure([.init(field: "id", message: "is '\(body)' but the address names '\(id)'; an id cannot be changed")])
        }
        let validated = try await validated(input, existing: id, by: caller)
        return try await stores.transaction { tx in
            guard let existing = try await tx.registry.microcredential(id) else {
                throw StoreError.notFound(kind: "microcredential", id: id.rawValue)
            }
            try caller.authorize(.editMicrocredentials(of: existing.providerID))
            let item = try Self.saved(validated, over: existing, input: input, by: caller, at: dependencies.clock.now)
            try await tx.registry.save([item], edited: true)
            try await dependencies.record(
                .update, .init(.microcredential, id.rawValue), by: caller, summary: Change(before: existing, after: item), in: tx)
            return item
        }
    }

    /// Checks every row first; writes all valid rows and one audit event per row in one unit of work, or nothing when
    /// any row is invalid and `skipInvalid` is false.
    public func importRows(
        _ rows: [MicrocredentialImport.Row], skipInvalid: Bool, updateExisting: Bool = false, by caller: Account?
    ) async throws -> ImportReport {
        try caller.authorize(.importMicrocredentials)
        return try await stores.transaction { tx in
            let frameworks = Dictionary(uniqueKeysWithValues: try await tx.registry.frameworks().map { ($0.id, $0) })
            let providers = Set(try await tx.registry.providers().map(\.id))
            var owners: [Microcredential.ID: Provider.ID] = [:]
            var previous: [Microcredential.ID: Microcredential] = [:]
            for input in rows.map(\.input) {
                guard let raw = input.id, !raw.isEmpty else { continue }
                let id = Microcredential.ID(raw)
                if let existing = try await tx.registry.microcredential(id) {
                    owners[id] = existing.providerID
                    previous[id] = existing
                }
            }
            let checked = MicrocredentialImport(
                rows: rows, frameworks: frameworks, providers: providers, owners: owners, updateExisting: updateExisting,
                mayEdit: { caller.may(.editMicrocredentials(of: $0)) })
            if !checked.errors.isEmpty && !skipInvalid { throw ImportRejected(errors: checked.errors) }
            var written: [Microcredential] = []
            var refused = checked.errors
            for (row, item) in checked.valid {
                let input = row.input
                do {
                    if let existing = previous[item.id] {
                        written.append(try Self.saved(item, over: existing, input: input, by: caller, at: dependencies.clock.now))
                    } else {
                        var new = item
                        new.status = try Self.initialStatus(input, by: caller)
                        written.append(new)
                    }
                } catch let refusal as ListingReview.Refusal {
                    refused.append(.init(row: row.row, id: item.id.rawValue, issues: [.init(field: "status", message: refusal.description)]))
                }
            }
            refused.sort { $0.row < $1.row }
            if refused.count > checked.errors.count && !skipInvalid { throw ImportRejected(errors: refused) }
            try await tx.registry.save(written, edited: true)
            for item in written {
                try await dependencies.record(
                    .import, .init(.microcredential, item.id.rawValue), by: caller, summary: Change(before: previous[item.id], after: item), in: tx)
            }
            return ImportReport(imported: written.count, skipped: refused)
        }
    }

    /// Adds a provider (admin only); refuses an id already in use.
    public func create(_ provider: Provider, by caller: Account?) async throws -> Provider {
        try caller.authorize(.manageProviders)
        try Self.validate(provider)
        try await stores.transaction { tx in
            if try await tx.registry.provider(provider.id) != nil { throw StoreError.conflict("provider '\(provider.id)' exists already") }
            try await tx.registry.save(provider, edited: true)
            try await dependencies.record(
                .create, .init(.provider, provider.id.rawValue), by: caller, summary: Change(before: nil, after: provider), in: tx)
        }
        return provider
    }

    /// Replaces a provider (admin only).
    public func update(_ provider: Provider, by caller: Account?) async throws -> Provider {
        try caller.authorize(.manageProviders)
        try Self.validate(provider)
        try await stores.transaction { tx in
            guard let existing = try await tx.registry.provider(provider.id) else {
                throw StoreError.notFound(kind: "provider", id: provider.id.rawValue)
            }
            try await tx.registry.save(provider, edited: true)
            try await dependencies.record(
                .update, .init(.provider, provider.id.rawValue), by: caller, summary: Change(before: existing, after: provider), in: tx)
        }
        return provider
    }

    /// Adds or replaces a framework (admin only).
    public func save(_ framework: Framework, by caller: Account?) async throws -> Framework {
        try caller.authorize(.editReferenceData)
        var issues: [ValidationIssue] = []
        if !framework.id.isValidSlug { issues.append(.init(field: "id", message: "must be 1-120 lower-case letters, digits or '-'")) }
        if framework.name.trimmingCharacters(in: .whitespaces).isEmpty || framework.name.count > 300 {
            issues.append(.init(field: "name", message: "is required (at most 300 characters)"))
        }
        if framework.levels.count > 30 { issues.append(.init(field: "levels", message: "at most 30 levels")) }
        if Set(framework.levels.map(\.number)).count != framework.levels.count {
            issues.append(.init(field: "levels", message: "level numbers must be unique"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        try await stores.transaction { tx in
            let existing = try await tx.registry.framework(framework.id)
            try await tx.registry.save(framework, edited: true)
            try await dependencies.record(
                existing == nil ? .create : .update, .init(.framework, framework.id.rawValue), by: caller,
                summary: Change(before: existing, after: framework), in: tx)
        }
        return framework
    }

    /// Takes one review step on a listing; `reasons` are required to return it. Returns the listing as saved.
    public func review(
        _ step: ListingReview.Step, _ id: Microcredential.ID, reasons: String? = nil, by caller: Account?
    ) async throws -> Microcredential {
        let reasons = reasons?.trimmingCharacters(in: .whitespacesAndNewlines)
        if step == .return {
            guard let reasons, !reasons.isEmpty else { throw ListingReview.Refusal.reasonsRequired }
            if let issue = TextRules.issue(field: "reasons", reasons, limit: RegistryLimits.textLength) { throw ValidationFailure([issue]) }
        }
        return try await stores.transaction { tx in
            guard let existing = try await tx.registry.microcredential(id), Visibility(for: caller).allows(existing) else {
                throw StoreError.notFound(kind: "microcredential", id: id.rawValue)
            }
            try caller.authorize(step.action(on: existing.providerID))
            var item = existing
            item.status = try ListingReview.status(after: step, from: existing.status)
            switch step {
            case .return: item.reviewNote = reasons
            case .approve: item.reviewNote = nil
            case .submit, .withdraw: break
            }
            try await tx.registry.save([item], edited: true)
            try await dependencies.record(
                AuditAction(step), .init(.microcredential, id.rawValue), by: caller,
                summary: ReviewChange(from: existing.status, to: item.status, reasons: step == .return ? reasons : nil), in: tx)
            return item
        }
    }

    /// What a review event records.
    struct ReviewChange: Encodable {
        let from: Microcredential.Status
        let to: Microcredential.Status
        let reasons: String?
    }

    /// The status a new listing gets from its input; only a reviewer may create it approved.
    static func initialStatus(_ input: MicrocredentialInput, by caller: Account?) throws -> Microcredential.Status {
        try ListingReview.status(
            saving: input.status.flatMap(Microcredential.Status.init(rawValue:)), over: nil, contentChanged: true,
            reviewer: caller.may(.reviewMicrocredentials))
    }

    /// `edited` as it is saved over `existing`: status through the review rules, provenance kept for a reviewer's edit and
    /// unconfirmed, dated today, after anyone else's content change.
    static func saved(
        _ edited: Microcredential, over existing: Microcredential, input: MicrocredentialInput, by caller: Account?, at now: Date
    ) throws -> Microcredential {
        var item = edited
        let changed = ListingReview.contentDiffers(edited, existing)
        let reviewer = caller.may(.reviewMicrocredentials)
        item.status = try ListingReview.status(
            saving: input.status.flatMap(Microcredential.Status.init(rawValue:)), over: existing.status, contentChanged: changed, reviewer: reviewer)
        item.reviewNote = existing.reviewNote
        item.provenance = existing.provenance
        if changed && !reviewer {
            item.provenance.confirmed = .unconfirmed
            item.provenance.asOf = now.isoDay
        }
        return item
    }

    static func validate(_ provider: Provider) throws {
        var issues: [ValidationIssue] = []
        if !provider.id.isValidSlug { issues.append(.init(field: "id", message: "must be 1-120 lower-case letters, digits or '-'")) }
        if provider.name.trimmingCharacters(in: .whitespaces).isEmpty || provider.name.count > 300 {
            issues.append(.init(field: "name", message: "is required (at most 300 characters)"))
        }
        if provider.country.count != 2 || !provider.country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            issues.append(.init(field: "country", message: "must be an ISO 3166 alpha-2 code such as NZ"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
    }

    private func validated(_ input: MicrocredentialInput, existing: Microcredential.ID?, by caller: Account?) async throws -> Microcredential {
        let item = try input.microcredential(existing: existing).get()
        try caller.authorize(.editMicrocredentials(of: item.providerID))
        guard try await stores.registry.provider(item.providerID) != nil else {
            throw ValidationFailure([.init(field: "provider_id", message: "unknown provider '\(item.providerID)'")])
        }
        var frameworks: [Framework.ID: Framework] = [:]
        if let id = item.level?.framework, let framework = try await stores.registry.framework(id) { frameworks[id] = framework }
        let issues = item.validationIssues(frameworks: frameworks)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return item
    }
}
