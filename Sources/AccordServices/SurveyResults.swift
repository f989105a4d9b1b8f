import Foundation
import RecognitionCore

/// A survey's standing for the secretariat: the response rate, and each question's submitted answers summed up (a
/// count per option, the spread of a scale or a number, the texts with their countries). Drafts are counted, never
/// summed: what a focal point has not submitted is not an answer yet.
public struct SurveyResults: Sendable, Encodable {
    public let survey: Survey
    public let asked: Int
    public let submitted: [String]
    public let drafts: [String]
    public let waiting: [String]
    public let questions: [QuestionResult]
    let responses: [SurveyResponse]

    public var rate: Double { asked == 0 ? 0 : Double(submitted.count) / Double(asked) }

    public struct QuestionResult: Sendable, Encodable {
        public let id: String
        public let kind: Survey.Question.Kind
        public let text: String
        public let answered: Int
        /// Single and multiple choices, and scales (each point): how many chose each.
        public let counts: [Count]
        public let mean: Double?
        public let median: Double?
        /// Text answers, with the country that gave each.
        public let texts: [CountryText]
    }

    public struct Count: Sendable, Encodable {
        public let option: String
        public let count: Int
    }

    public struct CountryText: Sendable, Encodable {
        public let country: String
        public let text: String
    }

    public init(survey: Survey, responses: [SurveyResponse]) {
        self.survey = survey
        self.responses = responses
        let asked = Set(survey.countries)
        let final = responses.filter { $0.state == .submitted && asked.contains($0.country) }
        self.asked = asked.count
        submitted = final.map(\.country).sorted()
        drafts = responses.filter { $0.state == .draft && asked.contains($0.country) }.map(\.country).sorted()
        waiting = asked.subtracting(submitted).subtracting(drafts).sorted()
        questions = survey.questions.map { question in
            let answers = final.compactMap { response in response.answers[question.id].map { (response.country, $0) } }
            var counts: [Count] = []
            var numbers: [Double] = []
            var texts: [CountryText] = []
            switch question.kind {
            case .single, .multiple:
                counts = question.options.map { option in
                    Count(
                        option: option,
                        count: answers.filter { _, answer in
                            switch answer {
                            case .text(let choice): choice == option
                            case .choices(let choices): choices.contains(option)
                            case .number: false
                            }
                        }.count)
                }
            case .scale, .number:
                numbers = answers.compactMap { _, answer in if case .number(let value) = answer { value } else { nil } }.sorted()
                if question.kind == .scale {
                    counts = ((question.scaleMin ?? 1)...(question.scaleMax ?? 5)).map { point in
                        Count(option: String(point), count: numbers.filter { $0 == Double(point) }.count)
                    }
                }
            case .text:
                texts = answers.compactMap { country, answer in
                    if case .text(let text) = answer { CountryText(country: country, text: text) } else { nil }
                }
            }
            let median: Double? =
                numbers.isEmpty
                ? nil : numbers.count % 2 == 1 ? numbers[numbers.count / 2] : (numbers[numbers.count / 2 - 1] + numbers[numbers.count / 2]) / 2
            return QuestionResult(
                id: question.id, kind: question.kind, text: question.text, answered: answers.count, counts: counts,
                mean: numbers.isEmpty ? nil : numbers.reduce(0, +) / Double(numbers.count), median: median, texts: texts)
        }
    }

    private enum CodingKeys: String, CodingKey { case survey, asked, submitted, drafts, waiting, rate, questions }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(survey, forKey: .survey)
        try container.encode(asked, forKey: .asked)
        try container.encode(submitted, forKey: .submitted)
        try container.encode(drafts, forKey: .drafts)
        try container.encode(waiting, forKey: .waiting)
        try container.encode(rate, forKey: .rate)
        try container.encode(questions, forKey: .questions)
    }

    /// The submitted responses as CSV: a row per country, a column per question (choices joined by "; ").
    public var csv: String {
        let questions = survey.questions
        var text = CSV.line(["country", "submitted_at"] + questions.map { "\($0.id) \($0.text)" })
        let formatter = ISO8601DateFormatter()
        for response in responses where response.state == .submitted {
            text += CSV.line(
                [response.country, response.submittedAt.map(formatter.string(from:)) ?? ""] + questions.map { response.answers[$0.id]?.cell ?? "" })
        }
        return text
    }
}
