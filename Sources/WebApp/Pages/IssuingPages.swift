import AccordServices
import Credentials
import Foundation
import Hummingbird
import NIOCore
import RecognitionCore

/// Issuing in the browser: staff issue one credential from a listing's page and hand the learner the claim link; the
/// learner's claim page shows the credential, checked, with its downloads.
struct IssuingPages {
    let desk: IssuingDesk
    let verification: VerificationDesk
    let site: PublicSite
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.post("/microcredentials/:id/credentials", use: issue)
        router.get("/claim/:token", use: claim)
        router.get("/claim/:token/credential.json") { _, context in
            try Self.download(try await desk.claim(token: try context.parameters.require("token")), jwt: false)
        }
        router.get("/claim/:token/print", use: printable)
        router.get("/claim/:token/credential.jwt") { _, context in
            try Self.download(try await desk.claim(token: try context.parameters.require("token")), jwt: true)
        }
    }

    struct IssueForm: Decodable {
        var csrf: String?
        var email: String?
        var did: String?
        var name: String?
        var suite: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case email, did, name, suite
        }
    }

    struct IssuedModel: PageModel {
        static let template = "issued"
        let title: String
        let claimLink: String
        let expires: String
        let recipientName: String
        let listingTitle: String
        let listingLink: String
    }

    func issue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(IssueForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let id = try context.parameters.require("id")
        let order = try IssuingAPIController.order(microcredential: id, email: form.email, did: form.did, name: form.name ?? "", suite: form.suite)
        let issued = try await desk.issue(order, by: context.account)
        let model = IssuedModel(
            title: context.words("Credential issued"), claimLink: SiteURL.claim(token: issued.claimToken).path,
            expires: issued.credential.claimExpiresAt.isoDay, recipientName: issued.credential.recipientName,
            listingTitle: issued.listingTitle, listingLink: SiteURL.microcredential(.init(id)).path)
        var response = try pages.render(model, context: context)
        response.status = .created
        return response
    }

    struct ClaimModel: PageModel {
        static let template = "claim"
        let title: String
        let name: String
        let nameLanguage: String?
        let recipientName: String
        let issuer: String
        let issued: String
        let valid: Bool
        let verdict: String
        let listingLink: String
        let jsonLink: String
        let jwtLink: String
        let suite: String
        /// Where anyone holding the credential sees it checked.
        let verifyLink: String
        let printLink: String
        /// A signed-in learner's form: keep the credential in their record.
        let keepLink: String
        let token: String
    }

    /// The credential behind a claim link, checked now, with what both the claim page and the printable page show.
    struct Claimed {
        let credential: IssuedCredential
        let document: JSON
        let valid: Bool
        let verdict: String
        /// The name in the viewer's language when the credential carries one, else its plain name.
        let name: String
        let nameLanguage: String?
        let issuer: String
    }

    func claimed(_ token: String, _ words: Words) async throws -> Claimed {
        let credential = try await desk.claim(token: token)
        let result = try await verification.verify(Array(credential.signed.utf8))
        let document = result.report.credential
        let local = LanguageTagged.achievementName(document, for: words.language)
        return Claimed(
            credential: credential, document: document, valid: result.report.isValid,
            verdict: result.report.isValid ? words("This credential is valid.") : words("This credential is not valid."),
            name: local?.text ?? document["name"]?.stringValue ?? credential.microcredential.rawValue, nameLanguage: local?.language,
            issuer: document["issuer"]?["name"]?.stringValue ?? credential.provider.rawValue)
    }

    func claim(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let words = context.words
        let claimed = try await claimed(token, words)
        let credential = claimed.credential
        let model = ClaimModel(
            title: words("Your credential"), name: claimed.name, nameLanguage: claimed.nameLanguage, recipientName: credential.recipientName,
            issuer: claimed.issuer, issued: credential.issuedAt.isoDay, valid: claimed.valid, verdict: claimed.verdict,
            listingLink: SiteURL.microcredential(credential.microcredential).path,
            jsonLink: SiteURL.claimDownload(token: token, format: "json").path, jwtLink: SiteURL.claimDownload(token: token, format: "jwt").path,
            suite: credential.suite.rawValue, verifyLink: SiteURL.verifyIssued(credential.id).path,
            printLink: SiteURL.claimPrint(token: token).path, keepLink: SiteURL.recordClaim.path, token: token)
        return try pages.render(model, context: context)
    }

    struct PrintModel: PageModel {
        static let template = "print"
        let title: String
        let name: String
        let nameLanguage: String?
        let description: String
        let recipientName: String
        let issuer: String
        /// The completion date, when the credential names one (batch issues do).
        let awarded: String?
        let issued: String
        let level: String?
        let credits: String?
        let id: String
        let valid: Bool
        let verdict: String
        /// The verification link in full (the QR code holds it), and the code as inline SVG.
        let verifyURL: String
        let qr: String
    }

    /// The credential as a page to print or save as PDF, with a QR code of its verification link: whoever scans it
    /// sees the credential checked, live, on Accord.
    func printable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let words = context.words
        let claimed = try await claimed(try context.parameters.require("token"), words)
        let credential = claimed.credential
        let achievement = claimed.document["credentialSubject"]?["achievement"]
        let level = achievement?["frameworkLevel"]
        let verifyURL = site.origin + SiteURL.verifyIssued(credential.id).path
        let model = PrintModel(
            title: claimed.name, name: claimed.name, nameLanguage: claimed.nameLanguage,
            description: achievement?["description"]?.stringValue ?? "", recipientName: credential.recipientName, issuer: claimed.issuer,
            awarded: claimed.document["awardedDate"]?.stringValue.map { String($0.prefix(10)) },
            issued: credential.issuedAt.isoDay,
            level: level.flatMap { level in
                level["level"]?.stringValue.map { "\($0), \(level["frameworkName"]?.stringValue ?? level["framework"]?.stringValue ?? "")" }
            }, credits: achievement?["creditsAvailable"]?.numberValue.map { Self.number($0) }, id: credential.id.rawValue,
            valid: claimed.valid, verdict: claimed.verdict, verifyURL: verifyURL,
            qr: try QRCode.svg(verifyURL, label: words("QR code of the verification link")))
        return try pages.render(model, context: context)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The credential as a file: the Data Integrity JSON (or, for a JWT-only issue, the JWT), or the VC-JWT.
    static func download(_ credential: IssuedCredential, jwt: Bool) throws -> Response {
        let asJWT = jwt || credential.suite == .jwt
        let body = asJWT ? credential.jwt : credential.signed
        let name = credential.id.rawValue.replacingOccurrences(of: "urn:uuid:", with: "") + (asJWT ? ".jwt" : ".json")
        return Response(
            status: .ok,
            headers: [
                .contentType: asJWT ? "application/vc+jwt" : "application/vc+ld+json", .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
