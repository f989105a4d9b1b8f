import Foundation

/// A questionnaire as an admin types it, one line a heading or a question:
///
///     # Implementation of the 1983 Convention
///     ? single! Is your country a party to the 1983 Convention? | Yes | No | Not sure
///     ? multiple Obstacles to ratifying the 2011 Convention | Legal review | Coordination between ministries
///     ? scale 1-5! How ready is your country to ratify the 2011 Convention?
///     ? number Staff working on recognition at the NIC
///     ? text Anything else the workshop should know
///
/// `!` after the kind marks a required question; options follow `|`; a scale names its ends (1-5 when it does not).
/// Questions are numbered q1, q2… in order; lines that are neither are an error, so nothing typed is lost silently.
extension Survey {
    public static func sections(from text: String) -> Result<[Section], ValidationFailure> {
        var sections: [Section] = []
        var issues: [ValidationIssue] = []
        var number = 0
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let place = "line \(index + 1)"
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                sections.append(Section(title: line.dropFirst().trimmingCharacters(in: .whitespaces), questions: []))
                continue
            }
            guard line.hasPrefix("?") else {
                issues.append(.init(field: place, message: "start a heading with # or a question with ?"))
                continue
            }
            let parts = line.dropFirst().split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let head = parts[0].split(separator: " ", maxSplits: 1).map(String.init)
            var word = head.first ?? ""
            let marked = word.hasSuffix("!")
            if marked { word.removeLast() }
            guard let kind = Question.Kind(rawValue: word), head.count == 2 else {
                issues.append(
                    .init(
                        field: place,
                        message: "a question starts with its kind (\(Question.Kind.allCases.map(\.rawValue).joined(separator: ", "))) and a text"))
                continue
            }
            var textPart = head[1]
            var scale: (Int, Int)?
            // A scale's ends follow its kind: `scale 1-5`, `scale! 1-5` or `scale 1-5!`.
            var required = marked
            if kind == .scale, let first = textPart.split(separator: " ", maxSplits: 1).first, first.contains("-") {
                let range = first.hasSuffix("!") ? first.dropLast() : first
                let ends = range.split(separator: "-").compactMap { Int($0) }
                if ends.count == 2 {
                    scale = (ends[0], ends[1])
                    required = required || first.hasSuffix("!")
                    textPart = String(textPart.dropFirst(first.count)).trimmingCharacters(in: .whitespaces)
                }
            }
            if sections.isEmpty { sections.append(Section(title: "", questions: [])) }
            number += 1
            sections[sections.count - 1].questions.append(
                Question(
                    id: "q\(number)", kind: kind, text: textPart, options: Array(parts.dropFirst()), required: required,
                    scaleMin: scale?.0, scaleMax: scale?.1))
        }
        return issues.isEmpty ? .success(sections) : .failure(ValidationFailure(issues))
    }

    /// The sections as the admin's text again (for the edit form); `sections(from: text(of: s))` gives back `s` when
    /// the questions are numbered in order.
    public static func text(of sections: [Section]) -> String {
        var lines: [String] = []
        for section in sections {
            if !section.title.isEmpty { lines.append("# \(section.title)") }
            for question in section.questions {
                var head = question.kind.rawValue + (question.required ? "!" : "")
                if question.kind == .scale, question.scaleMin != nil || question.scaleMax != nil {
                    head += " \(question.scaleMin ?? 1)-\(question.scaleMax ?? 5)"
                }
                lines.append((["? \(head) \(question.text)"] + question.options).joined(separator: " | "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
