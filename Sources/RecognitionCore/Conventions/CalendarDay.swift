import Foundation

/// A day of the Gregorian calendar, the unit in which treaties are dated: no time of day, no time zone.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day a moment falls on in UTC (the day "today" is for due dates and deadlines).
    public init(_ date: Date) {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: date)
        self.init(unchecked: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// `YYYY-MM-DD` only; a partial date is a ``DayRange``.
    public init?(_ text: String) {
        guard let range = DayRange(partial: text), let day = range.exact, text.count == 10 else { return nil }
        self = day
    }

    public static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The same day `count` months later (or earlier), on the month's last day when it is shorter: 31 January + 1 month
    /// is 28 (or 29) February, as "the expiration of one month" is counted.
    public func adding(months count: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + count
        let (y, m) = (index / 12, index % 12 + 1)
        return CalendarDay(unchecked: y, m, min(day, Self.days(inMonth: m, of: y)))
    }

    public func adding(days count: Int) -> CalendarDay {
        var (y, m, d) = (year, month, day + count)
        while d > Self.days(inMonth: m, of: y) {
            d -= Self.days(inMonth: m, of: y)
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        while d < 1 {
            (y, m) = m == 1 ? (y - 1, 12) : (y, m - 1)
            d += Self.days(inMonth: m, of: y)
        }
        return CalendarDay(unchecked: y, m, d)
    }

    public var firstOfNextMonth: CalendarDay { month == 12 ? CalendarDay(unchecked: year + 1, 1, 1) : CalendarDay(unchecked: year, month + 1, 1) }

    public var lastOfMonth: CalendarDay { CalendarDay(unchecked: year, month, Self.days(inMonth: month, of: year)) }

    public var description: String {
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

/// The days on which a partly known date may fall: "2017" is any day of 2017, "2017-02" any day of February; a missing
/// end is unbounded (a deposit known only as "before March 2017" has no earliest day of its own).
public struct DayRange: Sendable, Equatable, CustomStringConvertible {
    public var earliest: CalendarDay?
    public var latest: CalendarDay?

    public init(earliest: CalendarDay?, latest: CalendarDay?) {
        self.earliest = earliest
        self.latest = latest
    }

    public init(_ day: CalendarDay) {
        self.init(earliest: day, latest: day)
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil for anything else.
    public init?(partial text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        switch numbers.count {
        case 1:
            guard let first = CalendarDay(year: numbers[0], month: 1, day: 1), let last = CalendarDay(year: numbers[0], month: 12, day: 31)
            else { return nil }
            self.init(earliest: first, latest: last)
        case 2:
            guard let first = CalendarDay(year: numbers[0], month: numbers[1], day: 1) else { return nil }
            self.init(earliest: first, latest: first.lastOfMonth)
        default:
            guard let day = CalendarDay(year: numbers[0], month: numbers[1], day: numbers[2]) else { return nil }
            self.init(day)
        }
    }

    public var exact: CalendarDay? { earliest != nil && earliest == latest ? earliest : nil }

    public func contains(_ day: CalendarDay) -> Bool {
        (earliest.map { $0 <= day } ?? true) && (latest.map { day <= $0 } ?? true)
    }

    /// The part of this range that also lies in `other`'s; nil when they do not meet.
    public func narrowed(to other: DayRange) -> DayRange? {
        let low = [earliest, other.earliest].compactMap { $0 }.max()
        let high = [latest, other.latest].compactMap { $0 }.min()
        if let low, let high, high < low { return nil }
        return DayRange(earliest: low, latest: high)
    }

    public var description: String {
        switch (earliest, latest) {
        case let (low?, high?) where low == high: "\(low)"
        case let (low?, high?): "between \(low) and \(high)"
        case let (low?, nil): "on or after \(low)"
        case let (nil, high?): "on or before \(high)"
        case (nil, nil): "unknown"
        }
    }
}
