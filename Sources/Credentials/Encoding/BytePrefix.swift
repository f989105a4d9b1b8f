extension StringProtocol {
    /// Whether the text's UTF-8 starts with `prefix`'s bytes. For the ASCII schemes and URLs Accord matches on, this is
    /// what is meant, and it reads the bytes in place (`hasPrefix` compares by Unicode canonical equivalence, and
    /// `utf8.starts(with:)` walks an iterator).
    func hasBytePrefix(_ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { expected in
            utf8.withContiguousStorageIfAvailable { bytes in
                bytes.count >= expected.count && UnsafeBufferPointer(rebasing: bytes[..<expected.count]).elementsEqual(expected)
            } ?? utf8.starts(with: expected)
        }
    }
}
