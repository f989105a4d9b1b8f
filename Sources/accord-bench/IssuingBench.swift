import AccordServices
import ArgumentParser
import Credentials
import Foundation
import Logging
import RecognitionCore
import Storage

/// A batch of N eddsa-rdfc-2022 credentials into a fresh SQLite database, end to end through the batch desk (CSV
/// checked, slots reserved, every credential signed, stored with its audit event), against the in-process signing rate
/// on all cores in the same run.
struct IssuingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "issuing")
    @Option(help: "Learners in the batch.") var count = 100_000
    @Option(help: "Seconds of in-process signing for the baseline.") var seconds = 5.0
    @Option(help: "Keep the SQLite database at this path (it must not exist).") var sqlitePath: String?

    func run() async throws {
        let path = sqlitePath ?? FileManager.default.temporaryDirectory.appendingPathComponent("accord-issuing-\(UUID().uuidString).sqlite").path
        let database = try await Database.open(.sqlite(path: path), logger: Logger(label: "bench"))
        let dependencies = Dependencies(stores: SQLStores(database: database), logger: Logger(label: "bench"), keyEncryption: .random())
        _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
        let caller = Account.commandLine(at: Date())
        _ = try await IssuerDesk(dependencies: dependencies).createKey(for: "nz-ecnz", by: caller)
        let results = ["Pass", "Merit", "Excellence", ""]
        var csv = "email,name,completion date,result\n"
        for index in 0..<count {
            csv += "learner\(index)@example.org,Learner \(index),2026-10-\(String(format: "%02d", index % 28 + 1)),\(results[index % 4])\n"
        }
        let desk = BatchDesk(dependencies: dependencies)
        let started = Date()
        let prepared = try await desk.prepare(
            microcredential: "nz-ecnz-he-pataka-reo", csv: csv, suite: .eddsaRdfc2022, batchID: nil, by: caller)
        _ = try await desk.confirm(prepared.id, by: caller)
        let confirmed = Date()
        let batch = try await desk.run(prepared.id)
        let finished = Date()
        guard batch.state == .done, batch.issuedCount == count else {
            throw ValidationError("the batch ended \(batch.state.rawValue) with \(batch.issuedCount) of \(count) issued")
        }
        let events = try await dependencies.stores.audit.count()
        let sample = try await dependencies.stores.batches.rows(of: batch.id, after: 0, limit: 1, only: .all)
        guard let id = sample.first?.credential, let stored = try await dependencies.stores.issued.credential(id) else {
            throw ValidationError("the first row has no credential")
        }
        let report = try await VerificationDesk(dependencies: dependencies).verify(Array(stored.signed.utf8)).report
        try await database.shutdown()
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if sqlitePath == nil { try? FileManager.default.removeItem(atPath: path) }

        let signRate = try await Self.signRate(stored.signed, seconds: seconds)
        let issueRate = Double(count) / finished.timeIntervalSince(started)
        let figures: [String: Any] = [
            "bench": "issuing", "count": count, "cores": ProcessInfo.processInfo.activeProcessorCount,
            "issue_per_s": Int(issueRate), "run_per_s": Int(Double(count) / finished.timeIntervalSince(confirmed)),
            "prepare_s": (confirmed.timeIntervalSince(started) * 100).rounded() / 100, "sign_rdfc_per_s": Int(signRate),
            "issue_to_sign_ratio": (issueRate / signRate * 1000).rounded() / 1000, "audit_events": events,
            "sqlite_mb": bytes >> 20, "first_credential_signature": report.failures.isEmpty ? "valid" : "INVALID",
        ]
        let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// eddsa-rdfc-2022 signatures per second of the batch's own credential (proof removed), one task per core.
    static func signRate(_ signed: String, seconds: Double) async throws -> Double {
        guard case .object(var object) = try JSON(parsing: Array(signed.utf8)) else { throw ValidationError("not a JSON object") }
        object["proof"] = nil
        let unsigned = JSON.object(object)
        let key = try Ed25519KeyPair(seed: [UInt8](repeating: 7, count: 32))
        let options = ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: "did:example:bench#key", created: "2026-11-23T00:00:00Z")
        let integrity = DataIntegrity()
        return try await allCoresRate(seconds: seconds) { _ = try integrity.sign(unsigned, with: key, options: options) }
    }
}
