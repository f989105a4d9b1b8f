import Foundation
import RecognitionCore
import SQLKit

/// Surveys (one JSON body each, with the state beside it), each country's answers, and action items, on both engines.
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
              \(bind: item.status.rawValue), \(bind: item.assistance), \(bind: item.meeting), \(bind: item.createdAt.timeIntervalSince1970),
              \(bind: item.updatedAt.timeIntervalSince1970))
            ON CONFLICT (id) DO UPDATE SET country = excluded.country, title = excluded.title, owner = excluded.owner, due = excluded.due,
              status = excluded.status, assistance = excluded.assistance, meeting = excluded.meeting, updated_at = excluded.updated_at
            """
        ).run()
    }

    static func item(_ row: any SQLRow) throws -> ActionItem {
        let status = try row.decode(column: "status", as: String.self)
        guard let known = ActionItem.Status(rawValue: status) else { throw StoreError.unknownValue(column: "status", value: status) }
        return ActionItem(
            id: .init(try row.decode(column: "id", as: String.self)), country: try row.decode(column: "country", as: String.self),
            title: try row.decode(column: "title", as: String.self), owner: try row.decode(column: "owner", as: String?.self),
            due: try row.decode(column: "due", as: String?.self), status: known, assistance: try row.decode(column: "assistance", as: String?.self),
            meeting: try row.decode(column: "meeting", as: String?.self),
            createdAt: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)),
            updatedAt: Date(timeIntervalSince1970: try row.decode(column: "updated_at", as: Double.self)))
    }
}
