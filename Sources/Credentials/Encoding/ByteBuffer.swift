/// Where the canonical writers put bytes: an array, or a `ByteBuffer`.
protocol ByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// A growable byte buffer that a writer owns alone: appending is a bounds check and a store, with none of an array's
/// copy-on-write checks. The canonical JSON writer appends a few bytes at a time, thousands of times per credential.
struct ByteBuffer: ~Copyable, ByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = Swift.max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends ASCII text known at compile time (`"null"`, `"true"`).
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(bytes: $0) }
    }

    /// Appends `bytes` if none of them needs a JSON escape, checking and copying eight bytes at a time; false (and
    /// nothing appended) if one does.
    mutating func appendIfPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let source = bytes.baseAddress else { return true }
        let length = bytes.count
        reserve(length + 8)  // room for a whole last word
        let target = UnsafeMutableRawPointer(base + count)
        if length < 8 {
            // Gathered in a register (a byte-wise copy to memory, read back as a word, would stall store forwarding),
            // padded with spaces, which need no escape.
            var word: UInt64 = 0x2020_2020_2020_2020
            for position in 0..<length {
                let shift = UInt64(position * 8)
                word = word & ~(0xFF << shift) | UInt64(source[position]) << shift
            }
            if Escaping.hasSpecial(word) { return false }
            target.storeBytes(of: word, as: UInt64.self)
            count += length
            return true
        }
        var offset = 0
        while offset < length {
            offset = Swift.min(offset, length - 8)  // the last word overlaps the one before it
            let word = UnsafeRawPointer(source + offset).loadUnaligned(as: UInt64.self)
            if Escaping.hasSpecial(word) { return false }
            target.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        count += length
        return true
    }

    /// Forgets what was written, keeping the storage.
    mutating func removeAll() { count = 0 }

    /// The bytes written, lent in place.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The bytes written, as an array.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
