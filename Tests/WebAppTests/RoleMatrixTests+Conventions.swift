import AccordServices
import Foundation
import RecognitionCore
import Storage

extension RoleMatrixTests {
    /// Conventions and countries: anyone reads them; only admins (the secretariat) edit, always with a source.
    static let conventionDecisions: [String: Decision] = [
        "get /api/v1/conventions/{id}/report": .init(uri: "/api/v1/conventions/tokyo-2011/report?format=csv", allowed: everyone),
        "put /api/v1/conventions/{id}": .init(
            uri: "/api/v1/conventions/lisbon-1997", allowed: admin, body: .json(#"{"in_force_date": "1999-02-01", "source": "matrix"}"#)),
        "get /api/v1/countries/{code}": .init(uri: "/api/v1/countries/NZ", allowed: everyone),
        "get /conventions": .init(uri: "/conventions", allowed: everyone),
        "get /conventions/{id}": .init(uri: "/conventions/tokyo-2011", allowed: everyone),
        "get /conventions/{id}/parties.csv": .init(uri: "/conventions/tokyo-2011/parties.csv", allowed: everyone),
        "post /conventions/{id}/rule": .init(
            uri: "/conventions/lisbon-1997/rule", allowed: admin,
            body: .form(["instruments_required": "5", "delay_months": "1", "from_first_of_next_month": "on", "source": "matrix"])),
        "post /conventions/{id}/parties": .init(
            uri: "/conventions/lisbon-1997/parties", allowed: admin,
            body: .form(["country": "GR", "state": "Greece", "deposit_date": "2024-09-13", "source": "matrix"])),
        "get /countries/{code}": .init(uri: "/countries/NZ", allowed: everyone),
        "get /nics": .init(uri: "/nics?network=APNNIC", allowed: everyone),
    ]
}

extension RoleMatrixTests {
    /// The network's routes: admins run surveys; New Zealand's focal point answers for NZ and keeps NZ's plan; the
    /// network's members (evaluators too) read the plans.
    static let networkDecisions: [String: Decision] = [
        "get /api/v1/surveys": .init(uri: "/api/v1/surveys", allowed: [.focalPoint, .admin]),
        "post /api/v1/surveys": .init(
            uri: "/api/v1/surveys", allowed: admin,
            body: .json(#"{"title": "Matrix survey", "countries": ["NZ"], "definition": "? single! Ready? | Yes | No"}"#)),
        "get /api/v1/surveys/{id}": .init(uri: "/api/v1/surveys/{survey}", allowed: [.focalPoint, .admin]),
        "put /api/v1/surveys/{id}": .init(
            uri: "/api/v1/surveys/{draft}", allowed: admin,
            body: .json(#"{"title": "Matrix draft", "countries": ["NZ", "MN"], "definition": "? text Comments"}"#)),
        "post /api/v1/surveys/{id}/open": .init(uri: "/api/v1/surveys/{draft}/open", allowed: admin),
        "post /api/v1/surveys/{id}/close": .init(uri: "/api/v1/surveys/{draft}/close", allowed: admin),
        "get /api/v1/surveys/{id}/results": .init(uri: "/api/v1/surveys/{survey}/results?format=csv", allowed: admin),
        "get /api/v1/surveys/{id}/responses/{country}": .init(uri: "/api/v1/surveys/{survey}/responses/NZ", allowed: [.focalPoint, .admin]),
        "put /api/v1/surveys/{id}/responses/{country}": .init(
            uri: "/api/v1/surveys/{survey}/responses/NZ", allowed: [.focalPoint], body: .json(#"{"answers": {"q1": "Yes"}}"#)),
        "get /api/v1/action-items": .init(uri: "/api/v1/action-items?country=NZ", allowed: [.evaluator, .focalPoint, .admin]),
        "post /api/v1/action-items": .init(
            uri: "/api/v1/action-items", allowed: [.focalPoint, .admin], body: .json(#"{"country": "NZ", "title": "Matrix item"}"#)),
        "get /api/v1/action-items/{id}": .init(uri: "/api/v1/action-items/{item}", allowed: [.evaluator, .focalPoint, .admin]),
        "put /api/v1/action-items/{id}": .init(
            uri: "/api/v1/action-items/{item}", allowed: [.focalPoint, .admin], body: .json(#"{"title": "Matrix item, changed"}"#)),
        "get /surveys": .init(uri: "/surveys", allowed: [.focalPoint, .admin]),
        "post /surveys": .init(
            uri: "/surveys", allowed: admin, body: .form(["title": "Page survey", "countries": "NZ", "definition": "? text Comments"])),
        "get /surveys/{id}": .init(uri: "/surveys/{survey}", allowed: [.focalPoint, .admin]),
        "post /surveys/{id}": .init(
            uri: "/surveys/{draft}", allowed: admin, body: .form(["title": "Page draft", "countries": "NZ", "definition": "? text Comments"])),
        "post /surveys/{id}/open": .init(uri: "/surveys/{draft}/open", allowed: admin, body: .form([:])),
        "post /surveys/{id}/close": .init(uri: "/surveys/{draft}/close", allowed: admin, body: .form([:])),
        "post /surveys/{id}/answers": .init(uri: "/surveys/{survey}/answers", allowed: [.focalPoint], body: .form(["q1": "Yes", "_submit": "0"])),
        "get /surveys/{id}/results.csv": .init(uri: "/surveys/{survey}/results.csv", allowed: admin),
        "get /action-plans": .init(uri: "/action-plans?country=NZ", allowed: [.evaluator, .focalPoint, .admin]),
        "get /api/v1/report/regional": .init(uri: "/api/v1/report/regional?format=csv", allowed: [.evaluator, .focalPoint, .admin]),
        "get /report": .init(uri: "/report", allowed: [.evaluator, .focalPoint, .admin]),
        "get /report/print": .init(uri: "/report/print", allowed: [.evaluator, .focalPoint, .admin]),
        "get /report.csv": .init(uri: "/report.csv", allowed: [.evaluator, .focalPoint, .admin]),
        "post /action-plans": .init(uri: "/action-plans", allowed: [.focalPoint, .admin], body: .form(["country": "NZ", "title": "Page item"])),
        "post /action-items/{id}": .init(
            uri: "/action-items/{item}", allowed: [.focalPoint, .admin], body: .form(["title": "Page item, changed", "status": "in-progress"])),
    ]

    /// Meetings: the network's members read them and their documents; admins plan, change and upload; New Zealand's
    /// focal point names NZ's participants and records NZ's outcomes.
    static let meetingDecisions: [String: Decision] = {
        let members: Set<Caller> = [.evaluator, .focalPoint, .admin]
        let meeting = #"{"kind": "webinar", "title": "Matrix webinar", "starts_on": "2027-01-20", "conventions": ["tokyo-2011"]}"#
        return [
            "get /api/v1/meetings": .init(uri: "/api/v1/meetings?format=csv", allowed: members),
            "post /api/v1/meetings": .init(uri: "/api/v1/meetings", allowed: admin, body: .json(meeting)),
            "get /api/v1/meetings/{id}": .init(uri: "/api/v1/meetings/beijing-workshop-2017", allowed: members),
            "put /api/v1/meetings/{id}": .init(uri: "/api/v1/meetings/{meeting}", allowed: admin, body: .json(meeting)),
            "put /api/v1/meetings/{id}/participants/{country}": .init(
                uri: "/api/v1/meetings/{meeting}/participants/NZ", allowed: [.focalPoint, .admin],
                body: .json(#"{"participants": [{"country": "NZ", "name": "Matrix delegate", "capacity": "delegate"}]}"#)),
            "post /api/v1/meetings/{id}/outcomes": .init(
                uri: "/api/v1/meetings/{meeting}/outcomes", allowed: [.focalPoint, .admin],
                body: .json(#"{"country": "NZ", "title": "Matrix outcome"}"#)),
            "post /api/v1/meetings/{id}/documents": .init(
                uri: "/api/v1/meetings/{meeting}/documents?name=m.pdf&language=en", allowed: admin,
                body: .bytes("%PDF-1.4 matrix", type: "application/pdf")),
            "get /api/v1/meetings/{id}/documents/{document}": .init(uri: "/api/v1/meetings/{meeting}/documents/{document}", allowed: members),
            "get /meetings": .init(uri: "/meetings", allowed: members),
            "post /meetings": .init(
                uri: "/meetings", allowed: admin, body: .form(["kind": "workshop", "title": "Page workshop", "startsOn": "2027-02-01"])),
            "get /meetings/{id}": .init(uri: "/meetings/{meeting}", allowed: members),
            "post /meetings/{id}": .init(
                uri: "/meetings/{meeting}", allowed: admin, body: .form(["kind": "webinar", "title": "Page change", "startsOn": "2027-01-21"])),
            "post /meetings/{id}/participants": .init(
                uri: "/meetings/{meeting}/participants", allowed: [.focalPoint, .admin], body: .form(["country": "NZ", "name": "Page delegate"])),
            "post /meetings/{id}/documents": .init(
                uri: "/meetings/{meeting}/documents", allowed: admin,
                body: .form(["name": "p.pdf", "language": "en", "content_base64": Data("%PDF-1.4 page".utf8).base64EncodedString()])),
            "post /meetings/{id}/outcomes": .init(
                uri: "/meetings/{meeting}/outcomes", allowed: [.focalPoint, .admin], body: .form(["country": "NZ", "title": "Page outcome"])),
            "get /meetings/{id}/documents/{document}": .init(uri: "/meetings/{meeting}/documents/{document}", allowed: members),
        ]
    }()

    /// An open survey sent to NZ (the seeded one), a draft, an item of NZ's plan, a meeting and its document, for the
    /// routes that name them.
    static func networkRecords(_ dependencies: Dependencies, admin: Account) async throws -> [String: String] {
        let desk = NetworkDesk(dependencies: dependencies)
        _ = try await desk.seedIfEmpty(try ReferenceData.bundledSurveys())
        let open = try await desk.move("pre-workshop-tokyo-readiness", to: .open, by: admin)
        let draft = try await desk.create(.init(title: "Matrix draft", definition: "? text Comments", countries: ["NZ"]), by: admin)
        let item = try await desk.add(.init(country: "NZ", title: "Matrix plan item", due: "2026-06-30"), by: admin)
        let meetings = MeetingDesk(dependencies: dependencies)
        _ = try await meetings.seedIfEmpty(try ReferenceData.bundledMeetings())
        let meeting = try await meetings.create(.init(kind: .webinar, title: "Matrix meeting", startsOn: "2027-01-15"), by: admin)
        let document = try await meetings.attach(Array("%PDF-1.4 matrix".utf8), name: "m.pdf", language: "en", to: meeting.id, by: admin)
        return [
            "survey": open.id.rawValue, "draft": draft.id.rawValue, "item": item.id.rawValue, "meeting": meeting.id.rawValue,
            "document": document.id.rawValue,
        ]
    }
}
