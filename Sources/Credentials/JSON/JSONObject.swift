/// A JSON object: members with distinct keys, held in RFC 8785 order (keys compared as UTF-16 code units).
///
/// Keys are told apart by their code units, as JSON, JCS and JSON-LD do: `"é"` and `"e\u{301}"` are two keys here,
/// where a `[String: JSON]` would merge them (Swift's `String` equality is canonical equivalence). Holding the members
/// sorted makes canonical output a plain walk. Each member also keeps its key's first eight bytes as one integer that
/// sorts as the key does, so a lookup binary-searches integers and reads key bytes only to confirm a match.
public struct JSONObject: Sendable, Hashable {
    public typealias Member = (key: String, value: JSON)

    struct Entry: Sendable {
        var sortKey: UInt64
        var key: String
        var value: JSON
        init(_ key: String, _ value: JSON) { self.init(key, sortKey: JSONObject.sortKey(key), value) }
        init(_ key: String, sortKey: UInt64, _ value: JSON) {
            self.sortKey = sortKey
            self.key = key
            self.value = value
        }
    }

    /// Sorted by key (UTF-16 order), no key twice. The writer reads them in place.
    private(set) var entries: [Entry]

    public init() { entries = [] }

    fileprivate init(sorted entries: [Entry]) { self.entries = entries }

    /// An object from key–value pairs; where a key repeats, the last value wins. One sort, so building an object of
    /// n members costs n log n (setting members one by one shifts the list each time).
    public init(_ pairs: some Sequence<(String, JSON)>) {
        var entries = pairs.map { Entry($0.0, $0.1) }
        if entries.count > 16 {
            // The standard sort does not promise stability; the position breaks ties so that the last pair stays last.
            entries = entries.enumerated().sorted { lhs, rhs in
                let comparison = Self.compare(lhs.element, rhs.element)
                return comparison != 0 ? comparison < 0 : lhs.offset < rhs.offset
            }.map(\.element)
        } else {
            Self.sort(&entries)  // an insertion sort: stable
        }
        var distinct: [Entry] = []
        distinct.reserveCapacity(entries.count)
        for entry in entries {
            if let last = distinct.last, Self.compare(last, entry) == 0 {
                distinct[distinct.count - 1] = entry
            } else {
                distinct.append(entry)
            }
        }
        self.init(sorted: distinct)
    }

    /// This object's members and `other`'s, `other`'s value winning where both have a key: one pass over the two
    /// sorted lists.
    public func merging(_ other: JSONObject) -> JSONObject {
        var merged: [Entry] = []
        merged.reserveCapacity(entries.count + other.entries.count)
        var (mine, theirs) = (0, 0)
        while mine < entries.count, theirs < other.entries.count {
            let comparison = Self.compare(entries[mine], other.entries[theirs])
            if comparison < 0 {
                merged.append(entries[mine])
                mine += 1
            } else {
                merged.append(other.entries[theirs])
                theirs += 1
                if comparison == 0 { mine += 1 }
            }
        }
        merged.append(contentsOf: entries[mine...])
        merged.append(contentsOf: other.entries[theirs...])
        return JSONObject(sorted: merged)
    }

    /// Collects an object's members as a parser reads them.
    struct Builder {
        fileprivate var entries: [Entry] = []
        init() { entries.reserveCapacity(8) }  // most credential objects have a handful of members
        mutating func append(_ key: String, sortKey: UInt64, _ value: JSON) { entries.append(Entry(key, sortKey: sortKey, value)) }

        /// The object, or the first key (in key order) given twice.
        consuming func build() throws(JSONError) -> JSONObject {
            JSONObject.sort(&entries)
            for position in entries.indices.dropFirst() where JSONObject.compare(entries[position - 1], entries[position]) == 0 {
                throw .duplicateKey(entries[position].key)
            }
            return JSONObject(sorted: entries)
        }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var keys: [String] { entries.map(\.key) }

    /// Where `key` is, or where it would go.
    private func position(of key: String) -> (index: Int, found: Bool) {
        let probe = Self.sortKey(key)
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let entry = entries[middle].sortKey
            let comparison: Int
            if entry != probe {
                comparison = entry < probe ? -1 : 1
            } else {
                // Equal sort keys and equal lengths up to eight bytes: the same bytes, no need to read them again.
                let (length, probeLength) = (entries[middle].key.utf8.count, key.utf8.count)
                comparison = length == probeLength && length <= 8 ? 0 : Self.order(entries[middle].key, key)
            }
            if comparison == 0 { return (middle, true) }
            if comparison < 0 { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }

    public subscript(key: String) -> JSON? {
        get {
            let (index, found) = position(of: key)
            guard found else { return nil }  // not `found ? … : nil`: JSON takes nil literals, which would make it .null
            return entries[index].value
        }
        set {
            if let newValue { updateValue(newValue, forKey: key) } else { removeValue(forKey: key) }
        }
    }

    /// Sets `key` to `value`, returning the value it replaced.
    @discardableResult
    public mutating func updateValue(_ value: JSON, forKey key: String) -> JSON? {
        let (index, found) = position(of: key)
        guard found else {
            entries.insert(Entry(key, value), at: index)
            return nil
        }
        defer { entries[index].value = value }
        return entries[index].value
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        let (index, found) = position(of: key)
        guard found else { return nil }
        return entries.remove(at: index).value
    }

    public func mapValues(_ transform: (JSON) throws -> JSON) rethrows -> JSONObject {
        var result = self
        for index in result.entries.indices { result.entries[index].value = try transform(result.entries[index].value) }
        return result
    }

    public func filter(_ isIncluded: (Member) throws -> Bool) rethrows -> JSONObject {
        JSONObject(sorted: try entries.filter { try isIncluded(($0.key, $0.value)) })
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { compare($0, $1) == 0 && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries.count)
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }
}

extension JSONObject: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }
    public subscript(position: Int) -> Member { (entries[position].key, entries[position].value) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) { self.init(elements) }
}

extension JSONObject {
    /// A key's first eight UTF-8 bytes as one big-endian integer (zero-padded), with each byte mapped so that integer
    /// order is UTF-16 order: byte order is code-point order, and the two differ only where, at the first difference,
    /// a character above U+FFFF (lead byte F0–F4) meets one in U+E000–U+FFFF (lead byte EE or EF), which UTF-16 puts
    /// after the surrogate pair. So F0–F4 become EE–F2 and EE, EF become F3, F4 (no UTF-8 byte is above F4). Equal
    /// prefixes keep character boundaries aligned, so the first difference is two lead bytes or two continuation bytes.
    /// Keys with equal sort keys are told apart by `order`.
    static func sortKey(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8(sortKey(utf8:))
    }

    static func sortKey(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        if bytes.count >= 8, let base = bytes.baseAddress {
            word = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
        } else {
            // Gathered in a register: bytes copied to memory and read back as a word would stall store forwarding.
            for position in 0..<bytes.count { word |= UInt64(bytes[position]) << UInt64(position * 8) }
        }
        var value = UInt64(bigEndian: word)  // the first byte most significant
        guard word & 0x8080_8080_8080_8080 != 0 else { return value }  // ASCII: nothing to map
        value = 0
        for shift in stride(from: 56, through: 0, by: -8) {
            var byte = UInt8(truncatingIfNeeded: UInt64(bigEndian: word) >> UInt64(shift))
            if byte >= 0xEE { byte = byte >= 0xF0 ? byte - 2 : byte + 5 }
            value = value << 8 | UInt64(byte)
        }
        return value
    }

    fileprivate static func compare(_ lhs: Entry, _ rhs: Entry) -> Int {
        lhs.sortKey != rhs.sortKey ? (lhs.sortKey < rhs.sortKey ? -1 : 1) : order(lhs.key, rhs.key)
    }

    /// RFC 8785 order of two keys (UTF-16 code units), read from their UTF-8: negative, zero (the same code units) or
    /// positive. At the first differing byte, a lead byte F0–F4 (a surrogate pair in UTF-16) precedes EE or EF.
    static func order(_ lhs: String, _ rhs: String) -> Int {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = Swift.min(left.count, right.count)
                var offset = 0
                if let l = left.baseAddress, let r = right.baseAddress {
                    while offset + 8 <= common {
                        let a = UnsafeRawPointer(l + offset).loadUnaligned(as: UInt64.self)
                        let b = UnsafeRawPointer(r + offset).loadUnaligned(as: UInt64.self)
                        if a != b {
                            offset += (UInt64(littleEndian: a) ^ UInt64(littleEndian: b)).trailingZeroBitCount / 8
                            break
                        }
                        offset += 8
                    }
                }
                while offset < common, left[offset] == right[offset] { offset += 1 }
                guard offset < common else { return left.count - right.count }
                let (x, y) = (left[offset], right[offset])
                if x >= 0xF0, y == 0xEE || y == 0xEF { return -1 }
                if y >= 0xF0, x == 0xEE || x == 0xEF { return 1 }
                return Int(x) - Int(y)
            }
        }
    }

    /// Sorts entries by key. Credential objects hold a handful of members, often already in order: an insertion sort
    /// on sort keys settles almost every comparison; larger objects take the standard sort.
    fileprivate static func sort(_ entries: inout [Entry]) {
        guard entries.count > 1 else { return }
        guard entries.count <= 16 else {
            entries.sort { compare($0, $1) < 0 }
            return
        }
        for next in entries.indices.dropFirst() {
            var position = next
            while position > 0, compare(entries[position], entries[position - 1]) < 0 {
                entries.swapAt(position, position - 1)
                position -= 1
            }
        }
    }
}
