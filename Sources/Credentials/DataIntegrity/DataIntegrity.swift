import Crypto
import Foundation

/// Data Integrity proofs (VC Data Integrity 1.0, EdDSA Cryptosuites v1.0): create and verify.
public struct DataIntegrity: Sendable {
    public let jsonld: JSONLDProcessor
    public var canonicalizer: RDFCanonicalizer

    public init(jsonld: JSONLDProcessor = JSONLDProcessor(), canonicalizer: RDFCanonicalizer = RDFCanonicalizer()) {
        self.jsonld = jsonld
        self.canonicalizer = canonicalizer
    }

    /// Every intermediate value of one proof, named as the specification's test vectors name them.
    public struct HashInputs: Sendable {
        /// The transformed document and proof configuration (canonical N-Quads or JCS), as UTF-8.
        public var documentBytes: [UInt8]
        public var proofConfigBytes: [UInt8]
        public var documentHash: [UInt8]
        public var proofHash: [UInt8]
        public var canonicalDocument: String { String(decoding: documentBytes, as: UTF8.self) }
        public var canonicalProofConfig: String { String(decoding: proofConfigBytes, as: UTF8.self) }
        /// proofHash ‖ documentHash: what is signed.
        public var combined: [UInt8] { proofHash + documentHash }
    }

    /// Canonicalizes and hashes an unsecured document and a proof configuration (the transformation and hashing steps).
    public func hashInputs(document: JSONObject, proofConfig: JSONObject, suite: Cryptosuite) throws(ProofError) -> HashInputs {
        let canonicalDocument = try canonicalize(.object(document), suite: suite)
        let canonicalProof = try canonicalize(.object(proofConfig), suite: suite)
        return HashInputs(
            documentBytes: canonicalDocument, proofConfigBytes: canonicalProof,
            documentHash: SHA256.hash(data: canonicalDocument).bytes, proofHash: SHA256.hash(data: canonicalProof).bytes)
    }

    /// What is signed, proofHash ‖ documentHash, without keeping the canonical forms: for JCS both are written in turn
    /// into one buffer and hashed where they lie (the verifier's path; `hashInputs` keeps every intermediate value).
    func signingInput(document: JSONObject, proofConfig: JSONObject, suite: Cryptosuite) throws(ProofError) -> [UInt8] {
        guard !suite.usesRDFC else { return try hashInputs(document: document, proofConfig: proofConfig, suite: suite).combined }
        var buffer = ByteBuffer(capacity: 4096)
        var message: [UInt8] = []
        message.reserveCapacity(2 * SHA256.byteCount)
        for part in [proofConfig, document] {
            buffer.removeAll()
            JSON.object(part).writeCanonical(to: &buffer)
            buffer.withBytes { SHA256.hash(data: $0).withUnsafeBytes { message.append(contentsOf: $0) } }
        }
        return message
    }

    func canonicalize(_ value: JSON, suite: Cryptosuite) throws(ProofError) -> [UInt8] {
        guard suite.usesRDFC else { return value.canonicalBytes }
        let quads: [Quad]
        do { quads = try jsonld.statements(value) } catch { throw .jsonld(error) }
        do { return try canonicalizer.canonicalize(quads).bytes } catch { throw .canonicalization(error) }
    }

    /// The proof configuration: the proof without its value, carrying the document's @context where the suite needs it.
    func proofConfig(_ proof: JSONObject, document: JSONObject, suite: Cryptosuite? = nil) -> JSONObject {
        var config = proof
        config["proofValue"] = nil
        // Only Ed25519Signature2018 carries its signature as `jws`; any other proof keeps such a member signed.
        if suite == .ed25519Signature2018 { config["jws"] = nil }
        if config["@context"] == nil, let context = document["@context"] { config["@context"] = context }
        return config
    }

    /// Adds a proof to `document` (appending to an existing proof set).
    public func sign(_ document: JSON, with key: Ed25519KeyPair, options: ProofOptions) throws(ProofError) -> JSON {
        guard case .object(var secured) = document else { throw .notAnObject }
        guard !options.cryptosuite.isLegacy else {
            throw .unsupportedProof("Accord verifies \(options.cryptosuite.rawValue) proofs but creates eddsa-rdfc-2022 or eddsa-jcs-2022 ones")
        }
        let existing = secured.removeValue(forKey: "proof")
        var unsecured = secured
        if let previous = options.previousProof {
            unsecured["proof"] = .array((existing?.items ?? []).filter { $0["id"]?.stringValue == previous })
        }
        let config = proofConfig(options.proofObject, document: unsecured)
        let inputs = try hashInputs(document: unsecured, proofConfig: config, suite: options.cryptosuite)
        var proof = options.proofObject
        if options.cryptosuite == .eddsaJcs2022 { proof["@context"] = config["@context"] }
        do { proof["proofValue"] = .string(Multibase.encodeBase58(try key.sign(inputs.combined))) } catch { throw .signing(error) }
        let proofs = (existing?.items ?? []) + [.object(proof)]
        secured["proof"] = proofs.count == 1 ? proofs[0] : .array(proofs)
        return .object(secured)
    }

    /// The most proofs one document may carry (a proof set or chain); each costs a canonicalization.
    public static let maxProofs = 16

    /// What the verifier expects of a proof besides its signature.
    public struct Expectations: Sendable {
        public var proofPurpose: String
        public var challenge: String?
        public var domain: String?
        public init(proofPurpose: String = "assertionMethod", challenge: String? = nil, domain: String? = nil) {
            self.proofPurpose = proofPurpose
            self.challenge = challenge
            self.domain = domain
        }
    }

    /// One proof's verdict.
    public struct ProofCheck: Sendable, Equatable {
        public var suite: String
        public var verificationMethod: String
        /// The key's controller, once resolved (the verifier compares it with the issuer).
        public var controller: String?
        public var failure: String?
        public var isValid: Bool { failure == nil }
    }

    /// Checks every proof in `document` (a proof set; chained proofs see the proofs they name).
    public func verifyProofs(
        _ document: JSONObject, resolver: any VerificationMethodResolver, at now: Date, expecting: Expectations = Expectations()
    ) async throws(VerificationError) -> [ProofCheck] {
        let proofs = document["proof"]?.items ?? []
        guard !proofs.isEmpty else { throw .noProof }
        guard proofs.count <= Self.maxProofs else { throw .malformed("more than \(Self.maxProofs) proofs on one document") }
        var unsecured = document
        unsecured["proof"] = nil
        var checks: [ProofCheck] = []
        for proofValue in proofs {
            guard case .object(let proof) = proofValue else { throw .malformed("a proof must be a JSON object") }
            checks.append(try await verify(proof: proof, unsecured: unsecured, allProofs: proofs, resolver: resolver, at: now, expecting: expecting))
        }
        return checks
    }

    func verify(
        proof: JSONObject, unsecured: JSONObject, allProofs: [JSON], resolver: any VerificationMethodResolver, at now: Date,
        expecting: Expectations
    ) async throws(VerificationError) -> ProofCheck {
        guard let suite = Cryptosuite(proof: .object(proof)) else {
            throw .unsupportedProof("\(proof["type"]?.stringValue ?? "untyped") \(proof["cryptosuite"]?.stringValue ?? "")")
        }
        guard let methodID = proof["verificationMethod"]?.stringValue ?? proof["verificationMethod"]?["id"]?.stringValue else {
            throw .malformed("the proof names no verificationMethod")
        }
        var check = ProofCheck(suite: suite.rawValue, verificationMethod: methodID, controller: nil, failure: nil)
        func fail(_ reason: String) -> ProofCheck {
            check.failure = reason
            return check
        }
        let signature: [UInt8]
        var jwsHeader: Substring?
        if suite == .ed25519Signature2018 {
            guard case .string(let jws)? = proof["jws"] else { return fail("the proof has no jws") }
            switch Self.detachedJWS(jws) {
            case .success(let parts): (jwsHeader, signature) = (parts.header, parts.signature)
            case .failure(let reason): return fail(reason.description)
            }
        } else {
            guard case .string(let proofValue)? = proof["proofValue"] else { return fail("the proof has no proofValue") }
            guard proofValue.hasPrefix("z"), let decoded = Base58.decode(proofValue.dropFirst()) else {
                return fail("the proofValue is not multibase base58btc")
            }
            signature = decoded
        }
        guard signature.count == 64 else { return fail("the signature is \(signature.count) bytes, not 64") }
        if let created = proof["created"] {
            guard let text = created.stringValue, DateTime.parse(text) != nil else { return fail("created is not an XML Schema dateTime") }
        }
        if let expires = proof["expires"] {
            guard let text = expires.stringValue, let date = DateTime.parse(text) else { return fail("expires is not an XML Schema dateTime") }
            if date < now { return fail("the proof expired at \(text)") }
        }
        let purpose = proof["proofPurpose"]?.stringValue
        guard purpose == expecting.proofPurpose else {
            return fail("the proof purpose is \(purpose ?? "missing"), expected \(expecting.proofPurpose)")
        }
        if let challenge = expecting.challenge, proof["challenge"]?.stringValue != challenge { return fail("the challenge does not match") }
        if let domain = expecting.domain, !(proof["domain"]?.items ?? []).contains(.string(domain)) { return fail("the domain does not match") }
        var document = unsecured
        // A legacy proof's own @context serves its options alone (jsonld-signatures); a Data Integrity proof's must
        // open the document's.
        if let proofContext = proof["@context"], !suite.isLegacy {
            let documentContext = unsecured["@context"]?.items ?? []
            let expected = proofContext.items
            guard documentContext.count >= expected.count, Array(documentContext.prefix(expected.count)) == expected else {
                return fail("the proof's @context does not match the document's")
            }
            // Usually the very same value: then the document stays as it is (no copy of its members).
            if unsecured["@context"] != proofContext { document["@context"] = proofContext }
        }
        if let previous = proof["previousProof"] {
            let names = previous.items.compactMap(\.stringValue)
            let matching = allProofs.filter { candidate in names.contains(candidate["id"]?.stringValue ?? "\u{0}") }
            guard matching.count == names.count else { return fail("a previousProof it names is missing") }
            document["proof"] = matching.count == 1 ? matching[0] : .array(matching)
        }
        var message: [UInt8]
        do { message = try signingInput(document: document, proofConfig: proofConfig(proof, document: document, suite: suite), suite: suite) } catch {
            throw .proof(error)
        }
        // A detached JWS signs its encoded header, a dot, and the two hashes as they are (`b64: false`).
        if let jwsHeader { message = Array(jwsHeader.utf8) + [UInt8(ascii: ".")] + message }
        let method: VerificationMethod
        do { method = try await resolver.verificationMethod(methodID) } catch { throw .resolution(error) }
        check.controller = method.controller
        guard method.relationships.contains(expecting.proofPurpose) else {
            return fail("the key \(methodID) is not authorized for \(expecting.proofPurpose) by its controller")
        }
        guard method.publicKey.isValidSignature(signature, for: message) else {
            return fail("the signature does not match the document: it was changed after signing, or signed with another key")
        }
        return check
    }
}
