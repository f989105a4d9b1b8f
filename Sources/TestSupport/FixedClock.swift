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
