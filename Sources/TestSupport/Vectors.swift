import Foundation

/// The official test vectors in `../shared/vectors`, read in place (never copied into the repository).
public enum Vectors {
    /// The vectors folder, or nil when this clone sits outside the workspace. Under CI (`CI=true`) a missing folder is a failure.
    public static let directory: URL? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [URL] = []
        if let explicit = environment["ACCORD_VECTORS"] { candidates.append(URL(fileURLWithPath: explicit)) }
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<5 {
            folder = folder.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("shared/vectors"))
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("README.md").path) }
    }()

    /// True when the vectors can be read; prints why not otherwise.
    public static func available(_ suite: String) -> Bool {
        if directory != nil { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            preconditionFailure("CI=true but ../shared/vectors is missing: the \(suite) vector tests cannot run")
        }
        print("skipping \(suite): ../shared/vectors is not present next to this clone")
        return false
    }

    public static func url(_ path: String) -> URL { directory!.appendingPathComponent(path) }

    public static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    public static func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }

    /// A text file without its trailing newline (hash and signature files hold one line).
    public static func line(_ path: String) throws -> String {
        try text(path).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
