import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

/// `accord issue`: one credential for an approved listing, signed with its provider's active key (as the operator).
struct IssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issue an Open Badges 3.0 credential for an approved listing to one learner.",
        discussion: "Prints the learner's claim link (shown once); writes the signed credential to --out or standard output.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "The listing's id.") var microcredential: String
    @Option(help: "The learner's email (the credential carries only a salted hash of it).") var email: String?
    @Option(help: "The learner's DID, instead of an email.") var did: String?
    @Option(help: "The learner's name.") var name: String
    @Option(help: "eddsa-rdfc-2022 (default), eddsa-jcs-2022 or jwt.") var suite = "eddsa-rdfc-2022"
    @Option(help: "Write the signed credential to this file instead of standard output.") var out: String?

    func validate() throws {
        guard (email == nil) != (did == nil) else { throw ValidationError("give --email or --did, one of the two") }
        guard IssuedCredential.Suite(rawValue: suite) != nil else { throw ValidationError("--suite must be eddsa-rdfc-2022, eddsa-jcs-2022 or jwt") }
    }

    func run() async throws {
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
