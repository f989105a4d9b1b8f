import Foundation

/// A workshop, webinar, committee session or meeting of focal points through which the network works (the June 2017
/// Beijing capacity-building workshop, the 2025 webinar on the two recognition conventions, the 2005 Convention's
/// first meeting of focal points): when and where, the agenda, who took part for which country and NIC, the survey
/// sent before it, and what it concluded. Its documents and the action items it produced are kept beside it.
public struct Meeting: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<Meeting>

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case workshop
        case webinar
        /// A session of a convention's governing body (the Tokyo Convention Committee, the 2005 Convention's
        /// Conference of Parties).
        case committee
        /// Any other meeting of the network (focal points, a plenary).
        case meeting
    }

    /// One person or delegation at the meeting, for a country and, where it took part, that country's NIC.
    public struct Participant: Sendable, Equatable, Codable {
        public enum Capacity: String, Sendable, Codable, CaseIterable {
            case delegate
            case observer
            case resourcePerson = "resource-person"
            case secretariat
        }

        /// ISO 3166 alpha-2.
        public var country: String
        public var nic: NIC.ID?
        public var name: String?
        public var capacity: Capacity

        public init(country: String, nic: NIC.ID? = nil, name: String? = nil, capacity: Capacity = .delegate) {
            self.country = country
            self.nic = nic
            self.name = name
            self.capacity = capacity
        }

        /// A participant whose capacity is not given is a delegate.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            country = try container.decode(String.self, forKey: .country)
            nic = try container.decodeIfPresent(NIC.ID.self, forKey: .nic)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            capacity = try container.decodeIfPresent(Capacity.self, forKey: .capacity) ?? .delegate
        }
    }

    public static let maxAgendaItems = 100
    public static let maxParticipants = 1_000

    public var id: ID
    public var kind: Kind
    public var title: String
    /// The conventions the meeting serves, by id.
    public var conventions: [Convention.ID]
    /// First and last day, YYYY-MM-DD (one-day meetings have no last day).
    public var startsOn: String
    public var endsOn: String?
    /// A city and country, a venue; nil for an online meeting.
    public var place: String?
    /// Where to join or read about it (https).
    public var link: String?
    public var organisers: String?
    /// The working languages (BCP 47 tags).
    public var languages: [String]
    public var agenda: [String]
    public var participants: [Participant]
    /// The survey sent before the meeting, whose answers it discusses.
    public var survey: Survey.ID?
    /// What the meeting concluded, in prose; the concrete commitments are action items that name the meeting.
    public var outcomes: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: ID, kind: Kind, title: String, conventions: [Convention.ID] = [], startsOn: String, endsOn: String? = nil, place: String? = nil,
        link: String? = nil, organisers: String? = nil, languages: [String] = [], agenda: [String] = [], participants: [Participant] = [],
        survey: Survey.ID? = nil, outcomes: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.conventions = conventions
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.place = place
        self.link = link
        self.organisers = organisers
        self.languages = languages
        self.agenda = agenda
        self.participants = participants
        self.survey = survey
        self.outcomes = outcomes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The countries taking part, each once, in order.
    public var countries: [String] { Array(Set(participants.map(\.country))).sorted() }

    /// Whether the meeting is still to come on `today` (it has not begun).
    public func isUpcoming(on today: CalendarDay) -> Bool { CalendarDay(startsOn).map { $0 > today } ?? false }

    /// What is wrong with it as given: bounds, days in order, an https link, codes of the right shape.
    public var issues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if title.trimmingCharacters(in: .whitespaces).isEmpty || title.count > 300 {
            issues.append(.init(field: "title", message: "is required (at most 300 characters)"))
        }
        if conventions.count > 20 { issues.append(.init(field: "conventions", message: "at most 20")) }
        let first = CalendarDay(startsOn)
        if first == nil { issues.append(.init(field: "startsOn", message: "must be a day, YYYY-MM-DD")) }
        if let endsOn {
            if let last = CalendarDay(endsOn) {
                if let first, last < first { issues.append(.init(field: "endsOn", message: "comes before the first day")) }
            } else {
                issues.append(.init(field: "endsOn", message: "must be a day, YYYY-MM-DD"))
            }
        }
        if (place?.count ?? 0) > 300 { issues.append(.init(field: "place", message: "at most 300 characters")) }
        if let link, link.count > 500 || !link.hasPrefix("https://") || URL(string: link)?.host == nil {
            issues.append(.init(field: "link", message: "must be an https address (at most 500 characters)"))
        }
        if (organisers?.count ?? 0) > 1_000 { issues.append(.init(field: "organisers", message: "at most 1,000 characters")) }
        if languages.count > 20 || languages.contains(where: { !Self.isLanguageTag($0) }) {
            issues.append(.init(field: "languages", message: "at most 20 language tags such as en, zh-Hans or th"))
        }
        if agenda.count > Self.maxAgendaItems || agenda.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty || $0.count > 500 }) {
            issues.append(.init(field: "agenda", message: "at most \(Self.maxAgendaItems) items of 1 to 500 characters"))
        }
        if participants.count > Self.maxParticipants { issues.append(.init(field: "participants", message: "at most \(Self.maxParticipants)")) }
        for (index, participant) in participants.enumerated() {
            if !Self.isCountryCode(participant.country) {
                issues.append(.init(field: "participants[\(index)].country", message: "must be an ISO 3166 alpha-2 code such as NZ"))
            }
            if (participant.name?.count ?? 0) > 200 { issues.append(.init(field: "participants[\(index)].name", message: "at most 200 characters")) }
        }
        if (outcomes?.count ?? 0) > 20_000 { issues.append(.init(field: "outcomes", message: "at most 20,000 characters")) }
        return issues
    }

    static func isCountryCode(_ code: String) -> Bool { code.count == 2 && code.allSatisfy { $0.isASCII && $0.isUppercase } }

    /// A language tag's shape (primary subtag of 2-3 letters, further subtags of 1-8 letters or digits).
    public static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}

/// A document of a meeting (its concept note, agenda, report, presentations): PDF, JPEG or PNG by its first bytes, in
/// one language, at most `maxBytes`, at most `maxPerMeeting` per meeting.
public struct MeetingDocument: Sendable, Equatable, Codable, Identifiable {
    public typealias ID = Identifier<MeetingDocument>

    public static let maxBytes = CaseDocument.maxBytes
    public static let maxPerMeeting = 20

    public var id: ID
    public var meeting: Meeting.ID
    public var name: String
    /// BCP 47 tag of the document's language.
    public var language: String
    public var mediaType: CaseDocument.MediaType
    public var size: Int
    /// SHA-256 of the bytes, lower-case hex.
    public var sha256: String
    public var uploadedAt: Date
    public var uploadedBy: Account.ID

    public init(
        id: ID, meeting: Meeting.ID, name: String, language: String, mediaType: CaseDocument.MediaType, size: Int, sha256: String,
        uploadedAt: Date, uploadedBy: Account.ID
    ) {
        self.id = id
        self.meeting = meeting
        self.name = name
        self.language = language
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.uploadedAt = uploadedAt
        self.uploadedBy = uploadedBy
    }
}
