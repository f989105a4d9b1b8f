import AccordServices
import Credentials
import Foundation
import Hummingbird
import RecognitionCore

/// A NIC's statement-signing keys in the browser: its evaluators (their own NIC) and admins (any NIC) see every key,
/// create a new one and report one compromised.
struct NICKeyPages {
    let desk: NICKeyDesk
    let reference: ReferenceDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/recognition/keys", use: show)
        router.post("/recognition/keys", use: rotate)
        router.post("/nic-keys/:id/compromised", use: markCompromised)
    }

    struct Model: PageModel {
        static let template = "nic-keys"
        let title: String
        let nic: String
        let nics: [RegistryPages.Option]
        let hasNICs: Bool
        let did: String
        let didDocument: String
        let keys: [DirectoryPages.KeyRow]
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else {
            return Response.redirect(to: SiteURL.login(next: SiteURL.nicKeys(nil).path).path, type: .normal)
        }
        let all = try await reference.nics()
        let nic = RecognitionPages.nicInView(request, account: account, all: all)
        try context.account.authorize(.manageNICKeys(of: nic))
        let words = context.words
        let keys = try await desk.keys(of: nic).map { key in
            DirectoryPages.KeyRow(
                id: key.id.rawValue, didKey: key.didKey, state: key.state.rawValue, stateLabel: words(Labels.keyState(key.state)),
                created: key.createdAt.isoDay, compromisedFrom: key.compromisedFrom?.isoDay,
                compromiseAction: key.state == .compromised ? nil : SiteURL.compromisedNICKey(key.id).path)
        }
        return try pages.render(
            Model(
                title: words("Statement signing keys"), nic: nic.rawValue,
                nics: RecognitionPages.nicOptions(all, chosen: nic, for: account), hasNICs: account.role.kind == .admin, did: desk.did(of: nic),
                didDocument: SiteURL.nicDIDDocument(nic).path, keys: keys),
            context: context)
    }

    struct RotateForm: Decodable {
        var csrf: String?
        var nic: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case nic
        }
    }

    /// The page's button: a new active key for the NIC (the previous one is retired).
    func rotate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(RotateForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let key = try await desk.rotate(NIC.ID(form.nic ?? ""), by: context.account)
        return .redirect(to: SiteURL.nicKeys(key.nic).path, type: .normal)
    }

    /// The page's form: a key reported compromised from a day (its start, UTC).
    func markCompromised(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(DirectoryPages.CompromiseForm.self, from: request, limit: 16 << 10)
        try Forms.requireCSRF(form.csrf, context)
        guard let day = form.from, let from = DateTime.parse(day + "T00:00:00Z") else {
            throw ValidationFailure([.init(field: "from", message: "must be a date such as 2026-12-01")])
        }
        let key = try await desk.markCompromised(.init(try context.parameters.require("id")), from: from, by: context.account)
        return .redirect(to: SiteURL.nicKeys(key.nic).path, type: .normal)
    }
}
