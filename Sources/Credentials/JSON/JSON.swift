/// A JSON value. An object keeps its members in canonical (JCS) order, so what Accord prints never depends on the order
/// a document was written in.
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    public subscript(key: String) -> JSON? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    public var numberValue: Double? {
        if case .number(let value) = self { value } else { nil }
    }

    public var objectValue: JSONObject? {
        if case .object(let members) = self { members } else { nil }
    }

    public var arrayValue: [JSON]? {
        if case .array(let items) = self { items } else { nil }
    }

    /// The value as a list: an array's items, nothing for null, or the value itself.
    public var items: [JSON] {
        switch self {
        case .array(let items): items
        case .null: []
        default: [self]
        }
    }

    public var isScalar: Bool {
        switch self {
        case .bool, .number, .string: true
        default: false
        }
    }
}

extension JSON? {
    /// Whether the value is `string`, or an array holding it (a `type` entry may be either), without building an array.
    func includes(_ string: String) -> Bool {
        switch self {
        case .string(let value)?: value == string
        case .array(let items)?: items.contains { $0.stringValue == string }
        default: false
        }
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements))
    }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(nilLiteral: ()) { self = .null }
}
