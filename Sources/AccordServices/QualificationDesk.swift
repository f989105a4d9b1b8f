import Foundation
import RecognitionCore

/// Qualifications and their pathways: read by anyone, written by admins and by staff of the awarding provider. A
/// change of the rules is a new version; the old ones stay readable, since progress names the version it used.
public struct QualificationDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// A qualification as a form or the API sends it (snake_case JSON).
    public struct Input: Sendable, Equatable, Decodable {
        public var title: String
        public var provider: String?
        public var awardingBody: String?
        public var framework: String
        public var level: Int?
        public var totalCredits: Double?
        public var description: String?
        public var rules: [PathwayRule]

        public init(
            title: String, provider: String? = nil, awardingBody: String? = nil, framework: String, level: Int? = nil, totalCredits: Double? = nil,
            description: String? = nil, rules: [PathwayRule]
        ) {
            self.title = title
            self.provider = provider
            self.awardingBody = awardingBody
            self.framework = framework
            self.level = level
            self.totalCredits = totalCredits
            self.description = description
            self.rules = rules
        }
    }

    public func all() async throws -> [Qualification] { try await stores.qualifications.qualifications() }

    /// The registry's frameworks, for naming a qualification's.
    public func frameworks() async throws -> [Framework] { try await stores.registry.frameworks() }

    public func qualification(_ id: Qualification.ID, version: Int? = nil) async throws -> Qualification {
        let found: Qualification?
        if let version {
            found = try await stores.qualifications.qualification(id, version: version)
        } else {
            found = try await stores.qualifications.qualification(id)
        }
        guard let found else { throw StoreError.notFound(kind: "qualification", id: version.map { "\(id) version \($0)" } ?? id.rawValue) }
        return found
    }

    /// Creates or changes `id`. Staff may create one only for their provider and change only their provider's; the
    /// version goes up when the rules change.
    public func save(_ id: Qualification.ID, _ input: Input, by caller: Account?) async throws -> Qualification {
        let provider = input.provider.flatMap { $0.isEmpty ? nil : Provider.ID($0) }
        try caller.authorize(.editQualification(of: provider))
        let frameworks = try await stores.registry.frameworks()
        return try await stores.transaction { tx in
            let before = try await tx.qualifications.qualification(id)
            if let before { try caller.authorize(.editQualification(of: before.provider)) }
            let trimmed = { (text: String?) in text.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 } }
            var qualification = Qualification(
                id: id, title: input.title.trimmingCharacters(in: .whitespacesAndNewlines), provider: provider,
                awardingBody: trimmed(input.awardingBody), framework: .init(input.framework), level: input.level,
                totalCredits: input.totalCredits, description: trimmed(input.description), version: before?.version ?? 1, rules: input.rules,
                savedAt: dependencies.clock.now)
            if let before, before.rules != qualification.rules { qualification.version = before.version + 1 }
            var issues = qualification.issues(frameworks: frameworks)
            if let provider, try await tx.registry.provider(provider) == nil {
                issues.append(.init(field: "provider", message: "'\(provider)' is not a provider in the registry"))
            }
            if !issues.isEmpty { throw ValidationFailure(issues) }
            try await tx.qualifications.save(qualification)
            try await dependencies.record(
                before == nil ? .create : .update, .init(.qualification, id.rawValue), by: caller,
                summary: Change(before: before.map(Summary.init), after: Summary(qualification)), in: tx)
            return qualification
        }
    }

    /// A qualification as the JSON that `save` reads (snake_case, pretty-printed), with its id and version for the
    /// reader (`save` ignores both): what `accord qualification show` prints and the page's editor holds.
    public static func json(_ q: Qualification) -> String {
        var object: [String: Any] = ["id": q.id.rawValue, "title": q.title, "framework": q.framework.rawValue, "version": q.version]
        if let provider = q.provider { object["provider"] = provider.rawValue }
        if let body = q.awardingBody { object["awarding_body"] = body }
        if let level = q.level { object["level"] = level }
        if let total = q.totalCredits { object["total_credits"] = total }
        if let description = q.description { object["description"] = description }
        object["rules"] = (try? JSONEncoder().encode(q.rules)).flatMap { try? JSONSerialization.jsonObject(with: $0) } ?? []
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// What the audit log keeps of a qualification.
    struct Summary: Encodable {
        let title: String
        let version: Int
        let rules: [PathwayRule]

        init(_ q: Qualification) {
            title = q.title
            version = q.version
            rules = q.rules
        }
    }
}
