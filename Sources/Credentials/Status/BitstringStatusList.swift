/// A W3C Bitstring Status List: one bit per credential, index 0 the most significant bit of the first byte.
public struct BitstringStatusList: Sendable, Equatable {
    /// The specification's minimum (16 KB), which keeps any one credential's index from standing out.
    public static let minimumLength = 131_072
    /// The largest list Accord will inflate (bits); a larger encodedList is refused, never expanded.
    public static let maximumLength = 64 * 1024 * 1024

    public enum Purpose: String, Sendable, CaseIterable {
        case revocation, suspension, refresh, message
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notMultibase
        case notGZip
        case tooShort(bits: Int)
        case tooLarge
        case indexOutOfRange(Int, length: Int)

        public var description: String {
            switch self {
            case .notMultibase: "encodedList is not multibase base64url"
            case .notGZip: "encodedList does not hold GZIP data"
            case .tooShort(let bits): "the list holds \(bits) entries, fewer than the required \(BitstringStatusList.minimumLength)"
            case .tooLarge: "the list is larger than Accord accepts (\(BitstringStatusList.maximumLength) entries)"
            case .indexOutOfRange(let index, let length): "index \(index) is outside the list of \(length) entries"
            }
        }
    }

    public private(set) var bytes: [UInt8]
    public var length: Int { bytes.count * 8 }

    public init(length: Int = minimumLength) {
        bytes = [UInt8](repeating: 0, count: (max(length, Self.minimumLength) + 7) / 8)
    }

    /// A list from its stored bytes (as `bytes` gave them), at least the minimum length.
    public init(bytes: [UInt8]) throws(Failure) {
        guard bytes.count * 8 >= Self.minimumLength else { throw .tooShort(bits: bytes.count * 8) }
        self.bytes = bytes
    }

    /// Reads an `encodedList`: multibase base64url (`u…`) of GZIP data.
    public init(encodedList: String) throws(Failure) {
        guard let compressed = Multibase.decode(encodedList) ?? Base64URL.decode(encodedList) else { throw .notMultibase }
        let raw: [UInt8]
        do { raw = try GZip.decompress(compressed, limit: Self.maximumLength / 8) } catch {
            if case .tooLarge = error { throw .tooLarge }
            throw .notGZip
        }
        guard raw.count * 8 >= Self.minimumLength else { throw .tooShort(bits: raw.count * 8) }
        bytes = raw
    }

    public var encodedList: String {
        // Compressing zero-filled memory cannot fail; a zlib fault here is a broken system library.
        Multibase.encodeBase64URL((try? GZip.compress(bytes)) ?? [])
    }

    public func isSet(_ index: Int) throws(Failure) -> Bool {
        guard index >= 0, index < length else { throw .indexOutOfRange(index, length: length) }
        return bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0
    }

    public mutating func set(_ index: Int, to value: Bool) throws(Failure) {
        guard index >= 0, index < length else { throw .indexOutOfRange(index, length: length) }
        if value { bytes[index / 8] |= 0x80 >> UInt8(index % 8) } else { bytes[index / 8] &= ~(0x80 >> UInt8(index % 8)) }
    }

    /// The unsigned BitstringStatusListCredential carrying this list (sign it with `DataIntegrity.sign`).
    public func credential(id: String, issuer: String, purpose: Purpose, validFrom: String, validUntil: String? = nil) -> JSON {
        var credential: JSONObject = [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": .string(id),
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": .string(issuer),
            "validFrom": .string(validFrom),
            "credentialSubject": [
                "id": .string(id + "#list"), "type": "BitstringStatusList", "statusPurpose": .string(purpose.rawValue),
                "encodedList": .string(encodedList),
            ],
        ]
        if let validUntil { credential["validUntil"] = .string(validUntil) }
        return .object(credential)
    }

    /// The `credentialStatus` entry a credential carries to point at `index` in the list credential `listID`.
    public static func entry(listID: String, index: Int, purpose: Purpose) -> JSON {
        [
            "id": .string("\(listID)#\(index)"), "type": "BitstringStatusListEntry", "statusPurpose": .string(purpose.rawValue),
            "statusListIndex": .string(String(index)), "statusListCredential": .string(listID),
        ]
    }
}
