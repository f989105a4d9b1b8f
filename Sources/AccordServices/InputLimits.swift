/// Bounds on every input Accord accepts, from the web or the command line.
public enum InputLimits {
    /// JSON request bodies.
    public static let jsonBody = 1 << 20
    /// Import files (CSV or JSON), via the API, the import page or the CLI.
    public static let importBody = 5 << 20
    /// Nesting of JSON objects and arrays.
    public static let jsonDepth = 32
    /// Form posts.
    public static let formBody = 6 << 20
    /// Audit events one listing returns.
    public static let auditPage = 500
}

/// Input refused before it reached a use case.
public enum InputError: Error, Sendable, Equatable {
    case tooDeep(limit: Int)
    case notUTF8
    case notJSON
    case shape(String)
    case duplicateKey(String)
    /// A file with no rows.
    case empty
    /// A body sent with a media type this operation does not read.
    case mediaType(String)
}

extension InputError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .tooDeep(let limit): "the JSON is nested more than \(limit) levels deep"
        case .notUTF8: "the file is not UTF-8 text"
        case .notJSON: "the body is not valid JSON"
        case .shape(let detail): "the JSON does not match the expected shape: \(detail)"
        case .empty: "the file holds no rows to import"
        case .duplicateKey(let key): "the key \"\(key)\" appears twice in one object"
        case .mediaType(let type): "the body is sent as '\(type)'; send it as application/json"
        }
    }
}
