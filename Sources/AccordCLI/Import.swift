import AccordServices
import ArgumentParser
import Foundation
import RecognitionCore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import registry records.", subcommands: [Microcredentials.self])

    struct Microcredentials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import microcredentials from a CSV or JSON file; a file with an invalid row imports nothing unless --skip-invalid.")
        @OptionGroup var options: DatabaseOptions
        @Argument(help: "FILE.csv or FILE.json") var file: String
        @Flag(help: "Import the valid rows and report the rest.") var skipInvalid = false
        @Flag(help: "Replace listings that exist already (without it, a row naming an existing id is refused).")
        var updateExisting = false

        func run() async throws {
            let bytes = try readInput(file, limit: InputLimits.importBody)
            guard String(validating: bytes, as: UTF8.self) != nil else { throw Failure("\(file) is not UTF-8 text") }
            let rows: [MicrocredentialImport.Row]
            do {
                rows = try ImportFile.rows(Data(bytes), csv: !file.lowercased().hasSuffix(".json"))
            } catch {
                throw Failure("\(file): \(error)")
            }
            do {
                // The CLI runs with the operator's authority: it acts as the secretariat, recorded as `cli`.
                let report = try await options.with { dependencies in
                    try await Registrar(dependencies: dependencies).importRows(
                        rows, skipInvalid: skipInvalid, updateExisting: updateExisting, by: .commandLine(at: dependencies.clock.now))
                }
                print("imported \(report.imported) microcredential(s)")
                for error in report.skipped { print("skipped \(describe(error))") }
            } catch let rejected as Registrar.ImportRejected {
                for error in rejected.errors { FileHandle.standardError.write(Data((describe(error) + "\n").utf8)) }
                throw Failure(
                    "nothing was imported: \(rejected.errors.count) invalid row(s); fix them, or pass --skip-invalid"
                        + (rejected.errors.contains { $0.issues.contains { $0.message.contains("update_existing") } } ? " or --update-existing" : ""))
            }
        }

        /// "line 3 (id): field: problem; field: problem" for CSV, "record 2 (id): ..." for JSON.
        func describe(_ error: MicrocredentialImport.RowError) -> String {
            let place = file.lowercased().hasSuffix(".json") ? "record" : "line"
            return "\(place) \(error.row)\(error.id.map { " (\($0))" } ?? ""): \(error.issues.map(\.description).joined(separator: "; "))"
        }
    }
}
