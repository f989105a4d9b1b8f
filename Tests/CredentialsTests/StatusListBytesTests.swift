import Credentials
import Testing

/// A status list kept as its bytes (Accord's store) reads back as the same list.
@Suite struct StatusListBytesTests {
    @Test("bytes round-trip; a list shorter than the minimum is refused")
    func bytes() throws {
        var list = BitstringStatusList()
        try list.set(94_567, to: true)
        let copy = try BitstringStatusList(bytes: list.bytes)
        #expect(copy == list)
        #expect(try copy.isSet(94_567))
        #expect(try !copy.isSet(94_566))
        #expect(throws: BitstringStatusList.Failure.self) { try BitstringStatusList(bytes: [UInt8](repeating: 0, count: 100)) }
    }
}
