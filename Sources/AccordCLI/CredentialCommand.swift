import AccordServices
import ArgumentParser
import Credentials
import Foundation
import RecognitionCore

struct CredentialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential", abstract: "Sign and verify W3C Verifiable Credentials and Open Badges 3.0 (offline).",
        subcommands: [VerifyCredential.self, SignCredential.self, ChangeCredentialStatus.self])
}

func parseTime(_ text: String?) throws -> Date {
    guard let text else { return Date() }
    guard let date = DateTime.parse(text) else {
        throw ValidationError("--at must be an ISO 8601 date-time with a time zone, e.g. 2026-11-23T12:00:00Z")
    }
    return date
}

struct VerifyCredential: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a credential or presentation (JSON with Data Integrity proofs, or a compact VC-JWT).",
        discussion: """
            Exit status: 0 valid, 1 invalid, 2 could not check (a file that cannot be read, malformed input, an unknown proof type, a
            document that was not supplied or cannot be read); 64 only for a command line it cannot parse.
            With --registry the check also reads Accord's database: providers' did:web documents, and what the registry says of
            the issuer (provider, quality assurance on the issue date and today, key trusted or compromised) and the microcredential.
            """)

    @Argument(help: "The credential file, or - for standard input.") var file: String
    @Option(
        name: .customLong("resource"),
        help: ArgumentHelp(
            "Supply a document offline: URL=FILE (status lists, did:web documents, issuers' controller documents, contexts). Repeatable.",
            valueName: "URL=FILE"))
    var resources: [String] = []
    @Option(help: "Verify as of this time (ISO 8601); default now.") var at: String?
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text
    @Option(help: "The challenge a presentation must carry.") var challenge: String?
    @Option(help: "The domain a presentation must carry.") var domain: String?
    @Flag(help: "Also check the issuer and the microcredential against Accord's registry (opens the database).") var registry = false
    @OptionGroup var options: DatabaseOptions

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    /// A supplied document: JSON, or a status list published as a VC-JWT, kept as its token (the verifier checks it as one).
    static func resource(_ bytes: [UInt8], path: String) throws -> JSON {
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        if first != UInt8(ascii: "{") && first != UInt8(ascii: "["), VCJWT.looksLikeJWT(bytes: bytes) {
            return .string(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        do { return try JSON(parsing: bytes) } catch { throw Failure("\(path): \(error.description)") }
    }

    /// Says that nothing could be decided, and why, in the chosen format; exit status 2.
    func couldNotCheck(_ reason: String) throws -> Never {
        if format == .json {
            print(JSON.object(["valid": .null, "error": .string(reason)]).prettyString)
        } else {
            FileHandle.standardError.write(Data("could not check: \(reason)\n".utf8))
        }
        throw ExitCode(2)
    }

    /// The documents supplied with `--resource URL=FILE`, by URL.
    func suppliedDocuments() throws -> [String: JSON] { try Self.supplied(resources) }

    static func supplied(_ resources: [String]) throws -> [String: JSON] {
        var documents: [String: JSON] = [:]
        for resource in resources {
            guard let separator = resource.firstIndex(of: "="), separator != resource.startIndex else {
                throw Failure("--resource takes URL=FILE (the document's URL, then the file that holds it), got '\(resource)'")
            }
            let url = String(resource[..<separator])
            let path = String(resource[resource.index(after: separator)...])
            do { documents[url] = try Self.resource(try readInput(path), path: path) } catch let failure as Failure {
                throw Failure("the document supplied for \(url): \(failure.description); supply it as --resource \(url)=FILE")
            }
        }
        return documents
    }

    func run() async throws {
        let now = try parseTime(at)
        let documents: [String: JSON]
        let input: [UInt8]
        do {
            documents = try suppliedDocuments()
            input = try readInput(file)
        } catch let failure as Failure {
            try couldNotCheck(failure.description)
        }
        // A supplied document also serves as a context at its URL (a bundled URL keeps the bundled document).
        let contexts: BundledContexts
        do { contexts = BundledContexts.shared.adding(try DatabaseOptions.trustedContexts()).adding(documents) } catch let failure as Failure {
            try couldNotCheck(failure.description)
        }
        let verifier = CredentialVerifier(contexts: contexts, resources: StaticResources(documents))
        let report: VerificationReport
        var findings: [RegistryFindings] = []
        do {
            if registry {
                guard resources.isEmpty, challenge == nil, domain == nil else {
                    throw ValidationError("--registry reads documents from the database; it takes no --resource, --challenge or --domain")
                }
                let result = try await options.with { dependencies in
                    var dependencies = dependencies
                    dependencies.clock = FixedTime(now: now)
                    return try await VerificationDesk(dependencies: dependencies).verify(input)
                }
                (report, findings) = (result.report, result.registry)
            } else {
                report = try await verifier.verify(input, at: now, challenge: challenge, domain: domain)
            }
        } catch let error as ValidationError {
            throw error
        } catch let error as VerificationError {
            try couldNotCheck(error.description)
        }
        switch format {
        case .json:
            print((registry ? VerificationDesk.Result(report: report, registry: findings).json : report.json).prettyString)
        case .text:
            print(Self.text(report))
            for found in findings {
                for concern in found.concerns { print("  registry concern: \(concern)") }
                for note in found.notes { print("  registry: \(note)") }
            }
        }
        if !report.isValid { throw ExitCode(1) }
    }

    static func text(_ report: VerificationReport) -> String {
        var lines = [report.isValid ? "VALID (\(report.format))" : "INVALID (\(report.format))"]
        for entry in report.entries {
            switch entry.outcome {
            case .passed: lines.append("  ok    \(entry.step.rawValue): \(entry.subject)")
            case .failed(let reason): lines.append("  FAIL  \(entry.step.rawValue): \(entry.subject): \(reason)")
            case .skipped(let reason): lines.append("  skip  \(entry.step.rawValue): \(entry.subject): \(reason)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

struct SignCredential: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sign", abstract: "Sign an unsigned credential and print the result.")

    @Argument(help: "The unsigned credential (JSON), or - for standard input.") var file: String
    @Option(help: "A key file written by `accord key generate`.") var key: String
    @Option(help: "eddsa-rdfc-2022, eddsa-jcs-2022 or jwt.") var suite: String = "eddsa-rdfc-2022"
    @Option(help: "The verification method (default: the key's did:key method).") var method: String?
    @Option(help: "The proof's created time (ISO 8601; default now).") var created: String?
    @Option(
        name: .customLong("resource"),
        help: ArgumentHelp(
            "Supply a context the credential names that Accord does not bundle: URL=FILE (never fetched). Repeatable.", valueName: "URL=FILE"))
    var resources: [String] = []

    func run() async throws {
        let pair = try KeyFile.read(key)
        let document: JSON
        do { document = try JSON(parsing: try readInput(file)) } catch let error as JSONError {
            throw Failure("\(file): \(error.description)")
        }
        // The same contexts verification reads: bundled, trusted (ACCORD_CONTEXTS_DIR), then supplied.
        let contexts = BundledContexts.shared.adding(try DatabaseOptions.trustedContexts()).adding(try VerifyCredential.supplied(resources))
        let verificationMethod = method ?? pair.verificationMethod
        do {
            switch Cryptosuite(rawValue: suite) {
            case _ where suite == "jwt":
                // A VC 1.1 credential goes in VC 1.1's JWT form (the `vc` claim, as VC 1.1 verifiers such as DIDKit read
                // it); a VC 2.0 one is the payload itself (VC-JOSE-COSE).
                let isVC11 = document["@context"]?.items.first?.stringValue == "https://www.w3.org/2018/credentials/v1"
                print(try VCJWT.sign(document, with: pair, keyID: verificationMethod, form: isVC11 ? .vc11 : .vc2))
            case let cryptosuite? where cryptosuite == .eddsaRdfc2022 || cryptosuite == .eddsaJcs2022:
                let options = ProofOptions(
                    cryptosuite: cryptosuite, verificationMethod: verificationMethod,
                    created: DateTime.format(try parseTime(created)))
                print(try DataIntegrity(jsonld: JSONLDProcessor(loader: contexts)).sign(document, with: pair, options: options).prettyString)
            default:
                throw ValidationError("--suite must be eddsa-rdfc-2022, eddsa-jcs-2022 or jwt")
            }
        } catch let error as ProofError {
            let hint = error.description.contains("not bundled") ? "; supply the context with --resource URL=FILE" : ""
            throw Failure("cannot sign \(file): \(error.description)\(hint)")
        }
    }
}

struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "key", abstract: "Manage signing keys.", subcommands: [GenerateKey.self])
}

struct GenerateKey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Create an Ed25519 key; print its did:key and write the private key file (mode 0600).")
    @Option(help: "Where to write the key file (refuses to overwrite).") var out: String = "accord-key.json"

    func run() async throws {
        let pair = Ed25519KeyPair.generate()
        try KeyFile.write(pair, to: out)
        print(pair.did)
        FileHandle.standardError.write(Data("private key written to \(out) (mode 0600); keep it secret\n".utf8))
    }
}

/// The key file: JSON with the did:key, its verification method, and the Multikey secret.
enum KeyFile {
    static func write(_ pair: Ed25519KeyPair, to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw Failure("\(path) exists; Accord will not overwrite a key") }
        let content: JSON = [
            "type": "Multikey", "id": .string(pair.verificationMethod), "controller": .string(pair.did),
            "publicKeyMultibase": .string(pair.publicKeyMultibase), "secretKeyMultibase": .string(pair.secretKeyMultibase),
        ]
        // Created with 0600 from the start: the secret is never readable by others, not even briefly.
        guard FileManager.default.createFile(atPath: path, contents: Data(content.prettyString.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure("could not write \(path)")
        }
    }

    static func read(_ path: String) throws -> Ed25519KeyPair {
        let json: JSON
        do { json = try JSON(parsing: try readInput(path, limit: 64 * 1024)) } catch let error as JSONError {
            throw Failure("\(path) is not a key file: \(error.description)")
        }
        guard let secret = json["secretKeyMultibase"]?.stringValue ?? json["privateKeyMultibase"]?.stringValue else {
            throw Failure("\(path) holds no secretKeyMultibase")
        }
        do { return try Ed25519KeyPair(secretKeyMultibase: secret) } catch { throw Failure("\(path): \(error.description)") }
    }
}

/// The time a `--registry` verification runs at (`--at`, or now).
struct FixedTime: RecognitionCore.Clock {
    let now: Date
}
