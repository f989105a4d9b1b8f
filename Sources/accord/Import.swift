import ArgumentParser
import Foundation
import Logging
import RecognitionCore
import Storage
import WebApp

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import registry records.", subcommands: [Microcredentials.self])

    struct Microcredentials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import microcredentials from a CSV or JSON file; a file with an invalid row imports nothing unless --skip-invalid.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "FILE.csv or FILE.json") var file: String
        @Flag(help: "Import the valid rows and report the rest.") var skipInvalid = false

        func run() async throws {
            guard let text = String(validating: try readInput(file, limit: 5 << 20), as: UTF8.self) else {
                throw ValidationError("\(file) must be UTF-8 text of at most 5 MB")
            }
            let rows = try ImportFile.rows(Data(text.utf8), csv: !file.lowercased().hasSuffix(".json"))
            let stores = try await options.open(logger: Logger(label: "accord"))
            defer { Task { try? await stores.database.shutdown() } }
            // The CLI runs with the operator's authority: it acts as the secretariat admin.
            let operatorAccount = Account(id: "cli", email: "cli@accord.local", displayName: "CLI", role: .admin, createdAt: Date())
            do {
                let report = try await Registrar(registry: stores.registry).importRows(rows, skipInvalid: skipInvalid, by: operatorAccount)
                print("imported \(report.imported) microcredential(s)")
                for error in report.skipped { print("skipped row \(error.row): \(error.issues.map(\.description).joined(separator: "; "))") }
            } catch let rejected as Registrar.ImportRejected {
                for error in rejected.errors {
                    FileHandle.standardError.write(Data("row \(error.row)\(error.id.map { " (\($0))" } ?? ""): \(error.issues.map(\.description).joined(separator: "; "))\n".utf8))
                }
                throw ValidationError("nothing was imported: \(rejected.errors.count) invalid row(s); fix them or pass --skip-invalid")
            }
        }
    }
}
