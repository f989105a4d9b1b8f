import Foundation
import RecognitionCore

/// A clock that always reads the same instant (2026-11-23T00:00:00Z unless told otherwise).
public struct FixedClock: Clock {
    public var now: Date
    public init(_ now: Date = .t0) { self.now = now }
}

extension Date {
    /// The fixed instant tests run at.
    public static let t0 = Date(timeIntervalSince1970: 1_795_392_000)
}

/// Randomness that repeats: SplitMix64 from a fixed seed, so ids and tokens are the same on every run.
public final class SequentialRandom: RandomSource, @unchecked Sendable {
    private var state: UInt64
    private let lock = NSLock()

    public init(seed: UInt64 = 1) { state = seed }

    public func bytes(_ count: Int) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        var output: [UInt8] = []
        output.reserveCapacity(count + 8)
        while output.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            withUnsafeBytes(of: z) { output.append(contentsOf: $0) }
        }
        return Array(output.prefix(count))
    }
}
