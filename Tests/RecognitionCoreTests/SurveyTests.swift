import Foundation
import RecognitionCore
import Testing

/// The questionnaire's line format, the checks on a survey, and on answers (drafts and submissions).
@Suite struct SurveyTests {
    static let text = """
        # Readiness
        ? single! Where does your country stand? | Party | Under way | Not yet
        ? scale 1-5! How ready is it?
        ? scale! 0-10 How well known is the Convention?
        ? multiple Obstacles | Legal review | Coordination
        ? number Staff at the NIC
        # Anything else
        ? text Comments
        """

    static func survey() throws -> Survey {
        Survey(
            id: "s", title: "Test", sections: try Survey.sections(from: text).get(), countries: ["NZ", "MN"],
            createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test("the line format: sections, kinds, required marks, scale ends, options; and back to text")
    func lineFormat() throws {
        let sections = try Survey.sections(from: Self.text).get()
        #expect(sections.map(\.title) == ["Readiness", "Anything else"])
        let questions = sections.flatMap(\.questions)
        #expect(questions.map(\.id) == ["q1", "q2", "q3", "q4", "q5", "q6"])
        #expect(questions.map(\.kind) == [.single, .scale, .scale, .multiple, .number, .text])
        #expect(questions.map(\.required) == [true, true, true, false, false, false])
        #expect(questions[1].text == "How ready is it?" && questions[1].scaleMin == 1 && questions[1].scaleMax == 5)
        #expect(questions[2].scaleMin == 0 && questions[2].scaleMax == 10)
        #expect(questions[0].options == ["Party", "Under way", "Not yet"])
        #expect(try Survey.sections(from: Survey.text(of: sections)).get() == sections)
        guard case .failure(let failure) = Survey.sections(from: "# A\nWhat is this line?\n? maybe Text") else {
            Issue.record("a stray line must be refused")
            return
        }
        #expect(failure.issues.map(\.field) == ["line 2", "line 3"])
    }

    @Test("a survey's own checks: choices need options, countries are ISO codes, ids differ")
    func surveyChecks() throws {
        #expect(try Self.survey().issues.isEmpty)
        var survey = try Self.survey()
        survey.countries = ["nz", "NZL"]
        survey.sections[0].questions[0].options = ["Only one"]
        #expect(Set(survey.issues.map(\.field)) == ["countries", "question q1"])
    }

    @Test("answers: kinds and ranges always; required questions only when submitted")
    func answers() throws {
        let survey = try Self.survey()
        #expect(survey.issues(in: ["q1": .text("Party")], final: false).isEmpty)
        #expect(survey.issues(in: ["q1": .text("Party")], final: true).map(\.field) == ["q2", "q3"])
        let wrong: [String: Answer] = [
            "q1": .text("Maybe"), "q2": .number(6), "q3": .number(2.5), "q4": .choices(["Legal review", "Legal review"]), "q9": .text("x"),
        ]
        #expect(survey.issues(in: wrong, final: false).map(\.field) == ["q9", "q1", "q2", "q3", "q4"])
        let complete: [String: Answer] = ["q1": .text("Under way"), "q2": .number(3), "q3": .number(0), "q4": .choices(["Coordination"])]
        #expect(survey.issues(in: complete, final: true).isEmpty)
    }
}
