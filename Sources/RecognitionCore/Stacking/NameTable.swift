/// Names in a learner's record (unit keys, provider ids, issuer DIDs, countries) to numbers: positions in the record or
/// numbered values. Every pathway rule that names units or providers looks each one up on every evaluation; with
/// `[String: Int]` the seeded SipHash of those keys was a fifth of the evaluation's time. This table hashes the key's UTF-8 eight bytes at a time with a per-process seed and probes
/// linearly; a hit is confirmed by comparing the strings, so a collision costs a probe, never a wrong answer.
struct NameTable: Sendable {
    private struct Slot {
        var hash: UInt64
        /// Into `keys` and `values`; -1 when the slot is empty.
        var entry: Int32
    }

    private var slots: [Slot]
    private var keys: [String] = []
    private var values: [Int] = []
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: Slot(hash: 0, entry: -1), count: size)
        mask = size - 1
    }

    var count: Int { keys.count }

    subscript(key: String) -> Int? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let found = slots[slot]
            if found.entry < 0 { return nil }
            if found.hash == hash && keys[Int(found.entry)] == key { return values[Int(found.entry)] }
            slot = (slot + 1) & mask
        }
    }

    mutating func set(_ key: String, to value: Int) {
        if (keys.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let found = slots[slot]
            if found.entry < 0 {
                slots[slot] = Slot(hash: hash, entry: Int32(keys.count))
                keys.append(key)
                values.append(value)
                return
            }
            if found.hash == hash && keys[Int(found.entry)] == key {
                values[Int(found.entry)] = value
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        self = NameTable(capacity: slots.count)
        for (key, value) in zip(oldKeys, oldValues) { set(key, to: value) }
    }

    /// Chosen once per process, so keys crafted to collide in one run do not collide in the next.
    private static let seed = UInt64.random(in: .min ... .max)

    /// A multiply-xorshift hash of the key's UTF-8 bytes, a word at a time.
    static func hash(_ key: String) -> UInt64 {
        // Native Swift strings are contiguous, so this reads them in place; a bridged string is copied first.
        if let hash = key.utf8.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return hash }
        var copy = key
        return copy.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var hash = seed ^ (UInt64(count) &* 0x9E37_79B9_7F4A_7C15)
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        // The last 1-7 bytes in at most two loads: the final word again when the key is that long (overlapping bytes
        // already hashed, which the length in the seed keeps apart), else two overlapping half words, else bytes.
        var tail: UInt64 = 0
        if offset < count {
            if count >= 8 {
                tail = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else if count >= 4 {
                tail =
                    UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self)) << 32
                    | UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            } else {
                for position in 0..<count { tail = tail << 8 | UInt64(bytes[position]) }
            }
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }
}
