import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read and check the audit log.", subcommands: [Verify.self, List.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the hash chain; exit 1 naming the first event that was altered, removed or inserted.")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let verdict = try await options.with { dependencies in
                try await AuditTrail(dependencies: dependencies).verify(by: .commandLine(at: dependencies.clock.now))
            }
            switch verdict {
            case .intact(let events):
                print("audit chain intact: \(events) events")
            case .broken(let sequence, let reason):
                FileHandle.standardError.write(Data("audit chain BROKEN at event \(sequence): \(reason)\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List audit events, newest first.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "Only events about KIND:ID, e.g. microcredential:nz-ecnz-he-pataka-reo.") var subject: String?
        @Option(help: "Only events from this date (YYYY-MM-DD) or ISO 8601 time on.") var since: String?
        @Option(help: "At most this many events (1-500).") var limit = 100
        @Flag(help: "One JSON object per line.") var json = false

        func validate() throws {
            if let subject, AuditSubject(parsing: subject) == nil {
                throw ValidationError(
                    "--subject must be KIND:ID with KIND one of \(AuditSubject.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let since, Self.date(since) == nil { throw ValidationError("--since must be YYYY-MM-DD or an ISO 8601 date-time") }
            guard (1...InputLimits.auditPage).contains(limit) else { throw ValidationError("--limit must be 1 to \(InputLimits.auditPage)") }
        }

        static func date(_ text: String) -> Date? {
            let formatter = ISO8601DateFormatter()
            return formatter.date(from: text) ?? formatter.date(from: text + "T00:00:00Z")
        }

        func run() async throws {
            let events = try await options.with { dependencies in
                try await AuditTrail(dependencies: dependencies).events(
                    subject: subject.flatMap(AuditSubject.init(parsing:)), since: since.flatMap(Self.date), limit: limit,
                    by: .commandLine(at: dependencies.clock.now))
            }
            let formatter = ISO8601DateFormatter()
            for event in events {
                if json {
                    print(String(decoding: try JSONEncoder.wire.encode(event), as: UTF8.self))
                } else {
                    print(
                        "\(event.sequence)\t\(formatter.string(from: event.time))\t\(event.actor)\t\(event.action.rawValue)\t\(event.subject)\t\(event.summary)"
                    )
                }
            }
        }
    }
}
