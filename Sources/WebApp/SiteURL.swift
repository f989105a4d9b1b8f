import Foundation
import RecognitionCore

/// The site's pages: every link and redirect the server writes comes from here, so none can drift from the routes.
enum SiteURL: Sendable, Equatable {
    case home
    /// The registry filtered to listings submitted for review.
    case reviewQueue
    case login(next: String?)
    case microcredential(Microcredential.ID)
    case newMicrocredential
    case editMicrocredential(Microcredential.ID)
    case reviewMicrocredential(Microcredential.ID)
    case importFile
    case admin
    case frameworks
    case framework(Framework.ID)
    case providers
    case provider(Provider.ID)
    /// The registry search filtered to a provider or a framework.
    case search(provider: Provider.ID? = nil, framework: Framework.ID? = nil)
    /// Search results as CSV; `query` is the search page's own query string.
    case exportCSV(query: String)
    case conformanceCSV(Microcredential.ID)
    case reference
    case audit(subject: AuditSubject?)
    case logout
    /// The caller's own account: password change, API tokens.
    case account
    /// The page a one-time reset link opens.
    case resetPassword(token: String?)
    case adminProviders
    case adminAccounts
    case stylesheet
    case fileScript
    /// A provider's did:web document.
    case didDocument(Provider.ID)
    /// Staff's form: a new issuer key for the provider.
    case newIssuerKey(Provider.ID)
    /// Staff's form: report a key compromised.
    case compromisedIssuerKey(IssuerKey.ID)
    /// Public verification: paste or upload a credential.
    case verify
    /// The learner's claim page for an issued credential, and its downloads.
    case claim(token: String)
    case claimDownload(token: String, format: String)
    /// The credential as a printable page with a QR code of its verification link.
    case claimPrint(token: String)
    /// Staff's form on the provider page: revoke, suspend or reinstate one credential.
    case credentialStatus(IssuedCredential.ID)
    /// A provider's issued credentials as CSV (its staff and admins).
    case issuedCSV(Provider.ID, query: String = "")
    /// The verification link of a credential Accord issued.
    case verifyIssued(IssuedCredential.ID)
    /// Staff's form on a listing page: issue one credential.
    case issueCredential(Microcredential.ID)
    /// Staff's form on a listing page: upload a CSV of learners (a batch preview).
    case newBatch(Microcredential.ID)
    /// A batch: its preview, progress and rows.
    case batch(IssuanceBatch.ID)
    case confirmBatch(IssuanceBatch.ID)
    case cancelBatch(IssuanceBatch.ID)
    /// A batch's rows with their credentials, claim links and errors, as CSV.
    case batchReport(IssuanceBatch.ID)
    /// A batch's state and count as JSON, for its page's script (session, not bearer).
    case batchProgress(IssuanceBatch.ID)
    /// Follows a running batch's progress on its page.
    case batchScript
    /// Switches the interface language, then returns to `back` (a local path).
    case language(InterfaceLanguage, back: String)
    /// The signed-in learner's record; its forms: import, keep a claimed credential, hide or show, delete.
    case record
    case recordImport
    case recordClaim
    case recordHide(RecordEntry.ID)
    case recordDelete(RecordEntry.ID)
    /// How the learner's record stacks toward a qualification.
    case progress(Qualification.ID)
    /// Qualifications and their pathways; one qualification, with its editor for those who may change it.
    case qualifications
    case qualification(Qualification.ID)
    /// The comparison engine's form and answer.
    case compare
    /// Recognition: the cases (a learner's own, a NIC's queue), applying, one case and its steps, a statement, a
    /// NIC's figures.
    case recognition
    case recognitionApply
    case recognitionCase(RecognitionCase.ID)
    case caseStep(RecognitionCase.ID, CaseStep)
    case statement(String)
    case recognitionStatistics
    /// A NIC's statement-signing keys (rotate, report compromised) and its did:web document.
    case nicKeys(NIC.ID?)
    case compromisedNICKey(NICKey.ID)
    case nicDIDDocument(NIC.ID)
    /// The learner's share links and signed record; what a link's recipient opens.
    case recordShares
    case revokeShare(RecordShare.ID)
    case recordCLR
    /// The signed CLR behind a share link (the link itself is written by `SharingDesk`, absolute, for the learner to send).
    case sharedCLR(token: String)
    /// A learner asks for a qualification; providers' staff work the requests.
    case recordAwards
    case awards
    case issueAward(AwardRequest.ID)
    case refuseAward(AwardRequest.ID)
    /// Conventions with the dates Accord computes; one convention, its parties CSV and the admin's forms; a country.
    case conventions
    case convention(Convention.ID)
    case conventionCSV(Convention.ID)
    case editConvention(Convention.ID)
    case editParty(Convention.ID)
    case country(String)
    case nics
    /// Surveys: the list, one survey, its answer form's target, the admin's steps and CSV; action plans and an item.
    case surveys
    case survey(Survey.ID)
    case surveyAnswers(Survey.ID)
    case surveyOpen(Survey.ID)
    case surveyClose(Survey.ID)
    case surveyCSV(Survey.ID)
    case actionPlans
    case actionItem(ActionItem.ID)
    /// Meetings: the list and the admins' planning form; one meeting; the report of what it produced.
    case meetings
    case meeting(Meeting.ID)
    case meetingReport(Meeting.ID)
    /// The regional status report: the page, its standalone print view and its CSV.
    case report
    case reportPrint
    case reportCSV

    var path: String {
        switch self {
        case .home: "/"
        case .reviewQueue: "/?status=submitted"
        case .login(let next?): "/login?next=\(Self.escape(next))"
        case .login(nil): "/login"
        case .microcredential(let id): "/microcredentials/\(Self.escape(id.rawValue))"
        case .newMicrocredential: "/microcredentials/new"
        case .editMicrocredential(let id): "/microcredentials/\(Self.escape(id.rawValue))/edit"
        case .reviewMicrocredential(let id): "/microcredentials/\(Self.escape(id.rawValue))/review"
        case .importFile: "/import"
        case .admin: "/admin"
        case .frameworks: "/frameworks"
        case .framework(let id): "/frameworks/\(Self.escape(id.rawValue))"
        case .providers: "/providers"
        case .provider(let id): "/providers/\(Self.escape(id.rawValue))"
        case .search(let provider, let framework):
            "/?"
                + [provider.map { "provider=\(Self.escape($0.rawValue))" }, framework.map { "framework=\(Self.escape($0.rawValue))" }]
                .compactMap { $0 }.joined(separator: "&")
        case .exportCSV(let query): "/microcredentials.csv" + (query.isEmpty ? "" : "?\(query)")
        case .conformanceCSV(let id): "/microcredentials/\(Self.escape(id.rawValue))/conformance.csv"
        case .reference: "/reference"
        case .audit(let subject?): "/audit?subject=\(Self.escape(subject.description))"
        case .audit(nil): "/audit"
        case .logout: "/logout"
        case .account: "/account"
        case .resetPassword(let token?): "/reset-password?token=\(Self.escape(token))"
        case .resetPassword(nil): "/reset-password"
        case .adminProviders: "/admin/providers"
        case .adminAccounts: "/admin/accounts"
        case .stylesheet: "/static/accord.css"
        case .fileScript: "/static/file-text.js"
        case .didDocument(let id): "/providers/\(Self.escape(id.rawValue))/did.json"
        case .newIssuerKey(let id): "/providers/\(Self.escape(id.rawValue))/issuer-keys"
        case .compromisedIssuerKey(let id): "/issuer-keys/\(Self.escape(id.rawValue))/compromised"
        case .verify: "/verify"
        case .claim(let token): "/claim/\(Self.escape(token))"
        case .claimPrint(let token): "/claim/\(Self.escape(token))/print"
        case .claimDownload(let token, let format): "/claim/\(Self.escape(token))/credential.\(format)"
        case .credentialStatus(let id): "/credentials/\(Self.escape(id.rawValue))/status"
        case .issuedCSV(let id, let query): "/providers/\(Self.escape(id.rawValue))/credentials.csv" + (query.isEmpty ? "" : "?\(query)")
        case .verifyIssued(let id): "/verify/\(Self.escape(id.rawValue))"
        case .issueCredential(let id): "/microcredentials/\(Self.escape(id.rawValue))/credentials"
        case .newBatch(let id): "/microcredentials/\(Self.escape(id.rawValue))/batches"
        case .batch(let id): "/batches/\(Self.escape(id.rawValue))"
        case .confirmBatch(let id): "/batches/\(Self.escape(id.rawValue))/confirm"
        case .cancelBatch(let id): "/batches/\(Self.escape(id.rawValue))/cancel"
        case .batchReport(let id): "/batches/\(Self.escape(id.rawValue))/report.csv"
        case .batchProgress(let id): "/batches/\(Self.escape(id.rawValue))/progress"
        case .batchScript: "/static/batch-progress.js"
        case .language(let language, let back): "/language?to=\(language.rawValue)&back=\(Self.escape(back))"
        case .record: "/record"
        case .recordImport: "/record/import"
        case .recordClaim: "/record/claim"
        case .recordHide(let id): "/record/\(Self.escape(id.rawValue))/hide"
        case .recordDelete(let id): "/record/\(Self.escape(id.rawValue))/delete"
        case .progress(let id): "/record/progress/\(Self.escape(id.rawValue))"
        case .qualifications: "/qualifications"
        case .compare: "/compare"
        case .recognition: "/recognition"
        case .recognitionApply: "/recognition/apply"
        case .recognitionCase(let id): "/recognition/cases/\(Self.escape(id.rawValue))"
        case .caseStep(let id, let step): "/recognition/cases/\(Self.escape(id.rawValue))/\(step.rawValue)"
        case .statement(let id): "/recognition/statements/\(Self.escape(id))"
        case .recognitionStatistics: "/recognition/statistics"
        case .nicKeys(let nic): "/recognition/keys" + (nic.map { "?nic=\(Self.escape($0.rawValue))" } ?? "")
        case .compromisedNICKey(let id): "/nic-keys/\(Self.escape(id.rawValue))/compromised"
        case .nicDIDDocument(let id): "/nics/\(Self.escape(id.rawValue))/did.json"
        case .qualification(let id): "/qualifications/\(Self.escape(id.rawValue))"
        case .recordShares: "/record/shares"
        case .revokeShare(let id): "/record/shares/\(Self.escape(id.rawValue))/revoke"
        case .recordCLR: "/record/clr.json"
        case .sharedCLR(let token): "/shared/\(Self.escape(token))/clr.json"
        case .recordAwards: "/record/awards"
        case .awards: "/awards"
        case .issueAward(let id): "/awards/\(Self.escape(id.rawValue))/issue"
        case .refuseAward(let id): "/awards/\(Self.escape(id.rawValue))/refuse"
        case .conventions: "/conventions"
        case .convention(let id): "/conventions/\(Self.escape(id.rawValue))"
        case .conventionCSV(let id): "/conventions/\(Self.escape(id.rawValue))/parties.csv"
        case .editConvention(let id): "/conventions/\(Self.escape(id.rawValue))/rule"
        case .editParty(let id): "/conventions/\(Self.escape(id.rawValue))/parties"
        case .country(let code): "/countries/\(Self.escape(code))"
        case .nics: "/nics"
        case .surveys: "/surveys"
        case .survey(let id): "/surveys/\(Self.escape(id.rawValue))"
        case .surveyAnswers(let id): "/surveys/\(Self.escape(id.rawValue))/answers"
        case .surveyOpen(let id): "/surveys/\(Self.escape(id.rawValue))/open"
        case .surveyClose(let id): "/surveys/\(Self.escape(id.rawValue))/close"
        case .surveyCSV(let id): "/surveys/\(Self.escape(id.rawValue))/results.csv"
        case .actionPlans: "/action-plans"
        case .actionItem(let id): "/action-items/\(Self.escape(id.rawValue))"
        case .meetings: "/meetings"
        case .meeting(let id): "/meetings/\(Self.escape(id.rawValue))"
        case .meetingReport(let id): "/report" + Self.meetingQuery(id)
        case .report: "/report"
        case .reportPrint: "/report/print"
        case .reportCSV: "/report.csv"
        }
    }

    /// A `next` parameter that stays on this site: a path starting with one `/`, with no backslash or control character
    /// (browsers read `/\\host` and `//host` as other hosts).
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), text.count <= 500,
            !text.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F })
        else { return "/" }
        return text
    }

    /// `?meeting=ID` for the report's page, print view and CSV filtered to a meeting; empty for the whole region.
    static func meetingQuery(_ id: Meeting.ID?) -> String { id.map { "?meeting=\(escape($0.rawValue))" } ?? "" }

    private static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// The site's fixed links as the templates read them (`{{chrome.links.home}}`): written from `SiteURL`, never by hand.
struct SiteLinks: Sendable {
    let home = SiteURL.home.path
    let reviewQueue = SiteURL.reviewQueue.path
    let login = SiteURL.login(next: nil).path
    let logout = SiteURL.logout.path
    let account = SiteURL.account.path
    let resetPassword = SiteURL.resetPassword(token: nil).path
    let newListing = SiteURL.newMicrocredential.path
    let importFile = SiteURL.importFile.path
    let admin = SiteURL.admin.path
    let adminProviders = SiteURL.adminProviders.path
    let adminAccounts = SiteURL.adminAccounts.path
    let frameworks = SiteURL.frameworks.path
    let providers = SiteURL.providers.path
    let reference = SiteURL.reference.path
    let audit = SiteURL.audit(subject: nil).path
    let stylesheet = SiteURL.stylesheet.path
    let fileScript = SiteURL.fileScript.path
    let batchScript = SiteURL.batchScript.path
    let printScript = "/static/print.js"
    let verify = SiteURL.verify.path
    let record = SiteURL.record.path
    let qualifications = SiteURL.qualifications.path
    let compare = SiteURL.compare.path
    let recognition = SiteURL.recognition.path
    let recognitionApply = SiteURL.recognitionApply.path
    let recognitionStatistics = SiteURL.recognitionStatistics.path
    let nicKeys = SiteURL.nicKeys(nil).path
    let awards = SiteURL.awards.path
    let conventions = SiteURL.conventions.path
    let nics = SiteURL.nics.path
    let surveys = SiteURL.surveys.path
    let actionPlans = SiteURL.actionPlans.path
    let report = SiteURL.report.path
    let meetings = SiteURL.meetings.path
}

/// The steps a case page posts to.
enum CaseStep: String, CaseIterable {
    case submit
    case take
    case withdraw
    case decision
    case appeal
    case appealDecision = "appeal-decision"
}
