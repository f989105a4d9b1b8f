import Crypto
import Foundation

extension Digest {
    /// The digest's bytes, copied in one go (`Array(digest)` walks its iterator byte by byte).
    var bytes: [UInt8] { self.withUnsafeBytes { Array($0) } }
}
