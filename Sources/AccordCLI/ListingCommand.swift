import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

struct ListingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listing", abstract: "Review registry listings: the queue, and one step on one listing.", subcommands: [Queue.self, Review.self])

    struct Queue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Listings waiting for review (submitted, or changed since approval).")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let waiting = try await options.with { dependencies in
                let registrar = Registrar(dependencies: dependencies)
                let caller = Account.commandLine(at: dependencies.clock.now)
                var hits: [RegistryHit] = []
                for status in [Microcredential.Status.submitted, .changed] {
                    hits += try await registrar.search(RegistryQuery(status: status, pageSize: RegistryQuery.maxPageSize), by: caller).items
                }
                return hits
            }
            if waiting.isEmpty { print("nothing waits for review") }
            for hit in waiting {
                print("\(hit.microcredential.id)\t\(hit.microcredential.status.label)\t\(hit.providerName)\t\(hit.microcredential.title)")
            }
        }
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take one review step on a listing, recorded in the audit log as the command line.",
            discussion: "Steps: submit, approve, return (needs --reasons), withdraw.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "The listing's id.") var id: String
        @Argument(help: "submit, approve, return or withdraw.") var step: ListingReview.Step
        @Option(help: "Why the listing is returned: what must change.") var reasons: String?

        func run() async throws {
            let item = try await options.with { dependencies in
                try await Registrar(dependencies: dependencies).review(
                    step, .init(id), reasons: reasons, by: .commandLine(at: dependencies.clock.now))
            }
            print("\(item.id): \(item.status.label)")
        }
    }
}

extension ListingReview.Step: ExpressibleByArgument {}
