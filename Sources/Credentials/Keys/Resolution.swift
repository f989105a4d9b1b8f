import Foundation

/// Why a document or key could not be obtained: the verifier reports this as "could not check", never as "invalid".
public struct ResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reference: String
    public var reason: String
    public init(_ reference: String, _ reason: String) {
        self.reference = reference
        self.reason = reason
    }
    public var description: String { "could not resolve \(reference): \(reason)" }
}

/// Supplies documents by URL: status list credentials, did:web documents, issuer profiles.
/// Accord's credentials engine never opens a connection; the caller decides where documents come from.
public protocol ResourceLoader: Sendable {
    func document(at url: String) async throws(ResolutionError) -> JSON
}

/// Documents held in memory (the CLI's `--resource URL=FILE`, tests, Accord's own published documents).
public struct StaticResources: ResourceLoader {
    public var documents: [String: JSON]
    public init(_ documents: [String: JSON] = [:]) { self.documents = documents }

    public func document(at url: String) async throws(ResolutionError) -> JSON {
        guard let document = documents[url] else { throw ResolutionError(url, "no such document was supplied (offline)") }
        return document
    }
}

/// Finds the key behind a verification method id.
public protocol VerificationMethodResolver: Sendable {
    func verificationMethod(_ id: String) async throws(ResolutionError) -> VerificationMethod
}

/// did:key locally; did:web and http(s) controller documents through a `ResourceLoader`.
public struct StandardResolver: VerificationMethodResolver {
    public var resources: any ResourceLoader
    public init(resources: any ResourceLoader = StaticResources()) { self.resources = resources }

    public func verificationMethod(_ id: String) async throws(ResolutionError) -> VerificationMethod {
        if id.hasBytePrefix("did:key:") { return try DIDKey.verificationMethod(id) }
        let documentURL: String
        if id.hasBytePrefix("did:web:") {
            documentURL = try DIDWeb.documentURL(for: id)
        } else if id.hasBytePrefix("https://") || id.hasBytePrefix("http://") {
            documentURL = id.utf8.firstIndex(of: UInt8(ascii: "#")).map { String(id[..<$0]) } ?? id
        } else {
            throw ResolutionError(id, "unsupported DID method or URL scheme")
        }
        let document = try await resources.document(at: documentURL)
        if document["id"]?.stringValue == id, document["publicKeyMultibase"] != nil || document["publicKeyJwk"] != nil {
            do { return try VerificationMethod.parse(document, id: id, controllerDocument: nil) } catch {
                throw ResolutionError(id, error.description)
            }
        }
        let controllerID = document["id"]?.stringValue ?? documentURL
        for candidate in document["verificationMethod"]?.items ?? [] {
            guard let candidateID = candidate["id"]?.stringValue else { continue }
            let absolute = candidateID.hasPrefix("#") ? controllerID + candidateID : candidateID
            guard absolute == id else { continue }
            do { return try VerificationMethod.parse(candidate, id: id, controllerDocument: document) } catch {
                throw ResolutionError(id, error.description)
            }
        }
        throw ResolutionError(id, "the controller document at \(documentURL) does not list this verification method")
    }
}

/// did:key for Ed25519 (Multikey `z6Mk…`): resolved by decoding, no I/O.
public enum DIDKey {
    public static func verificationMethod(_ id: String) throws(ResolutionError) -> VerificationMethod {
        let did = String(id.split(separator: "#", maxSplits: 1)[0])
        let multibase = String(did.dropFirst("did:key:".count))
        if let fragment = id.split(separator: "#", maxSplits: 1).dropFirst().first, fragment != multibase {
            throw ResolutionError(id, "a did:key fragment must repeat the key")
        }
        do {
            let key = try Multikey.decode(multibase)
            return VerificationMethod(
                id: did + "#" + multibase, controller: did, publicKey: key,
                relationships: ["assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation"])
        } catch {
            throw ResolutionError(id, error.description)
        }
    }

    /// The DID document of a did:key (Multikey form, as did:key v0.9 and VC DI describe it).
    public static func document(_ did: String) throws(ResolutionError) -> JSON {
        let method = try verificationMethod(did)
        let multibase = String(did.dropFirst("did:key:".count))
        let reference = JSON.string(method.id)
        return [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": .string(did),
            "verificationMethod": [["id": reference, "type": "Multikey", "controller": .string(did), "publicKeyMultibase": .string(multibase)]],
            "assertionMethod": [reference], "authentication": [reference], "capabilityInvocation": [reference], "capabilityDelegation": [reference],
        ]
    }
}

/// did:web: `did:web:example.com:path` → `https://example.com/path/did.json` (or `/.well-known/did.json`).
public enum DIDWeb {
    public static func documentURL(for id: String) throws(ResolutionError) -> String {
        let did = id.split(separator: "#", maxSplits: 1)[0]
        let parts = did.dropFirst("did:web:".count).split(separator: ":").map { $0.removingPercentEncoding() }
        guard let host = parts.first, !host.isEmpty, !host.contains("/") else { throw ResolutionError(id, "not a valid did:web") }
        if parts.count == 1 { return "https://\(host)/.well-known/did.json" }
        return "https://\(host)/" + parts.dropFirst().joined(separator: "/") + "/did.json"
    }
}

extension Substring {
    /// did:web percent-encodes the port colon as %3A; that is the only escape it needs.
    fileprivate func removingPercentEncoding() -> String { replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%3a", with: ":") }
}
