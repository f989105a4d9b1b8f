public enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = Int8(index) }
        table[Int(UInt8(ascii: "+"))] = 62  // also read standard base64
        table[Int(UInt8(ascii: "/"))] = 63
        return table
    }()

    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int(chunk >> UInt32(shift) & 63)]) }
            index += 3
        }
        let rest = input.count - index
        if rest == 1 {
            let chunk = UInt32(input[index]) << 16
            out.append(alphabet[Int(chunk >> 18 & 63)])
            out.append(alphabet[Int(chunk >> 12 & 63)])
        } else if rest == 2 {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            out.append(alphabet[Int(chunk >> 18 & 63)])
            out.append(alphabet[Int(chunk >> 12 & 63)])
            out.append(alphabet[Int(chunk >> 6 & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base64url (or standard base64), with or without padding; nil on any other character.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? { decode(bytes: Array(text.utf8)) }

    static func decode(bytes: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(bytes)
        var count = input.count
        while count > 0, input[count - 1] == UInt8(ascii: "=") { count -= 1 }
        guard count % 4 != 1 else { return nil }
        var out = [UInt8](repeating: 0, count: count * 3 / 4)
        let valid = values.withUnsafeBufferPointer { table in
            input.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { target in
                    // Each character maps to 6 bits, or to -1 (all bits set) when outside the alphabet.
                    func value(_ position: Int) -> Int32 {
                        let character = source[position]
                        return character < 128 ? Int32(table[Int(character)]) : -1
                    }
                    var read = 0
                    var written = 0
                    while read + 4 <= count {
                        let a = value(read), b = value(read + 1), c = value(read + 2), d = value(read + 3)
                        guard (a | b | c | d) >= 0 else { return false }
                        let chunk = a << 18 | b << 12 | c << 6 | d
                        target[written] = UInt8(truncatingIfNeeded: chunk >> 16)
                        target[written + 1] = UInt8(truncatingIfNeeded: chunk >> 8)
                        target[written + 2] = UInt8(truncatingIfNeeded: chunk)
                        read += 4
                        written += 3
                    }
                    let rest = count - read
                    guard rest >= 2 else { return true }
                    let a = value(read), b = value(read + 1), c = rest == 3 ? value(read + 2) : 0
                    guard (a | b | c) >= 0 else { return false }
                    let chunk = a << 18 | b << 12 | c << 6
                    target[written] = UInt8(truncatingIfNeeded: chunk >> 16)
                    if rest == 3 { target[written + 1] = UInt8(truncatingIfNeeded: chunk >> 8) }
                    return true
                }
            }
        }
        return valid ? out : nil
    }
}
