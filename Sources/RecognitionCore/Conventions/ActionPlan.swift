import Foundation

/// One item of a country's national action plan: what is to be done, by whom and when, how far it is, and any
/// technical assistance the country asks for.
public struct ActionItem: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<ActionItem>

    public enum Status: String, Sendable, Codable, CaseIterable {
        case planned
        case inProgress = "in-progress"
        case done
        case cancelled

        public var isOpen: Bool { self == .planned || self == .inProgress }
    }

    public var id: ID
    /// ISO 3166 alpha-2.
    public var country: String
    public var title: String
    public var owner: String?
    /// YYYY-MM-DD.
    public var due: String?
    public var status: Status
    /// The technical assistance the country requests for this item (from UNESCO or a peer), if any.
    public var assistance: String?
    /// The meeting whose outcome this item records, if any.
    public var meeting: Meeting.ID?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: ID, country: String, title: String, owner: String? = nil, due: String? = nil, status: Status = .planned, assistance: String? = nil,
        meeting: Meeting.ID? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.country = country
        self.title = title
        self.owner = owner
        self.due = due
        self.status = status
        self.assistance = assistance
        self.meeting = meeting
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Open and past its due day.
    public func isOverdue(on today: CalendarDay) -> Bool {
        guard status.isOpen, let due = due.flatMap(CalendarDay.init) else { return false }
        return due < today
    }

    public var issues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            issues.append(.init(field: "country", message: "must be an ISO 3166 alpha-2 code such as NZ"))
        }
        if title.trimmingCharacters(in: .whitespaces).isEmpty || title.count > 500 {
            issues.append(.init(field: "title", message: "is required (at most 500 characters)"))
        }
        if (owner?.count ?? 0) > 200 { issues.append(.init(field: "owner", message: "at most 200 characters")) }
        if let due, CalendarDay(due) == nil { issues.append(.init(field: "due", message: "must be a day, YYYY-MM-DD")) }
        if (assistance?.count ?? 0) > 2_000 { issues.append(.init(field: "assistance", message: "at most 2,000 characters")) }
        return issues
    }
}
