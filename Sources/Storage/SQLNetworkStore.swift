import Foundation
import RecognitionCore
import SQLKit

/// Surveys and meetings (one JSON body each, with what they are listed by beside it), each country's answers, action
/// items, and meeting documents, on both engines.
struct SQLNetworkStore: NetworkStore {
    let handle: SQLHandle

    func surveys() async throws -> [Survey] {
        try await handle.sql.raw("SELECT body FROM surveys ORDER BY created_at DESC, id").all().map(Self.survey)
    }

    func survey(_ id: Survey.ID) async throws -> Survey? {
        try await handle.sql.raw("SELECT body FROM surveys WHERE id = \(bind: id.rawValue)").first().map(Self.survey)
    }

    func save(_ survey: Survey) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO surveys (id, state, created_at, body)
            VALUES (\(bind: survey.id.rawValue), \(bind: survey.state.rawValue), \(bind: survey.createdAt.timeIntervalSince1970),
              \(bind: try JSONText.encode(survey)))
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, body = excluded.body
            """
        ).run()
    }

    static func survey(_ row: any SQLRow) throws -> Survey {
        try JSONText.decode(Survey.self, try row.decode(column: "body", as: String.self))
    }

    static let responseColumns = "survey_id, country, state, answers, updated_at, updated_by, submitted_at"

    func responses(to survey: Survey.ID) async throws -> [SurveyResponse] {
        try await handle.sql.raw(
            "SELECT \(unsafeRaw: Self.responseColumns) FROM survey_responses WHERE survey_id = \(bind: survey.rawValue) ORDER BY country"
        ).all().map(Self.response)
    }

    func response(to survey: Survey.ID, from country: String) async throws -> SurveyResponse? {
        try await handle.sql.raw(
            """
            SELECT \(unsafeRaw: Self.responseColumns) FROM survey_responses
            WHERE survey_id = \(bind: survey.rawValue) AND country = \(bind: country)
            """
        ).first().map(Self.response)
    }

    func save(_ response: SurveyResponse) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO survey_responses (\(unsafeRaw: Self.responseColumns))
            VALUES (\(bind: response.survey.rawValue), \(bind: response.country), \(bind: response.state.rawValue),
              \(bind: try JSONText.encode(response.answers)), \(bind: response.updatedAt.timeIntervalSince1970), \(bind: response.updatedBy.rawValue),
              \(bind: response.submittedAt?.timeIntervalSince1970))
            ON CONFLICT (survey_id, country) DO UPDATE SET state = excluded.state, answers = excluded.answers,
              updated_at = excluded.updated_at, updated_by = excluded.updated_by, submitted_at = excluded.submitted_at
            """
        ).run()
    }

    static func response(_ row: any SQLRow) throws -> SurveyResponse {
        let state = try row.decode(column: "state", as: String.self)
        guard let known = SurveyResponse.State(rawValue: state) else { throw StoreError.unknownValue(column: "state", value: state) }
        return SurveyResponse(
            survey: .init(try row.decode(column: "survey_id", as: String.self)), country: try row.decode(column: "country", as: String.self),
            state: known, answers: try JSONText.decode([String: Answer].self, try row.decode(column: "answers", as: String.self)),
            updatedAt: Date(timeIntervalSince1970: try row.decode(column: "updated_at", as: Double.self)),
            updatedBy: .init(try row.decode(column: "updated_by", as: String.self)),
            submittedAt: try row.decode(column: "submitted_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
    }

    static let itemColumns = "id, country, title, owner, due, status, assistance, meeting, created_at, updated_at"

    func actionItems(country: String?) async throws -> [ActionItem] {
        let filter: SQLQueryString = country.map { "WHERE country = \(bind: $0)" } ?? ""
        return try await handle.sql.raw(
            "SELECT \(unsafeRaw: Self.itemColumns) FROM action_items \(filter) ORDER BY country, due, id"
        ).all().map(Self.item)
    }

    func actionItem(_ id: ActionItem.ID) async throws -> ActionItem? {
        try await handle.sql.raw("SELECT \(unsafeRaw: Self.itemColumns) FROM action_items WHERE id = \(bind: id.rawValue)").first().map(Self.item)
    }

    func save(_ item: ActionItem) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO action_items (\(unsafeRaw: Self.itemColumns))
            VALUES (\(bind: item.id.rawValue), \(bind: item.country), \(bind: item.title), \(bind: item.owner), \(bind: item.due),
              \(bind: item.status.rawValue), \(bind: item.assistance), \(bind: item.meeting?.rawValue), \(bind: item.createdAt.timeIntervalSince1970),
              \(bind: item.updatedAt.timeIntervalSince1970))
            ON CONFLICT (id) DO UPDATE SET country = excluded.country, title = excluded.title, owner = excluded.owner, due = excluded.due,
              status = excluded.status, assistance = excluded.assistance, meeting = excluded.meeting, updated_at = excluded.updated_at
            """
        ).run()
    }

    func actionItems(meeting: Meeting.ID) async throws -> [ActionItem] {
        try await handle.sql.raw(
            "SELECT \(unsafeRaw: Self.itemColumns) FROM action_items WHERE meeting = \(bind: meeting.rawValue) ORDER BY country, id"
        ).all().map(Self.item)
    }

    static func item(_ row: any SQLRow) throws -> ActionItem {
        let status = try row.decode(column: "status", as: String.self)
        guard let known = ActionItem.Status(rawValue: status) else { throw StoreError.unknownValue(column: "status", value: status) }
        return ActionItem(
            id: .init(try row.decode(column: "id", as: String.self)), country: try row.decode(column: "country", as: String.self),
            title: try row.decode(column: "title", as: String.self), owner: try row.decode(column: "owner", as: String?.self),
            due: try row.decode(column: "due", as: String?.self), status: known, assistance: try row.decode(column: "assistance", as: String?.self),
            meeting: try row.decode(column: "meeting", as: String?.self).map { Meeting.ID($0) },
            createdAt: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)),
            updatedAt: Date(timeIntervalSince1970: try row.decode(column: "updated_at", as: Double.self)))
    }

    // MARK: meetings

    func meetings() async throws -> [Meeting] {
        try await handle.sql.raw("SELECT body FROM meetings ORDER BY starts_on DESC, id").all().map {
            try JSONText.decode(Meeting.self, try $0.decode(column: "body", as: String.self))
        }
    }

    func meeting(_ id: Meeting.ID) async throws -> Meeting? {
        try await handle.sql.raw("SELECT body FROM meetings WHERE id = \(bind: id.rawValue)").first().map {
            try JSONText.decode(Meeting.self, try $0.decode(column: "body", as: String.self))
        }
    }

    func meetingForUpdate(_ id: Meeting.ID) async throws -> Meeting? {
        let lock: SQLQueryString = handle.engine == .postgres ? " FOR UPDATE" : ""
        return try await handle.sql.raw("SELECT body FROM meetings WHERE id = \(bind: id.rawValue)\(lock)").first().map {
            try JSONText.decode(Meeting.self, try $0.decode(column: "body", as: String.self))
        }
    }

    func save(_ meeting: Meeting) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO meetings (id, starts_on, created_at, body)
            VALUES (\(bind: meeting.id.rawValue), \(bind: meeting.startsOn), \(bind: meeting.createdAt.timeIntervalSince1970),
              \(bind: try JSONText.encode(meeting)))
            ON CONFLICT (id) DO UPDATE SET starts_on = excluded.starts_on, body = excluded.body
            """
        ).run()
    }

    static let documentColumns = "id, meeting_id, name, language, media_type, size, sha256, uploaded_at, uploaded_by"

    func documents(of meeting: Meeting.ID) async throws -> [MeetingDocument] {
        try await handle.sql.raw(
            """
            SELECT \(unsafeRaw: Self.documentColumns) FROM meeting_documents WHERE meeting_id = \(bind: meeting.rawValue)
            ORDER BY uploaded_at, id
            """
        ).all().map(Self.document)
    }

    func add(_ document: MeetingDocument, bytes: [UInt8]) async throws {
        try await handle.sql.raw(
            """
            INSERT INTO meeting_documents (\(unsafeRaw: Self.documentColumns), content)
            VALUES (\(bind: document.id.rawValue), \(bind: document.meeting.rawValue), \(bind: document.name), \(bind: document.language),
              \(bind: document.mediaType.rawValue), \(bind: document.size), \(bind: document.sha256),
              \(bind: document.uploadedAt.timeIntervalSince1970), \(bind: document.uploadedBy.rawValue), \(bind: Data(bytes).base64EncodedString()))
            """
        ).run()
    }

    func document(_ id: MeetingDocument.ID) async throws -> (document: MeetingDocument, bytes: [UInt8])? {
        guard
            let row = try await handle.sql.raw(
                "SELECT \(unsafeRaw: Self.documentColumns), content FROM meeting_documents WHERE id = \(bind: id.rawValue)"
            ).first()
        else { return nil }
        guard let bytes = Data(base64Encoded: try row.decode(column: "content", as: String.self)) else {
            throw StoreError.unknownValue(column: "content", value: "(not base64)")
        }
        return (try Self.document(row), Array(bytes))
    }

    static func document(_ row: any SQLRow) throws -> MeetingDocument {
        let type = try row.decode(column: "media_type", as: String.self)
        guard let mediaType = CaseDocument.MediaType(rawValue: type) else { throw StoreError.unknownValue(column: "media_type", value: type) }
        return MeetingDocument(
            id: .init(try row.decode(column: "id", as: String.self)), meeting: .init(try row.decode(column: "meeting_id", as: String.self)),
            name: try row.decode(column: "name", as: String.self), language: try row.decode(column: "language", as: String.self),
            mediaType: mediaType, size: try row.decode(column: "size", as: Int.self), sha256: try row.decode(column: "sha256", as: String.self),
            uploadedAt: Date(timeIntervalSince1970: try row.decode(column: "uploaded_at", as: Double.self)),
            uploadedBy: .init(try row.decode(column: "uploaded_by", as: String.self)))
    }
}
