import Foundation

/// A questionnaire the secretariat sends to chosen countries' focal points (the pre-workshop survey on the 1983 and
/// 2011 Conventions, for one): sections of questions, the countries asked, and whether it is being drafted, open for
/// answers or closed.
public struct Survey: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<Survey>

    public enum State: String, Sendable, Codable, CaseIterable {
        case draft
        case open
        case closed
    }

    public struct Section: Sendable, Equatable, Codable {
        public var title: String
        public var questions: [Question]

        public init(title: String, questions: [Question]) {
            self.title = title
            self.questions = questions
        }
    }

    public struct Question: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            case single
            case multiple
            case scale
            case number
            case text
        }

        /// Stable within the survey (`q1`, `q2`…): answers are kept by it.
        public var id: String
        public var kind: Kind
        public var text: String
        public var options: [String]
        public var required: Bool
        /// The ends of a scale question (1 and 5 unless the definition says otherwise).
        public var scaleMin: Int?
        public var scaleMax: Int?

        public init(
            id: String, kind: Kind, text: String, options: [String] = [], required: Bool = false, scaleMin: Int? = nil, scaleMax: Int? = nil
        ) {
            self.id = id
            self.kind = kind
            self.text = text
            self.options = options
            self.required = required
            self.scaleMin = scaleMin
            self.scaleMax = scaleMax
        }
    }

    public static let maxQuestions = 100
    public static let maxOptions = 20
    public static let maxCountries = 200

    public var id: ID
    public var title: String
    public var introduction: String?
    public var sections: [Section]
    /// ISO 3166 alpha-2 codes of the countries whose focal points answer.
    public var countries: [String]
    public var state: State
    /// The last day for answers (YYYY-MM-DD), shown to focal points; closing is the admin's act.
    public var closesOn: String?
    public var createdAt: Date

    public init(
        id: ID, title: String, introduction: String? = nil, sections: [Section], countries: [String], state: State = .draft,
        closesOn: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.title = title
        self.introduction = introduction
        self.sections = sections
        self.countries = countries
        self.state = state
        self.closesOn = closesOn
        self.createdAt = createdAt
    }

    public var questions: [Question] { sections.flatMap(\.questions) }

    /// What is wrong with the survey as defined: empty sections, duplicate ids, choices without options, bad scales,
    /// unknown or repeated countries, limits.
    public var issues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if title.trimmingCharacters(in: .whitespaces).isEmpty || title.count > 300 {
            issues.append(.init(field: "title", message: "is required (at most 300 characters)"))
        }
        if (introduction?.count ?? 0) > 5_000 { issues.append(.init(field: "introduction", message: "at most 5,000 characters")) }
        let all = questions
        if all.isEmpty || all.count > Self.maxQuestions {
            issues.append(.init(field: "sections", message: "ask 1 to \(Self.maxQuestions) questions"))
        }
        if Set(all.map(\.id)).count != all.count { issues.append(.init(field: "sections", message: "question ids must differ")) }
        for (index, section) in sections.enumerated() where section.questions.isEmpty || section.title.count > 300 {
            issues.append(.init(field: "sections[\(index)]", message: "needs a title of at most 300 characters and a question"))
        }
        for question in all {
            let place = "question \(question.id)"
            if question.text.trimmingCharacters(in: .whitespaces).isEmpty || question.text.count > 1_000 {
                issues.append(.init(field: place, message: "needs a text of at most 1,000 characters"))
            }
            switch question.kind {
            case .single, .multiple:
                if question.options.count < 2 || question.options.count > Self.maxOptions || Set(question.options).count != question.options.count
                    || question.options.contains(where: { $0.isEmpty || $0.count > 200 })
                {
                    issues.append(.init(field: place, message: "a choice needs 2 to \(Self.maxOptions) different options of at most 200 characters"))
                }
            case .scale:
                let (low, high) = (question.scaleMin ?? 1, question.scaleMax ?? 5)
                if low >= high || high - low > 10 {
                    issues.append(.init(field: place, message: "a scale runs from a low to a high end, 2 to 11 points"))
                }
            case .number, .text:
                if !question.options.isEmpty { issues.append(.init(field: place, message: "only choices have options")) }
            }
        }
        if countries.isEmpty || countries.count > Self.maxCountries || Set(countries).count != countries.count
            || !countries.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
        {
            issues.append(.init(field: "countries", message: "name 1 to \(Self.maxCountries) different ISO 3166 alpha-2 codes"))
        }
        if let closesOn, CalendarDay(closesOn) == nil { issues.append(.init(field: "closes_on", message: "must be a day, YYYY-MM-DD")) }
        return issues
    }

    /// What is wrong with a set of answers: unknown questions, answers of the wrong kind or out of range, and, when the
    /// answers are submitted (not a draft), required questions left blank.
    public func issues(in answers: [String: Answer], final: Bool) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for key in answers.keys.sorted() where byID[key] == nil {
            issues.append(.init(field: key, message: "is not a question of this survey"))
        }
        for question in questions {
            guard let answer = answers[question.id], !answer.isBlank else {
                if final && question.required { issues.append(.init(field: question.id, message: "is required")) }
                continue
            }
            if let problem = question.problem(with: answer) { issues.append(.init(field: question.id, message: problem)) }
        }
        return issues
    }
}

extension Survey.Question {
    /// Why `answer` does not fit this question, or nil when it does.
    func problem(with answer: Answer) -> String? {
        switch (kind, answer) {
        case (.single, .text(let choice)):
            return options.contains(choice) ? nil : "choose one of the options"
        case (.multiple, .choices(let choices)):
            return Set(choices).isSubset(of: options) && Set(choices).count == choices.count ? nil : "choose among the options, each once"
        case (.scale, .number(let value)):
            let (low, high) = (Double(scaleMin ?? 1), Double(scaleMax ?? 5))
            return value == value.rounded() && value >= low && value <= high ? nil : "a whole number from \(Int(low)) to \(Int(high))"
        case (.number, .number(let value)):
            return value.isFinite && abs(value) < 1e12 ? nil : "a number"
        case (.text, .text(let text)):
            return text.count <= 5_000 ? nil : "at most 5,000 characters"
        default:
            return "the answer is not of the kind the question asks (\(kind.rawValue))"
        }
    }
}

/// One answer: a choice or a text, several choices, or a number (scales too).
public enum Answer: Sendable, Equatable, Codable {
    case text(String)
    case choices([String])
    case number(Double)

    var isBlank: Bool {
        switch self {
        case .text(let text): text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .choices(let choices): choices.isEmpty
        case .number: false
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .choices(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .choices(let choices): try container.encode(choices)
        case .number(let number): try container.encode(number)
        }
    }

    /// As one spreadsheet cell: choices joined by "; ".
    public var cell: String {
        switch self {
        case .text(let text): text
        case .choices(let choices): choices.joined(separator: "; ")
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        }
    }
}

/// A country's answers to a survey: a draft its focal point keeps, or submitted.
public struct SurveyResponse: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable {
        case draft
        case submitted
    }

    public var survey: Survey.ID
    public var country: String
    public var state: State
    public var answers: [String: Answer]
    public var updatedAt: Date
    public var updatedBy: Account.ID
    public var submittedAt: Date?

    public init(
        survey: Survey.ID, country: String, state: State, answers: [String: Answer], updatedAt: Date, updatedBy: Account.ID,
        submittedAt: Date? = nil
    ) {
        self.survey = survey
        self.country = country
        self.state = state
        self.answers = answers
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.submittedAt = submittedAt
    }
}
