import AccordServices
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Storage
import WebApp

/// The registry's query mix over HTTP: the server in this process on the bench's database, wrk from a second process
/// with `clients` connections, each request the next path of the mix (anonymous, as the public searches).
struct RegistryHTTPPass {
    let seconds: Int
    let clients: Int

    func run(database: Database, paths: [String]) async throws -> [String: Any] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else { throw ValidationError("wrk is not installed: apt-get install wrk") }
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let dependencies = Dependencies(stores: SQLStores(database: database), logger: logger)
        let (port, server) = try await HTTPVerifyBench.serve(dependencies)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-registry-http-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/mix.lua"
        let list = paths.map { "[==[\($0)]==]" }.joined(separator: ",\n")
        try """
        local paths = {\(list)}
        local next = 0
        function setup(thread) thread:set("offset", next); next = next + 7 end
        function init(args) counter = offset end
        function request()
          counter = counter + 1
          return wrk.format("GET", paths[(counter % #paths) + 1])
        end
        done = function(summary, latency, requests)
          io.write(string.format("ACCORD %d %d %d %d %d %.3f\\n", summary.requests, summary.errors.connect + summary.errors.read +
            summary.errors.write + summary.errors.timeout, summary.errors.status, summary.duration, latency:percentile(50), latency:percentile(99) / 1000))
        end
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let output = try HTTPVerifyBench.runWrk([
            "-t\(min(clients, 2))", "-c\(clients)", "-d\(seconds)s", "--timeout", "10s", "-s", script, "http://127.0.0.1:\(port)",
        ])
        server.cancel()
        _ = try? await server.value
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("ACCORD ") }) else {
            throw ValidationError("wrk printed no summary:\n\(output)")
        }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count == 6 else { throw ValidationError("wrk's summary does not parse: \(line)") }
        return [
            "clients": clients, "seconds": seconds, "requests": Int(fields[0]), "requests_per_s": Int(fields[0] / (fields[3] / 1e6)),
            "p50_ms": (fields[4] / 10).rounded() / 100, "p99_ms": (fields[5] * 100).rounded() / 100, "errors": Int(fields[1] + fields[2]),
        ]
    }
}
