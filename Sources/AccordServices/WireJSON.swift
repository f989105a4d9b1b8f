import Credentials
import Foundation
import RecognitionCore

/// Reads JSON that users send (API bodies, import files) in two passes: a strict parse that refuses duplicate keys,
/// invalid UTF-8 and deep nesting with a clear reason, then Codable decoding whose type errors name the field (as it is
/// spelled on the wire) and the expected kind of value.
public enum WireJSON {
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try check(data)
        do {
            return try JSONDecoder.wire.decode(type, from: data)
        } catch let error as DecodingError {
            throw InputError.shape(error.wireSummary)
        }
    }

    /// Syntax, UTF-8, depth and duplicate keys, in one pass (the parser counts depth before it descends).
    public static func check(_ data: Data) throws {
        do {
            _ = try JSON(parsing: data, limits: JSONLimits(maxBytes: data.count, maxDepth: InputLimits.jsonDepth))
        } catch .duplicateKey(let key) {
            throw InputError.duplicateKey(key)
        } catch .invalidUTF8 {
            throw InputError.notUTF8
        } catch .tooDeep {
            throw InputError.tooDeep(limit: InputLimits.jsonDepth)
        } catch {
            throw InputError.notJSON
        }
    }
}

extension DecodingError {
    /// `summary` with wire names (`provider_id`, `learning_outcomes[2]`) and the expected kind in words.
    public var wireSummary: String { wireSummary(dropping: 0) }

    /// The wire path of the value at fault, leaving out the first `depth` keys (the record's place in a file).
    public func wireField(dropping depth: Int) -> String {
        let context: Context? =
            switch self {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context): context
            @unknown default: nil
            }
        var field = Self.path(Array((context?.codingPath ?? []).dropFirst(depth)))
        if case .keyNotFound(let key, _) = self {
            field = field == "the body" ? Self.snakeCase(key.stringValue) : field + "." + Self.snakeCase(key.stringValue)
        }
        return field == "the body" ? "record" : field
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        let keys = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? Self.snakeCase(key.stringValue) }
        return keys.isEmpty ? "the body" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    public func wireSummary(dropping depth: Int) -> String {
        func path(_ context: Context) -> String { Self.path(Array(context.codingPath.dropFirst(depth))) }
        switch self {
        case .typeMismatch(let type, let context): return "\(path(context)) must be \(Self.kind(type))"
        case .valueNotFound(let type, let context): return "\(path(context)) must be \(Self.kind(type)), not null"
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "\(Self.snakeCase(key.stringValue)) is required\(parent == "the body" ? "" : " in \(parent)")"
        case .dataCorrupted(let context):
            if context.debugDescription.contains("does not fit in Int") { return "\(path(context)) must be a whole number" }
            if context.debugDescription.contains("Cannot initialize") { return "\(path(context)) has a value that is not one of the choices" }
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "the body has an unexpected shape"
        }
    }

    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type, is Float.Type: "a number"
        case is String.Type: "text"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        case is [String: Any].Type: "an object"
        default: "\(type)".hasPrefix("Array") ? "a list" : "\(type)".hasPrefix("Dictionary") ? "an object" : "a \(type)"
        }
    }

    static func snakeCase(_ key: String) -> String {
        var out = ""
        for character in key.replacingOccurrences(of: "ID", with: "Id") {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}
