import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/surveys`: admins define, open, follow and close surveys; focal points answer for their country, with drafts.
struct SurveyPages {
    let desk: NetworkDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/surveys", use: surveys)
        router.post("/surveys", use: create)
        router.get("/surveys/:id", use: survey)
        router.post("/surveys/:id", use: redraft)
        router.post("/surveys/:id/open") { request, context in try await move(request, context, to: .open) }
        router.post("/surveys/:id/close") { request, context in try await move(request, context, to: .closed) }
        router.post("/surveys/:id/answers", use: answer)
        router.get("/surveys/:id/results.csv", use: resultsCSV)
    }

    static let example = """
        # Readiness to ratify the 2011 Tokyo Convention
        ? single! Where does your country stand on the 2011 Convention? | Party | Ratification under way | Not considered yet
        ? scale 1-5 How ready is your country to ratify it?
        ? multiple Obstacles | Legal review | Coordination between ministries | Capacity of the NIC
        ? number Staff working on recognition at the NIC
        ? text What technical assistance would help most?
        """

    // MARK: the list

    struct ListModel: PageModel {
        static let template = "surveys"
        let title: String
        let rows: [Row]
        let isAdmin: Bool
        let example: String
        let values: [String: String]
        let error: String?
    }

    struct Row {
        let link: String
        let title: String
        let state: String
        let countries: Int
        let yours: String?
    }

    func surveys(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderList(context: context, values: [:], error: nil, status: .ok)
    }

    func renderList(context: AppRequestContext, values: [String: String], error: String?, status: HTTPResponse.Status) async throws -> Response {
        let list = try await desk.surveys(for: context.account)
        var rows: [Row] = []
        for survey in list {
            var yours: String?
            if case .focalPoint(let country)? = context.account?.role {
                let response = try await desk.response(to: survey.id, from: country, for: context.account)
                yours = context.words(Self.responseLabel(response?.state))
            }
            rows.append(
                Row(
                    link: SiteURL.survey(survey.id).path, title: survey.title, state: context.words(Self.stateLabel(survey.state)),
                    countries: survey.countries.count, yours: yours))
        }
        var response = try pages.render(
            ListModel(
                title: context.words("Surveys"), rows: rows, isAdmin: context.account.may(.editReferenceData), example: Self.example, values: values,
                error: error),
            context: context)
        response.status = status
        return response
    }

    static func stateLabel(_ state: Survey.State) -> Phrase {
        switch state {
        case .draft: Phrase("draft")
        case .open: Phrase("open for answers")
        case .closed: Phrase("closed")
        }
    }

    static func responseLabel(_ state: SurveyResponse.State?) -> Phrase {
        switch state {
        case .draft: Phrase("draft saved")
        case .submitted: Phrase("submitted")
        case nil: Phrase("not answered yet")
        }
    }

    struct SurveyForm: Decodable {
        var csrf: String?
        var title: String?
        var introduction: String?
        var countries: String?
        var definition: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case title, introduction, countries, definition
        }

        var input: NetworkDesk.SurveyInput {
            NetworkDesk.SurveyInput(
                title: title ?? "", introduction: Forms.present(introduction), definition: definition ?? "",
                countries: (countries ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).map { String($0).uppercased() })
        }

        var values: [String: String] {
            ["title": title ?? "", "introduction": introduction ?? "", "countries": countries ?? "", "definition": definition ?? ""]
        }
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(SurveyForm.self, from: request, limit: 200_000)
        try Forms.requireCSRF(form.csrf, context)
        do {
            let survey = try await desk.create(form.input, by: context.account)
            return Response.redirect(to: SiteURL.survey(survey.id).path, type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderList(
                context: context, values: form.values, error: failure.issues.map(\.description).joined(separator: "; "), status: .badRequest)
        }
    }

    // MARK: one survey

    struct SurveyModel: PageModel {
        static let template = "survey"
        let title: String
        let survey: Survey
        let state: String
        let isAdmin: Bool
        let isDraft: Bool
        let isOpen: Bool
        let openAction: String
        let closeAction: String
        let editAction: String
        let definition: String
        let countries: String
        let results: ResultsView?
        let form: AnswerForm?
        let error: String?
    }

    struct ResultsView {
        let asked: Int
        let submitted: Int
        let rate: String
        let submittedCountries: String?
        let drafts: String?
        let waiting: String?
        let questions: [QuestionView]
        let csvLink: String
    }

    struct QuestionView {
        let text: String
        let answered: Int
        let chart: String
        let summary: String?
        let texts: [SurveyResults.CountryText]
    }

    struct AnswerForm {
        let action: String
        let country: String
        let status: String
        let submitted: Bool
        let sections: [SectionForm]
    }

    struct SectionForm {
        let title: String
        let questions: [QuestionForm]
    }

    struct QuestionForm {
        let id: String
        let text: String
        let required: Bool
        let isChoice: Bool
        let isMultiple: Bool
        let isText: Bool
        let isNumber: Bool
        let min: String
        let max: String
        let value: String
        let options: [OptionForm]
    }

    struct OptionForm {
        let value: String
        let checked: Bool
        let inputID: String
    }

    func survey(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderSurvey(try context.parameters.require("id"), context: context, error: nil, status: .ok)
    }

    func renderSurvey(
        _ id: String, context: AppRequestContext, error: String?, status: HTTPResponse.Status, posted: [String: Answer]? = nil
    ) async throws -> Response {
        let words = context.words
        let survey = try await desk.survey(.init(id), for: context.account)
        let isAdmin = context.account.may(.editReferenceData)
        var results: ResultsView?
        if isAdmin {
            let figures = try await desk.results(survey.id, by: context.account)
            results = ResultsView(
                asked: figures.asked, submitted: figures.submitted.count, rate: String(format: "%.0f%%", figures.rate * 100),
                submittedCountries: Self.list(figures.submitted), drafts: Self.list(figures.drafts), waiting: Self.list(figures.waiting),
                questions: figures.questions.map { question in
                    let summary: String? =
                        question.mean.map { mean in
                            words(
                                "mean {mean}, median {median}",
                                ["mean": String(format: "%.1f", mean), "median": String(format: "%g", question.median ?? mean)])
                        }
                    return QuestionView(
                        text: question.text, answered: question.answered,
                        chart: question.counts.isEmpty
                            ? "" : SVGCharts.bars(question.counts.map { ($0.option, $0.count) }, title: question.text, id: "chart-\(question.id)"),
                        summary: summary, texts: question.texts)
                },
                csvLink: SiteURL.surveyCSV(survey.id).path)
        }
        var form: AnswerForm?
        if case .focalPoint(let country)? = context.account?.role {
            let saved = try await desk.response(to: survey.id, from: country, for: context.account)
            let answers = posted ?? saved?.answers ?? [:]
            form = AnswerForm(
                action: SiteURL.surveyAnswers(survey.id).path, country: country, status: words(Self.responseLabel(saved?.state)),
                submitted: saved?.state == .submitted,
                sections: survey.sections.map { section in
                    SectionForm(title: section.title, questions: section.questions.map { Self.questionForm($0, answer: answers[$0.id]) })
                })
        }
        let model = SurveyModel(
            title: survey.title, survey: survey, state: words(Self.stateLabel(survey.state)), isAdmin: isAdmin, isDraft: survey.state == .draft,
            isOpen: survey.state == .open, openAction: SiteURL.surveyOpen(survey.id).path, closeAction: SiteURL.surveyClose(survey.id).path,
            editAction: SiteURL.survey(survey.id).path, definition: Survey.text(of: survey.sections),
            countries: survey.countries.joined(separator: ", "),
            results: results, form: form, error: error)
        var response = try pages.render(model, context: context)
        response.status = status
        return response
    }

    /// Countries joined for a sentence, nil when there are none (so the sentence is left out).
    static func list(_ countries: [String]) -> String? { countries.isEmpty ? nil : countries.joined(separator: ", ") }

    static func questionForm(_ question: Survey.Question, answer: Answer?) -> QuestionForm {
        let chosen: Set<String> =
            switch answer {
            case .text(let text)?: [text]
            case .choices(let choices)?: Set(choices)
            default: []
            }
        var value = ""
        if case .text(let text)? = answer, question.kind == .text { value = text }
        if case .number? = answer { value = answer?.cell ?? "" }
        let scale = question.kind == .scale
        let options =
            scale ? ((question.scaleMin ?? 1)...(question.scaleMax ?? 5)).map(String.init) : question.options
        return QuestionForm(
            id: question.id, text: question.text, required: question.required, isChoice: question.kind == .single || scale,
            isMultiple: question.kind == .multiple, isText: question.kind == .text, isNumber: question.kind == .number,
            min: "", max: "", value: value,
            options: options.enumerated().map { index, option in
                OptionForm(value: option, checked: scale ? value == option : chosen.contains(option), inputID: "\(question.id)-\(index)")
            })
    }

    func redraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(SurveyForm.self, from: request, limit: 200_000)
        try Forms.requireCSRF(form.csrf, context)
        let id = try context.parameters.require("id")
        do {
            _ = try await desk.update(.init(id), with: form.input, by: context.account)
            return Response.redirect(to: SiteURL.survey(.init(id)).path, type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderSurvey(id, context: context, error: failure.issues.map(\.description).joined(separator: "; "), status: .badRequest)
        }
    }

    func move(_ request: Request, _ context: AppRequestContext, to state: Survey.State) async throws -> Response {
        let form = try await Forms.decode(CSRFOnlyForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        let id = try context.parameters.require("id")
        _ = try await desk.move(.init(id), to: state, by: context.account)
        return Response.redirect(to: SiteURL.survey(.init(id)).path, type: .normal)
    }

    /// The focal point's form: every question's field by its id (checkboxes repeat it), `_submit` says which button.
    func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let pairs = try await Forms.pairs(from: request, limit: 200_000)
        try Forms.requireCSRF(pairs.first { $0.name == "_csrf" }?.value, context)
        let id = try context.parameters.require("id")
        guard case .focalPoint(let country)? = context.account?.role else { throw AccessError.forbidden("only a focal point answers a survey") }
        let survey = try await desk.survey(.init(id), for: context.account)
        var answers: [String: Answer] = [:]
        var problems: [String] = []
        for question in survey.questions {
            let values = pairs.filter { $0.name == question.id }.map(\.value).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            guard !values.isEmpty else { continue }
            switch question.kind {
            case .multiple: answers[question.id] = .choices(values)
            case .scale, .number:
                if let number = Double(values[0].trimmingCharacters(in: .whitespaces)) {
                    answers[question.id] = .number(number)
                } else {
                    problems.append("\(question.id): " + context.words("a number"))
                }
            case .single, .text: answers[question.id] = .text(values[0])
            }
        }
        let submit = pairs.contains { $0.name == "_submit" && $0.value == "1" }
        guard problems.isEmpty else {
            return try await renderSurvey(id, context: context, error: problems.joined(separator: "; "), status: .badRequest, posted: answers)
        }
        do {
            _ = try await desk.answer(.init(id), for: country, answers: answers, submit: submit, by: context.account)
            return Response.redirect(to: SiteURL.survey(.init(id)).path, type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderSurvey(
                id, context: context, error: failure.issues.map(\.description).joined(separator: "; "), status: .badRequest, posted: answers)
        }
    }

    func resultsCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let results = try await desk.results(.init(try context.parameters.require("id")), by: context.account)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(results.survey.id.rawValue)-responses.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: results.csv)))
    }
}
