import Foundation
import RecognitionCore

/// The registry's write operations, shared by the JSON API, the web pages and the CLI: authorize, validate, then
/// write in one transaction.
public struct Registrar: Sendable {
    let registry: SQLRegistryStore

    public init(registry: SQLRegistryStore) { self.registry = registry }

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

    public func detail(_ id: Microcredential.ID) async throws -> Detail {
        guard let item = try await registry.microcredential(id) else { throw StoreError.notFound(kind: "microcredential", id: id.rawValue) }
        let provider = try await registry.provider(item.providerID)
        let framework = try await item.level.asyncMap { try await registry.framework($0.framework) } ?? nil
        return Detail(
            microcredential: item, provider: provider, framework: framework,
            conformance: .check(item, provider: provider, framework: framework))
    }

    /// Creates a listing; refuses an id already in use.
    public func create(_ input: MicrocredentialInput, by caller: Account?) async throws -> Microcredential {
        let item = try await validated(input, existing: nil, by: caller)
        if try await registry.microcredential(item.id) != nil { throw StoreError.conflict("microcredential '\(item.id)' exists already") }
        try await registry.save([item])
        return item
    }

    /// Replaces a listing; the caller must be allowed to edit both the old and the new provider's listings.
    public func update(_ id: Microcredential.ID, with input: MicrocredentialInput, by caller: Account?) async throws -> Microcredential {
        guard let existing = try await registry.microcredential(id) else { throw StoreError.notFound(kind: "microcredential", id: id.rawValue) }
        try caller.authorize(.editMicrocredentials(of: existing.providerID))
        var item = try await validated(input, existing: id, by: caller)
        item.provenance = existing.provenance
        try await registry.save([item])
        return item
    }

    /// Checks every row first; writes all valid rows in one transaction, or nothing when any row is invalid
    /// and `skipInvalid` is false.
    public func importRows(
        _ rows: [(row: Int, input: Result<MicrocredentialInput, ValidationFailure>)], skipInvalid: Bool, by caller: Account?
    ) async throws -> ImportReport {
        guard let caller else { throw AccessError.unauthenticated }
        switch caller.role {
        case .admin, .providerStaff: break
        case .evaluator, .learner: throw AccessError.forbidden("a \(caller.role.kind.rawValue) account cannot import registry entries")
        }
        let frameworks = Dictionary(uniqueKeysWithValues: try await registry.frameworks().map { ($0.id, $0) })
        let providers = Set(try await registry.providers().map(\.id))
        let checked = MicrocredentialImport(
            rows: rows, frameworks: frameworks, providers: providers,
            mayEdit: { provider in (try? Optional(caller).authorize(.editMicrocredentials(of: provider))) != nil })
        if !checked.errors.isEmpty && !skipInvalid { throw ImportRejected(errors: checked.errors) }
        try await registry.save(checked.valid)
        return ImportReport(imported: checked.valid.count, skipped: checked.errors)
    }

    /// Adds or replaces a provider (admin only).
    public func save(_ provider: Provider, by caller: Account?) async throws {
        try caller.authorize(.manageProviders)
        var issues: [ValidationIssue] = []
        if !provider.id.isValidSlug { issues.append(.init(field: "id", message: "must be 1-120 lower-case letters, digits or '-'")) }
        if provider.name.trimmingCharacters(in: .whitespaces).isEmpty || provider.name.count > 300 {
            issues.append(.init(field: "name", message: "is required (at most 300 characters)"))
        }
        if provider.country.count != 2 || !provider.country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            issues.append(.init(field: "country", message: "must be an ISO 3166 alpha-2 code such as NZ"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        try await registry.save(provider)
    }

    private func validated(_ input: MicrocredentialInput, existing: Microcredential.ID?, by caller: Account?) async throws -> Microcredential {
        let item = try input.microcredential(existing: existing).get()
        try caller.authorize(.editMicrocredentials(of: item.providerID))
        guard try await registry.provider(item.providerID) != nil else {
            throw ValidationFailure([.init(field: "provider_id", message: "unknown provider '\(item.providerID)'")])
        }
        var frameworks: [Framework.ID: Framework] = [:]
        if let id = item.level?.framework, let framework = try await registry.framework(id) { frameworks[id] = framework }
        let issues = item.validationIssues(frameworks: frameworks)
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return item
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
