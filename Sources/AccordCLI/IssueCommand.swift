import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

/// `accord issue`: one credential for an approved listing, or a batch from a CSV of learners, signed with the
/// provider's active key (as the operator).
struct IssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue Open Badges 3.0 credentials for an approved listing: to one learner, or to every learner of a CSV file.",
        discussion: """
            One learner: prints the claim link (shown once); writes the signed credential to --out or standard output.
            A batch (--learners FILE.csv: email or DID, name, completion date, result): checks every row, issues the valid ones with a \
            progress bar, and writes a report with each row's claim link or error (--report, default FILE.report.csv). Running the \
            same file again (or the same --batch id) resumes where it stopped and never issues a row twice.
            """)
    @OptionGroup var options: DatabaseOptions
    @Option(help: "The listing's id.") var microcredential: String
    @Option(help: "The learner's email (the credential carries only a salted hash of it).") var email: String?
    @Option(help: "The learner's DID, instead of an email.") var did: String?
    @Option(help: "The learner's name.") var name: String?
    @Option(help: "A CSV file of learners: issue a batch.") var learners: String?
    @Option(help: "The batch's id (default: derived from the listing, the suite and the file).") var batch: String?
    @Option(help: "Where the batch report goes (default: the learners file's name + .report.csv).") var report: String?
    @Option(help: "eddsa-rdfc-2022 (default), eddsa-jcs-2022 or jwt.") var suite = "eddsa-rdfc-2022"
    @Option(help: "Write the signed credential to this file instead of standard output.") var out: String?

    func validate() throws {
        guard IssuedCredential.Suite(rawValue: suite) != nil else { throw ValidationError("--suite must be eddsa-rdfc-2022, eddsa-jcs-2022 or jwt") }
        if learners != nil {
            guard email == nil, did == nil, name == nil, out == nil else {
                throw ValidationError("--learners issues a batch: leave out --email, --did, --name and --out")
            }
            return
        }
        guard batch == nil, report == nil else { throw ValidationError("--batch and --report go with --learners") }
        guard (email == nil) != (did == nil) else { throw ValidationError("give --email or --did, one of the two (or --learners FILE.csv)") }
        guard name != nil else { throw ValidationError("give the learner's --name") }
    }

    func run() async throws {
        if let learners { return try await BatchRun(command: self, file: learners).run() }
        let name = name ?? ""
        let recipient: IssuedCredential.Recipient = email.map { .email($0.lowercased()) } ?? .did(did ?? "")
        let order = IssuingDesk.Order(
            microcredential: .init(microcredential), recipient: recipient, recipientName: name, suite: IssuedCredential.Suite(rawValue: suite) ?? .jwt
        )
        let (issued, origin) = try await options.with { dependencies in
            (
                try await IssuerKeyCommand.reporting {
                    try await IssuingDesk(dependencies: dependencies).issue(order, by: .commandLine(at: dependencies.clock.now))
                }, dependencies.site.origin
            )
        }
        let text = issued.credential.signed + "\n"
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else { throw Failure("could not write \(out)") }
        } else {
            print(text, terminator: "")
        }
        FileHandle.standardError.write(
            Data("issued \(issued.credential.id) to \(name); claim link (shown once): \(origin)/claim/\(issued.claimToken)\n".utf8))
    }
}

/// A batch from the command line: prepare (or find) it, show the refused rows, confirm, run with a progress bar, and
/// write the report.
struct BatchRun {
    let command: IssueCommand
    let file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw Failure("cannot read \(file)") }
        guard data.count <= BatchDesk.maxFileBytes else { throw Failure("\(file) is larger than \(BatchDesk.maxFileBytes >> 20) MiB; split it") }
        guard let csv = String(data: data, encoding: .utf8) else { throw Failure("\(file) is not UTF-8 text") }
        let reportPath = command.report ?? file + ".report.csv"
        let suite = IssuedCredential.Suite(rawValue: command.suite) ?? .eddsaRdfc2022
        let batch = try await command.options.with { dependencies in
            try await IssuerKeyCommand.reporting {
                let caller = Account.commandLine(at: dependencies.clock.now)
                let desk = BatchDesk(dependencies: dependencies)
                let prepared = try await desk.prepare(
                    microcredential: .init(command.microcredential), csv: csv, suite: suite, batchID: command.batch, by: caller)
                let refused = try await desk.rows(of: prepared.id, after: 0, limit: 20, only: .refused, by: caller)
                for row in refused { Self.say("line \(row.line): \(row.error ?? "")") }
                if prepared.rowCount - prepared.validCount > refused.count {
                    Self.say("… \(prepared.rowCount - prepared.validCount - refused.count) more refused rows: see the report")
                }
                Self.say(
                    "batch \(prepared.id): \(prepared.rowCount) learners, \(prepared.validCount) valid, \(prepared.issuedCount) issued before")
                _ = try await desk.confirm(prepared.id, by: caller)
                let bar = ProgressBar()
                let finished = try await desk.run(prepared.id) { issued, total in bar.show(issued, of: total) }
                bar.end()
                try await Self.writeReport(desk: desk, batch: finished, caller: caller, origin: dependencies.site.origin, to: reportPath)
                return finished
            }
        }
        Self.say("report: \(reportPath) (claim links are secrets: hand each to its learner only)")
        print(
            "batch \(batch.id) \(batch.state.rawValue): \(batch.issuedCount) of \(batch.validCount) issued, \(batch.rowCount - batch.validCount) refused"
        )
        if batch.validCount < batch.rowCount { throw ExitCode(2) }
    }

    static func writeReport(desk: BatchDesk, batch: IssuanceBatch, caller: Account, origin: String, to path: String) async throws {
        let text = try await desk.report(of: batch.id, origin: origin, by: caller)
        try? FileManager.default.removeItem(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure("could not write \(path)")
        }
    }

    static func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}

/// A one-line progress bar on standard error, redrawn at most ten times a second (and plain lines when it is not a
/// terminal).
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    private let terminal = isatty(2) == 1

    func show(_ done: Int, of total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done == total || now.timeIntervalSince(last) >= (terminal ? 0.1 : 2) else { return }
        last = now
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int(fraction * 30)
        let line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] \(done)/\(total)"
        FileHandle.standardError.write(Data((terminal ? "\r" + line : line + "\n").utf8))
    }

    func end() {
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// `accord credential revoke|suspend|unsuspend ID --reason …`: the provider's status change, as the operator.
struct ChangeCredentialStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Revoke, suspend or reinstate an issued credential (its status list is signed again).")
    @OptionGroup var options: DatabaseOptions
    @Argument(help: "revoke, suspend or unsuspend") var action: String
    @Argument(help: "The credential's id (urn:uuid:…).") var id: String
    @Option(help: "Why: recorded in the audit log and shown by the registry check.") var reason: String

    func validate() throws {
        guard StatusDesk.Change(rawValue: action) != nil else { throw ValidationError("the action is revoke, suspend or unsuspend") }
    }

    func run() async throws {
        let change = StatusDesk.Change(rawValue: action) ?? .revoke
        let credential = try await options.with { dependencies in
            try await IssuerKeyCommand.reporting {
                try await StatusDesk(dependencies: dependencies).change(
                    .init(id), change, reason: reason, by: .commandLine(at: dependencies.clock.now))
            }
        }
        print("\(credential.id) is now \(credential.state.rawValue)")
    }
}
