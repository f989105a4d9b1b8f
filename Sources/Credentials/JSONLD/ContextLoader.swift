import Crypto
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

    /// These contexts and `more` beside them. A bundled URL keeps its bundled document: nothing supplied redefines the
    /// contexts Accord was built with.
    public func adding(_ more: [String: JSON]) -> BundledContexts {
        BundledContexts(documents: documents.merging(more) { bundled, _ in bundled })
    }

    /// A document the operator trusts that does not match its pin, or cannot be read.
    public struct TrustError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The contexts an operator trusts: `index.json` in `directory` maps each URL to `{"file": …, "sha256": …}`; a file
    /// whose SHA-256 is not its pin, a URL Accord bundles already, or an entry without a pin is refused, so the set
    /// cannot change without the index changing.
    public static func trusted(directory: URL) throws(TrustError) -> [String: JSON] {
        let indexURL = directory.appendingPathComponent("index.json")
        guard let indexData = FileManager.default.contents(atPath: indexURL.path), case .object(let index)? = try? JSON(parsing: indexData)
        else { throw TrustError(description: "\(indexURL.path) is missing or is not a JSON object of URL → {file, sha256}") }
        var documents: [String: JSON] = [:]
        for (url, entry) in index.sorted(by: { $0.key < $1.key }) {
            guard shared.documents[url] == nil else { throw TrustError(description: "\(url) is bundled with Accord; it cannot be trusted again") }
            guard let file = entry["file"]?.stringValue, let pin = entry["sha256"]?.stringValue?.lowercased() else {
                throw TrustError(description: "\(url): each entry needs a file and its sha256")
            }
            let path = directory.appendingPathComponent(file).standardizedFileURL.path
            guard path.hasPrefix(directory.standardizedFileURL.path + "/"), let data = FileManager.default.contents(atPath: path) else {
                throw TrustError(description: "\(url): \(file) cannot be read inside \(directory.path)")
            }
            let actual = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            guard actual == pin else { throw TrustError(description: "\(url): \(file) has SHA-256 \(actual), but the index pins \(pin)") }
            guard let document = try? JSON(parsing: data, limits: JSONLimits(maxBytes: 1 << 20)), document["@context"] != nil else {
                throw TrustError(description: "\(url): \(file) is not a JSON-LD context document")
            }
            documents[url] = document
        }
        return documents
    }

    public func context(at url: String) throws(JSONLDError) -> JSON {
        guard let document = documents[url] else {
            throw JSONLDError(.loadingRemoteContextFailed, "the context \(url) is not bundled with Accord, and Accord does not fetch contexts")
        }
        return document
    }
}
