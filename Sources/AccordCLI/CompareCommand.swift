import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

/// The comparison engine from the command line: the same answer as `GET /api/v1/compare`, as text or as its JSON.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare a level (and credits or hours) of one framework into another, with the path and why.",
        discussion: "Exit status: 0 with an answer (a \"none\" basis is an answer), 1 for an unknown framework or level.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "FRAMEWORK:LEVEL, such as hkqf:4 (or only FRAMEWORK to convert a volume).") var from: String
    @Option(help: "The framework to compare into, such as nzqcf.") var to: String
    @Option(help: "Credits in the source framework.") var credits: Double?
    @Option(help: "Declared notional hours (where the source has no credit standard).") var hours: Double?
    @Option(help: "text or json.") var format: String = "text"

    func validate() throws {
        guard format == "text" || format == "json" else { throw ValidationError("--format must be text or json") }
        guard ComparisonRequest.place(from) != nil else { throw ValidationError("--from must be FRAMEWORK or FRAMEWORK:LEVEL, such as hkqf:4") }
        guard credits == nil || hours == nil else { throw ValidationError("give --credits or --hours, not both") }
    }

    func run() async throws {
        guard let (framework, level) = ComparisonRequest.place(from) else { throw ValidationError("--from is not FRAMEWORK:LEVEL") }
        let request = ComparisonRequest(from: framework, level: level, credits: credits, hours: hours, to: .init(to))
        let result = try await options.with { dependencies in
            try await IssuerKeyCommand.reporting { try await ReferenceDesk(dependencies: dependencies).compare(request) }
        }
        if format == "json" {
            print(String(decoding: try JSONEncoder.wire.encode(result), as: UTF8.self))
            return
        }
        print(
            "\(result.from.notation) → \(result.to.levels.map { Comparison.Place(result.to.framework, $0).notation } ?? "\(result.to.framework): no basis")"
        )
        print("basis \(result.basis.rawValue), confidence \(Span.number(result.confidence))")
        for step in result.path {
            print(
                "  \(step.from.notation) → \(step.to.notation)  \(step.statement)\(step.reversed ? " (read backwards)" : "")  \(step.date ?? "undated")"
            )
            if let source = step.source { print("    \(source)") }
        }
        if let volume = result.volume {
            print("hours \(volume.hours?.text ?? "none"), \(result.to.framework) credits \(volume.credits?.text ?? "none")")
        }
        print(result.explanation)
    }
}
