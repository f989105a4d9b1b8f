import AccordCLI
import ArgumentParser

/// The composition root: the commands of `AccordCLI` (data, accounts, audit, credentials), which reach the use cases
/// without the web layer, and `serve`, the one command that builds the HTTP application over them.
@main
struct Accord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accord: recognition of qualifications and microcredentials in Asia and the Pacific.",
        subcommands: [Serve.self] + AccordCommands.all)
}
