/// Multibase with the two bases Accord meets: `z` (base58btc) and `u` (base64url, no padding).
public enum Multibase {
    public static func encodeBase58(_ bytes: some Collection<UInt8>) -> String { "z" + Base58.encode(bytes) }
    public static func encodeBase64URL(_ bytes: some Collection<UInt8>) -> String { "u" + Base64URL.encode(bytes) }

    public static func decode(_ text: String) -> [UInt8]? {
        guard let prefix = text.first else { return nil }
        let body = text.dropFirst()
        switch prefix {
        case "z": return Base58.decode(body)
        case "u": return Base64URL.decode(body)
        default: return nil
        }
    }
}
