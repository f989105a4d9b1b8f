import Foundation

/// Supplies remote JSON-LD context documents. Accord never fetches them: the loader is offline by design.
public protocol ContextLoader: Sendable {
    /// The parsed document at `url`, or a `loadingRemoteContextFailed` error.
    func context(at url: String) throws(JSONLDError) -> JSON
}

/// The normative context documents bundled with Accord (see Contexts/LICENCE.md), plus any the caller adds.
public struct BundledContexts: ContextLoader {
    private let documents: [String: JSON]

    /// The bundled set. Loaded once per process by `shared`; cheap to pass around.
    public static let shared: BundledContexts = {
        guard let directory = Bundle.module.url(forResource: "Contexts", withExtension: nil) else {
            preconditionFailure("bundled JSON-LD contexts are missing from the bundle")  // a packaging fault, caught by every test
        }
        do { return try BundledContexts(directory: directory) } catch {
            preconditionFailure("bundled JSON-LD contexts are unreadable: \(error)")  // a packaging fault, caught by every test
        }
    }()

    public init(documents: [String: JSON]) { self.documents = documents }

    /// Reads `index.json` (URL → file) in `directory` and every file it names.
    public init(directory: URL) throws {
        let index = try JSON(parsing: Data(contentsOf: directory.appendingPathComponent("index.json")))
        var documents: [String: JSON] = [:]
        for (url, file) in index.objectValue ?? [:] {
            guard let name = file.stringValue else { continue }
            documents[url] = try JSON(parsing: Data(contentsOf: directory.appendingPathComponent(name)), limits: JSONLimits(maxBytes: 1 << 20))
        }
        self.documents = documents
    }

    public var urls: [String] { documents.keys.sorted() }

    public func context(at url: String) throws(JSONLDError) -> JSON {
        guard let document = documents[url] else {
            throw JSONLDError(.loadingRemoteContextFailed, "the context \(url) is not bundled with Accord, and Accord does not fetch contexts")
        }
        return document
    }
}
