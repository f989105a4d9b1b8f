import ArgumentParser
import Credentials
import Crypto
import Foundation

/// Verification and signing speed on the 1EdTech Open Badges 3.0 example credential, against raw Ed25519 in the same run.
struct CredentialsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "credentials")
    @Option(help: "Seconds per measurement round.") var seconds = 1.0
    @Option(help: "Rounds per figure (the median is printed).") var rounds = 5
    @Option(help: "Measure only the figures whose names contain this (for profiling).") var only: String?

    /// The OB 3.0 example credential of the 1EdTech specification (`ob_v3p0/impl/linked-data-proof-ob.html`).
    static let example: JSON = [
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "http://example.com/credentials/3527",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": ["id": "https://example.edu/issuers/565049", "type": ["Profile"], "url": "https://www.imsglobal.org", "name": "Example Corp"],
        "validFrom": "2010-01-01T00:00:00Z",
        "name": "Teamwork Badge",
        "credentialSubject": [
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21", "type": ["AchievementSubject"],
            "achievement": [
                "id": "https://example.com/achievements/21st-century-skills/teamwork", "type": ["Achievement"],
                "criteria": [
                    "narrative": "Team members are nominated for this badge by their peers and recognized upon review by Example Corp management."
                ],
                "description": "This badge recognizes the development of the capacity to collaborate within a group environment.", "name": "Teamwork",
            ],
        ],
    ]

    func run() async throws {
        guard let seed = Hex.decode("6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4"),
            let now = DateTime.parse("2026-11-23T00:00:00Z")
        else { throw ValidationError("the bench's fixed key or time does not parse") }
        let key = try Ed25519KeyPair(seed: seed)
        let methodID = "https://example.edu/issuers/565049#" + key.publicKeyMultibase
        let method: JSON = [
            "id": .string(methodID), "type": "Multikey", "controller": "https://example.edu/issuers/565049",
            "publicKeyMultibase": .string(key.publicKeyMultibase),
        ]
        let issuer: JSON = ["id": "https://example.edu/issuers/565049", "verificationMethod": [method], "assertionMethod": [.string(methodID)]]
        let verifier = CredentialVerifier(resources: StaticResources(["https://example.edu/issuers/565049": issuer]))
        let integrity = verifier.integrity
        func options(_ suite: Cryptosuite) -> ProofOptions {
            ProofOptions(cryptosuite: suite, verificationMethod: methodID, created: "2010-01-01T19:23:24Z")
        }
        let rdfc = try integrity.sign(Self.example, with: key, options: options(.eddsaRdfc2022)).canonicalBytes
        let jcs = try integrity.sign(Self.example, with: key, options: options(.eddsaJcs2022)).canonicalBytes
        let jwt = Array(try VCJWT.sign(Self.example, with: key, keyID: methodID).utf8)
        for input in [rdfc, jcs, jwt] {
            let report = try await verifier.verify(input, at: now)
            guard report.isValid else { throw ValidationError("benchmark credential does not verify: \(report.failures)") }
        }
        let message = [UInt8](repeating: 0xA5, count: 64)
        let signature = try key.sign(message)
        let publicKey = key.publicKey

        // Each figure alternates its rounds with rounds of the raw Ed25519 baseline, and its ratio is the median of the
        // per-pair ratios: on a noisy machine a baseline taken minutes earlier would skew every ratio the same way.
        let baseline: () async throws -> Void = { _ = publicKey.isValidSignature(signature, for: message) }
        var line: JSONObject = ["bench": "credentials", "rounds": .number(Double(rounds)), "seconds_per_round": .number(seconds)]
        var baselineRates: [Double] = []
        func figure(_ name: String, _ operation: () async throws -> Void) async throws {
            guard only.map({ name.contains($0) }) ?? true else { return }
            var rates: [Double] = []
            var ratios: [Double] = []
            // Warm up for half a round each (processed contexts, caches, code paths, and the core's clock after the
            // previous figure or process start): 50 operations were too few, and the first figure ran cold.
            _ = try await rate(baseline, seconds: seconds / 2)
            _ = try await rate(operation, seconds: seconds / 2)
            for _ in 0..<rounds {
                let reference = try await rate(baseline)
                let measured = try await rate(operation)
                baselineRates.append(reference)
                rates.append(measured)
                ratios.append(measured / reference)
            }
            line[name + "_per_s"] = .number(median(rates).rounded())
            if name.hasPrefix("verify") { line[name + "_ratio"] = .number((median(ratios) * 1000).rounded() / 1000) }
        }
        try await figure("verify_jcs") { _ = try await verifier.verify(jcs, at: now) }
        try await figure("verify_rdfc") { _ = try await verifier.verify(rdfc, at: now) }
        try await figure("verify_jwt") { _ = try await verifier.verify(jwt, at: now) }
        try await figure("sign_rdfc") { _ = try integrity.sign(Self.example, with: key, options: options(.eddsaRdfc2022)) }
        try await figure("canon_rdfc") { _ = try integrity.canonicalizer.canonicalize(try integrity.jsonld.toRDF(Self.example)) }
        guard !baselineRates.isEmpty else { throw ValidationError("no figure's name contains \"\(only ?? "")\"") }
        line["ed25519_verify_per_s"] = .number(median(baselineRates).rounded())
        print(JSON.object(line).canonicalString)
    }

    /// Operations per second on this task (one core) over one round of `seconds`.
    func rate(_ operation: () async throws -> Void, seconds: Double? = nil) async throws -> Double {
        var count = 0
        let start = ContinuousClock.now
        let deadline = start.advanced(by: .milliseconds(Int((seconds ?? self.seconds) * 1000)))
        while ContinuousClock.now < deadline {
            for _ in 0..<20 { try await operation() }
            count += 20
        }
        let elapsed = ContinuousClock.now - start
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
