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

    public func search(_ query: RegistryQuery) async throws -> SearchPage<RegistryHit> { try await stores.registry.search(query) }

    public func detail(_ id: Microcredential.ID) async throws -> Detail {
        guard let item = try await stores.registry.microcredential(id) else { throw StoreError.notFound(kind: "microcredential", id: id.rawValue) }
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
        let item = try await validated(input, existing: nil, by: caller)
        try await stores.transaction { tx in
            if try await tx.registry.microcredential(item.id) != nil { throw StoreError.conflict("microcredential '\(item.id)' exists already") }
            try await tx.registry.save([item], edited: true)
            try await dependencies.record(
                .create, .init(.microcredential, item.id.rawValue), by: caller, summary: Change(before: nil, after: item), in: tx)
        }
        return item
    }

    /// Replaces a listing; the caller must be allowed to edit both the old and the new provider's listings.
    public func update(_ id: Microcredential.ID, with input: MicrocredentialInput, by caller: Account?) async throws -> Microcredential {
        _ = try await editable(id, by: caller)
        let validated = try await validated(input, existing: id, by: caller)
        return try await stores.transaction { tx in
            guard let existing = try await tx.registry.microcredential(id) else {
                throw StoreError.notFound(kind: "microcredential", id: id.rawValue)
            }
            try caller.authorize(.editMicrocredentials(of: existing.providerID))
            var item = validated
            item.provenance = existing.provenance
            try await tx.registry.save([item], edited: true)
            try await dependencies.record(
                .update, .init(.microcredential, id.rawValue), by: caller, summary: Change(before: existing, after: item), in: tx)
            return item
        }
    }

    /// Checks every row first; writes all valid rows and one audit event per row in one unit of work, or nothing when
    /// any row is invalid and `skipInvalid` is false.
    public func importRows(
        _ rows: [(row: Int, input: Result<MicrocredentialInput, ValidationFailure>)], skipInvalid: Bool, by caller: Account?
    ) async throws -> ImportReport {
        try caller.authorize(.importMicrocredentials)
        return try await stores.transaction { tx in
            let frameworks = Dictionary(uniqueKeysWithValues: try await tx.registry.frameworks().map { ($0.id, $0) })
            let providers = Set(try await tx.registry.providers().map(\.id))
            var owners: [Microcredential.ID: Provider.ID] = [:]
            var previous: [Microcredential.ID: Microcredential] = [:]
            for case .success(let input) in rows.map(\.input) {
                guard let raw = input.id, !raw.isEmpty else { continue }
                let id = Microcredential.ID(raw)
                if let existing = try await tx.registry.microcredential(id) {
                    owners[id] = existing.providerID
                    previous[id] = existing
                }
            }
            let checked = MicrocredentialImport(
                rows: rows, frameworks: frameworks, providers: providers, owners: owners, mayEdit: { caller.may(.editMicrocredentials(of: $0)) })
            if !checked.errors.isEmpty && !skipInvalid { throw ImportRejected(errors: checked.errors) }
            try await tx.registry.save(checked.valid, edited: true)
            for item in checked.valid {
                try await dependencies.record(
                    .import, .init(.microcredential, item.id.rawValue), by: caller, summary: Change(before: previous[item.id], after: item), in: tx)
            }
            return ImportReport(imported: checked.valid.count, skipped: checked.errors)
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
