import AccordServices
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RecognitionCore
import Storage
import WebApp

/// Pages over HTTP as a signed-in user meets them: the server in this process (as `accord serve` runs it) and wrk with
/// one connection, so each latency is one request alone.
enum PageBench {
    /// A throwaway directory with a SQLite database seeded with the reference data and its first admin: what the page
    /// benchmarks load and serve. The caller removes the directory when done.
    struct Workspace {
        let directory: String
        let database: Database
        let dependencies: Dependencies
        let admin: Account

        static func open(_ name: String) async throws -> Workspace {
            var logger = Logger(label: "bench")
            logger.logLevel = .warning
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-\(name)-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let database = try await Database.open(.sqlite(path: directory + "/accord.sqlite"), logger: logger)
            let dependencies = Dependencies(stores: SQLStores(database: database), logger: logger, passwordCost: 4, keyEncryption: .random())
            _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
            let admin = try await AccountDesk(dependencies: dependencies).createFirstAdmin(
                email: "admin@bench.example", displayName: "Admin", password: "bench-password")
            return Workspace(directory: directory, database: database, dependencies: dependencies, admin: admin)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    struct Figures {
        let requests: Int
        let p50: Double
        let p99: Double
    }

    /// Starts the server on a free port; cancel the task to stop it.
    static func start(_ dependencies: Dependencies) async throws -> (port: Int, server: Task<Void, any Error>) {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(config: AppConfig(host: "127.0.0.1", port: 0), dependencies: dependencies) { portSink.yield($0) }
        let server = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            server.cancel()
            throw ValidationError("the server did not start")
        }
        return (port, server)
    }

    /// wrk reads `paths` in turn for `seconds` with the session cookie; any error status fails the run.
    static func read(_ paths: [String], port: Int, cookie: String, seconds: Int, directory: String) throws -> Figures {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else { throw ValidationError("wrk is not installed: apt-get install wrk") }
        let script = directory + "/pages-\(UUID().uuidString).lua"
        try """
        wrk.headers["Cookie"] = "accord_session=\(cookie)"
        paths = { \(paths.map { "\"\($0)\"" }.joined(separator: ", ")) }
        counter = 0
        request = function()
          counter = counter + 1
          return wrk.format("GET", paths[(counter % #paths) + 1])
        end
        done = function(summary, latency, requests)
          io.write(string.format("ACCORD %d %d %.3f %.3f\\n", summary.requests, summary.errors.status + summary.errors.connect +
            summary.errors.read + summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
        end
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let output = try HTTPVerifyBench.runWrk(["-t1", "-c1", "-d\(seconds)s", "-s", script, "http://127.0.0.1:\(port)\(paths[0])"])
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("ACCORD ") }) else {
            throw ValidationError("wrk printed no summary:\n\(output)")
        }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count == 4, fields[1] == 0 else { throw ValidationError("\(paths[0]): errors or an unreadable summary: \(line)") }
        return Figures(requests: Int(fields[0]), p50: fields[2], p99: fields[3])
    }
}
