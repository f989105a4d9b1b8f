import Foundation

/// The official test vectors the tests use, kept in the repository under `Tests/Vectors` with their sources and
/// licences (copied from the workspace's shared vectors, so a clone with nothing beside it runs its whole suite).
///
/// A missing file is an error thrown by the reading test: no vector test passes without reading its vector.
public enum Vectors {
    /// `Tests/Vectors`, found from this file's place in the package.
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Vectors")

    public enum Missing: Error, CustomStringConvertible {
        case file(String)
        public var description: String {
            switch self {
            case .file(let path): "the official vector Tests/Vectors/\(path) is missing"
            }
        }
    }

    public static func url(_ path: String) throws -> URL {
        let url = directory.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing.file(path) }
        return url
    }

    public static func data(_ path: String) throws -> Data { try Data(contentsOf: try url(path)) }

    public static func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }

    /// A text file without its trailing newline (hash and signature files hold one line).
    public static func line(_ path: String) throws -> String {
        try text(path).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
