import Foundation

/// The registry step's hook: the issuing-service layer answers whether an issuer is a provider in good standing.
public protocol RegistryCheck: Sendable {
    func check(issuer: String, credential: JSONObject) async -> VerificationReport.Outcome
    /// The same, told which verification methods signed it (the valid proofs', or the JWT's `kid`): a registry that
    /// knows issuers' keys checks the key, not only the issuer.
    func check(issuer: String, credential: JSONObject, signedBy methods: [String]) async -> VerificationReport.Outcome
}

extension RegistryCheck {
    public func check(issuer: String, credential: JSONObject, signedBy methods: [String]) async -> VerificationReport.Outcome {
        await check(issuer: issuer, credential: credential)
    }
}

/// Verifies a credential or presentation offline, in one call: parse, contexts, proofs, issuer, validity, status, shape, registry.
///
/// All outside knowledge is injected: contexts (bundled), keys (`resolver`), status lists and did:web documents (`resources`),
/// the registry check, and the time of verification.
public struct CredentialVerifier: Sendable {
    public var integrity: DataIntegrity
    public var resolver: any VerificationMethodResolver
    public var resources: any ResourceLoader
    public var registry: (any RegistryCheck)?
    /// Context URLs a credential may use (bundled, trusted by the operator, supplied by the caller); any other is "could
    /// not check", never fetched.
    public var allowedContexts: Set<String>
    public var limits: JSONLimits
    /// Off while a status list itself is verified (lists do not point at lists).
    var checksStatus = true

    public init(
        contexts: BundledContexts = .shared, resources: any ResourceLoader = StaticResources(), resolver: (any VerificationMethodResolver)? = nil,
        registry: (any RegistryCheck)? = nil, limits: JSONLimits = JSONLimits()
    ) {
        self.integrity = DataIntegrity(jsonld: JSONLDProcessor(loader: contexts))
        self.resources = resources
        self.resolver = resolver ?? StandardResolver(resources: resources)
        self.registry = registry
        self.allowedContexts = Set(contexts.urls)
        self.limits = limits
    }

    /// Verifies a JSON credential or presentation, or a compact JWT, given as bytes.
    public func verify(_ input: some Collection<UInt8>, at now: Date, challenge: String? = nil, domain: String? = nil) async throws(VerificationError)
        -> VerificationReport
    {
        guard input.count <= limits.maxBytes else { throw .unreadable("the input is larger than \(limits.maxBytes) bytes") }
        let bytes = Array(input)
        let firstByte = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        if firstByte != UInt8(ascii: "{") && firstByte != UInt8(ascii: "["), VCJWT.looksLikeJWT(bytes: bytes) {
            return try await verifyJWT(VCJWT.decode(bytes: bytes), at: now)
        }
        let document: JSON
        do { document = try JSON(parsing: bytes, limits: limits) } catch .invalidUTF8 { throw .unreadable("the input is not valid UTF-8") } catch {
            throw .json(error)
        }
        return try await verify(document, at: now, challenge: challenge, domain: domain)
    }

    /// Verifies a parsed credential (Data Integrity proofs) or presentation.
    public func verify(_ document: JSON, at now: Date, challenge: String? = nil, domain: String? = nil) async throws(VerificationError)
        -> VerificationReport
    {
        guard case .object(let object) = document else { throw .malformed("a credential must be a JSON object") }
        var report = VerificationReport(format: "data-integrity", credential: document)
        report.record(.parse, "JSON document", .passed)
        if object["type"].includes("VerifiablePresentation") {
            return try await verifyPresentation(object, report: report, at: now, challenge: challenge, domain: domain)
        }
        guard try checkContexts(object, into: &report) else { return report }
        let checks = try await integrity.verifyProofs(object, resolver: resolver, at: now)
        var controllers: [String] = []
        var methods: [String] = []
        for check in checks {
            report.record(.proof, "\(check.suite) by \(check.verificationMethod)", check.failure.map { .failed(reason: $0) } ?? .passed)
            if check.isValid, let controller = check.controller {
                controllers.append(controller)
                methods.append(check.verificationMethod)
            }
        }
        try await checkRest(object, signers: controllers, methods: methods, into: &report, at: now)
        if object["type"].includes("ClrCredential") {
            // A Comprehensive Learner Record holds credentials that keep their own proofs: each is checked as well.
            let inner = object["credentialSubject"]?["verifiableCredential"]?.items ?? []
            try await verifyInner(inner, into: &report, at: now)
        }
        return report
    }

    /// Most credentials one presentation or learner record may hold.
    static let maxInnerCredentials = 256

    /// Checks each credential a presentation or a CLR holds (JSON, a compact JWT string, or a VC 2.0
    /// `EnvelopedVerifiableCredential` with a `data:application/vc+jwt,` id) and adds its steps, numbered, to `report`.
    /// A learner record inside another is not opened (no unbounded nesting).
    func verifyInner(_ items: [JSON], into report: inout VerificationReport, at now: Date) async throws(VerificationError) {
        guard items.count <= Self.maxInnerCredentials else { throw .malformed("more than \(Self.maxInnerCredentials) credentials in one document") }
        for (position, credential) in items.enumerated() {
            let inner: VerificationReport
            let envelope = "data:application/vc+jwt,"
            if case .string(let token) = credential {
                inner = try await verifyJWT(token, at: now)
            } else if credential["type"].includes("EnvelopedVerifiableCredential"), let id = credential["id"]?.stringValue, id.hasPrefix(envelope) {
                inner = try await verifyJWT(String(id.dropFirst(envelope.count)), at: now)
            } else if credential["type"].includes("ClrCredential") || credential["type"].includes("VerifiablePresentation") {
                report.record(.shape, "credential \(position + 1)", .failed(reason: "a learner record or presentation inside another is not checked"))
                continue
            } else {
                inner = try await verify(credential, at: now)
            }
            for entry in inner.entries {
                report.record(entry.step, "credential \(position + 1): \(entry.subject)", entry.outcome)
            }
        }
    }

    /// Verifies a VC-JWT (VC 2.0 `vc+jwt` or the VC 1.1 `vc` claim form).
    public func verifyJWT(_ token: String, at now: Date) async throws(VerificationError) -> VerificationReport {
        try await verifyJWT(VCJWT.decode(token), at: now)
    }

    func verifyJWT(_ decoded: VCJWT.Decoded, at now: Date) async throws(VerificationError) -> VerificationReport {
        var credential = decoded.credential
        if decoded.form == .vc11 {
            // VC 1.1 JWTs may leave issuer and id to the registered claims (VC Data Model 1.1 §6.3.1).
            if credential["issuer"] == nil, let issuer = decoded.payload["iss"] { credential["issuer"] = issuer }
            if credential["id"] == nil, let id = decoded.payload["jti"] { credential["id"] = id }
        }
        var report = VerificationReport(format: "jwt", credential: .object(credential))
        report.record(.parse, "compact JWT (\(decoded.form.rawValue))", .passed)
        guard try checkContexts(credential, into: &report) else { return report }
        let (method, failure) = try await VCJWT.check(decoded, resolver: resolver)
        let carried = decoded.header["kid"] == nil ? " (key carried in the JWT header as jwk, matched to the issuer)" : ""
        report.record(.proof, "JWT EdDSA by \(method.id)\(carried)", failure.map { .failed(reason: $0) } ?? .passed)
        if decoded.form == .vc11 {
            if case .number(let nbf)? = decoded.payload["nbf"], now < Date(timeIntervalSince1970: nbf) {
                report.record(.validity, "JWT nbf", .failed(reason: "not valid before \(DateTime.format(Date(timeIntervalSince1970: nbf)))"))
            }
            if case .number(let exp)? = decoded.payload["exp"], now >= Date(timeIntervalSince1970: exp) {
                report.record(.validity, "JWT exp", .failed(reason: "expired at \(DateTime.format(Date(timeIntervalSince1970: exp)))"))
            }
        }
        try await checkRest(
            credential, signers: failure == nil ? [method.controller] : [], methods: failure == nil ? [method.id] : [], into: &report, at: now)
        return report
    }

    // MARK: - Steps

    private func checkContexts(_ object: JSONObject, into report: inout VerificationReport) throws(VerificationError) -> Bool {
        let contexts = object["@context"]?.items ?? []
        let base = contexts.first?.stringValue
        guard base == "https://www.w3.org/ns/credentials/v2" || base == "https://www.w3.org/2018/credentials/v1" else {
            report.record(.contexts, "@context", .failed(reason: "the first @context must be the VC 2.0 or VC 1.1 context"))
            return false
        }
        for context in contexts {
            if let url = context.stringValue, !allowedContexts.contains(url) { throw .unknownContext(url) }
        }
        report.record(.contexts, "\(contexts.count) context(s)", .passed)
        return true
    }

    private func checkRest(_ object: JSONObject, signers: [String], methods: [String], into report: inout VerificationReport, at now: Date)
        async throws(VerificationError)
    {
        report.signedBy = methods
        let issuer = object["issuer"]?.stringValue ?? object["issuer"]?["id"]?.stringValue
        if let issuer {
            if signers.contains(issuer) {
                report.record(.issuer, issuer, .passed)
            } else if let method = await authorizedMethod(of: issuer, among: methods) {
                report.record(.issuer, "\(issuer): its controller document lists \(method) as an assertion method", .passed)
            } else {
                report.record(
                    .issuer, issuer,
                    .failed(
                        reason: signers.isEmpty
                            ? "no valid proof"
                            : "signed by \(signers.joined(separator: ", ")), not by the issuer, and no controller document of the issuer that lists this key as an assertion method was supplied"
                    ))
            }
        } else {
            report.record(.issuer, "issuer", .failed(reason: "the credential names no issuer"))
        }
        checkValidity(object, into: &report, at: now)
        if checksStatus { try await checkStatus(object, into: &report, at: now) }
        report.record(.shape, Self.types(object).joined(separator: ", "), Shape.check(object))
        if let registry, let issuer {
            report.record(.registry, issuer, await registry.check(issuer: issuer, credential: object, signedBy: methods))
        } else {
            report.record(.registry, issuer ?? "issuer", .skipped(reason: "no registry check configured"))
        }
    }

    /// The first of `methods` (verified proofs' verification methods) that the issuer's own controller document lists
    /// by id in `assertionMethod`: how an issuer identified by a URL (not a DID) vouches for a key (Controlled
    /// Identifiers 1.0). The document comes from `resources` only (supplied offline, or Accord's own); never fetched.
    private func authorizedMethod(of issuer: String, among methods: [String]) async -> String? {
        // A did:key's document is its key: nothing supplied may say otherwise.
        guard !methods.isEmpty, !issuer.hasPrefix("did:key:"), let document = try? await resources.document(at: issuer),
            document["id"]?.stringValue == issuer
        else {
            return nil
        }
        let listed = (document["assertionMethod"]?.items ?? []).compactMap { $0.stringValue ?? $0["id"]?.stringValue }
        return methods.first { listed.contains($0) }
    }

    private func checkValidity(_ object: JSONObject, into report: inout VerificationReport, at now: Date) {
        var checked = false
        for (key, isStart) in Self.validityFields {
            guard let value = object[key] else { continue }
            checked = true
            guard let text = value.stringValue, let date = DateTime.parse(text) else {
                report.record(.validity, key, .failed(reason: "\(key) is not an XML Schema dateTime with a time zone"))
                continue
            }
            if isStart, now < date {
                report.record(.validity, key, .failed(reason: "not valid before \(text)"))
            } else if !isStart, now >= date {
                report.record(.validity, key, .failed(reason: "expired at \(text)"))
            } else {
                report.record(.validity, key, .passed)
            }
        }
        if !checked { report.record(.validity, "validity period", .skipped(reason: "the credential states no validity period")) }
    }

    private func checkStatus(_ object: JSONObject, into report: inout VerificationReport, at now: Date) async throws(VerificationError) {
        let entries = object["credentialStatus"]?.items ?? []
        guard !entries.isEmpty else {
            report.record(.status, "credentialStatus", .skipped(reason: "the credential carries no status entry"))
            return
        }
        guard entries.count <= 8 else { throw .malformed("more than 8 credentialStatus entries") }
        for entry in entries {
            let type = entry["type"]?.stringValue ?? ""
            guard type == "BitstringStatusListEntry" || type == "StatusList2021Entry" else {
                report.record(.status, type.isEmpty ? "credentialStatus" : type, .skipped(reason: "Accord checks BitstringStatusListEntry only"))
                continue
            }
            guard let listURL = entry["statusListCredential"]?.stringValue, let indexText = entry["statusListIndex"]?.stringValue,
                let index = Int(indexText), let purpose = entry["statusPurpose"]?.stringValue
            else { throw .malformed("a status entry needs statusListCredential, statusListIndex (a number as a string) and statusPurpose") }
            var subject = "\(purpose) list \(listURL) index \(index)"
            let listDocument: JSON
            do { listDocument = try await resources.document(at: listURL) } catch { throw .resolution(error) }
            var listVerifier = self
            listVerifier.registry = nil
            listVerifier.checksStatus = false
            let listReport = try await listVerifier.verifyList(listDocument, at: now)
            guard listReport.isValid else {
                report.record(
                    .status, subject,
                    .failed(reason: "the status list credential does not verify: \(listReport.failures.map(\.subject).joined(separator: ", "))"))
                continue
            }
            // A list speaks for the credential when the credential's issuer published it, or when the issuer's own
            // controller document lists the key that signed the list (Bitstring Status List allows another publisher;
            // the issuer saying so is what lets a verifier trust one).
            let issuer = object["issuer"]?.stringValue ?? object["issuer"]?["id"]?.stringValue
            let listIssuer = listReport.credential["issuer"]?.stringValue ?? listReport.credential["issuer"]?["id"]?.stringValue
            var delegated: String?
            if listIssuer != issuer, let issuer { delegated = await authorizedMethod(of: issuer, among: listReport.signedBy) }
            guard listIssuer == issuer || delegated != nil else {
                report.record(
                    .status, subject,
                    .failed(
                        reason:
                            "the status list was issued by \(listIssuer ?? "no one"), not by the credential's issuer, and no controller document of the issuer lists the key that signed it"
                    ))
                continue
            }
            if let delegated, let listIssuer {
                subject += " (published by \(listIssuer), signed with \(delegated), which the issuer's controller document lists)"
            }
            let listSubject = listReport.credential["credentialSubject"]
            guard listSubject?["statusPurpose"]?.items.contains(.string(purpose)) == true, let encoded = listSubject?["encodedList"]?.stringValue
            else {
                report.record(.status, subject, .failed(reason: "the list's purpose does not match the entry's"))
                continue
            }
            do {
                let list = try BitstringStatusList(encodedList: encoded)
                if try list.isSet(index) {
                    report.record(
                        .status, subject, .failed(reason: purpose == "suspension" ? "the credential is suspended" : "the credential is revoked"))
                } else {
                    report.record(.status, subject, .passed)
                }
            } catch {
                report.record(.status, subject, .failed(reason: error.description))
            }
        }
    }

    /// A status list credential, as JSON-LD with Data Integrity proofs or as a VC-JWT (a JSON string holding the token, as
    /// a resource loader gives it): proofs, issuer and validity, but not its own status (lists do not point at lists).
    private func verifyList(_ document: JSON, at now: Date) async throws(VerificationError) -> VerificationReport {
        if case .string(let token) = document, VCJWT.looksLikeJWT(bytes: Array(token.utf8)) {
            return try await verifyJWT(VCJWT.decode(token), at: now)
        }
        guard case .object = document else { throw .malformed("the status list credential is neither a JSON object nor a VC-JWT") }
        return try await verify(document, at: now)
    }

    private func verifyPresentation(
        _ object: JSONObject, report initial: VerificationReport, at now: Date, challenge: String?, domain: String?
    ) async throws(VerificationError) -> VerificationReport {
        var report = initial
        report.format = "presentation"
        guard try checkContexts(object, into: &report) else { return report }
        let expectations = DataIntegrity.Expectations(proofPurpose: "authentication", challenge: challenge, domain: domain)
        let checks = try await integrity.verifyProofs(object, resolver: resolver, at: now, expecting: expectations)
        var holders: [String] = []
        for check in checks {
            report.record(.proof, "presentation: \(check.suite) by \(check.verificationMethod)", check.failure.map { .failed(reason: $0) } ?? .passed)
            if check.isValid, let controller = check.controller { holders.append(controller) }
        }
        if let holder = object["holder"]?.stringValue ?? object["holder"]?["id"]?.stringValue {
            report.record(
                .issuer, "holder \(holder)", holders.contains(holder) ? .passed : .failed(reason: "the presentation is not signed by its holder"))
        }
        try await verifyInner(object["verifiableCredential"]?.items ?? [], into: &report, at: now)
        return report
    }

    /// The entries that bound a credential's validity (VC 2.0 and VC 1.1 names), and whether each is a start.
    private static let validityFields: [(key: String, isStart: Bool)] = [
        ("validFrom", true), ("issuanceDate", true), ("validUntil", false), ("expirationDate", false),
    ]

    static func types(_ object: JSONObject) -> [String] { (object["type"]?.items ?? []).compactMap(\.stringValue) }
}
