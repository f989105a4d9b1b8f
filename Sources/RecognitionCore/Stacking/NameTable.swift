/// Names in a learner's record (unit keys, provider ids, issuer DIDs, countries) to numbers: positions in the record or
/// numbered values. Every pathway rule that names units or providers looks each one up on every evaluation; with
/// `[String: Int]` the seeded SipHash of those keys was a fifth of the evaluation's time. This table hashes the key's UTF-8 eight bytes at a time with a per-process seed and probes
/// linearly; a hit is confirmed by comparing the strings, so a collision costs a probe, never a wrong answer.
struct NameTable: Sendable {
    private struct Slot {
        var hash: UInt64
        /// Into `entries`; -1 when the slot is empty.
        var entry: Int32
    }

    private var slots: [Slot]
    private var entries: [(key: String, value: Int)] = []
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: Slot(hash: 0, entry: -1), count: size)
        mask = size - 1
    }

    var count: Int { entries.count }

    subscript(key: String) -> Int? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let found = slots[slot]
            if found.entry < 0 { return nil }
            if found.hash == hash && entries[Int(found.entry)].key == key { return entries[Int(found.entry)].value }
            slot = (slot + 1) & mask
        }
    }

    mutating func set(_ key: String, to value: Int) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let found = slots[slot]
            if found.entry < 0 {
                slots[slot] = Slot(hash: hash, entry: Int32(entries.count))
                entries.append((key, value))
                return
            }
            if found.hash == hash && entries[Int(found.entry)].key == key {
                entries[Int(found.entry)].value = value
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = entries
        self = NameTable(capacity: slots.count)
        for entry in old { set(entry.key, to: entry.value) }
    }

    /// Chosen once per process, so keys crafted to collide in one run do not collide in the next.
    private static let seed = UInt64.random(in: .min ... .max)

    /// A multiply-xorshift hash of the key's UTF-8 bytes, a word at a time.
    static func hash(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { bytes in
            var hash = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
            var rest = UnsafeRawBufferPointer(bytes)
            while rest.count >= 8 {
                hash = (hash ^ rest.loadUnaligned(as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 32
                rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(8))
            }
            var tail: UInt64 = 0
            for byte in rest.reversed() { tail = tail << 8 | UInt64(byte) }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            return hash ^ (hash >> 29)
        }
    }
}
