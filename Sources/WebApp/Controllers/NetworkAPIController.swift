import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/api/v1` for the NIC network: surveys (admins define, open, follow and close them; focal points answer for their
/// country) and action plans (focal points keep their country's, admins all; the network's members read them).
struct NetworkAPIController {
    let desk: NetworkDesk
    let reports: ReportDesk

    struct AnswersInput: Decodable {
        var answers: [String: Answer]
        var submit: Bool?
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("surveys") { _, context in try JSONInput.response(try await desk.surveys(for: context.account)) }
        router.post("surveys") { request, context in
            try context.account.authorize(.editReferenceData)
            let input = try await JSONInput.decode(NetworkDesk.SurveyInput.self, from: request)
            return try JSONInput.response(try await desk.create(input, by: context.account), status: .created)
        }
        router.get("surveys/:id") { _, context in
            try JSONInput.response(try await desk.survey(.init(try context.parameters.require("id")), for: context.account))
        }
        router.put("surveys/:id") { request, context in
            try context.account.authorize(.editReferenceData)
            let input = try await JSONInput.decode(NetworkDesk.SurveyInput.self, from: request)
            return try JSONInput.response(try await desk.update(.init(try context.parameters.require("id")), with: input, by: context.account))
        }
        router.post("surveys/:id/open") { _, context in
            try JSONInput.response(try await desk.move(.init(try context.parameters.require("id")), to: .open, by: context.account))
        }
        router.post("surveys/:id/close") { _, context in
            try JSONInput.response(try await desk.move(.init(try context.parameters.require("id")), to: .closed, by: context.account))
        }
        router.get("surveys/:id/results") { request, context in
            let results = try await desk.results(.init(try context.parameters.require("id")), by: context.account)
            if request.uri.queryParameters["format"] == "csv" { return Downloads.csv(results.csv) }
            return try JSONInput.response(results)
        }
        router.get("surveys/:id/responses/:country") { _, context in
            let id = Survey.ID(try context.parameters.require("id"))
            let country = try context.parameters.require("country").uppercased()
            guard let response = try await desk.response(to: id, from: country, for: context.account) else {
                throw StoreError.notFound(kind: "response from", id: country)
            }
            return try JSONInput.response(response)
        }
        router.put("surveys/:id/responses/:country") { request, context in
            let id = Survey.ID(try context.parameters.require("id"))
            let country = try context.parameters.require("country").uppercased()
            try context.account.authorize(.answerSurvey(country: country))
            let input = try await JSONInput.decode(AnswersInput.self, from: request)
            return try JSONInput.response(
                try await desk.answer(id, for: country, answers: input.answers, submit: input.submit ?? false, by: context.account))
        }
        router.get("report/regional") { request, context in
            let meeting = request.uri.queryParameters["meeting"].map { Meeting.ID(String($0)) }
            let report = try await reports.regional(meeting: meeting, by: context.account)
            switch request.uri.queryParameters["format"] {
            case "csv":
                return Downloads.csv(report.csv)
            case "html":
                return Response(
                    status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: report.html)))
            default:
                return try JSONInput.response(report)
            }
        }
        router.get("action-items") { request, context in
            let country = request.uri.queryParameters["country"].map(String.init)
            let items = try await desk.actionItems(country: country, by: context.account)
            if request.uri.queryParameters["format"] == "csv" { return Downloads.csv(ActionItemView.csv(items)) }
            return try JSONInput.response(items)
        }
        router.post("action-items") { request, context in
            let input = try await JSONInput.decode(NetworkDesk.ActionItemInput.self, from: request)
            return try JSONInput.response(try await desk.add(input, by: context.account), status: .created)
        }
        router.get("action-items/:id") { _, context in
            try JSONInput.response(try await desk.actionItem(.init(try context.parameters.require("id")), by: context.account))
        }
        router.put("action-items/:id") { request, context in
            try context.account.authorize(.readNetworkContacts)
            let input = try await JSONInput.decode(NetworkDesk.ActionItemInput.self, from: request)
            return try JSONInput.response(try await desk.update(.init(try context.parameters.require("id")), with: input, by: context.account))
        }
    }
}
