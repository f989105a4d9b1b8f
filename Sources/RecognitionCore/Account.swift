import Foundation

/// A person who signs in: secretariat admin, provider staff, NIC evaluator, a country's focal point or learner.
public struct Account: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<Account>

    public var id: ID
    public var email: String
    public var displayName: String
    public var role: Role
    public var createdAt: Date

    public init(id: ID, email: String, displayName: String, role: Role, createdAt: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.createdAt = createdAt
    }
}

/// What an account may do, and over which provider or NIC (DESIGN.md §6).
public enum Role: Sendable, Equatable, Hashable {
    case admin
    case providerStaff(Provider.ID)
    case evaluator(nic: NIC.ID)
    /// A State's focal point for the conventions: answers its surveys, keeps its action plan (ISO 3166 alpha-2).
    case focalPoint(country: String)
    case learner

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case admin
        case providerStaff = "provider-staff"
        case evaluator
        case focalPoint = "focal-point"
        case learner
    }

    public var kind: Kind {
        switch self {
        case .admin: .admin
        case .providerStaff: .providerStaff
        case .evaluator: .evaluator
        case .focalPoint: .focalPoint
        case .learner: .learner
        }
    }

    /// The provider or NIC the role is limited to.
    public var scope: String? {
        switch self {
        case .providerStaff(let provider): provider.rawValue
        case .evaluator(let nic): nic.rawValue
        case .focalPoint(let country): country
        case .admin, .learner: nil
        }
    }

    /// Rebuilds a role from its stored kind and scope; nil when a scoped role lacks its scope.
    public init?(kind: Kind, scope: String?) {
        switch (kind, scope) {
        case (.admin, _): self = .admin
        case (.learner, _): self = .learner
        case (.providerStaff, let scope?) where !scope.isEmpty: self = .providerStaff(Provider.ID(scope))
        case (.evaluator, let scope?) where !scope.isEmpty: self = .evaluator(nic: NIC.ID(scope))
        case (.focalPoint, let scope?) where scope.count == 2 && scope.allSatisfy({ $0.isASCII && $0.isUppercase }):
            self = .focalPoint(country: scope)
        default: return nil
        }
    }
}

extension Role: Codable {
    private enum CodingKeys: String, CodingKey { case kind, scope }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(Kind.self, forKey: .kind)
        let scope = try container.decodeIfPresent(String.self, forKey: .scope)
        guard let role = Role(kind: kind, scope: scope) else {
            throw DecodingError.dataCorruptedError(forKey: .scope, in: container, debugDescription: "\(kind.rawValue) needs a scope")
        }
        self = role
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(scope, forKey: .scope)
    }
}
