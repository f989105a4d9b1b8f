import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/compare`: the comparison engine for anyone, as a form and its answer with the path, the sources and why.
struct ComparePages {
    let reference: ReferenceDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/compare", use: compare)
    }

    struct CompareModel: PageModel {
        static let template = "compare"
        let title: String
        let sources: [RegistryPages.Option]
        let targets: [RegistryPages.Option]
        let level: String
        let credits: String
        let hours: String
        let result: ResultView?
        let error: String?
        let jsonLink: String?
    }

    struct ResultView {
        let answer: String
        let isNone: Bool
        let basis: String
        let confidence: String
        let steps: [StepView]
        let hasSteps: Bool
        let hours: String?
        let credits: String?
        let explanation: String
    }

    struct StepView {
        let from: String
        let to: String
        let statement: String
        let statementLink: String
        let date: String
        let reversed: Bool
        let source: String?
        let confirmed: String
    }

    func compare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let engine = try await reference.comparisonEngine()
        let words = context.words
        let field = { (name: String) in query[name[...]].map(String.init) ?? "" }
        let from = field("from")
        let to = field("to")
        func options(_ selected: String) -> [RegistryPages.Option] {
            [RegistryPages.Option(value: "", label: words("Choose a framework"), selected: selected.isEmpty)]
                + engine.frameworks.map { .init(value: $0.id.rawValue, label: "\($0.name) (\($0.id))", selected: $0.id.rawValue == selected) }
        }
        var result: ResultView?
        var error: String?
        var jsonLink: String?
        if !from.isEmpty || !to.isEmpty {
            var parameters: [String: String] = ["to": to, "credits": field("credits"), "hours": field("hours")]
            parameters["from"] = field("level").isEmpty ? from : "\(from):\(field("level"))"
            let encoded = parameters.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map {
                "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-.:"))) ?? "")"
            }
            do {
                let request = try ReferenceAPIController.comparison { parameters[$0] }
                let comparison = try ReferenceDesk.compare(request, with: engine)
                result = view(comparison, engine: engine, words: words)
                jsonLink = "/api/v1/compare?" + encoded.joined(separator: "&")
            } catch let failure as ValidationFailure {
                error = failure.issues.map(\.description).joined(separator: "; ")
            } catch let missing as StoreError {
                error = missing.description
            }
        }
        return try pages.render(
            CompareModel(
                title: words("Compare levels and credits"), sources: options(from), targets: options(to), level: field("level"),
                credits: field("credits"), hours: field("hours"), result: result, error: error, jsonLink: jsonLink),
            context: context)
    }

    func view(_ comparison: Comparison, engine: ComparisonEngine, words: Words) -> ResultView {
        let target = engine.framework(comparison.to.framework)?.name ?? comparison.to.framework.rawValue
        let answer = comparison.to.levels.map { levels in
            levels.count == 1
                ? words("{framework} level {level}", ["framework": target, "level": "\(levels.lowerBound)"])
                : words("{framework} levels {low}–{high}", ["framework": target, "low": "\(levels.lowerBound)", "high": "\(levels.upperBound)"])
        }
        let basis = words(Labels.basis(comparison.basis))
        let steps = comparison.path.map { step in
            StepView(
                from: step.from.notation, to: step.to.notation, statement: step.statement.rawValue,
                statementLink: SiteURL.framework(step.reversed ? step.to.framework : step.from.framework).path,
                date: step.date ?? words("undated"), reversed: step.reversed, source: DirectoryPages.webLink(step.source),
                confirmed: step.confirmed ? words("confirmed") : words("partly confirmed"))
        }
        return ResultView(
            answer: answer ?? words("No basis for a level"), isNone: comparison.basis == .none, basis: basis,
            confidence: "\(Int((comparison.confidence * 100).rounded())) %", steps: steps, hasSteps: !steps.isEmpty,
            hours: comparison.volume?.hours?.text, credits: comparison.volume?.credits?.text, explanation: comparison.explanation)
    }
}
