import Credentials
import Foundation
import TestSupport

/// Shared set-up for the official vectors: the vectors' own context folder (it has the example contexts the
/// product does not bundle) and a fixed verification time.
enum VectorSupport {
    static let contexts: BundledContexts = {
        do {
            return try BundledContexts(directory: Vectors.url("contexts"))
        } catch {
            fatalError("the vectors' contexts cannot be read: \(error)")
        }
    }()
    static let integrity = DataIntegrity(jsonld: JSONLDProcessor(loader: contexts))
    static let now = DateTime.parse("2026-11-23T00:00:00Z")!

    static func json(_ path: String) throws -> JSON { try JSON(parsing: try Vectors.data(path)) }

    static func object(_ path: String) throws -> JSONObject {
        guard case .object(let object) = try json(path) else { throw VectorFault.notAnObject(path) }
        return object
    }

    enum VectorFault: Error { case notAnObject(String) }
}
