import AccordServices
import RecognitionCore

extension RoleMatrixTests {
    /// Recognition's routes: applicants, the NIC's evaluators (nz-nzqa, the matrix evaluator's NIC) and admins.
    static let recognitionDecisions: [String: Decision] = [
        "post /api/v1/cases": .init(
            uri: "/api/v1/cases", allowed: [.learner, .evaluator],
            body: .json(
                #"{"nic": "nz-nzqa", "purpose": "employment", "kind": "microcredential", "applicant_name": "Matrix", "items": [{"title": "Matrix certificate"}]}"#
            )),
        "get /api/v1/cases": .init(uri: "/api/v1/cases", allowed: [.learner, .evaluator, .admin]),
        "get /api/v1/cases/{id}": .init(uri: "/api/v1/cases/{case5}", allowed: [.learner, .evaluator, .admin]),
        "get /api/v1/cases/{id}/history": .init(uri: "/api/v1/cases/{case5}/history", allowed: [.learner, .evaluator, .admin]),
        "post /api/v1/cases/{id}/submit": .init(uri: "/api/v1/cases/{case}/submit", allowed: [.learner]),
        "post /api/v1/cases/{id}/take": .init(uri: "/api/v1/cases/{case2}/take", allowed: [.evaluator]),
        "post /api/v1/cases/{id}/withdraw": .init(uri: "/api/v1/cases/{case3}/withdraw", allowed: [.learner, .evaluator]),
        "post /api/v1/cases/{id}/decision": .init(
            uri: "/api/v1/cases/{case4}/decision", allowed: [.evaluator], body: .json(#"{"outcome": "full", "reasons": "Comparable."}"#)),
        "post /api/v1/cases/{id}/appeal": .init(
            uri: "/api/v1/cases/{case5}/appeal", allowed: [.learner], body: .json(#"{"grounds": "The level was under-rated."}"#)),
        "post /api/v1/cases/{id}/appeal-decision": .init(
            uri: "/api/v1/cases/{case6}/appeal-decision", allowed: [.evaluator], body: .json(#"{"outcome": "full", "reasons": "Agreed."}"#)),
        "get /api/v1/statements/{id}": .init(uri: "/api/v1/statements/{case-statement}", allowed: everyone),
        "get /api/v1/nics/{id}/statistics": .init(uri: "/api/v1/nics/nz-nzqa/statistics", allowed: [.evaluator, .admin]),
        "get /api/v1/nics/{id}/precedents": .init(uri: "/api/v1/nics/nz-nzqa/precedents?q=matrix", allowed: [.evaluator, .admin]),
        "put /api/v1/nics/{id}/target": .init(
            uri: "/api/v1/nics/nz-nzqa/target", allowed: [.evaluator, .admin], body: .json(#"{"target_days": 100}"#)),
        "post /api/v1/cases/{id}/documents": .init(
            uri: "/api/v1/cases/{case}/documents?name=diploma.pdf", allowed: [.learner, .evaluator],
            body: .bytes("%PDF-1.4\n%matrix\n", type: "application/pdf")),
        "get /api/v1/cases/{id}/documents": .init(uri: "/api/v1/cases/{case5}/documents", allowed: [.learner, .evaluator, .admin]),
        "get /api/v1/cases/{id}/documents/{document}": .init(
            uri: "/api/v1/cases/{case5}/documents/{case-document}", allowed: [.learner, .evaluator, .admin]),
        "post /recognition/cases/{id}/documents": .init(
            uri: "/recognition/cases/{pagecase}/documents", allowed: [.learner, .evaluator],
            body: .form(["name": "diploma.pdf", "content_base64": "JVBERi0xLjQKJW1hdHJpeAo="])),
        "get /recognition/cases/{id}/documents/{document}": .init(
            uri: "/recognition/cases/{pagecase5}/documents/{pagecase-document}", allowed: [.learner, .evaluator, .admin]),
        "get /nics/{id}/did.json": .init(uri: "/nics/nz-nzqa/did.json", allowed: everyone),
        "get /api/v1/nics/{id}/keys": .init(uri: "/api/v1/nics/nz-nzqa/keys", allowed: everyone),
        "post /api/v1/nics/{id}/keys": .init(uri: "/api/v1/nics/nz-nzqa/keys", allowed: [.evaluator, .admin]),
        "post /api/v1/nic-keys/{id}/compromised": .init(
            uri: "/api/v1/nic-keys/{nickey}/compromised", allowed: [.evaluator, .admin], body: .json(#"{"from": "2026-11-23T00:00:00Z"}"#)),
        "get /recognition/keys": .init(uri: "/recognition/keys?nic=nz-nzqa", allowed: [.evaluator, .admin]),
        "post /recognition/keys": .init(uri: "/recognition/keys", allowed: [.evaluator, .admin], body: .form(["nic": "nz-nzqa"])),
        "post /nic-keys/{id}/compromised": .init(
            uri: "/nic-keys/{pagenickey}/compromised", allowed: [.evaluator, .admin], body: .form(["from": "2026-11-23"])),
        "get /recognition": .init(uri: "/recognition?state=decided", allowed: [.learner, .evaluator, .admin]),
        "get /recognition/apply": .init(uri: "/recognition/apply", allowed: [.learner, .evaluator]),
        "post /recognition/apply": .init(
            uri: "/recognition/apply", allowed: [.learner, .evaluator],
            body: .form(["nic": "nz-nzqa", "purpose": "employment", "kind": "microcredential", "applicant_name": "Matrix", "d1_title": "Matrix"])),
        "get /recognition/statistics": .init(uri: "/recognition/statistics?nic=nz-nzqa", allowed: [.evaluator, .admin]),
        "post /recognition/statistics": .init(
            uri: "/recognition/statistics", allowed: [.evaluator, .admin], body: .form(["nic": "nz-nzqa", "target_days": "100"])),
        "get /recognition/cases/{id}": .init(uri: "/recognition/cases/{pagecase5}", allowed: [.learner, .evaluator, .admin]),
        "post /recognition/cases/{id}/submit": .init(
            uri: "/recognition/cases/{pagecase}/submit", allowed: [.learner], body: .form([:])),
        "post /recognition/cases/{id}/take": .init(uri: "/recognition/cases/{pagecase2}/take", allowed: [.evaluator], body: .form([:])),
        "post /recognition/cases/{id}/withdraw": .init(
            uri: "/recognition/cases/{pagecase3}/withdraw", allowed: [.learner, .evaluator], body: .form([:])),
        "post /recognition/cases/{id}/decision": .init(
            uri: "/recognition/cases/{pagecase4}/decision", allowed: [.evaluator], body: .form(["outcome": "full", "reasons": "Comparable"])),
        "post /recognition/cases/{id}/appeal": .init(
            uri: "/recognition/cases/{pagecase5}/appeal", allowed: [.learner], body: .form(["grounds": "More credit"])),
        "post /recognition/cases/{id}/appeal-decision": .init(
            uri: "/recognition/cases/{pagecase6}/appeal-decision", allowed: [.evaluator], body: .form(["outcome": "full", "reasons": "Agreed"])),
        "get /recognition/statements/{id}": .init(uri: "/recognition/statements/{pagecase-statement}", allowed: everyone),
    ]

    /// Recognition cases of the matrix learner at nz-nzqa, one per route that moves a case: `case` a draft, `case2` and
    /// `case3` submitted, `case4` taken by the matrix evaluator, `case5` decided, `case6` appealed; `statement` the
    /// statement of `case5`.
    static func recognitionCases(_ dependencies: Dependencies, learner: Account?, evaluator: Account?) async throws -> [String: String] {
        let desk = RecognitionDesk(dependencies: dependencies)
        var found: [String: String] = [:]
        for prefix in ["case", "pagecase"] {
            for number in 1...6 {
                let name = number == 1 ? prefix : "\(prefix)\(number)"
                let input = RecognitionDesk.ApplicationInput(
                    nic: "nz-nzqa", purpose: .employment, kind: .microcredential,
                    items: [.init(title: "Matrix certificate", country: "HK", framework: "hkqf", level: 4, credits: 15)])
                let id = try await desk.apply(input, by: learner).id
                found[name] = id.rawValue
                if number == 1 { continue }
                if number == 5 {
                    found["\(prefix)-document"] = try await desk.attach(Array("%PDF-1.4\n%scan\n".utf8), name: "scan.pdf", to: id, by: learner).id
                        .rawValue
                }
                _ = try await desk.submit(id, by: learner)
                if number <= 3 { continue }
                _ = try await desk.take(id, by: evaluator)
                if number == 4 { continue }
                let decided = try await desk.decide(
                    id, .init(outcome: .partial, credits: 15, differences: [.init(kind: .workload, text: "Smaller")], reasons: "Partial"),
                    by: evaluator)
                if number == 5 { found["\(prefix)-statement"] = decided.statements.first }
                if number == 6 { _ = try await desk.appeal(id, grounds: "More credit", by: learner) }
            }
        }
        // The NIC's keys: the first decision made one; a rotation makes a second, so the API and the page each report
        // their own key compromised.
        let keys = NICKeyDesk(dependencies: dependencies)
        found["nickey"] = try await keys.keys(of: "nz-nzqa").first { $0.state == .active }?.id.rawValue
        found["pagenickey"] = try await keys.rotate("nz-nzqa", by: evaluator).id.rawValue
        return found
    }
}
