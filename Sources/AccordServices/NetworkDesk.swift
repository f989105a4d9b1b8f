import Foundation
import RecognitionCore

/// The secretariat's work with the NIC network: surveys sent to countries' focal points (drafted, opened, answered,
/// followed, closed) and each country's action plan. Admins run surveys; a focal point answers for its own country and
/// keeps its own plan; the network's members read the plans. Every change is audited.
public struct NetworkDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    // MARK: surveys

    /// What an admin sends to create or redraft a survey: the questionnaire as sections, or as the line format.
    public struct SurveyInput: Sendable, Decodable {
        public var title: String
        public var introduction: String?
        public var sections: [Survey.Section]?
        public var definition: String?
        public var countries: [String]
        public var closesOn: String?

        public init(
            title: String, introduction: String? = nil, sections: [Survey.Section]? = nil, definition: String? = nil, countries: [String],
            closesOn: String? = nil
        ) {
            self.title = title
            self.introduction = introduction
            self.sections = sections
            self.definition = definition
            self.countries = countries
            self.closesOn = closesOn
        }

        func questionnaire() throws -> [Survey.Section] {
            switch (sections, definition) {
            case (let sections?, nil): return sections
            case (nil, let text?):
                guard text.utf8.count <= 100_000 else { throw ValidationFailure([.init(field: "definition", message: "at most 100 KB")]) }
                return try Survey.sections(from: text).get()
            default: throw ValidationFailure([.init(field: "sections", message: "give the sections or the definition text, one of them")])
            }
        }
    }

    public func create(_ input: SurveyInput, by caller: Account?) async throws -> Survey {
        try caller.authorize(.editReferenceData)
        let survey = Survey(
            id: .init("sv-" + dependencies.random.hexID()), title: input.title, introduction: input.introduction,
            sections: try input.questionnaire(), countries: input.countries.map { $0.uppercased() }, closesOn: input.closesOn,
            createdAt: dependencies.clock.now)
        let issues = survey.issues
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return try await stores.transaction { tx in
            try await tx.network.save(survey)
            try await dependencies.record(.create, .init(.survey, survey.id.rawValue), by: caller, summary: survey, in: tx)
            return survey
        }
    }

    /// Redrafts a survey: only while it is a draft (answers are kept by question id, so the questions cannot move later).
    public func update(_ id: Survey.ID, with input: SurveyInput, by caller: Account?) async throws -> Survey {
        try caller.authorize(.editReferenceData)
        let sections = try input.questionnaire()
        return try await stores.transaction { tx in
            guard var survey = try await tx.network.survey(id) else { throw StoreError.notFound(kind: "survey", id: id.rawValue) }
            guard survey.state == .draft else { throw StoreError.conflict("the survey is \(survey.state.rawValue): only a draft is changed") }
            survey.title = input.title
            survey.introduction = input.introduction
            survey.sections = sections
            survey.countries = input.countries.map { $0.uppercased() }
            survey.closesOn = input.closesOn
            let issues = survey.issues
            guard issues.isEmpty else { throw ValidationFailure(issues) }
            try await tx.network.save(survey)
            try await dependencies.record(.update, .init(.survey, id.rawValue), by: caller, summary: survey, in: tx)
            return survey
        }
    }

    /// Opens a draft for answers, or closes an open survey.
    public func move(_ id: Survey.ID, to state: Survey.State, by caller: Account?) async throws -> Survey {
        try caller.authorize(.editReferenceData)
        return try await stores.transaction { tx in
            guard var survey = try await tx.network.survey(id) else { throw StoreError.notFound(kind: "survey", id: id.rawValue) }
            switch (survey.state, state) {
            case (.draft, .open), (.open, .closed): break
            default: throw StoreError.conflict("a \(survey.state.rawValue) survey cannot be \(state == .open ? "opened" : "closed")")
            }
            survey.state = state
            try await tx.network.save(survey)
            try await dependencies.record(
                state == .open ? .open : .close, .init(.survey, id.rawValue), by: caller, summary: ["state": state.rawValue], in: tx)
            return survey
        }
    }

    /// Admins see every survey; a focal point the open and closed ones sent to its country.
    public func surveys(for caller: Account?) async throws -> [Survey] {
        let all = try await stores.network.surveys()
        if caller.may(.editReferenceData) { return all }
        guard let account = caller else { throw AccessError.unauthenticated }
        guard case .focalPoint(let country) = account.role else {
            throw AccessError.forbidden("surveys are for admins and the countries' focal points; this account is a \(account.role.kind.rawValue)")
        }
        return all.filter { $0.state != .draft && $0.countries.contains(country) }
    }

    public func survey(_ id: Survey.ID, for caller: Account?) async throws -> Survey {
        guard let survey = try await surveys(for: caller).first(where: { $0.id == id }) else {
            throw StoreError.notFound(kind: "survey", id: id.rawValue)
        }
        return survey
    }

    /// A country's answers as its focal point or an admin reads them (nil when none were saved yet).
    public func response(to id: Survey.ID, from country: String, for caller: Account?) async throws -> SurveyResponse? {
        if !caller.may(.editReferenceData) { try caller.authorize(.answerSurvey(country: country)) }
        _ = try await survey(id, for: caller)
        return try await stores.network.response(to: id, from: country)
    }

    /// Saves the caller's country's answers: a draft (kinds checked, required ones may wait) or submitted (all checked).
    /// A submitted response stays submitted: later changes, while the survey is open, are submitted again.
    public func answer(
        _ id: Survey.ID, for country: String, answers: [String: Answer], submit: Bool, by caller: Account?
    ) async throws -> SurveyResponse {
        try caller.authorize(.answerSurvey(country: country))
        guard let account = caller else { throw AccessError.unauthenticated }
        guard answers.count <= Survey.maxQuestions else { throw ValidationFailure([.init(field: "answers", message: "too many answers")]) }
        return try await stores.transaction { tx in
            guard let survey = try await tx.network.survey(id), survey.state != .draft, survey.countries.contains(country) else {
                throw StoreError.notFound(kind: "survey", id: id.rawValue)
            }
            guard survey.state == .open else { throw StoreError.conflict("the survey is closed: answers are no longer taken") }
            let before = try await tx.network.response(to: id, from: country)
            let final = submit || before?.state == .submitted
            let issues = survey.issues(in: answers, final: final)
            guard issues.isEmpty else { throw ValidationFailure(issues) }
            let now = dependencies.clock.now
            let response = SurveyResponse(
                survey: id, country: country, state: final ? .submitted : .draft, answers: answers, updatedAt: now, updatedBy: account.id,
                submittedAt: final ? (before?.submittedAt ?? now) : nil)
            try await tx.network.save(response)
            try await dependencies.record(
                final ? .submit : .update, .init(.surveyResponse, "\(id):\(country)"), by: caller,
                summary: ["state": response.state.rawValue, "answered": String(answers.count)], in: tx)
            return response
        }
    }

    /// How a survey stands (admins): who was asked, who submitted, who has a draft, and every question's answers
    /// summed up over the submitted responses.
    public func results(_ id: Survey.ID, by caller: Account?) async throws -> SurveyResults {
        try caller.authorize(.editReferenceData)
        guard let survey = try await stores.network.survey(id) else { throw StoreError.notFound(kind: "survey", id: id.rawValue) }
        return SurveyResults(survey: survey, responses: try await stores.network.responses(to: id))
    }

    struct SurveyFile: Decodable {
        struct Seed: Decodable {
            let id: String
            let title: String
            let introduction: String?
            let countries: [String]
            let closesOn: String?
            let definition: String
        }
        let surveys: [Seed]
    }

    /// Adds the seeded surveys (as drafts, for an admin to review and open) when there is none yet; true when it did.
    public func seedIfEmpty(_ bytes: Data, by caller: Account? = nil) async throws -> Bool {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file = try decoder.decode(SurveyFile.self, from: bytes)
        return try await stores.transaction { tx in
            guard try await tx.network.surveys().isEmpty else { return false }
            for seed in file.surveys {
                let survey = Survey(
                    id: .init(seed.id), title: seed.title, introduction: seed.introduction,
                    sections: try Survey.sections(from: seed.definition).get(),
                    countries: seed.countries, closesOn: seed.closesOn, createdAt: dependencies.clock.now)
                let issues = survey.issues
                guard issues.isEmpty else { throw ValidationFailure(issues) }
                try await tx.network.save(survey)
                try await dependencies.record(.seed, .init(.survey, survey.id.rawValue), by: caller, summary: ["title": survey.title], in: tx)
            }
            return !file.surveys.isEmpty
        }
    }

    // MARK: action plans

    public struct ActionItemInput: Sendable, Decodable {
        public var country: String?
        public var title: String
        public var owner: String?
        public var due: String?
        public var status: ActionItem.Status?
        public var assistance: String?
        /// The meeting whose outcome the item records (one on record).
        public var meeting: Meeting.ID?

        public init(
            country: String? = nil, title: String, owner: String? = nil, due: String? = nil, status: ActionItem.Status? = nil,
            assistance: String? = nil, meeting: Meeting.ID? = nil
        ) {
            self.country = country
            self.title = title
            self.owner = owner
            self.due = due
            self.status = status
            self.assistance = assistance
            self.meeting = meeting
        }
    }

    /// Adds an item to a country's plan (its focal point's own country when the input names none).
    public func add(_ input: ActionItemInput, by caller: Account?) async throws -> ActionItem {
        var country = input.country?.uppercased()
        if country == nil, case .focalPoint(let own)? = caller?.role { country = own }
        guard let country else { throw ValidationFailure([.init(field: "country", message: "name the country whose plan this is")]) }
        try caller.authorize(.editActionPlan(country: country))
        let now = dependencies.clock.now
        let item = ActionItem(
            id: .init("ai-" + dependencies.random.hexID()), country: country, title: input.title, owner: input.owner, due: input.due,
            status: input.status ?? .planned, assistance: input.assistance, meeting: input.meeting, createdAt: now, updatedAt: now)
        let issues = item.issues
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return try await stores.transaction { tx in
            try await Self.checkMeeting(of: item, in: tx)
            try await tx.network.save(item)
            try await dependencies.record(.create, .init(.actionItem, item.id.rawValue), by: caller, summary: item, in: tx)
            return item
        }
    }

    /// Replaces an item's title, owner, due day, status, assistance request and meeting (its country stays).
    public func update(_ id: ActionItem.ID, with input: ActionItemInput, by caller: Account?) async throws -> ActionItem {
        try await stores.transaction { tx in
            guard let before = try await tx.network.actionItem(id) else { throw StoreError.notFound(kind: "action item", id: id.rawValue) }
            try caller.authorize(.editActionPlan(country: before.country))
            if let country = input.country, country.uppercased() != before.country {
                throw ValidationFailure([.init(field: "country", message: "an item stays in its country's plan")])
            }
            var item = before
            item.title = input.title
            item.owner = input.owner
            item.due = input.due
            item.status = input.status ?? before.status
            item.assistance = input.assistance
            item.meeting = input.meeting
            item.updatedAt = dependencies.clock.now
            let issues = item.issues
            guard issues.isEmpty else { throw ValidationFailure(issues) }
            try await Self.checkMeeting(of: item, in: tx)
            try await tx.network.save(item)
            try await dependencies.record(.update, .init(.actionItem, id.rawValue), by: caller, summary: Change(before: before, after: item), in: tx)
            return item
        }
    }

    static func checkMeeting(of item: ActionItem, in tx: any Stores) async throws {
        if let meeting = item.meeting, try await tx.network.meeting(meeting) == nil {
            throw ValidationFailure([.init(field: "meeting", message: "no meeting '\(meeting)' on record")])
        }
    }

    /// The network's plans (admins, evaluators, focal points), optionally one country's, each item marked when overdue.
    public func actionItems(country: String?, by caller: Account?) async throws -> [ActionItemView] {
        try caller.authorize(.readNetworkContacts)
        let today = CalendarDay(dependencies.clock.now)
        return try await stores.network.actionItems(country: country?.uppercased()).map { item in
            ActionItemView(item: item, overdue: item.isOverdue(on: today), editable: caller.may(.editActionPlan(country: item.country)))
        }
    }

    public func actionItem(_ id: ActionItem.ID, by caller: Account?) async throws -> ActionItemView {
        try caller.authorize(.readNetworkContacts)
        guard let item = try await stores.network.actionItem(id) else { throw StoreError.notFound(kind: "action item", id: id.rawValue) }
        return ActionItemView(
            item: item, overdue: item.isOverdue(on: CalendarDay(dependencies.clock.now)),
            editable: caller.may(.editActionPlan(country: item.country)))
    }
}

/// An action item as it is listed: overdue or not, and whether the reader may change it.
public struct ActionItemView: Sendable, Encodable {
    public let item: ActionItem
    public let overdue: Bool
    public let editable: Bool

    public func encode(to encoder: any Encoder) throws {
        try item.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(overdue, forKey: .overdue)
    }

    private enum Keys: String, CodingKey { case overdue }
}

extension ActionItemView {
    /// Items as CSV, one a line, in the order given.
    public static func csv(_ items: [ActionItemView]) -> String {
        var text = CSV.line(["id", "country", "title", "owner", "due", "status", "overdue", "assistance", "meeting"])
        for view in items {
            let item = view.item
            text += CSV.line([
                item.id.rawValue, item.country, item.title, item.owner ?? "", item.due ?? "", item.status.rawValue, view.overdue ? "yes" : "no",
                item.assistance ?? "", item.meeting?.rawValue ?? "",
            ])
        }
        return text
    }
}
