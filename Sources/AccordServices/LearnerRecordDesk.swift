import Credentials
import Crypto
import Foundation
import RecognitionCore

/// A learner's record: credentials claimed from Accord issuers or imported from anyone, each verified on entry;
/// hidden or deleted by the learner; evaluated against qualifications' pathways. Only the learner reads or changes it.
public struct LearnerRecordDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// A credential that did not verify: nothing was added; the report says why.
    public struct Refused: Error, Sendable {
        public let report: VerificationDesk.Result

        public var reasons: [String] { report.report.failures.map { "\($0.step.rawValue): \(Self.reason($0.outcome))" } }

        public static func reason(_ outcome: VerificationReport.Outcome) -> String {
            switch outcome {
            case .failed(let reason), .skipped(let reason): reason
            case .passed: "passed"
            }
        }
    }

    /// What the learner says of an imported credential that does not say it itself: its framework, level and size.
    public struct StatedFacts: Sendable, Equatable, Decodable {
        public var framework: String?
        public var level: Int?
        public var credits: Double?
        public var hours: Double?

        public init(framework: String? = nil, level: Int? = nil, credits: Double? = nil, hours: Double? = nil) {
            self.framework = framework
            self.level = level
            self.credits = credits
            self.hours = hours
        }

        var isEmpty: Bool { framework == nil && level == nil && credits == nil && hours == nil }
    }

    /// Adds the credential behind a claim link to the signed-in learner's record.
    public func claim(token: String, by caller: Account?) async throws -> RecordEntry {
        let learner = try Self.learner(caller).id
        let issued = try await IssuingDesk(dependencies: dependencies).claim(token: token)
        return try await add(Array(issued.signed.utf8), source: .claimed, stated: StatedFacts(), learner: learner, caller: caller)
    }

    /// Verifies a credential from anywhere (JSON or a compact JWT) and adds it; refused with the report when it does not
    /// verify, a conflict when the record holds it already.
    public func importCredential(_ bytes: [UInt8], stated: StatedFacts = StatedFacts(), by caller: Account?) async throws -> RecordEntry {
        let learner = try Self.learner(caller).id
        return try await add(bytes, source: .imported, stated: stated, learner: learner, caller: caller)
    }

    func add(_ bytes: [UInt8], source: RecordEntry.Source, stated: StatedFacts, learner: Account.ID, caller: Account?) async throws
        -> RecordEntry
    {
        if let issues = Self.issues(stated), !issues.isEmpty { throw ValidationFailure(issues) }
        let result = try await VerificationDesk(dependencies: dependencies).verify(bytes)
        guard result.report.isValid else { throw Refused(report: result) }
        var entry = try await entry(from: result, document: String(decoding: bytes, as: UTF8.self), source: source, learner: learner)
        if !stated.isEmpty && entry.factsSource != "registry" {
            entry.framework = stated.framework.map { .init($0) } ?? entry.framework
            entry.level = stated.level ?? entry.level
            entry.credits = stated.credits ?? entry.credits
            entry.hours = stated.hours ?? entry.hours
            entry.factsSource = "learner"
        }
        if let framework = entry.framework, try await stores.registry.framework(framework) == nil {
            throw ValidationFailure([.init(field: "framework", message: "'\(framework)' is not a framework in the registry")])
        }
        let final = entry
        return try await stores.transaction { tx in
            if try await tx.records.entry(fingerprint: final.fingerprint, of: learner) != nil {
                throw StoreError.conflict("this credential is in your record already")
            }
            if try await tx.records.count(of: learner) >= RecordEntry.maxPerLearner {
                throw StoreError.conflict("a record holds at most \(RecordEntry.maxPerLearner) credentials")
            }
            try await tx.records.add(final)
            try await dependencies.record(
                .create, .init(.recordEntry, final.id.rawValue), by: caller,
                summary: ["title": final.title, "issuer": final.issuer, "source": final.source.rawValue], in: tx)
            return final
        }
    }

    /// The entry as stored: what the credential says, and what the registry knows of its issuer and achievement.
    func entry(from result: VerificationDesk.Result, document: String, source: RecordEntry.Source, learner: Account.ID) async throws
        -> RecordEntry
    {
        let credential = result.report.credential
        let achievement = credential["credentialSubject"]?["achievement"]
        let issuer = credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue ?? "(unknown issuer)"
        let credentialID = credential["id"]?.stringValue
        let fingerprint = Hex.encode(SHA256.hash(data: Array((credentialID.map { "id:" + $0 } ?? document).utf8)))
        let title = String(
            (achievement?["name"]?.stringValue ?? credential["name"]?.stringValue ?? "Credential from \(issuer)").prefix(300))
        let issued = (credential["awardedDate"] ?? credential["validFrom"] ?? credential["issuanceDate"])?.stringValue.map { String($0.prefix(10)) }
        var entry = RecordEntry(
            id: .init("rec-" + Hex.encode(dependencies.random.bytes(12))), learner: learner, source: source, credentialID: credentialID,
            fingerprint: fingerprint, document: document, title: title, issuer: issuer,
            issuerName: credential["issuer"]?["name"]?.stringValue.map { String($0.prefix(300)) }, issuedOn: issued,
            addedAt: dependencies.clock.now)
        if let achievementID = achievement?["id"]?.stringValue { entry.units.append(String(achievementID.prefix(500))) }
        let findings = result.registry.first
        if let provider = findings?.provider {
            entry.provider = .init(provider.id)
            entry.country = provider.country
            entry.issuerName = provider.name
        }
        if let listing = findings?.microcredential, let registered = try await stores.registry.microcredential(.init(listing.id)),
            entry.provider == registered.providerID
        {
            entry.units.append(registered.id.rawValue)
            entry.framework = registered.level?.framework
            entry.level = registered.level?.level
            entry.credits = registered.credits
            entry.hours = registered.notionalHours
            entry.factsSource = "registry"
            return entry
        }
        // What the credential says: Accord's frameworkLevel extension, OB 3.0 creditsAvailable, an alignment to a
        // framework Accord knows.
        let frameworks = try await stores.registry.frameworks()
        if let level = achievement?["frameworkLevel"] {
            let iri = level["framework"]?.stringValue ?? ""
            entry.framework = frameworks.first { iri.hasSuffix("/frameworks/\($0.id.rawValue)") || iri == $0.id.rawValue }?.id
            entry.level = level["level"]?.stringValue.flatMap(Self.number)
            entry.credits = level["credits"]?.numberValue
        }
        if entry.framework == nil, let alignments = achievement?["alignment"]?.arrayValue {
            for alignment in alignments {
                let name = (alignment["targetFramework"]?.stringValue ?? "").lowercased()
                guard let framework = frameworks.first(where: { $0.id.rawValue == name || $0.name.lowercased() == name }) else { continue }
                entry.framework = framework.id
                entry.level = alignment["targetCode"]?.stringValue.flatMap(Self.number)
                break
            }
        }
        entry.credits = entry.credits ?? achievement?["creditsAvailable"]?.numberValue
        entry.hours = achievement?["notionalHours"]?.numberValue
        return entry
    }

    /// The first whole number in a text ("Level 5" → 5).
    static func number(_ text: String) -> Int? {
        let digits = text.drop { !$0.isNumber }.prefix { $0.isNumber }
        return digits.isEmpty || digits.count > 3 ? nil : Int(digits)
    }

    static func issues(_ stated: StatedFacts) -> [ValidationIssue]? {
        var issues: [ValidationIssue] = []
        if let level = stated.level, !(1...20).contains(level) { issues.append(.init(field: "level", message: "must be between 1 and 20")) }
        if let credits = stated.credits, !(credits >= 0 && credits <= 1_000) {
            issues.append(.init(field: "credits", message: "must be between 0 and 1000"))
        }
        if let hours = stated.hours, !(hours >= 0 && hours <= 20_000) {
            issues.append(.init(field: "hours", message: "must be between 0 and 20000"))
        }
        if let framework = stated.framework, framework.count > 100 { issues.append(.init(field: "framework", message: "is too long")) }
        return issues
    }

    /// The caller as the learner whose record is acted on: learner accounts only.
    static func learner(_ caller: Account?) throws -> Account {
        try caller.authorize(.holdCredentials)
        guard let caller else { throw AccessError.unauthenticated }
        return caller
    }

    /// The learner's entries, with each one's standing now.
    public func entries(by caller: Account?) async throws -> [Held] {
        let learner = try Self.learner(caller).id
        let entries = try await stores.records.entries(of: learner)
        let states = try await stores.issued.states(of: entries.compactMap { $0.credentialID.map { .init($0) } })
        return entries.map { entry in Held(entry: entry, standing: Self.standing(entry.credentialID.flatMap { states[.init($0)] })) }
    }

    public func entry(_ id: RecordEntry.ID, by caller: Account?) async throws -> Held {
        let learner = try Self.learner(caller).id
        guard let entry = try await stores.records.entry(id, of: learner) else { throw StoreError.notFound(kind: "record entry", id: id.rawValue) }
        return Held(entry: entry, standing: try await standing(of: entry))
    }

    /// An entry and whether it stands today.
    public struct Held: Sendable {
        public var entry: RecordEntry
        public var standing: Standing
    }

    public enum Standing: String, Sendable, Codable {
        case valid
        case revoked
        case suspended
        /// Issued elsewhere: verified on entry; its status list is not fetched again (verification is offline).
        case checkedOnEntry = "checked-on-entry"
    }

    /// Re-checks status on view: a credential Accord issued is looked up where its provider revokes it.
    func standing(of entry: RecordEntry) async throws -> Standing {
        guard let id = entry.credentialID else { return .checkedOnEntry }
        return Self.standing(try await stores.issued.states(of: [.init(id)])[.init(id)])
    }

    /// The standing of a credential Accord issued in `state`; nil for one it did not issue.
    static func standing(_ state: IssuedCredential.State?) -> Standing {
        switch state {
        case nil: .checkedOnEntry
        case .issued: .valid
        case .revoked: .revoked
        case .suspended: .suspended
        }
    }

    public func setHidden(_ id: RecordEntry.ID, hidden: Bool, by caller: Account?) async throws {
        let learner = try Self.learner(caller).id
        try await stores.transaction { tx in
            guard try await tx.records.setHidden(id, of: learner, hidden: hidden) else {
                throw StoreError.notFound(kind: "record entry", id: id.rawValue)
            }
            try await dependencies.record(.update, .init(.recordEntry, id.rawValue), by: caller, summary: ["hidden": hidden], in: tx)
        }
    }

    public func delete(_ id: RecordEntry.ID, by caller: Account?) async throws {
        let learner = try Self.learner(caller).id
        try await stores.transaction { tx in
            guard try await tx.records.delete(id, of: learner) else { throw StoreError.notFound(kind: "record entry", id: id.rawValue) }
            try await dependencies.record(.delete, .init(.recordEntry, id.rawValue), by: caller, summary: ["deleted": true], in: tx)
        }
    }

    /// How the learner's shown credentials stack toward `qualification`'s current pathway.
    public func progress(toward qualification: Qualification.ID, by caller: Account?) async throws -> ProgressReport {
        let learner = try Self.learner(caller).id
        guard let found = try await stores.qualifications.qualification(qualification) else {
            throw StoreError.notFound(kind: "qualification", id: qualification.rawValue)
        }
        let entries = try await stores.records.entries(of: learner).filter { !$0.hidden }
        return try await ProgressReport.make(found, entries: entries, stores: stores, on: dependencies.clock.now.isoDay)
    }
}

extension LearnerRecordDesk {
    /// What `check` found: the progress over the credentials that verified, and why each other one was left out.
    public struct Check: Sendable {
        public var report: ProgressReport
        /// The position in the input of each credential that did not verify, with the failed checks.
        public var refused: [(position: Int, reasons: [String])]
    }

    /// Evaluates credentials given as files against a qualification without storing anything: each is verified, and
    /// those that do not verify are left out with their reasons. For an admissions officer or a NIC holding a learner's
    /// files; anyone may.
    public func check(_ documents: [[UInt8]], toward qualification: Qualification.ID) async throws -> Check {
        guard let found = try await stores.qualifications.qualification(qualification) else {
            throw StoreError.notFound(kind: "qualification", id: qualification.rawValue)
        }
        var entries: [RecordEntry] = []
        var refused: [(position: Int, reasons: [String])] = []
        for (position, bytes) in documents.enumerated() {
            let result: VerificationDesk.Result
            do { result = try await VerificationDesk(dependencies: dependencies).verify(bytes) } catch {
                refused.append((position, ["unreadable: \(error)"]))
                continue
            }
            guard result.report.isValid else {
                refused.append((position, Refused(report: result).reasons))
                continue
            }
            var entry = try await entry(from: result, document: String(decoding: bytes, as: UTF8.self), source: .imported, learner: "check")
            entry.id = .init("file-\(position + 1)")
            entries.append(entry)
        }
        let report = try await ProgressReport.make(found, entries: entries, stores: stores, on: dependencies.clock.now.isoDay)
        return Check(report: report, refused: refused)
    }
}

/// A pathway evaluated over a record, with everything the page and the API show: each rule's outcome and each
/// credential's conversion.
public struct ProgressReport: Sendable {
    public var qualification: Qualification
    public var progress: StackingProgress
    public var entries: [RecordEntry]
    public var volumes: [ConvertedVolume]
    public var levels: [String?]

    static func make(_ qualification: Qualification, entries: [RecordEntry], stores: any Stores, on day: String) async throws -> ProgressReport {
        let frameworks = Dictionary(uniqueKeysWithValues: try await stores.registry.frameworks().map { ($0.id, $0) })
        guard let target = frameworks[qualification.framework] else {
            throw StoreError.notFound(kind: "framework", id: qualification.framework.rawValue)
        }
        let statements = try await stores.reference.referencing()
        let record = PreparedRecord(entries.map(\.held), in: target, frameworks: frameworks, statements: statements)
        let progress = Stacking.evaluate(qualification, record: record, on: day)
        let levels: [String?] = entries.indices.map { position in
            guard let mapped = record.levels(position) else { return nil }
            let range =
                mapped.levels.lowerBound == mapped.levels.upperBound
                ? "\(mapped.levels.lowerBound)" : "\(mapped.levels.lowerBound)–\(mapped.levels.upperBound)"
            return mapped.statement.map { "level \(range) (\($0))" } ?? "level \(range)"
        }
        return ProgressReport(
            qualification: qualification, progress: progress, entries: entries, volumes: entries.indices.map(record.volume), levels: levels)
    }
}
