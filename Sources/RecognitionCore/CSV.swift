/// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. Bounded by row and field counts.
public enum CSV {
    public static let maxRows = 10_000
    public static let maxFields = 64

    public enum Error: Swift.Error, Sendable, Equatable {
        case tooManyRows(limit: Int)
        case tooManyFields(row: Int, limit: Int)
        case unterminatedQuote(row: Int)
    }

    /// Splits `text` into rows of fields. Blank lines are skipped. Row numbers in errors start at 1.
    public static func parse(_ text: String, maxRows: Int = CSV.maxRows) throws(CSV.Error) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var index = 0
        func endField() throws(CSV.Error) {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if row.count > maxFields { throw .tooManyFields(row: rows.count + 1, limit: maxFields) }
        }
        func endRow() throws(CSV.Error) {
            try endField()
            if !(row.count == 1 && row[0].isEmpty) {
                rows.append(row)
                if rows.count > maxRows { throw .tooManyRows(limit: maxRows) }
            }
            row.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
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
            } else {
                switch byte {
                case UInt8(ascii: "\""): inQuotes = true
                case UInt8(ascii: ","): try endField()
                case UInt8(ascii: "\r"): break
                case UInt8(ascii: "\n"): try endRow()
                default: field.append(byte)
                }
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(row: rows.count + 1) }
        if !field.isEmpty || !row.isEmpty { try endRow() }
        return rows
    }
}
