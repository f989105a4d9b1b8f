import AccordServices
import Credentials
import Foundation
import Hummingbird
import RecognitionCore

/// Public verification in the browser: paste a credential (JSON or a JWT) or choose its file; every step of the
/// report in plain words, and what Accord's registry says of the issuer and the microcredential.
struct VerifyPages {
    let verification: VerificationDesk
    let issuing: IssuingDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/verify") { _, context in
            try pages.render(VerifyModel(title: context.words("Verify a credential"), result: nil, error: nil), context: context)
        }
        router.post("/verify", use: verify)
        // A verification link: the credential Accord issued under this id, checked now (its id is in the credential,
        // so whoever holds the credential holds the link).
        router.get("/verify/:id") { _, context in
            let raw = try context.parameters.require("id")
            let credential = try await issuing.credential(id: .init(raw.removingPercentEncoding ?? raw))
            let result = try await verification.verify(Array(credential.signed.utf8))
            return try pages.render(
                VerifyModel(title: context.words("Verify a credential"), result: Self.resultModel(result, context.words), error: nil),
                context: context)
        }
    }

    struct VerifyForm: Decodable {
        var credential: String?
    }

    struct VerifyModel: PageModel {
        static let template = "verify"
        let title: String
        let result: ResultModel?
        let error: String?
    }

    struct ResultModel {
        let valid: Bool
        let verdict: String
        let name: String?
        /// The name's language tag when it was picked from the credential's names by language.
        let nameLanguage: String?
        let issuer: String?
        let validFrom: String?
        let steps: [StepRow]
        let registry: [FindingsModel]
    }

    struct StepRow {
        let label: String
        let subject: String
        let outcome: String
        let outcomeLabel: String
        let reason: String?
    }

    struct FindingsModel {
        let inRegistry: Bool
        let providerName: String?
        let providerLink: String?
        let qaToday: String?
        let qaOnIssue: String?
        let keyState: String?
        let listingTitle: String?
        let listingLink: String?
        let listingStatus: String?
        let notes: [String]
        let concerns: [String]
        /// Stored, not computed: templates read models by reflection, which sees stored properties only.
        let hasConcerns: Bool
    }

    func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(VerifyForm.self, from: request, limit: InputLimits.jsonBody * 2)
        let words = context.words
        let text = (form.credential ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let title = words("Verify a credential")
        guard !text.isEmpty else {
            return try rerender(VerifyModel(title: title, result: nil, error: words("Paste a credential or choose its file.")), context)
        }
        let result: VerificationDesk.Result
        do { result = try await verification.verify(Array(text.utf8)) } catch {
            return try rerender(VerifyModel(title: title, result: nil, error: error.description), context)
        }
        return try pages.render(VerifyModel(title: title, result: Self.resultModel(result, words), error: nil), context: context)
    }

    /// The verdict, the registry's findings and every step, in the page's words.
    static func resultModel(_ result: VerificationDesk.Result, _ words: Words) -> ResultModel {
        let credential = result.report.credential
        let steps = result.report.entries.map { entry in
            let (outcome, reason): (String, String?) =
                switch entry.outcome {
                case .passed: ("passed", nil)
                case .failed(let reason): ("failed", reason)
                case .skipped(let reason): ("skipped", reason)
                }
            return StepRow(
                label: words(Labels.step(entry.step)), subject: entry.subject, outcome: outcome,
                outcomeLabel: words(Labels.stepOutcome(outcome)), reason: reason)
        }
        let registry = result.registry.map { found in
            FindingsModel(
                inRegistry: found.inRegistry, providerName: found.provider?.name,
                providerLink: found.provider.map { SiteURL.provider(.init($0.id)).path }, qaToday: found.provider?.qaStatusToday,
                qaOnIssue: found.provider?.qaStatusOnIssueDate, keyState: found.key?.state, listingTitle: found.microcredential?.title,
                listingLink: found.microcredential.map { SiteURL.microcredential(.init($0.id)).path },
                listingStatus: found.microcredential.flatMap { Microcredential.Status(rawValue: $0.status) }.map { words(Labels.status($0)) },
                notes: found.notes, concerns: found.concerns, hasConcerns: !found.concerns.isEmpty)
        }
        let local = LanguageTagged.achievementName(credential, for: words.language)
        return ResultModel(
            valid: result.report.isValid,
            verdict: result.report.isValid ? words("This credential is valid.") : words("This credential is not valid."),
            name: local?.text ?? credential["name"]?.stringValue, nameLanguage: local?.language,
            issuer: credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue,
            validFrom: (credential["validFrom"] ?? credential["issuanceDate"])?.stringValue, steps: steps, registry: registry)
    }

    func rerender(_ model: VerifyModel, _ context: AppRequestContext) throws -> Response {
        var response = try pages.render(model, context: context)
        response.status = .unprocessableContent
        return response
    }
}
