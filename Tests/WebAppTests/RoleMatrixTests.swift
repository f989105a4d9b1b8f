import AccordServices
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RecognitionCore
import Storage
import StorageTestSupport
import TestSupport
import Testing
import WebApp

/// Every route the router holds × every kind of caller: each route has a decision here, and the server keeps it
/// (401/403, or a redirect to sign-in, for those refused; anything but that and a 5xx for those allowed). A route added
/// without a decision fails `everyRouteDecided`.
@Suite("role matrix")
struct RoleMatrixTests {
    enum Caller: String, CaseIterable, CustomStringConvertible {
        case anonymous, learner, evaluator
        /// New Zealand's focal point for the conventions.
        case focalPoint = "focal-point"
        /// Staff of nz-ecnz, which owns the listing and provider the routes name.
        case staffOwn = "staff-own"
        /// Staff of another provider.
        case staffOther = "staff-other"
        case admin

        var description: String { rawValue }
    }

    enum Body {
        case none
        case json(String)
        case form([String: String])
        case csv(String)
        /// A body of another media type (a scanned PDF).
        case bytes(String, type: String)
    }

    struct Decision {
        let uri: String
        let allowed: Set<Caller>
        var body: Body = .none
    }

    static let everyone = Set(Caller.allCases)
    static let signedIn = everyone.subtracting([.anonymous])
    static let editors: Set<Caller> = [.staffOwn, .staffOther, .admin]
    static let ownersAndAdmin: Set<Caller> = [.staffOwn, .admin]
    static let admin: Set<Caller> = [.admin]
    static let listing = "nz-ecnz-he-pataka-reo"
    static let listingJSON =
        #"{"id": "nz-ecnz-he-pataka-reo", "provider_id": "nz-ecnz", "title": "He Pātaka Reo", "framework": "nzqcf", "level": 5, "credits": 15}"#
    static let providerJSON =
        #"{"id": "nz-ecnz", "name": "Early Childhood New Zealand", "country": "NZ", "kind": "private-training", "qa": {"status": "registered"}, "provenance": {"confirmed": false}}"#

    /// The decisions, by "METHOD /path" as the router names routes. `{learner}` in a URI is the learner's account id.
    static let decisions: [String: Decision] = baseDecisions.merging(recognitionDecisions) { first, _ in first }
        .merging(conventionDecisions) { first, _ in first }.merging(networkDecisions) { first, _ in first }
        .merging(meetingDecisions) { first, _ in first }

    static let baseDecisions: [String: Decision] = [
        "get /api/openapi.json": .init(uri: "/api/openapi.json", allowed: everyone),
        "get /api/v1/frameworks": .init(uri: "/api/v1/frameworks", allowed: everyone),
        "get /api/v1/frameworks/{id}": .init(uri: "/api/v1/frameworks/nzqcf", allowed: everyone),
        "put /api/v1/frameworks/{id}": .init(
            uri: "/api/v1/frameworks/test-fw", allowed: admin,
            body: .json(#"{"id": "test-fw", "name": "Test", "jurisdiction": "NZ", "kind": "nqf", "levels": [], "provenance": {"confirmed": false}}"#)),
        "get /api/v1/providers": .init(uri: "/api/v1/providers", allowed: everyone),
        "get /api/v1/providers/{id}": .init(uri: "/api/v1/providers/nz-ecnz", allowed: everyone),
        "post /api/v1/providers": .init(
            uri: "/api/v1/providers", allowed: admin,
            body: .json(
                #"{"id": "nz-matrix", "name": "Matrix", "country": "NZ", "kind": "university", "qa": {"status": "unknown"}, "provenance": {}}"#)),
        "put /api/v1/providers/{id}": .init(uri: "/api/v1/providers/nz-ecnz", allowed: admin, body: .json(providerJSON)),
        "get /api/v1/microcredentials": .init(uri: "/api/v1/microcredentials?q=reo", allowed: everyone),
        "post /api/v1/microcredentials": .init(
            uri: "/api/v1/microcredentials", allowed: ownersAndAdmin,
            body: .json(#"{"id": "nz-ecnz-matrix", "provider_id": "nz-ecnz", "title": "Matrix listing"}"#)),
        "post /api/v1/microcredentials/import": .init(
            uri: "/api/v1/microcredentials/import", allowed: editors, body: .csv("id,provider_id,title\nnz-ecnz-matrix-csv,nz-ecnz,Matrix CSV\n")),
        "get /api/v1/microcredentials/{id}": .init(uri: "/api/v1/microcredentials/\(listing)", allowed: everyone),
        "put /api/v1/microcredentials/{id}": .init(uri: "/api/v1/microcredentials/\(listing)", allowed: ownersAndAdmin, body: .json(listingJSON)),
        "post /api/v1/microcredentials/{id}/review": .init(
            uri: "/api/v1/microcredentials/\(listing)/review", allowed: admin, body: .json(#"{"step": "approve"}"#)),
        "get /api/v1/audit": .init(uri: "/api/v1/audit", allowed: admin),
        "get /api/v1/audit/verify": .init(uri: "/api/v1/audit/verify", allowed: admin),
        "post /api/v1/tokens": .init(
            uri: "/api/v1/tokens", allowed: everyone, body: .json(#"{"email": "admin@example.org", "password": "admin-password"}"#)),
        "get /api/v1/tokens": .init(uri: "/api/v1/tokens", allowed: signedIn),
        "delete /api/v1/tokens/{id}": .init(uri: "/api/v1/tokens/nope", allowed: signedIn),
        "post /api/v1/me/password": .init(
            uri: "/api/v1/me/password", allowed: signedIn, body: .json(#"{"current_password": "wrong", "new_password": "new-password-1"}"#)),
        "post /api/v1/accounts/{id}/reset": .init(uri: "/api/v1/accounts/{learner}/reset", allowed: admin),
        "post /api/v1/password-reset": .init(
            uri: "/api/v1/password-reset", allowed: everyone, body: .json(#"{"token": "not-a-token", "new_password": "new-password-1"}"#)),
        "get /api/v1/me": .init(uri: "/api/v1/me", allowed: signedIn),
        "get /api/v1/accounts": .init(uri: "/api/v1/accounts", allowed: admin),
        "post /api/v1/accounts": .init(
            uri: "/api/v1/accounts", allowed: admin,
            body: .json(#"{"email": "m@example.org", "display_name": "M", "password": "matrix-password", "role": "learner"}"#)),
        "get /api/v1/conventions": .init(uri: "/api/v1/conventions", allowed: everyone),
        "get /api/v1/conventions/{id}": .init(uri: "/api/v1/conventions/tokyo-2011", allowed: everyone),
        "put /api/v1/conventions/{id}/parties/{country}": .init(
            uri: "/api/v1/conventions/tokyo-2011/parties/NZ", allowed: admin,
            body: .json(#"{"country": "NZ", "state": "New Zealand", "deposit_date": "2018-10-01", "provenance": {"source": "matrix"}}"#)),
        "get /api/v1/nics": .init(uri: "/api/v1/nics", allowed: everyone),
        "get /api/v1/nics/{id}": .init(uri: "/api/v1/nics/nz-nzqa", allowed: everyone),
        "put /api/v1/nics/{id}": .init(
            uri: "/api/v1/nics/nz-nzqa", allowed: admin,
            body: .json(#"{"id": "nz-nzqa", "country": "NZ", "country_name": "New Zealand", "provenance": {"source": "matrix"}}"#)),
        "get /api/v1/referencing": .init(uri: "/api/v1/referencing", allowed: everyone),
        "get /api/v1/compare": .init(uri: "/api/v1/compare?from=hkqf:4&credits=15&to=nzqcf", allowed: everyone),
        "get /api/v1/referencing/{id}": .init(uri: "/api/v1/referencing/aqf-eqf", allowed: everyone),
        "put /api/v1/referencing/{id}": .init(
            uri: "/api/v1/referencing/aqf-eqf", allowed: admin,
            body: .json(#"{"id": "aqf-eqf", "from": "aqf", "to": "eqf", "pairs": [], "provenance": {"source": "matrix"}}"#)),
        "get /api/v1/rules": .init(uri: "/api/v1/rules", allowed: everyone),

        "get /": .init(uri: "/", allowed: everyone),
        "get /frameworks": .init(uri: "/frameworks", allowed: everyone),
        "get /frameworks/{id}": .init(uri: "/frameworks/nzqcf", allowed: everyone),
        "get /providers": .init(uri: "/providers", allowed: everyone),
        "get /providers/{id}": .init(uri: "/providers/nz-ecnz", allowed: everyone),
        "get /microcredentials.csv": .init(uri: "/microcredentials.csv?q=reo", allowed: everyone),
        "get /microcredentials/{id}/conformance.csv": .init(uri: "/microcredentials/\(listing)/conformance.csv", allowed: everyone),
        "get /reference": .init(uri: "/reference", allowed: everyone),
        "get /microcredentials/{id}": .init(uri: "/microcredentials/\(listing)", allowed: everyone),
        "get /login": .init(uri: "/login", allowed: everyone),
        "get /api/v1/providers/{id}/issuer-keys": .init(uri: "/api/v1/providers/nz-ecnz/issuer-keys", allowed: everyone),
        "post /api/v1/providers/{id}/issuer-keys": .init(uri: "/api/v1/providers/nz-ecnz/issuer-keys", allowed: ownersAndAdmin),
        "post /api/v1/issuer-keys/{id}/compromised": .init(
            uri: "/api/v1/issuer-keys/{key}/compromised", allowed: ownersAndAdmin, body: .json(#"{"from": "2026-11-23T00:00:00Z"}"#)),
        "post /api/v1/verify": .init(uri: "/api/v1/verify", allowed: everyone, body: .json(#"{"not": "a credential"}"#)),
        "get /providers/{id}/did.json": .init(uri: "/providers/nz-ecnz/did.json", allowed: everyone),
        "get /verify": .init(uri: "/verify", allowed: everyone),
        "post /api/v1/microcredentials/{id}/credentials": .init(
            uri: "/api/v1/microcredentials/\(listing)/credentials", allowed: ownersAndAdmin,
            body: .json(#"{"email": "matrix@example.org", "name": "Matrix Learner"}"#)),
        "get /api/v1/providers/{id}/credentials": .init(uri: "/api/v1/providers/nz-ecnz/credentials", allowed: ownersAndAdmin),
        "get /api/v1/credentials/{id}": .init(uri: "/api/v1/credentials/{credential}", allowed: ownersAndAdmin),
        "post /microcredentials/{id}/credentials": .init(
            uri: "/microcredentials/\(listing)/credentials", allowed: ownersAndAdmin,
            body: .form(["email": "matrix@example.org", "name": "Matrix Learner"])),
        "get /claim/{token}": .init(uri: "/claim/{claim}", allowed: everyone),
        "get /verify/{id}": .init(uri: "/verify/{credential}", allowed: everyone),
        "get /providers/{id}/credentials.csv": .init(uri: "/providers/nz-ecnz/credentials.csv", allowed: ownersAndAdmin),
        "post /api/v1/credentials/{id}/status": .init(
            uri: "/api/v1/credentials/{credential}/status", allowed: ownersAndAdmin,
            body: .json(#"{"action": "suspend", "reason": "Matrix check"}"#)),
        "get /status/{provider}/{purpose}": .init(uri: "/status/nz-ecnz/revocation", allowed: everyone),
        "post /credentials/{id}/status": .init(
            uri: "/credentials/{credential}/status", allowed: ownersAndAdmin, body: .form(["action": "suspend", "reason": "Matrix page"])),
        "get /claim/{token}/print": .init(uri: "/claim/{claim}/print", allowed: everyone),
        "get /claim/{token}/credential.json": .init(uri: "/claim/{claim}/credential.json", allowed: everyone),
        "get /claim/{token}/credential.jwt": .init(uri: "/claim/{claim}/credential.jwt", allowed: everyone),
        "post /verify": .init(uri: "/verify", allowed: everyone, body: .form(["credential": "{}"])),
        "post /providers/{id}/issuer-keys": .init(uri: "/providers/nz-ecnz/issuer-keys", allowed: ownersAndAdmin, body: .form([:])),
        "post /issuer-keys/{id}/compromised": .init(
            uri: "/issuer-keys/{key}/compromised", allowed: ownersAndAdmin, body: .form(["from": "2026-11-23"])),
        "post /api/v1/microcredentials/{id}/batches": .init(
            uri: "/api/v1/microcredentials/\(listing)/batches", allowed: ownersAndAdmin,
            body: .json(#"{"csv": "email,name,completion date\nm1@example.org,Matrix One,2026-11-01\n"}"#)),
        "get /api/v1/batches/{id}": .init(uri: "/api/v1/batches/{batch}", allowed: ownersAndAdmin),
        "get /api/v1/batches/{id}/rows": .init(uri: "/api/v1/batches/{batch}/rows?after=0&limit=10", allowed: ownersAndAdmin),
        "post /api/v1/batches/{id}/confirm": .init(uri: "/api/v1/batches/{batch}/confirm", allowed: ownersAndAdmin),
        "post /api/v1/batches/{id}/cancel": .init(uri: "/api/v1/batches/{batch2}/cancel", allowed: ownersAndAdmin),
        "get /api/v1/providers/{id}/batches": .init(uri: "/api/v1/providers/nz-ecnz/batches", allowed: ownersAndAdmin),
        "post /microcredentials/{id}/batches": .init(
            uri: "/microcredentials/\(listing)/batches", allowed: ownersAndAdmin,
            body: .form(["csv": "email,name,completion date\nm2@example.org,Matrix Two,2026-11-01\n"])),
        "get /batches/{id}": .init(uri: "/batches/{batch}", allowed: ownersAndAdmin),
        "get /batches/{id}/progress": .init(uri: "/batches/{batch}/progress", allowed: ownersAndAdmin),
        "get /batches/{id}/report.csv": .init(uri: "/batches/{batch}/report.csv", allowed: ownersAndAdmin),
        "post /batches/{id}/confirm": .init(uri: "/batches/{batch3}/confirm", allowed: ownersAndAdmin, body: .form([:])),
        "post /batches/{id}/cancel": .init(uri: "/batches/{batch4}/cancel", allowed: ownersAndAdmin, body: .form([:])),
        "get /language": .init(uri: "/language?to=th&back=/", allowed: everyone),
        "post /login": .init(uri: "/login", allowed: everyone, body: .form(["email": "admin@example.org", "password": "admin-password"])),
        "post /logout": .init(uri: "/logout", allowed: signedIn, body: .form([:])),
        "get /account": .init(uri: "/account", allowed: signedIn),
        "post /account/password": .init(
            uri: "/account/password", allowed: signedIn, body: .form(["current_password": "wrong", "new_password": "new-password-1"])),
        "post /account/tokens/{id}/revoke": .init(uri: "/account/tokens/nope/revoke", allowed: signedIn, body: .form([:])),
        "get /reset-password": .init(uri: "/reset-password?token=x", allowed: everyone),
        "post /reset-password": .init(uri: "/reset-password", allowed: everyone, body: .form(["token": "x", "new_password": "new-password-1"])),
        "post /admin/accounts/{id}/reset": .init(uri: "/admin/accounts/{learner}/reset", allowed: admin, body: .form([:])),
        "get /microcredentials/new": .init(uri: "/microcredentials/new", allowed: editors),
        "post /microcredentials/new": .init(
            uri: "/microcredentials/new", allowed: ownersAndAdmin,
            body: .form(["id": "nz-ecnz-matrix-form", "provider_id": "nz-ecnz", "title": "Matrix form"])),
        "get /microcredentials/{id}/edit": .init(uri: "/microcredentials/\(listing)/edit", allowed: ownersAndAdmin),
        "post /microcredentials/{id}/edit": .init(
            uri: "/microcredentials/\(listing)/edit", allowed: ownersAndAdmin, body: .form(["provider_id": "nz-ecnz", "title": "He Pātaka Reo"])),
        "post /microcredentials/{id}/review": .init(uri: "/microcredentials/\(listing)/review", allowed: admin, body: .form(["step": "approve"])),
        "get /import": .init(uri: "/import", allowed: editors),
        "post /import": .init(uri: "/import", allowed: editors, body: .form(["file": "id,provider_id,title\nnz-ecnz-matrix-page,nz-ecnz,Page\n"])),
        "get /admin": .init(uri: "/admin", allowed: admin),
        "post /admin/providers": .init(
            uri: "/admin/providers", allowed: admin,
            body: .form(["id": "nz-matrix-page", "name": "Matrix page", "country": "NZ", "kind": "university", "qa_status": "unknown"])),
        "post /admin/accounts": .init(
            uri: "/admin/accounts", allowed: admin,
            body: .form(["email": "p@example.org", "display_name": "P", "password": "matrix-password", "role": "learner"])),
        "get /audit": .init(uri: "/audit", allowed: admin),
        "get /api/v1/record": .init(uri: "/api/v1/record", allowed: [.learner]),
        "post /api/v1/record/claims": .init(uri: "/api/v1/record/claims", allowed: [.learner], body: .json(#"{"token": "nope"}"#)),
        "post /api/v1/record/credentials": .init(uri: "/api/v1/record/credentials", allowed: [.learner], body: .json("{}")),
        "get /api/v1/record/credentials/{id}": .init(uri: "/api/v1/record/credentials/nope", allowed: [.learner]),
        "patch /api/v1/record/credentials/{id}": .init(
            uri: "/api/v1/record/credentials/nope", allowed: [.learner], body: .json(#"{"hidden": true}"#)),
        "delete /api/v1/record/credentials/{id}": .init(uri: "/api/v1/record/credentials/nope", allowed: [.learner]),
        "get /api/v1/record/progress/{qualification}": .init(
            uri: "/api/v1/record/progress/nz-forestry-leadership-l5-example", allowed: [.learner]),
        "get /api/v1/qualifications": .init(uri: "/api/v1/qualifications", allowed: everyone),
        "get /api/v1/qualifications/{id}": .init(uri: "/api/v1/qualifications/kr-acbs-bachelor", allowed: everyone),
        "put /api/v1/qualifications/{id}": .init(
            uri: "/api/v1/qualifications/matrix-q", allowed: ownersAndAdmin,
            body: .json(#"{"title": "Matrix", "provider": "nz-ecnz", "framework": "nzqcf", "rules": [{"kind": "total-credits", "min_credits": 10}]}"#)
        ),
        "get /api/v1/schemas/pathway-rules.json": .init(uri: "/api/v1/schemas/pathway-rules.json", allowed: everyone),
        "get /record": .init(uri: "/record", allowed: [.learner]),
        "get /api/v1/record/clr": .init(uri: "/api/v1/record/clr", allowed: [.learner]),
        "post /api/v1/record/presentations": .init(
            uri: "/api/v1/record/presentations", allowed: [.learner], body: .json(#"{"challenge": "c", "domain": "d"}"#)),
        "post /api/v1/record/shares": .init(uri: "/api/v1/record/shares", allowed: [.learner], body: .json(#"{"days": 7}"#)),
        "get /api/v1/record/shares": .init(uri: "/api/v1/record/shares", allowed: [.learner]),
        "delete /api/v1/record/shares/{id}": .init(uri: "/api/v1/record/shares/nope", allowed: [.learner]),
        "post /record/shares": .init(uri: "/record/shares", allowed: [.learner], body: .form(["days": "7"])),
        "post /record/shares/{id}/revoke": .init(uri: "/record/shares/nope/revoke", allowed: [.learner], body: .form([:])),
        "get /record/clr.json": .init(uri: "/record/clr.json", allowed: [.learner]),
        "get /shared/{token}": .init(uri: "/shared/nope", allowed: everyone),
        "post /api/v1/record/awards": .init(
            uri: "/api/v1/record/awards", allowed: [.learner], body: .json(#"{"qualification": "kr-acbs-bachelor"}"#)),
        "get /api/v1/record/awards": .init(uri: "/api/v1/record/awards", allowed: [.learner]),
        "get /api/v1/providers/{id}/award-requests": .init(uri: "/api/v1/providers/nz-ecnz/award-requests", allowed: ownersAndAdmin),
        "post /api/v1/award-requests/{id}/issue": .init(uri: "/api/v1/award-requests/{award}/issue", allowed: ownersAndAdmin),
        "post /api/v1/award-requests/{id}/refuse": .init(
            uri: "/api/v1/award-requests/{award2}/refuse", allowed: ownersAndAdmin, body: .json(#"{"reason": "Not yet"}"#)),
        "post /record/awards": .init(uri: "/record/awards", allowed: [.learner], body: .form(["qualification": "kr-acbs-bachelor"])),
        "get /awards": .init(uri: "/awards", allowed: editors),
        "post /awards/{id}/issue": .init(uri: "/awards/{award3}/issue", allowed: ownersAndAdmin, body: .form([:])),
        "post /awards/{id}/refuse": .init(uri: "/awards/{award4}/refuse", allowed: ownersAndAdmin, body: .form(["reason": "Not yet"])),
        "get /shared/{token}/clr.json": .init(uri: "/shared/nope/clr.json", allowed: everyone),
        "post /record/import": .init(uri: "/record/import", allowed: [.learner], body: .form(["credential": "{}"])),
        "post /record/claim": .init(uri: "/record/claim", allowed: [.learner], body: .form(["token": "{claim}"])),
        "post /record/{id}/hide": .init(uri: "/record/nope/hide", allowed: [.learner], body: .form(["hidden": "1"])),
        "post /record/{id}/delete": .init(uri: "/record/nope/delete", allowed: [.learner], body: .form([:])),
        "get /record/progress/{qualification}": .init(uri: "/record/progress/nz-forestry-leadership-l5-example", allowed: [.learner]),
        "get /compare": .init(uri: "/compare?from=hkqf&level=4&credits=15&to=nzqcf", allowed: everyone),
        "get /qualifications": .init(uri: "/qualifications", allowed: everyone),
        "get /qualifications/{id}": .init(uri: "/qualifications/kr-acbs-bachelor", allowed: everyone),
        "post /qualifications/{id}": .init(
            uri: "/qualifications/matrix-q", allowed: ownersAndAdmin,
            body: .form([
                "qualification":
                    #"{"title": "Matrix page", "provider": "nz-ecnz", "framework": "nzqcf", "rules": [{"kind": "total-credits", "min_credits": 10}]}"#
            ])),
    ]

    static func routes(_ router: Router<AppRequestContext>) -> Set<String> {
        Set(
            router.routes.map { route in
                let path = "\(route.path)".split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                return "\(route.method.rawValue.lowercased()) /\(path.joined(separator: "/"))"
            })
    }

    @Test("every route the router holds has a decision, and every decision names a route")
    func everyRouteDecided() async throws {
        try await TestDatabase.sqlite.with { database in
            let router = try await buildRouter(config: AppConfig(), dependencies: APIJourneyTests.dependencies(database))
            let routes = Self.routes(router)
            #expect(routes.subtracting(Self.decisions.keys).sorted() == [], "routes without a decision")
            #expect(Set(Self.decisions.keys).subtracting(routes).sorted() == [], "decisions for routes that do not exist")
        }
    }

    @Test("each caller gets what the decision says on every route", arguments: TestDatabase.available)
    func matrix(_ engine: TestDatabase) async throws {
        try await engine.with { database in
            let dependencies = APIJourneyTests.dependencies(database)
            _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
            let desk = AccountDesk(dependencies: dependencies)
            let admin = try await desk.createFirstAdmin(email: "admin@example.org", displayName: "Admin", password: "admin-password")
            _ = try await Registrar(dependencies: dependencies).create(Provider.fixture("nz-other"), by: admin)
            var accounts: [Caller: Account] = [.admin: admin]
            for (caller, role, scope) in [
                (Caller.learner, Role.Kind.learner, nil), (.evaluator, .evaluator, "nz-nzqa"), (.staffOwn, .providerStaff, "nz-ecnz"),
                (.staffOther, .providerStaff, "nz-other"), (.focalPoint, .focalPoint, "NZ"),
            ] as [(Caller, Role.Kind, String?)] {
                accounts[caller] = try await desk.create(
                    email: "\(caller)@example.org", displayName: "\(caller)", password: "\(caller)-password", role: role, scope: scope, by: admin)
            }
            let learnerID = accounts[.learner]?.id.rawValue ?? ""
            let keyID = try await IssuerDesk(dependencies: dependencies).createKey(for: "nz-ecnz", by: admin).id.rawValue
            let issued = try await IssuingDesk(dependencies: dependencies).issue(
                .init(microcredential: .init(Self.listing), recipient: .email("m@example.org"), recipientName: "Matrix"), by: admin)
            // Four previews: one each for reading and confirming, cancelling through the API, confirming and cancelling
            // through the pages.
            var previews: [String] = []
            for number in 1...4 {
                previews.append(
                    try await BatchDesk(dependencies: dependencies).prepare(
                        microcredential: .init(Self.listing), csv: "b\(number)@example.org,Batch \(number),2026-11-01\n", suite: .eddsaJcs2022,
                        batchID: "matrix-\(number)", by: admin
                    ).id.rawValue)
            }
            let batches = previews
            // Four award requests to nz-ecnz (issue and refuse, through the API and the pages): qualifications whose one
            // rule any record meets.
            var requests: [String] = []
            for number in 1...4 {
                _ = try await QualificationDesk(dependencies: dependencies).save(
                    .init("matrix-award-\(number)"),
                    .init(title: "Matrix award \(number)", provider: "nz-ecnz", framework: "nzqcf", rules: [.init(.totalCredits(min: 0))]), by: admin)
                requests.append(
                    try await AwardDesk(dependencies: dependencies).request(.init("matrix-award-\(number)"), by: accounts[.learner]).id.rawValue)
            }
            let awardRequests = requests
            let cases = try await Self.recognitionCases(dependencies, learner: accounts[.learner], evaluator: accounts[.evaluator])
                .merging(try await Self.networkRecords(dependencies, admin: admin)) { first, _ in first }
            // Issued before the key is reported compromised (an allowed caller of that route does so).
            let callers = accounts
            let router = try await buildRouter(config: AppConfig(), dependencies: dependencies)
            let app = Application(router: router)
            try await app.test(.router) { client in
                // Refused callers first, so an allowed caller's write cannot change what a refused one meets.
                let order: [Caller] = [.anonymous, .learner, .evaluator, .focalPoint, .staffOther, .staffOwn, .admin]
                for (route, decision) in Self.decisions.sorted(by: { $0.key < $1.key }) {
                    for caller in order {
                        let uri = decision.uri.replacingOccurrences(of: "{learner}", with: learnerID).replacingOccurrences(of: "{key}", with: keyID)
                            .replacingOccurrences(of: "{credential}", with: issued.credential.id.rawValue)
                            .replacingOccurrences(of: "{claim}", with: issued.claimToken)
                            .replacingOccurrences(of: "{batch}", with: batches[0]).replacingOccurrences(of: "{batch2}", with: batches[1])
                            .replacingOccurrences(of: "{batch3}", with: batches[2]).replacingOccurrences(of: "{batch4}", with: batches[3])
                            .replacingOccurrences(of: "{award}", with: awardRequests[0]).replacingOccurrences(of: "{award2}", with: awardRequests[1])
                            .replacingOccurrences(of: "{award3}", with: awardRequests[2]).replacingOccurrences(of: "{award4}", with: awardRequests[3])
                        let placed = cases.reduce(uri) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
                        var headers: HTTPFields = [:]
                        var body = ByteBuffer()
                        let isAPI = uri.hasPrefix("/api")
                        var csrf: String?
                        if let account = callers[caller] {
                            if isAPI {
                                headers[.authorization] = "Bearer \(try await desk.issueToken(for: account, name: "matrix").token)"
                            } else {
                                let (cookie, session) = try await desk.openSession(for: account, lifetime: 600)
                                headers[.cookie] = "accord_session=\(cookie)"
                                csrf = session.csrfToken
                            }
                        }
                        switch decision.body {
                        case .none: break
                        case .json(let text):
                            headers[.contentType] = "application/json"
                            body = ByteBuffer(string: text)
                        case .csv(let text):
                            headers[.contentType] = "text/csv"
                            body = ByteBuffer(string: text)
                        case .bytes(let text, let type):
                            headers[.contentType] = type
                            body = ByteBuffer(string: text)
                        case .form(let fields):
                            var fields = fields
                            if let csrf { fields["_csrf"] = csrf }
                            headers[.contentType] = "application/x-www-form-urlencoded"
                            body = ByteBuffer(string: Self.formEncoded(fields))
                        }
                        let method: HTTPRequest.Method = .init(route.split(separator: " ")[0].uppercased()) ?? .get
                        try await client.execute(uri: placed, method: method, headers: headers, body: body) { response in
                            let code = response.status.code
                            let toSignIn = code == 303 && response.headers[.location]?.hasPrefix("/login") == true
                            let refused = code == 401 || code == 403 || toSignIn
                            #expect(code < 500, "\(route) as \(caller): \(code) \(String(buffer: response.body).prefix(200))")
                            if decision.allowed.contains(caller) {
                                #expect(!refused, "\(route) as \(caller) was refused: \(code) \(String(buffer: response.body).prefix(200))")
                            } else {
                                #expect(refused, "\(route) as \(caller) was let through: \(code) \(String(buffer: response.body).prefix(200))")
                            }
                        }
                    }
                }
            }
        }
    }

    static func formEncoded(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}
