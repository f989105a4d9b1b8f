import Credentials
import Foundation
import RecognitionCore
import Synchronization

/// Public verification: the credentials engine's checks (offline; Accord's own did:web documents come from the
/// database, never the network) plus the registry check no open verifier makes: is the issuer a provider in the
/// registry, in what quality-assurance standing on the issue date and today, was its key trusted then, and is the
/// microcredential registered and approved, at which level and credits.
public struct VerificationDesk: Sendable {
    let dependencies: Dependencies

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// What one verification found: the engine's report (with its registry steps) and the registry facts behind them.
    public struct Result: Sendable {
        public var report: VerificationReport
        public var registry: [RegistryFindings]

        public init(report: VerificationReport, registry: [RegistryFindings]) {
            self.report = report
            self.registry = registry
        }

        /// The report as JSON with the registry's findings beside its steps (snake_case, as the API answers).
        public var json: JSON {
            var object = report.json.objectValue ?? [:]
            object["registry"] = (try? JSONEncoder.wire.encode(registry)).flatMap { try? JSON(parsing: Array($0)) } ?? .array([])
            return .object(object)
        }
    }

    /// Verifies a JSON credential or presentation (with the verifier's `challenge` and `domain`, when it asked for
    /// them), or a compact JWT. Anyone may; nothing is stored.
    public func verify(_ input: [UInt8], challenge: String? = nil, domain: String? = nil) async throws(VerificationError) -> Result {
        let probe = RegistryProbe(dependencies: dependencies)
        var verifier = dependencies.verifier
        let resources = OwnDocuments(dependencies: dependencies)
        verifier.resources = resources
        verifier.resolver = StandardResolver(resources: resources)
        verifier.registry = probe
        let report = try await verifier.verify(input, at: dependencies.clock.now, challenge: challenge, domain: domain)
        return Result(report: report, registry: probe.findings.withLock { $0 })
    }
}

/// Accord's own documents by URL, from the database: providers' did:web documents and status lists. Anything else is
/// not fetched (verification is offline).
struct OwnDocuments: ResourceLoader {
    let dependencies: Dependencies

    func document(at url: String) async throws(ResolutionError) -> JSON {
        let statusPrefix = dependencies.site.origin + "/status/"
        if url.hasPrefix(statusPrefix) {
            let parts = url.dropFirst(statusPrefix.count).split(separator: "/")
            guard parts.count == 2, let purpose = StoredStatusList.Purpose(rawValue: String(parts[1])) else {
                throw ResolutionError(url, "not one of Accord's status lists")
            }
            let stored: StoredStatusList?
            do { stored = try await dependencies.stores.statusLists.list(of: .init(String(parts[0])), purpose: purpose) } catch {
                throw ResolutionError(url, "the status list could not be read")
            }
            guard let stored, let document = try? JSON(parsing: stored.signed) else { throw ResolutionError(url, "no such status list") }
            return document
        }
        let host = "https://" + dependencies.site.didWebHost.replacingOccurrences(of: "%3A", with: ":")
        if url.hasPrefix(host + "/nics/"), url.hasSuffix("/did.json") {
            let id = NIC.ID(String(url.dropFirst((host + "/nics/").count).dropLast("/did.json".count)))
            guard id.isValidSlug else { throw ResolutionError(url, "not a NIC's document") }
            do { return try await NICKeyDesk(dependencies: dependencies).didDocument(for: id) } catch {
                throw ResolutionError(url, "no NIC '\(id)' with a signing key")
            }
        }
        let prefix = host + "/providers/"
        guard url.hasPrefix(prefix), url.hasSuffix("/did.json") else {
            throw ResolutionError(url, "not one of Accord's documents, and verification does not fetch from the network")
        }
        let id = Provider.ID(String(url.dropFirst(prefix.count).dropLast("/did.json".count)))
        guard id.isValidSlug else { throw ResolutionError(url, "not a provider's document") }
        do { return try await IssuerDesk(dependencies: dependencies).didDocument(for: id) } catch {
            throw ResolutionError(url, "no provider '\(id)' in the registry")
        }
    }
}

extension RegistryFindings {
    /// The signing key's standing, the same for a provider's key and a NIC's: a key reported compromised by the time it
    /// signed is a concern, a retired one a note (what it signed still verifies).
    mutating func record(_ key: some SigningKey, id: String, of owner: String, signedAt: Date?) {
        self.key = .init(id: id, state: key.state.rawValue, compromisedFrom: key.compromisedFrom)
        if let signedAt, !key.trusted(at: signedAt), let from = key.compromisedFrom {
            concerns.append("signed with a key the \(owner) reported compromised from \(from.isoDay)")
        } else if key.state == .retired {
            notes.append("Signed with an earlier key of the \(owner), since replaced; it still verifies.")
        }
    }
}

/// What the registry says about a credential's issuer and achievement.
public struct RegistryFindings: Sendable, Equatable, Codable {
    public struct ProviderFacts: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public var country: String
        public var qaBody: String?
        public var qaStatusToday: String
        /// The standing on the issue date, as far as the recorded dates tell.
        public var qaStatusOnIssueDate: String
    }

    public struct KeyFacts: Sendable, Equatable, Codable {
        public var id: String
        public var state: String
        public var compromisedFrom: Date?
    }

    public struct ListingFacts: Sendable, Equatable, Codable {
        public var id: String
        public var title: String
        public var status: String
        public var framework: String?
        public var level: Int?
        public var credits: Double?
        public var notionalHours: Double?
    }

    public var issuer: String
    public var inRegistry: Bool
    public var issuedOn: String?
    public var provider: ProviderFacts?
    public var key: KeyFacts?
    public var microcredential: ListingFacts?
    /// The NIC whose key signed it (recognition statements).
    public var nic: String?
    /// Plain sentences, in the order a reader needs them.
    public var notes: [String]
    /// Whether the registry's facts speak against the credential (a compromised key, QA withdrawn on the issue date).
    public var concerns: [String]
}

/// The verifier's registry hook: looks each credential's issuer up and keeps what it found for the response.
final class RegistryProbe: RegistryCheck {
    let dependencies: Dependencies
    let findings = Mutex<[RegistryFindings]>([])

    init(dependencies: Dependencies) { self.dependencies = dependencies }

    func check(issuer: String, credential: JSONObject) async -> VerificationReport.Outcome {
        await check(issuer: issuer, credential: credential, signedBy: [])
    }

    func check(issuer: String, credential: JSONObject, signedBy methods: [String]) async -> VerificationReport.Outcome {
        let found: RegistryFindings
        do { found = try await lookUp(issuer: issuer, credential: credential, methods: methods) } catch {
            return .skipped(reason: "the registry could not be read")
        }
        findings.withLock { $0.append(found) }
        if !found.inRegistry { return .skipped(reason: "issuer not in the registry") }
        if let concern = found.concerns.first { return .failed(reason: concern) }
        return .passed
    }

    func lookUp(issuer: String, credential: JSONObject, methods: [String]) async throws -> RegistryFindings {
        let stores = dependencies.stores
        let site = dependencies.site
        let issued = (credential["validFrom"] ?? credential["issuanceDate"])?.stringValue
        let issuedDay = issued.map { String($0.prefix(10)) }
        let issuedAt = issued.flatMap(DateTime.parse)
        var found = RegistryFindings(
            issuer: issuer, inRegistry: false, issuedOn: issuedDay, provider: nil, key: nil, microcredential: nil, nic: nil, notes: [],
            concerns: [])
        // The key that signed: did:key issuers are the key; did:web issuers name it in the verification method of a
        // valid proof (or the JWT's kid), which the verifier passes on.
        let method = methods.first
        var key: IssuerKey?
        var providerID: Provider.ID?
        if issuer.hasPrefix("did:key:") {
            key = try await stores.issuerKeys.key(didKey: String(issuer.split(separator: "#")[0]))
            providerID = key?.provider
        } else if let provider = site.provider(fromDID: issuer) {
            providerID = provider
            if let fragment = method?.split(separator: "#", maxSplits: 1).dropFirst().first {
                key = try await stores.issuerKeys.key(didKey: "did:key:" + fragment)
                if key?.provider != provider { key = nil }
            }
        }
        // A NIC's statement: its did:web (the key named in the proof's method), or a statement signed with its did:key.
        var nicKey: NICKey?
        if let named = site.nic(fromDID: issuer) {
            if let fragment = method?.split(separator: "#", maxSplits: 1).dropFirst().first {
                nicKey = try await stores.nicKeys.key(didKey: "did:key:" + fragment).flatMap { $0.nic == named ? $0 : nil }
            }
        } else if providerID == nil, issuer.hasPrefix("did:key:") {
            nicKey = try await stores.nicKeys.key(didKey: String(issuer.split(separator: "#")[0]))
        }
        if let nicKey, let nic = try await stores.reference.nic(nicKey.nic) {
            found.inRegistry = true
            found.nic = nic.id.rawValue
            found.notes.append(
                "Issued by \(nic.body ?? "the NIC") (\(nic.countryName)), a National Information Centre in Accord's directory, with its own key.")
            found.record(nicKey, id: nicKey.id.rawValue, of: "NIC", signedAt: issuedAt)
            return found
        }
        guard let providerID, let provider = try await stores.registry.provider(providerID) else {
            found.notes.append("The issuer \(issuer) is not a provider in Accord's registry; only the signature was checked.")
            return found
        }
        found.inRegistry = true
        let onIssue = Self.standing(provider.qa, on: issuedDay)
        found.provider = .init(
            id: provider.id.rawValue, name: provider.name, country: provider.country, qaBody: provider.qaBody,
            qaStatusToday: provider.qa.status.rawValue, qaStatusOnIssueDate: onIssue)
        found.notes.append("Issued by \(provider.name) (\(provider.country)), a provider in Accord's registry.")
        found.notes.append(
            "Quality assurance\(provider.qaBody.map { " by \($0)" } ?? ""): \(provider.qa.status.rawValue) today; \(onIssue) on the issue date.")
        if onIssue == QAStanding.Status.withdrawn.rawValue {
            found.concerns.append("the provider's quality assurance was withdrawn on the issue date")
        }
        if let key {
            found.record(key, id: key.id.rawValue, of: "provider", signedAt: issuedAt)
        } else {
            found.notes.append("The signing key is not one the provider registered in Accord.")
            found.concerns.append("the signing key is not one of the provider's registered keys")
        }
        if let credentialID = credential["id"]?.stringValue, let issued = try await stores.issued.credential(.init(credentialID)),
            issued.provider == provider.id
        {
            found.notes.append("Issued through Accord on \(issued.issuedAt.isoDay).")
            if issued.state != .issued {
                found.notes.append(
                    "The provider \(issued.state == .revoked ? "revoked" : "suspended") it: \(issued.stateReason ?? "no reason given").")
            }
        }
        if let achievement = credential["credentialSubject"]?["achievement"]?["id"]?.stringValue,
            achievement.hasPrefix(site.origin + "/microcredentials/")
        {
            let id = Microcredential.ID(String(achievement.dropFirst((site.origin + "/microcredentials/").count)))
            if let listing = try await stores.registry.microcredential(id) {
                found.microcredential = .init(
                    id: listing.id.rawValue, title: listing.title, status: listing.status.rawValue, framework: listing.level?.framework.rawValue,
                    level: listing.level?.level, credits: listing.credits, notionalHours: listing.notionalHours)
                found.notes.append("The microcredential is registered, \(listing.status.label).")
            } else {
                found.notes.append("The microcredential it names is not in the registry.")
            }
        }
        return found
    }

    /// The QA status on a day, from the status and the dates it holds between.
    static func standing(_ qa: QAStanding, on day: String?) -> String {
        guard let day else { return "unknown (no issue date)" }
        if let since = qa.since, day < since { return "not yet \(qa.status.rawValue) (\(qa.status.rawValue) since \(since))" }
        if let until = qa.until, day > until { return "lapsed (\(qa.status.rawValue) until \(until))" }
        return qa.status.rawValue
    }
}
