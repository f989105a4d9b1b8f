import Credentials
import Crypto
import Foundation
import RecognitionCore

/// The network's meetings: admins plan them (date, place or link, agenda, the conventions they serve, the survey sent
/// before), upload their documents and record what they concluded; each country's focal point names who takes part for
/// it; outcomes become action items in the countries' plans. The network's members read them all. Every change is
/// audited.
public struct MeetingDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    /// Today by the desk's clock: what "upcoming" is measured from.
    public var today: CalendarDay { CalendarDay(dependencies.clock.now) }

    /// What an admin sends to plan or change a meeting (every field replaces the one on record).
    public struct MeetingInput: Sendable, Decodable {
        public var kind: Meeting.Kind
        public var title: String
        public var conventions: [Convention.ID]?
        public var startsOn: String
        public var endsOn: String?
        public var place: String?
        public var link: String?
        public var organisers: String?
        public var languages: [String]?
        public var agenda: [String]?
        public var participants: [Meeting.Participant]?
        public var survey: Survey.ID?
        public var outcomes: String?

        public init(
            kind: Meeting.Kind, title: String, conventions: [Convention.ID]? = nil, startsOn: String, endsOn: String? = nil,
            place: String? = nil, link: String? = nil, organisers: String? = nil, languages: [String]? = nil, agenda: [String]? = nil,
            participants: [Meeting.Participant]? = nil, survey: Survey.ID? = nil, outcomes: String? = nil
        ) {
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
        }

        /// The meeting these fields describe; participants not sent are `kept` (none for a new meeting).
        func meeting(id: Meeting.ID, createdAt: Date, updatedAt: Date, keeping kept: [Meeting.Participant] = []) -> Meeting {
            Meeting(
                id: id, kind: kind, title: title, conventions: conventions ?? [], startsOn: startsOn, endsOn: endsOn, place: place, link: link,
                organisers: organisers, languages: languages ?? [], agenda: agenda ?? [],
                participants: (participants ?? kept).map {
                    Meeting.Participant(country: $0.country.uppercased(), nic: $0.nic, name: $0.name, capacity: $0.capacity)
                },
                survey: survey, outcomes: outcomes, createdAt: createdAt, updatedAt: updatedAt)
        }
    }

    /// A meeting as its page and the API show it: its documents, the action items it produced, and where its survey stands.
    public struct MeetingView: Sendable, Encodable {
        public let meeting: Meeting
        public let documents: [MeetingDocument]
        public let outcomes: [ActionItemView]
        public let survey: SurveyStanding?
    }

    /// The pre-meeting survey as the network reads it: its title and state, and how many countries submitted.
    public struct SurveyStanding: Sendable, Encodable {
        public let id: Survey.ID
        public let title: String
        public let state: Survey.State
        public let asked: Int
        public let submitted: Int
    }

    public func create(_ input: MeetingInput, by caller: Account?) async throws -> Meeting {
        try caller.authorize(.editReferenceData)
        let now = dependencies.clock.now
        let meeting = input.meeting(id: .init("mt-" + dependencies.random.hexID()), createdAt: now, updatedAt: now)
        return try await stores.transaction { tx in
            try await Self.check(meeting, in: tx)
            try await tx.network.save(meeting)
            try await dependencies.record(.create, .init(.meeting, meeting.id.rawValue), by: caller, summary: meeting, in: tx)
            return meeting
        }
    }

    /// Replaces the meeting's fields; its participants too when the input names them (otherwise they stay, as the
    /// focal points named them meanwhile).
    public func update(_ id: Meeting.ID, with input: MeetingInput, by caller: Account?) async throws -> Meeting {
        try caller.authorize(.editReferenceData)
        return try await stores.transaction { tx in
            guard let before = try await tx.network.meetingForUpdate(id) else { throw StoreError.notFound(kind: "meeting", id: id.rawValue) }
            let meeting = input.meeting(id: id, createdAt: before.createdAt, updatedAt: dependencies.clock.now, keeping: before.participants)
            try await Self.check(meeting, in: tx)
            try await tx.network.save(meeting)
            try await dependencies.record(.update, .init(.meeting, id.rawValue), by: caller, summary: Change(before: before, after: meeting), in: tx)
            return meeting
        }
    }

    /// Replaces the participants for one country (the others stay): that country's focal point or an admin.
    public func setParticipants(
        _ participants: [Meeting.Participant], for country: String, of id: Meeting.ID, by caller: Account?
    ) async throws -> Meeting {
        if participants.contains(where: { $0.country.uppercased() != country.uppercased() }) {
            throw ValidationFailure([.init(field: "participants", message: "every participant here is for \(country.uppercased())")])
        }
        return try await changeParticipants(of: country, in: id, by: caller) { _ in participants }
    }

    /// Adds one participant for its country.
    public func addParticipant(_ participant: Meeting.Participant, to id: Meeting.ID, by caller: Account?) async throws -> Meeting {
        try await changeParticipants(of: participant.country, in: id, by: caller) { $0 + [participant] }
    }

    /// Takes one participant off: the first stored exactly as given (country, NIC, name, capacity). One that another
    /// edit changed or removed meanwhile is not found, and nobody else is taken off in its place.
    public func removeParticipant(_ participant: Meeting.Participant, from id: Meeting.ID, by caller: Account?) async throws -> Meeting {
        try await changeParticipants(of: participant.country, in: id, by: caller) { people in
            let wanted = Meeting.Participant(
                country: participant.country.uppercased(), nic: participant.nic, name: participant.name, capacity: participant.capacity)
            guard let position = people.firstIndex(of: wanted) else {
                throw StoreError.notFound(kind: "participant", id: "\(wanted.country) \(wanted.name ?? wanted.nic?.rawValue ?? "")")
            }
            var rest = people
            rest.remove(at: position)
            return rest
        }
    }

    /// Reads one country's participants, changes them with `change` and writes them back in one unit of work.
    private func changeParticipants(
        of country: String, in id: Meeting.ID, by caller: Account?,
        _ change: @escaping @Sendable ([Meeting.Participant]) throws -> [Meeting.Participant]
    ) async throws -> Meeting {
        let country = country.uppercased()
        try caller.authorize(.registerParticipants(country: country))
        let dependencies = dependencies
        return try await stores.transaction { tx in
            guard let before = try await tx.network.meetingForUpdate(id) else { throw StoreError.notFound(kind: "meeting", id: id.rawValue) }
            let people = try change(before.participants.filter { $0.country == country })
            guard people.count <= 100 else { throw ValidationFailure([.init(field: "participants", message: "at most 100 for one country")]) }
            var meeting = before
            meeting.participants =
                before.participants.filter { $0.country != country }
                + people.map { Meeting.Participant(country: country, nic: $0.nic, name: $0.name, capacity: $0.capacity) }
            meeting.updatedAt = dependencies.clock.now
            try await Self.check(meeting, in: tx)
            try await tx.network.save(meeting)
            try await dependencies.record(
                .update, .init(.meeting, id.rawValue), by: caller, summary: ["country": country, "participants": String(people.count)], in: tx)
            return meeting
        }
    }

    /// Bounds and shapes, then what the meeting refers to: conventions, the survey, and NICs of the right country.
    static func check(_ meeting: Meeting, in tx: any Stores) async throws {
        var issues = meeting.issues
        let conventions = Set(try await tx.reference.conventions().map(\.id))
        for convention in meeting.conventions where !conventions.contains(convention) {
            issues.append(.init(field: "conventions", message: "no convention '\(convention)' on record"))
        }
        if let survey = meeting.survey, try await tx.network.survey(survey) == nil {
            issues.append(.init(field: "survey", message: "no survey '\(survey)' on record"))
        }
        let nics = Dictionary(try await tx.reference.nics().map { ($0.id, $0.country) }, uniquingKeysWith: { first, _ in first })
        for (index, participant) in meeting.participants.enumerated() {
            guard let nic = participant.nic else { continue }
            if nics[nic] != participant.country {
                issues.append(.init(field: "participants[\(index)].nic", message: "no NIC '\(nic)' of \(participant.country) on record"))
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
    }

    /// Every meeting, latest first, for the network's members.
    public func meetings(by caller: Account?) async throws -> [Meeting] {
        try caller.authorize(.readNetworkContacts)
        return try await stores.network.meetings()
    }

    public func meeting(_ id: Meeting.ID, by caller: Account?) async throws -> MeetingView {
        try caller.authorize(.readNetworkContacts)
        guard let meeting = try await stores.network.meeting(id) else { throw StoreError.notFound(kind: "meeting", id: id.rawValue) }
        let today = CalendarDay(dependencies.clock.now)
        let outcomes = try await stores.network.actionItems(meeting: id).map { item in
            ActionItemView(item: item, overdue: item.isOverdue(on: today), editable: caller.may(.editActionPlan(country: item.country)))
        }
        var standing: SurveyStanding?
        if let surveyID = meeting.survey, let survey = try await stores.network.survey(surveyID),
            survey.state != .draft || caller.may(.editReferenceData)
        {
            let submitted = try await stores.network.responses(to: surveyID).filter { $0.state == .submitted }.count
            standing = SurveyStanding(id: surveyID, title: survey.title, state: survey.state, asked: survey.countries.count, submitted: submitted)
        }
        return MeetingView(meeting: meeting, documents: try await stores.network.documents(of: id), outcomes: outcomes, survey: standing)
    }

    // MARK: documents

    /// Uploads a document of a meeting (admins): PDF, JPEG or PNG by its bytes, in the language named.
    public func attach(_ bytes: [UInt8], name: String, language: String, to id: Meeting.ID, by caller: Account?) async throws -> MeetingDocument {
        try caller.authorize(.editReferenceData)
        guard let account = caller else { throw AccessError.unauthenticated }
        guard !bytes.isEmpty, bytes.count <= MeetingDocument.maxBytes else {
            throw ValidationFailure([.init(field: "content", message: "a document is 1 byte to \(MeetingDocument.maxBytes >> 20) MiB")])
        }
        guard let type = CaseDocument.MediaType(sniffing: bytes) else {
            throw ValidationFailure([.init(field: "content", message: "must be a PDF, JPEG or PNG file")])
        }
        guard Meeting.isLanguageTag(language) else {
            throw ValidationFailure([.init(field: "language", message: "must be a language tag such as en, zh-Hans or th")])
        }
        let document = MeetingDocument(
            id: .init("md-" + Hex.encode(dependencies.random.bytes(10))), meeting: id, name: RecognitionDesk.fileName(name), language: language,
            mediaType: type, size: bytes.count, sha256: Hex.encode(SHA256.hash(data: bytes)), uploadedAt: dependencies.clock.now,
            uploadedBy: account.id)
        try await stores.transaction { tx in
            guard try await tx.network.meeting(id) != nil else { throw StoreError.notFound(kind: "meeting", id: id.rawValue) }
            guard try await tx.network.documents(of: id).count < MeetingDocument.maxPerMeeting else {
                throw StoreError.conflict("a meeting holds at most \(MeetingDocument.maxPerMeeting) documents")
            }
            try await tx.network.add(document, bytes: bytes)
            try await dependencies.record(
                .create, .init(.meeting, id.rawValue), by: caller,
                summary: ["document": document.name, "language": language, "sha256": document.sha256, "size": "\(document.size)"], in: tx)
        }
        return document
    }

    /// One document's bytes, for the network's members.
    public func document(_ documentID: MeetingDocument.ID, of id: Meeting.ID, by caller: Account?) async throws
        -> (document: MeetingDocument, bytes: [UInt8])
    {
        try caller.authorize(.readNetworkContacts)
        guard let found = try await stores.network.document(documentID), found.document.meeting == id else {
            throw StoreError.notFound(kind: "document", id: documentID.rawValue)
        }
        return found
    }

    /// One line per meeting: what a secretariat pastes into its calendar of events.
    public static func csv(_ meetings: [Meeting]) -> String {
        var text = CSV.line(["id", "kind", "title", "starts_on", "ends_on", "place", "conventions", "countries", "survey"])
        for meeting in meetings {
            text += CSV.line([
                meeting.id.rawValue, meeting.kind.rawValue, meeting.title, meeting.startsOn, meeting.endsOn ?? "", meeting.place ?? "",
                meeting.conventions.map(\.rawValue).joined(separator: " "), meeting.countries.joined(separator: " "), meeting.survey?.rawValue ?? "",
            ])
        }
        return text
    }

    // MARK: seed

    struct MeetingFile: Decodable {
        struct Seed: Decodable {
            let id: String
            let input: MeetingInput
            init(from decoder: any Decoder) throws {
                id = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .id)
                input = try MeetingInput(from: decoder)
            }
            enum Keys: String, CodingKey { case id }
        }
        let meetings: [Seed]
    }

    /// Adds the seeded meetings when there is none yet (after the surveys they refer to); true when it did.
    public func seedIfEmpty(_ bytes: Data, by caller: Account? = nil) async throws -> Bool {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file = try decoder.decode(MeetingFile.self, from: bytes)
        return try await stores.transaction { tx in
            guard try await tx.network.meetings().isEmpty else { return false }
            for seed in file.meetings {
                let now = dependencies.clock.now
                let meeting = seed.input.meeting(id: .init(seed.id), createdAt: now, updatedAt: now)
                try await Self.check(meeting, in: tx)
                try await tx.network.save(meeting)
                try await dependencies.record(.seed, .init(.meeting, meeting.id.rawValue), by: caller, summary: ["title": meeting.title], in: tx)
            }
            return !file.meetings.isEmpty
        }
    }
}
