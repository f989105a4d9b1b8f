import Foundation

/// The time source: injected so that tests fix it and core code never reads the real clock.
public protocol Clock: Sendable {
    var now: Date { get }
}

extension Date {
    /// The UTC calendar day, `YYYY-MM-DD`: how pages, CSV and notes show a date.
    public var isoDay: String { String(formatted(.iso8601).prefix(10)) }
}
