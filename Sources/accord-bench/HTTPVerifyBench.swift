import AccordServices
import ArgumentParser
import Credentials
import Foundation
import Hummingbird
import Logging
import RecognitionCore
import Storage
import WebApp

/// `POST /api/v1/verify` over loopback: the server in this process (SQLite, seeded, as `accord serve` runs it), driven by
/// wrk from a second process with the 1EdTech Open Badges 3.0 example signed eddsa-rdfc-2022 by a did:key issuer; against
/// the in-process verification rate of the same credential through the same desk (all cores, same run).
struct HTTPVerifyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "http-verify")
    @Option(help: "Seconds wrk drives the server.") var seconds = 10
    @Option(help: "wrk's open connections.") var connections = 32
    @Option(help: "wrk's threads.") var threads = 2
    @Option(help: "Seconds of in-process verification for the baseline.") var inprocessSeconds = 5.0

    func run() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
            throw ValidationError("wrk is not installed: apt-get install wrk")
        }
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-http-verify-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try await Database.open(.sqlite(path: directory + "/accord.sqlite"), logger: logger)
        let dependencies = Dependencies(stores: SQLStores(database: database), logger: logger)
        _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())

        let key = try Ed25519KeyPair(seed: [UInt8](repeating: 0x42, count: 32))
        guard case .object(var example) = CredentialsBench.example else { throw ValidationError("the example is not an object") }
        example["issuer"] = ["id": .string(key.did), "type": ["Profile"], "url": "https://www.imsglobal.org", "name": "Example Corp"]
        let options = ProofOptions(cryptosuite: .eddsaRdfc2022, verificationMethod: key.verificationMethod, created: "2010-01-01T19:23:24Z")
        let body = try dependencies.verifier.integrity.sign(.object(example), with: key, options: options).canonicalString
        let desk = VerificationDesk(dependencies: dependencies)
        guard try await desk.verify(Array(body.utf8)).report.isValid else { throw ValidationError("the bench credential does not verify") }

        let inprocess = try await allCoresRate(seconds: inprocessSeconds, tasksPerCore: 8) { _ = try await desk.verify(Array(body.utf8)) }

        let (port, server) = try await Self.serve(dependencies)
        let script = directory + "/post.lua"
        let lua = """
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            wrk.body = [==[\(body)]==]
            done = function(summary, latency, requests)
              io.write(string.format("ACCORD %d %d %d %d %d %.3f\\n", summary.requests, summary.errors.connect + summary.errors.read +
                summary.errors.write + summary.errors.timeout, summary.errors.status, summary.duration, latency:percentile(50), latency:percentile(99) / 1000))
            end
            """
        try lua.write(toFile: script, atomically: true, encoding: .utf8)
        let output = try Self.runWrk([
            "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--timeout", "5s", "-s", script, "http://127.0.0.1:\(port)/api/v1/verify",
        ])
        server.cancel()
        _ = try? await server.value
        try await database.shutdown()

        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("ACCORD ") }) else {
            throw ValidationError("wrk printed no summary:\n\(output)")
        }
        let fields = line.split(separator: " ").dropFirst().map(String.init)
        guard fields.count == 6, let requests = Double(fields[0]), let socketErrors = Int(fields[1]), let statusErrors = Int(fields[2]),
            let microseconds = Double(fields[3]), let p50 = Double(fields[4]), let p99 = Double(fields[5])
        else { throw ValidationError("wrk's summary does not parse: \(line)") }
        let rps = requests / (microseconds / 1e6)
        let figures: [String: Any] = [
            "bench": "http-verify", "cores": ProcessInfo.processInfo.activeProcessorCount, "connections": connections, "seconds": seconds,
            "requests": Int(requests), "verify_rps": Int(rps), "p50_ms": (p50 / 10).rounded() / 100, "p99_ms": (p99 * 100).rounded() / 100,
            "errors": socketErrors + statusErrors, "inprocess_verify_per_s": Int(inprocess),
            "http_to_inprocess_ratio": (rps / inprocess * 1000).rounded() / 1000, "credential_bytes": body.utf8.count,
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]), as: UTF8.self))
    }

    /// Accord's server in this process on a free loopback port: the port, and the task to cancel when done.
    static func serve(_ dependencies: Dependencies) async throws -> (port: Int, server: Task<Void, any Error>) {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(config: AppConfig(host: "127.0.0.1", port: 0), dependencies: dependencies) { port in
            portSink.yield(port)
        }
        let server = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ValidationError("the server did not start") }
        return (port, server)
    }

    static func runWrk(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("wrk exited with \(process.terminationStatus): \(String(decoding: data, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
