/// A typed identifier: a string key that cannot be mixed up with another entity's key.
///
/// Registry records use readable slugs (`nzqcf`, `nz-ecnz-he-pataka-reo`); accounts use random ids.
public struct Identifier<Tag>: Hashable, Sendable, Codable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Slugs are lower-case ASCII letters, digits and `-`, 1 to 120 characters.
    public var isValidSlug: Bool {
        !rawValue.isEmpty && rawValue.utf8.count <= 120
            && rawValue.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}
