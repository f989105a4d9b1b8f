import Credentials
import Testing

/// base58btc, base64url and hex against known values and round trips (leading zeros are the usual trap).
@Suite struct EncodingTests {
    @Test("base58btc known values") func base58Known() {
        #expect(Base58.encode(Array("Hello World!".utf8)) == "2NEpo7TZRRrLZSi2U")
        #expect(Base58.encode([0, 0, 0x28, 0x7F, 0xB4, 0xCD]) == "11233QC4")
        #expect(Base58.decode("11233QC4") == [0, 0, 0x28, 0x7F, 0xB4, 0xCD])
        #expect(Base58.decode("") == [])
        #expect(Base58.decode("111") == [0, 0, 0])
        #expect(Base58.decode("0OIl") == nil)
    }

    @Test("base58btc and base64url round trips") func roundTrips() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 2, 3, 4, 5, 31, 32, 33, 34, 63, 64, 65, 100] {
            for zeros in [0, 1, 3] {
                let bytes = [UInt8](repeating: 0, count: zeros) + (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                #expect(Base58.decode(Base58.encode(bytes)) == bytes)
                #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
                #expect(Hex.decode(Hex.encode(bytes)) == bytes)
            }
        }
    }
}
