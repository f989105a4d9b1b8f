/// A reference record kept whole, exactly as imported (every `source`, `as_of`, `confirmed` field included): the
/// national microcredential rules, which people read and no code interprets.
public struct ReferenceDocument: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case microcredentialRule = "microcredential-rule"
    }

    public var kind: Kind
    public var id: String
    public var title: String
    /// The record as JSON text.
    public var json: String
    public var provenance: Provenance

    public init(kind: Kind, id: String, title: String, json: String, provenance: Provenance) {
        self.kind = kind
        self.id = id
        self.title = title
        self.json = json
        self.provenance = provenance
    }
}
