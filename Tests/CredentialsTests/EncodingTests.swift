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
        // The largest values of each length carry through every limb.
        for length in 1...80 {
            let bytes = [UInt8](repeating: 0xFF, count: length)
            #expect(Base58.decode(Base58.encode(bytes)) == bytes)
        }
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

    /// The word-at-a-time escape test against a byte-by-byte reference: each byte that needs (or nearly needs) an
    /// escape, at every position of strings up to 20 bytes, through canonical JSON and canonical N-Quads.
    @Test("escaping finds special bytes at every offset") func escapingEveryOffset() throws {
        func reference(_ bytes: [UInt8], nquads: Bool) -> String {
            var out = ""
            for byte in bytes {
                switch byte {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x08: out += "\\b"
                case 0x09: out += "\\t"
                case 0x0A: out += "\\n"
                case 0x0C: out += "\\f"
                case 0x0D: out += "\\r"
                case _ where byte < 0x20 || (byte == 0x7F && nquads):
                    let hex = Array(nquads ? "0123456789ABCDEF" : "0123456789abcdef")
                    out += "\\u00" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
                default: out += String(UnicodeScalar(byte))
                }
            }
            return out
        }
        for length in 1...20 {
            for position in 0..<length {
                for special: UInt8 in [0x00, 0x01, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = special
                    let text = String(decoding: bytes, as: UTF8.self)
                    #expect(JSON.string(text).canonicalString == "\"" + reference(bytes, nquads: false) + "\"")
                    let quad = Quad(.iri("urn:s"), .iri("urn:p"), .literal(text, datatype: RDFTerm.xsdString, language: nil))
                    let line = try RDFCanonicalizer().canonicalize([quad]).nquads
                    #expect(line == "<urn:s> <urn:p> \"" + reference(bytes, nquads: true) + "\" .\n")
                }
            }
        }
    }
}
