import AccordServices
import Credentials
import Foundation
import Hummingbird
import RecognitionCore

/// One case: its credentials and the evidence gathered for each (authenticity, provider standing, the proposed level
/// and credits with the path), precedents, convention standing, the decisions and statements, the history, and the
/// forms for the next step the caller may take.
extension RecognitionPages {
    struct CaseModel: PageModel {
        static let template = "recognition-case"
        let title: String
        let id: String
        let applicant: String
        let nic: String
        let purpose: String
        let kind: String
        let state: String
        let stateName: String
        let submitted: String
        let due: String
        let overdue: Bool
        let note: String?
        let items: [ItemView]
        let precedents: [PrecedentView]
        let hasPrecedents: Bool
        let conventions: [ConventionView]
        let decision: DecisionView?
        let appeal: String?
        let appealDecision: DecisionView?
        let statements: [StatementLink]
        let documents: [DocumentLink]
        let hasDocuments: Bool
        let history: [HistoryLine]
        let proposed: String
        let outcomes: [RegistryPages.Option]
        let differenceKinds: [RegistryPages.Option]
        let links: [String: String]
        let can: [String: Bool]
    }

    struct ItemView {
        let title: String
        let awardedBy: String
        let facts: String
        let source: String
        let description: String?
        let evidence: EvidenceView?
    }

    struct EvidenceView {
        let authenticity: String
        let verified: Bool
        let checks: [String]
        let hasChecks: Bool
        let provider: String?
        let qa: String?
        let conformance: String?
        let levels: String?
        let basis: String?
        let confidence: String?
        let path: [String]
        let volume: String?
        let explanation: String?
        let notes: [String]
    }

    struct PrecedentView {
        let link: String
        let title: String
        let outcome: String
        let decided: String
    }

    struct ConventionView {
        let text: String
    }

    struct DecisionView {
        let outcome: String
        let details: [String]
        let differences: [String]
        let reasons: String
        let decided: String
    }

    struct StatementLink {
        let link: String
        let label: String
    }

    struct DocumentLink {
        let link: String
        let name: String
        let type: String
        let size: String
        let sha: String
    }

    struct HistoryLine {
        let when: String
        let action: String
        let actor: String
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else {
            return Response.redirect(to: SiteURL.login(next: context.pageAddress).path, type: .normal)
        }
        let words = context.words
        let c = try await desk.recognitionCase(.init(try context.parameters.require("id")), by: account)
        let nic = try await reference.nic(c.nic)
        let evidence = c.evidence?.items ?? []
        let items = c.items.enumerated().map { position, item in
            let facts = [
                item.framework.map { framework in "\(framework)\(item.level.map { " \(words("level")) \($0)" } ?? "")" },
                item.credits.map { words("{credits} credits", ["credits": Span.number($0)]) },
                item.hours.map { words("{hours} notional hours", ["hours": Span.number($0)]) }, item.country,
            ].compactMap { $0 }.joined(separator: " · ")
            let found = evidence.indices.contains(position) ? evidence[position] : nil
            return ItemView(
                title: item.title, awardedBy: item.awardedBy ?? "", facts: facts.isEmpty ? words("no level or size stated") : facts,
                source: item.source == .described
                    ? words("described by the applicant") : item.source == .record ? words("from the learner record") : words("uploaded credential"),
                description: item.description, evidence: found.map { Self.view($0, words) })
        }
        let isApplicant = c.applicant == account.id || (c.applicant == nil && context.account.may(.assessRecognition(at: c.nic)))
        let assesses = context.account.may(.assessRecognition(at: c.nic))
        let state = c.workflow.name
        var takenByMe = false
        if case .underAssessment(let by, _) = c.workflow.state { takenByMe = by == account.id }
        let comparisons = (c.evidence?.items ?? []).compactMap(\.comparison).map(\.levels)
        let documents = try await desk.documents(of: c, by: account).map {
            DocumentLink(
                link: SiteURL.recognitionCase(c.id).path + "/documents/\($0.id.rawValue)", name: $0.name, type: $0.mediaType.rawValue,
                size: "\(max(1, $0.size / 1024)) KiB", sha: String($0.sha256.prefix(16)) + "…")
        }
        let history = try await desk.history(of: c, by: account).map {
            HistoryLine(
                when: DateTime.format($0.time).prefix(16).replacingOccurrences(of: "T", with: " "), action: $0.action.rawValue,
                actor: $0.actor.description)
        }
        let model = CaseModel(
            title: words("Recognition case {id}", ["id": c.id.rawValue]), id: c.id.rawValue, applicant: c.applicantName,
            nic: nic.body ?? nic.id.rawValue, purpose: words(Labels.purpose(c.purpose)), kind: words(Labels.caseKind(c.kind)),
            state: words(Labels.caseState(state)), stateName: state.rawValue, submitted: c.submittedAt?.isoDay ?? "–", due: c.dueAt?.isoDay ?? "–",
            overdue: c.isOverdue(at: clock.now), note: c.note, items: items,
            precedents: (c.evidence?.precedents ?? []).map {
                PrecedentView(
                    link: SiteURL.recognitionCase($0.caseID).path, title: $0.title, outcome: words(Labels.outcome($0.outcome)),
                    decided: $0.decidedAt.isoDay)
            }, hasPrecedents: !(c.evidence?.precedents ?? []).isEmpty,
            conventions: (c.evidence?.conventions ?? []).map { standing in
                let values = ["country": standing.country, "convention": standing.title, "date": standing.since ?? ""]
                return ConventionView(
                    text: standing.since == nil
                        ? words("{country}: not a party to the {convention}", values)
                        : words("{country}: party to the {convention} since {date}", values))
            },
            decision: c.workflow.firstDecision.map { Self.view($0, words) }, appeal: c.workflow.appeal?.grounds,
            appealDecision: {
                if case .appealDecided(_, _, let final) = c.workflow.state { return Self.view(final, words) }
                return nil
            }(),
            statements: c.statements.enumerated().map {
                StatementLink(link: SiteURL.statement($1).path, label: $0 == 0 ? words("Recognition statement") : words("Statement on appeal"))
            },
            documents: documents, hasDocuments: !documents.isEmpty, history: history,
            proposed: comparisons.isEmpty ? words("no basis") : comparisons.joined(separator: "; "),
            outcomes: Decision.Outcome.allCases.map { .init(value: $0.rawValue, label: words(Labels.outcome($0)), selected: false) },
            differenceKinds: SubstantialDifference.Kind.allCases.map {
                .init(value: $0.rawValue, label: words(Labels.difference($0)), selected: false)
            },
            links: Dictionary(uniqueKeysWithValues: CaseStep.allCases.map { ("\($0)", SiteURL.caseStep(c.id, $0).path) })
                .merging(["documents": SiteURL.recognitionCase(c.id).path + "/documents"]) { first, _ in first },
            can: [
                "submit": isApplicant && state == .draft, "attach": isApplicant && state == .draft && documents.count < CaseDocument.maxPerCase,
                "withdraw": state.isOpen && (isApplicant || assesses),
                "take": assesses && (state == .evidenceGathered || (state == .underAssessment && !takenByMe)),
                "decide": assesses && takenByMe, "appeal": c.applicant == account.id && state == .decided,
                "decideAppeal": assesses && state == .appealed,
            ])
        return try pages.render(model, context: context)
    }

    static func view(_ evidence: CaseEvidence.ItemEvidence, _ words: Words) -> EvidenceView {
        let comparison = evidence.comparison
        let volume = comparison.flatMap { c -> String? in
            guard c.hours != nil || c.credits != nil else { return nil }
            return [
                c.hours.map { words("{hours} notional hours", ["hours": $0.text]) },
                c.credits.map { words("{credits} credits", ["credits": $0.text]) },
            ]
            .compactMap { $0 }.joined(separator: " = ")
        }
        return EvidenceView(
            authenticity: evidence.authenticity == "verified"
                ? words("signature and status verified")
                : evidence.authenticity == "failed" ? words("verification failed") : words("no digital credential"),
            verified: evidence.authenticity == "verified", checks: evidence.checks, hasChecks: !evidence.checks.isEmpty,
            provider: evidence.provider,
            qa: evidence.qaStatus.map { today in
                words("QA {today} today; {then} on the issue date", ["today": today, "then": evidence.qaStatusOnIssueDate ?? "unknown"])
            }, conformance: evidence.conformance, levels: comparison.map(\.levels), basis: comparison.map { words(Labels.basis($0.basis)) },
            confidence: comparison.map { "\(Int(($0.confidence * 100).rounded())) %" }, path: comparison?.path ?? [], volume: volume,
            explanation: comparison?.explanation, notes: evidence.notes)
    }

    static func view(_ decision: Decision, _ words: Words) -> DecisionView {
        var details: [String] = []
        if let level = decision.level { details.append("\(decision.framework?.rawValue ?? "") \(words("level")) \(level)") }
        if let credits = decision.credits { details.append(words("{credits} credits", ["credits": Span.number(credits)])) }
        if !decision.units.isEmpty { details.append(decision.units.joined(separator: ", ")) }
        if let conditions = decision.conditions, !conditions.isEmpty { details.append(conditions) }
        return DecisionView(
            outcome: words(Labels.outcome(decision.outcome)), details: details,
            differences: decision.differences.map { "\(words(Labels.difference($0.kind))): \($0.text)" }, reasons: decision.reasons,
            decided: decision.decidedAt.isoDay)
    }

    /// The forms of a case page: one handler, the step named by the route.
    struct StepForm: Decodable {
        var csrf: String?
        var outcome: String?
        var level: String?
        var credits: String?
        var units: String?
        var conditions: String?
        var differenceKind: String?
        var differenceText: String?
        var differenceKind2: String?
        var differenceText2: String?
        var reasons: String?
        var grounds: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case outcome, level, credits, units, conditions, reasons, grounds
            case differenceKind = "difference_kind"
            case differenceText = "difference_text"
            case differenceKind2 = "difference_kind_2"
            case differenceText2 = "difference_text_2"
        }

        var decision: RecognitionDesk.DecisionInput? {
            guard let outcome = Decision.Outcome(rawValue: outcome ?? "") else { return nil }
            let differences = [(differenceKind, differenceText), (differenceKind2, differenceText2)].compactMap { kind, text in
                SubstantialDifference.Kind(rawValue: kind ?? "").flatMap { kind in
                    Forms.present(text).map { SubstantialDifference(kind: kind, text: $0) }
                }
            }
            return .init(
                outcome: outcome, level: Forms.present(level).flatMap { Int($0) }, credits: Forms.present(credits).flatMap { Double($0) },
                units: Forms.present(units).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } },
                conditions: Forms.present(conditions), differences: differences, reasons: reasons ?? "")
        }
    }

    func step(_ step: CaseStep, _ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(StepForm.self, from: request, limit: 64 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let id = RecognitionCase.ID(try context.parameters.require("id"))
        let caller = context.account
        switch step {
        case .submit: _ = try await desk.submit(id, by: caller)
        case .take: _ = try await desk.take(id, by: caller)
        case .withdraw: _ = try await desk.withdraw(id, by: caller)
        case .appeal: _ = try await desk.appeal(id, grounds: form.grounds ?? "", by: caller)
        case .decision, .appealDecision:
            guard let decision = form.decision else { throw ValidationFailure([.init(field: "outcome", message: "choose an outcome")]) }
            _ = try await (step == .decision ? desk.decide(id, decision, by: caller) : desk.decideAppeal(id, decision, by: caller))
        }
        return Response.redirect(to: SiteURL.recognitionCase(id).path, type: .normal)
    }

    struct DocumentForm: Decodable {
        var csrf: String?
        var name: String?
        var contentBase64: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case name
            case contentBase64 = "content_base64"
        }
    }

    func attach(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(DocumentForm.self, from: request, limit: 3 << 20)
        try Forms.requireCSRF(form.csrf, context)
        let id = RecognitionCase.ID(try context.parameters.require("id"))
        guard let bytes = Data(base64Encoded: form.contentBase64 ?? "") else {
            throw ValidationFailure([.init(field: "content", message: "choose a file (PDF, JPEG or PNG)")])
        }
        _ = try await desk.attach(Array(bytes), name: form.name ?? "document", to: id, by: context.account)
        return Response.redirect(to: SiteURL.recognitionCase(id).path, type: .normal)
    }

    func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await desk.document(
            .init(try context.parameters.require("document")), of: .init(try context.parameters.require("id")), by: context.account)
        return RecognitionAPIController.download(found.document, found.bytes)
    }

    // MARK: a statement, for whoever holds its id

    struct StatementModel: PageModel {
        static let template = "recognition-statement"
        let title: String
        let nic: String
        let applicant: String
        let outcome: String
        let level: String?
        let credits: String?
        let conditions: String?
        let differences: [String]
        let reasons: String
        let decided: String
        let credentials: [String]
        let replaces: String?
        let issuer: String
        let json: String
        let jsonLink: String
        let verifyLink: String
    }

    func statement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let found = try await desk.statement(try context.parameters.require("id"))
        let credential = try JSONSerialization.jsonObject(with: Data(found.document.utf8)) as? [String: Any] ?? [:]
        let subject = credential["credentialSubject"] as? [String: Any] ?? [:]
        let level = (subject["recognisedLevel"] as? [String: Any]).map { "\($0["framework"] ?? "") \(words("level")) \($0["level"] ?? "")" }
        let outcome = (subject["outcome"] as? String).flatMap(Decision.Outcome.init(rawValue:))
        return try pages.render(
            StatementModel(
                title: words("Recognition statement"), nic: subject["assessedBy"] as? String ?? "", applicant: subject["applicant"] as? String ?? "",
                outcome: outcome.map { words(Labels.outcome($0)) } ?? "", level: level,
                credits: (subject["recognisedCredits"] as? Double).map { words("{credits} credits", ["credits": Span.number($0)]) },
                conditions: subject["conditions"] as? String,
                differences: (subject["substantialDifferences"] as? [[String: Any]] ?? []).map {
                    let kind = SubstantialDifference.Kind(rawValue: $0["kind"] as? String ?? "").map { words(Labels.difference($0)) } ?? ""
                    return "\(kind): \($0["description"] as? String ?? "")"
                },
                reasons: subject["reasons"] as? String ?? "", decided: subject["decidedOn"] as? String ?? "",
                credentials: (subject["assessedCredentials"] as? [[String: Any]] ?? []).map {
                    [$0["title"], $0["awardedBy"], $0["country"]].compactMap { $0 as? String }.joined(separator: " · ")
                },
                replaces: (subject["replaces"] as? String).map { SiteURL.statement($0).path },
                issuer: (credential["issuer"] as? [String: Any])?["id"] as? String ?? "", json: found.document,
                jsonLink: "/api/v1/statements/\(found.id)", verifyLink: SiteURL.verify.path),
            context: context)
    }
}
