import ArgumentParser
import Foundation

/// Reads a file, or standard input for "-", refusing anything over `limit` bytes before reading it whole.
func readInput(_ path: String, limit: Int = 4 << 20) throws -> [UInt8] {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readData(ofLength: limit + 1)
    } else {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { throw Failure("no such file: \(path)") }
        guard attributes[.type] as? FileAttributeType != .typeDirectory else { throw Failure("\(path) is a directory, not a file") }
        guard (attributes[.size] as? Int ?? 0) <= limit else { throw Failure("\(path) is larger than \(limit) bytes") }
        guard let contents = FileManager.default.contents(atPath: path) else { throw Failure("\(path) cannot be read") }
        data = contents
    }
    guard data.count <= limit else { throw Failure("\(path) is larger than \(limit) bytes") }
    return Array(data)
}
