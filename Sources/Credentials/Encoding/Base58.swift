/// Bitcoin's base58 alphabet, as multibase `z` uses it.
public enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = Int8(index) }
        return table
    }()

    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        let zeros = input.prefix { $0 == 0 }.count
        var digits: [UInt8] = []  // base-58 digits, least significant first
        digits.reserveCapacity(input.count * 138 / 100 + 1)
        for byte in input[zeros...] {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        var out = [UInt8](repeating: alphabet[0], count: zeros)
        out.append(contentsOf: digits.reversed().map { alphabet[Int($0)] })
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes, or nil when `text` holds a character outside the alphabet.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count <= 1 << 16 else { return nil }
        let zeros = input.prefix { $0 == alphabet[0] }.count
        // Accumulate in 32-bit limbs (least significant first), five characters per pass (58^5 < 2^32).
        var limbs: [UInt32] = []
        limbs.reserveCapacity(input.count / 5 + 1)
        let table = values
        var position = zeros
        while position < input.count {
            var chunk: UInt64 = 0
            var multiplier: UInt64 = 1
            for character in input[position..<min(position + 5, input.count)] {
                guard character < 128, case let value = table[Int(character)], value >= 0 else { return nil }
                chunk = chunk * 58 + UInt64(value)
                multiplier *= 58
            }
            position += 5
            var carry = chunk
            for index in limbs.indices {
                let product = UInt64(limbs[index]) * multiplier + carry
                limbs[index] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry > 0 { limbs.append(UInt32(carry)) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(limbs.count * 4 + zeros)
        for limb in limbs.reversed() {
            for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: limb >> UInt32(shift))) }
        }
        let leading = bytes.prefix { $0 == 0 }.count
        return [UInt8](repeating: 0, count: zeros) + bytes[leading...]
    }
}
