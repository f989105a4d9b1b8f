import Credentials
import Foundation
import RecognitionCore

extension RecognitionDesk {
    /// The conventions whose standing a case shows (State Party since when), in this order.
    static let recognitionConventions: [Convention.ID] = ["tokyo-2011", "global-2019"]

    /// What the evaluator starts from (#15 item 3): each credential's verification, its provider's registry entry and
    /// QA standing on the issue date, a listed microcredential's conformance, the comparison into the NIC's framework,
    /// earlier decisions at this NIC on the same credentials, and both countries' convention standing.
    func gatherEvidence(for recognitionCase: RecognitionCase) async throws -> CaseEvidence {
        guard let nic = try await stores.reference.nic(recognitionCase.nic) else {
            throw StoreError.notFound(kind: "NIC", id: recognitionCase.nic.rawValue)
        }
        let engine = try await ReferenceDesk(dependencies: dependencies).comparisonEngine()
        let home = Self.homeFramework(of: nic, in: engine.frameworks)
        var items: [CaseEvidence.ItemEvidence] = []
        for item in recognitionCase.items {
            items.append(try await evidence(for: item, home: home, engine: engine))
        }
        let precedents = try await stores.recognition.precedents(
            nic: recognitionCase.nic, keys: Array(Set(recognitionCase.items.map(\.precedentKey))), excluding: recognitionCase.id)
        var countries = [nic.country]
        for country in recognitionCase.items.compactMap(\.country) where !countries.contains(country) { countries.append(country) }
        var standings: [CaseEvidence.ConventionStanding] = []
        for id in Self.recognitionConventions {
            guard let convention = try await stores.reference.convention(id) else { continue }
            for country in countries {
                let party = convention.parties.first { $0.country == country }
                standings.append(
                    .init(
                        convention: id, title: convention.shortName, country: country,
                        since: party.map { $0.effectiveDate ?? $0.depositDate ?? "date not recorded" }))
            }
        }
        return CaseEvidence(gatheredAt: dependencies.clock.now, items: items, precedents: precedents, conventions: standings)
    }

    /// The framework a NIC compares into: its country's national framework (the first of national kinds).
    static func homeFramework(of nic: NIC, in frameworks: [Framework]) -> Framework? {
        let national: [Framework.Kind] = [.national, .nationalVocational, .nationalCreditSystem, .nationalDegreeSystem]
        return frameworks.filter { $0.jurisdiction == nic.country && national.contains($0.kind) }
            .min { national.firstIndex(of: $0.kind) ?? 9 < national.firstIndex(of: $1.kind) ?? 9 }
    }

    func evidence(for item: CaseItem, home: Framework?, engine: ComparisonEngine) async throws -> CaseEvidence.ItemEvidence {
        var evidence = CaseEvidence.ItemEvidence(authenticity: "no digital credential")
        var providerID = item.provider
        if let document = item.document {
            do {
                let result = try await VerificationDesk(dependencies: dependencies).verify(Array(document.utf8))
                evidence.authenticity = result.report.isValid ? "verified" : "failed"
                evidence.checks = result.report.entries.map { entry in
                    switch entry.outcome {
                    case .passed: "\(entry.step.rawValue): passed"
                    case .failed(let reason): "\(entry.step.rawValue): failed (\(reason))"
                    case .skipped(let reason): "\(entry.step.rawValue): skipped (\(reason))"
                    }
                }
                if let found = result.registry.first {
                    evidence.notes += found.notes
                    providerID = providerID ?? found.provider.map { .init($0.id) }
                }
            } catch {
                evidence.authenticity = "failed"
                evidence.checks = ["parse: failed (\(error.description))"]
            }
        } else {
            evidence.notes.append("No digital credential was submitted; authenticity rests on the documents the applicant describes.")
        }
        if let providerID, let provider = try await stores.registry.provider(providerID) {
            evidence.provider = "\(provider.name) (\(provider.country))"
            evidence.qaStatus = provider.qa.status.rawValue
            evidence.qaStatusOnIssueDate = RegistryProbe.standing(provider.qa, on: item.issuedOn)
        } else {
            evidence.notes.append("The awarding body is not a provider in Accord's registry; check its standing with the home country's QA body.")
        }
        if let listing = try await listing(of: item) {
            let provider = try await stores.registry.provider(listing.providerID)
            let framework = try await listing.level.map(\.framework).asyncMap { try await stores.registry.framework($0) } ?? nil
            let report = ConformanceReport.check(listing, provider: provider, framework: framework)
            let elements = report.sections.flatMap(\.elements)
            let met = elements.filter { $0.outcome == .met }.count
            evidence.conformance =
                "\(listing.title): \(met) of \(elements.count) elements met ("
                + report.sections.map { "\($0.rule.title): \($0.conforms ? "conforms" : "does not conform")" }
                .joined(separator: "; ") + ")"
        }
        if let home {
            if let framework = item.framework {
                let request = ComparisonRequest(
                    from: framework, level: item.level, credits: item.credits, hours: item.credits == nil ? item.hours : nil, to: home.id)
                if let comparison = try? engine.compare(request) { evidence.comparison = .init(comparison) }
            } else {
                evidence.notes.append("No framework or level is stated, so there is nothing to compare; decide from the learning outcomes.")
            }
        } else {
            evidence.notes.append("The NIC's country has no national framework in Accord's data to compare into.")
        }
        return evidence
    }

    /// The registry listing a credential is for, when its facts came from the registry.
    func listing(of item: CaseItem) async throws -> Microcredential? {
        guard let id = item.microcredential, let listing = try await stores.registry.microcredential(id) else { return nil }
        return listing.providerID == item.provider ? listing : nil
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
