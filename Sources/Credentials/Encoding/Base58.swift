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
        // A native string or substring lends its bytes; anything else is copied once.
        text.utf8.withContiguousStorageIfAvailable(decode(utf8:)) ?? Array(text.utf8).withUnsafeBufferPointer(decode(utf8:))
    }

    private static func decode(utf8 input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard input.count <= 1 << 16 else { return nil }
        let zeros = input.prefix { $0 == alphabet[0] }.count
        // Accumulate in 64-bit limbs (least significant first), ten characters per pass (58^10 < 2^59): each pass
        // multiplies the number by 58^10 with full-width products and adds the ten digits' value.
        var limbs: [UInt64] = []
        limbs.reserveCapacity(input.count / 10 + 1)
        let table = values
        var position = zeros
        while position < input.count {
            var chunk: UInt64 = 0
            var multiplier: UInt64 = 1
            for character in input[position..<min(position + 10, input.count)] {
                guard character < 128, case let value = table[Int(character)], value >= 0 else { return nil }
                chunk = chunk * 58 + UInt64(value)
                multiplier *= 58
            }
            position += 10
            var carry = chunk
            for index in limbs.indices {
                let (high, low) = limbs[index].multipliedFullWidth(by: multiplier)
                let (sum, overflow) = low.addingReportingOverflow(carry)
                limbs[index] = sum
                carry = high &+ (overflow ? 1 : 0)  // high ≤ 2^59, so this cannot wrap
            }
            if carry > 0 { limbs.append(carry) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(limbs.count * 8 + zeros)
        for limb in limbs.reversed() {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: limb >> UInt64(shift))) }
        }
        let leading = bytes.prefix { $0 == 0 }.count
        return [UInt8](repeating: 0, count: zeros) + bytes[leading...]
    }
}
