import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/api/v1/meetings`: admins plan meetings, upload their documents and record outcomes; each country's focal point
/// names its participants and records its own country's outcomes; the network's members read them.
struct MeetingAPIController {
    let desk: MeetingDesk
    let network: NetworkDesk

    struct ParticipantsInput: Decodable {
        var participants: [Meeting.Participant]
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("meetings") { request, context in
            let meetings = try await desk.meetings(by: context.account)
            if request.uri.queryParameters["format"] == "csv" { return Downloads.csv(MeetingDesk.csv(meetings)) }
            return try JSONInput.response(meetings)
        }
        router.post("meetings") { request, context in
            try context.account.authorize(.editReferenceData)
            let input = try await JSONInput.decode(MeetingDesk.MeetingInput.self, from: request)
            return try JSONInput.response(try await desk.create(input, by: context.account), status: .created)
        }
        router.get("meetings/:id") { _, context in
            try JSONInput.response(try await desk.meeting(try Self.id(context), by: context.account))
        }
        router.put("meetings/:id") { request, context in
            try context.account.authorize(.editReferenceData)
            let input = try await JSONInput.decode(MeetingDesk.MeetingInput.self, from: request)
            return try JSONInput.response(try await desk.update(try Self.id(context), with: input, by: context.account))
        }
        router.put("meetings/:id/participants/:country") { request, context in
            let country = try context.parameters.require("country").uppercased()
            try context.account.authorize(.registerParticipants(country: country))
            let input = try await JSONInput.decode(ParticipantsInput.self, from: request)
            return try JSONInput.response(
                try await desk.setParticipants(input.participants, for: country, of: try Self.id(context), by: context.account))
        }
        router.post("meetings/:id/outcomes") { request, context in
            var input = try await JSONInput.decode(NetworkDesk.ActionItemInput.self, from: request)
            input.meeting = try Self.id(context)
            return try JSONInput.response(try await network.add(input, by: context.account), status: .created)
        }
        router.post("meetings/:id/documents") { request, context in
            try context.account.authorize(.editReferenceData)
            let type = (request.headers[.contentType] ?? "").lowercased()
            guard CaseDocument.MediaType.allCases.contains(where: { type.hasPrefix($0.rawValue) }) else {
                throw InputError.mediaType("send the document as application/pdf, image/jpeg or image/png")
            }
            let bytes = Array(try await JSONInput.body(request, limit: MeetingDocument.maxBytes).readableBytesView)
            let query = request.uri.queryParameters
            let document = try await desk.attach(
                bytes, name: query["name"].map(String.init) ?? "document", language: query["language"].map(String.init) ?? "",
                to: try Self.id(context), by: context.account)
            return try JSONInput.response(document, status: .created)
        }
        router.get("meetings/:id/documents/:document") { _, context in
            let found = try await desk.document(.init(try context.parameters.require("document")), of: try Self.id(context), by: context.account)
            return Self.download(found.document, found.bytes)
        }
    }

    static func id(_ context: AppRequestContext) throws -> Meeting.ID { .init(try context.parameters.require("id")) }

    static func download(_ document: MeetingDocument, _ bytes: [UInt8]) -> Response {
        var response = Downloads.attachment(bytes, name: document.name, type: document.mediaType.rawValue)
        response.headers[.contentLanguage] = document.language
        return response
    }
}
