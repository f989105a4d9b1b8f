import Foundation

/// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. Bounded by row and field counts.
/// Rows and errors carry the file's line numbers (1-based), so a message points where an editor shows the row.
public enum CSV {
    public static let maxRows = 10_000
    public static let maxFields = 64

    public enum Error: Swift.Error, Sendable, Equatable {
        case tooManyRows(limit: Int)
        case tooManyFields(line: Int, limit: Int)
        case unterminatedQuote(line: Int)
    }

    /// A row and the line of the file it starts on.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// The separator a file uses: `;` or a tab when its first line has one of those and no comma (spreadsheets
    /// in many locales save CSV with `;`), else `,`.
    public static func separator(of text: String) -> UInt8 {
        let firstLine = text.utf8.prefix { $0 != UInt8(ascii: "\n") }
        if firstLine.contains(UInt8(ascii: ",")) { return UInt8(ascii: ",") }
        if firstLine.contains(UInt8(ascii: ";")) { return UInt8(ascii: ";") }
        if firstLine.contains(UInt8(ascii: "\t")) { return UInt8(ascii: "\t") }
        return UInt8(ascii: ",")
    }

    /// Splits `text` into rows of fields. Blank lines are skipped.
    public static func parse(_ text: String, maxRows: Int = CSV.maxRows) throws(CSV.Error) -> [[String]] {
        try rows(text, maxRows: maxRows).map(\.fields)
    }

    /// Splits `text` into rows with their line numbers, using `separator` (by default the one `separator(of:)` finds).
    public static func rows(_ text: String, separator: UInt8? = nil, maxRows: Int = CSV.maxRows) throws(CSV.Error) -> [Row] {
        let comma = separator ?? Self.separator(of: text)
        var rows: [Row] = []
        var row: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var line = 1
        var rowStart = 1
        func endField() throws(CSV.Error) {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if row.count > maxFields { throw .tooManyFields(line: rowStart, limit: maxFields) }
        }
        func endRow() throws(CSV.Error) {
            try endField()
            if !(row.count == 1 && row[0].isEmpty) {
                rows.append(Row(line: rowStart, fields: row))
                if rows.count > maxRows { throw .tooManyRows(limit: maxRows) }
            }
            row.removeAll(keepingCapacity: true)
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                inQuotes = true
            } else if byte == comma {
                try endField()
            } else if byte == UInt8(ascii: "\n") {
                try endRow()
                rowStart = line
            } else if byte != UInt8(ascii: "\r") {
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(line: rowStart) }
        if !field.isEmpty || !row.isEmpty { try endRow() }
        return rows
    }
}

extension CSV.Error: CustomStringConvertible {
    public var description: String {
        switch self {
        case .tooManyRows(let limit): "the file has more than \(limit) rows; split it"
        case .tooManyFields(let line, let limit): "line \(line) has more than \(limit) fields"
        case .unterminatedQuote(let line): "line \(line) opens a quote that is never closed"
        }
    }
}

extension CSV {
    /// One RFC 4180 line: fields with a comma, quote or line break are quoted, quotes doubled; CRLF ends the line.
    /// A field starting with =, +, - or @ gets a leading apostrophe so spreadsheets do not run it as a formula.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            var text = field
            if let first = text.first, "=+-@".contains(first) { text = "'" + text }
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }
}
