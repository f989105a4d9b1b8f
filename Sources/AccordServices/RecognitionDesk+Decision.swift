import Credentials
import Foundation
import RecognitionCore

extension RecognitionDesk {
    /// A decision as the API and the evaluator's form send it; who and when are filled in by the desk.
    public struct DecisionInput: Decodable, Sendable {
        public var outcome: Decision.Outcome
        public var level: Int?
        public var credits: Double?
        public var units: [String]?
        public var conditions: String?
        public var differences: [SubstantialDifference]?
        public var reasons: String

        public init(
            outcome: Decision.Outcome, level: Int? = nil, credits: Double? = nil, units: [String]? = nil, conditions: String? = nil,
            differences: [SubstantialDifference]? = nil, reasons: String
        ) {
            self.outcome = outcome
            self.level = level
            self.credits = credits
            self.units = units
            self.conditions = conditions
            self.differences = differences
            self.reasons = reasons
        }
    }

    /// The evaluator who took the case decides; the decision is recorded, a statement signed with the NIC's key is
    /// issued, and the case's credentials become precedents of the NIC, in one unit of work.
    public func decide(_ id: RecognitionCase.ID, _ input: DecisionInput, by caller: Account?) async throws -> RecognitionCase {
        try await decide(id, input, appeal: false, by: caller)
    }

    /// The applicant appeals a decision, giving grounds.
    public func appeal(_ id: RecognitionCase.ID, grounds: String, by caller: Account?) async throws -> RecognitionCase {
        let appeal = Appeal(grounds: grounds.trimmingCharacters(in: .whitespacesAndNewlines), lodgedAt: dependencies.clock.now)
        return try await move(id, [(.appeal(appeal), .appeal)], by: caller) { try Self.authorizeApplicant($0, caller: caller) }
    }

    /// An evaluator of the NIC decides the appeal; its statement replaces the first.
    public func decideAppeal(_ id: RecognitionCase.ID, _ input: DecisionInput, by caller: Account?) async throws -> RecognitionCase {
        try await decide(id, input, appeal: true, by: caller)
    }

    func decide(_ id: RecognitionCase.ID, _ input: DecisionInput, appeal: Bool, by caller: Account?) async throws -> RecognitionCase {
        guard let account = caller else { throw AccessError.unauthenticated }
        let current = try await recognitionCase(id, by: caller)
        try caller.authorize(.assessRecognition(at: current.nic))
        if !appeal, case .underAssessment(let assigned, _) = current.workflow.state, assigned != account.id {
            throw StoreError.conflict("the case is assigned to another evaluator; take it over first")
        }
        guard let nic = try await stores.reference.nic(current.nic) else { throw StoreError.notFound(kind: "NIC", id: current.nic.rawValue) }
        let home = Self.homeFramework(of: nic, in: try await stores.registry.frameworks())
        let decision = Decision(
            outcome: input.outcome, level: input.level, framework: input.level == nil ? nil : home?.id, credits: input.credits,
            units: input.units ?? [], conditions: input.conditions?.trimmingCharacters(in: .whitespacesAndNewlines),
            differences: input.differences ?? [], reasons: input.reasons.trimmingCharacters(in: .whitespacesAndNewlines), decidedBy: account.id,
            decidedAt: dependencies.clock.now)
        if let level = decision.level, let home, home.level(level) == nil {
            throw ValidationFailure([.init(field: "level", message: "\(home.id) has no level \(level)")])
        }
        let pair = try await NICKeyDesk(dependencies: dependencies).signingKey(for: nic.id, caller: caller).pair
        let event: CaseWorkflow.Event = appeal ? .decideAppeal(decision) : .decide(decision)
        return try await move(
            id, [(event, appeal ? .decideAppeal : .decide)], by: caller, summary: ["outcome": decision.outcome.rawValue],
            authorize: { try caller.authorize(.assessRecognition(at: $0.nic)) }
        ) { recognitionCase, tx in
            let replaces = appeal ? recognitionCase.statements.last : nil
            let statement = try statement(for: recognitionCase, decision: decision, nic: nic, pair: pair, replaces: replaces)
            try await tx.recognition.add(statement)
            recognitionCase.statements.append(statement.id)
            try await tx.recognition.savePrecedents(of: recognitionCase)
            try await dependencies.record(
                .issue, .init(.recognitionCase, recognitionCase.id.rawValue), by: caller,
                summary: ["statement": statement.id, "replaces": replaces ?? ""], in: tx)
        }
    }

    /// The recognition statement: a VC 2.0 credential of type RecognitionStatement (docs/accord-context.md), issued by
    /// the NIC's did:web and signed eddsa-rdfc-2022 with its key (the method `did:web:…:nics:ID#z6Mk…`).
    func statement(for recognitionCase: RecognitionCase, decision: Decision, nic: NIC, pair: Ed25519KeyPair, replaces: String?) throws
        -> RecognitionStatement
    {
        let id = "urn:uuid:" + IssuingDesk.uuid(dependencies.random.bytes(16))
        let now = DateTime.format(decision.decidedAt)
        let nicName = nic.body ?? "NIC of \(nic.countryName)"
        let did = dependencies.site.did(ofNIC: nic.id)
        var subject: JSONObject = [
            "type": "RecognitionDecision", "applicant": .string(recognitionCase.applicantName), "caseId": .string(recognitionCase.id.rawValue),
            "purpose": .string(recognitionCase.purpose.rawValue), "outcome": .string(decision.outcome.rawValue),
            "reasons": .string(decision.reasons), "assessedBy": .string(nicName), "decidedOn": .string(String(now.prefix(10))),
            "assessedCredentials": .array(
                recognitionCase.items.map { item in
                    var object: JSONObject = ["title": .string(item.title)]
                    if let awardedBy = item.awardedBy { object["awardedBy"] = .string(awardedBy) }
                    if let country = item.country { object["country"] = .string(country) }
                    if let framework = item.framework { object["framework"] = .string(framework.rawValue) }
                    if let level = item.level { object["level"] = .number(Double(level)) }
                    if let credits = item.credits { object["credits"] = .number(credits) }
                    return .object(object)
                }),
        ]
        if let level = decision.level, let framework = decision.framework {
            subject["recognisedLevel"] = ["framework": .string(framework.rawValue), "level": .number(Double(level))]
        }
        if let credits = decision.credits { subject["recognisedCredits"] = .number(credits) }
        if !decision.units.isEmpty { subject["recognisedUnits"] = .array(decision.units.map { .string($0) }) }
        if let conditions = decision.conditions, !conditions.isEmpty { subject["conditions"] = .string(conditions) }
        if !decision.differences.isEmpty {
            subject["substantialDifferences"] = .array(
                decision.differences.map { ["kind": .string($0.kind.rawValue), "description": .string($0.text)] })
        }
        if let replaces { subject["replaces"] = .string(replaces) }
        let credential: JSON = [
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://accord.example/ns/recognition/v1"],
            "id": .string(id), "type": ["VerifiableCredential", "RecognitionStatement"],
            "name": .string(replaces == nil ? "Recognition statement" : "Recognition statement on appeal"),
            "issuer": ["id": .string(did), "name": .string(nicName)], "validFrom": .string(now),
            "credentialSubject": .object(subject),
        ]
        let options = ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: "\(did)#\(pair.publicKeyMultibase)", created: now)
        let signed = try dependencies.verifier.integrity.sign(credential, with: pair, options: options)
        return RecognitionStatement(
            id: id, caseID: recognitionCase.id, nic: nic.id, issuedAt: decision.decidedAt, document: signed.canonicalString, replaces: replaces)
    }

    /// A statement, for anyone who holds its id (a random UUID: the applicant passes it on).
    public func statement(_ id: String) async throws -> RecognitionStatement {
        guard id.count <= 100, let statement = try await stores.recognition.statement(id) else {
            throw StoreError.notFound(kind: "recognition statement", id: String(id.prefix(100)))
        }
        return statement
    }
}
