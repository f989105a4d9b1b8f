import AccordServices
import Foundation
import Hummingbird
import RecognitionCore

/// `/meetings`: the network's workshops, webinars and committee sessions. Admins plan and change them, upload their
/// documents and record outcomes; a focal point names its country's participants and records its country's outcomes;
/// the network's members read them, download their documents and open the report of what one produced.
struct MeetingPages {
    let desk: MeetingDesk
    let network: NetworkDesk
    let reference: ReferenceDesk
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/meetings", use: list)
        router.post("/meetings", use: create)
        router.get("/meetings/:id", use: show)
        router.post("/meetings/:id", use: edit)
        router.post("/meetings/:id/participants", use: participants)
        router.post("/meetings/:id/documents", use: attach)
        router.get("/meetings/:id/documents/:document") { _, context in
            let found = try await desk.document(
                .init(try context.parameters.require("document")), of: try MeetingAPIController.id(context), by: context.account)
            return MeetingAPIController.download(found.document, found.bytes)
        }
        router.post("/meetings/:id/outcomes", use: outcome)
    }

    // MARK: the list

    struct ListModel: PageModel {
        static let template = "meetings"
        let title: String
        let rows: [Row]
        let form: FormModel?
        let error: String?
    }

    struct Row {
        let link: String
        let title: String
        let kind: String
        let days: String
        let place: String?
        let conventions: String
        let countries: Int
        let upcoming: Bool
    }

    /// The plan-or-change form: blank for a new meeting, filled for one on record.
    struct FormModel {
        let action: String
        let kinds: [RegistryPages.Option]
        let conventions: [RegistryPages.Option]
        let surveys: [RegistryPages.Option]
        let meeting: Meeting?
        let languages: String
        let agenda: String
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderList(context, error: nil, status: .ok)
    }

    func renderList(_ context: AppRequestContext, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let words = context.words
        let meetings = try await desk.meetings(by: context.account)
        let names = Dictionary(try await reference.conventions().map { ($0.id, $0.shortName) }, uniquingKeysWith: { first, _ in first })
        let today = desk.today
        let rows = meetings.map { meeting in
            Row(
                link: SiteURL.meeting(meeting.id).path, title: meeting.title, kind: words(Self.kindLabel(meeting.kind)), days: Self.days(meeting),
                place: meeting.place, conventions: meeting.conventions.map { names[$0] ?? $0.rawValue }.joined(separator: ", "),
                countries: meeting.countries.count, upcoming: meeting.isUpcoming(on: today))
        }
        var response = try pages.render(
            ListModel(
                title: words("Meetings"), rows: rows, form: try await form(for: nil, context: context, action: SiteURL.meetings.path),
                error: error), context: context)
        response.status = status
        return response
    }

    func form(for meeting: Meeting?, context: AppRequestContext, action: String) async throws -> FormModel? {
        guard context.account.may(.editReferenceData) else { return nil }
        let words = context.words
        let conventions = try await reference.conventions()
        let surveys = try await network.surveys(for: context.account)
        return FormModel(
            action: action,
            kinds: Meeting.Kind.allCases.map { .init(value: $0.rawValue, label: words(Self.kindLabel($0)), selected: $0 == meeting?.kind) },
            conventions: conventions.map {
                .init(value: $0.id.rawValue, label: $0.shortName, selected: meeting?.conventions.contains($0.id) ?? false)
            },
            surveys: [RegistryPages.Option(value: "", label: words("None"), selected: meeting?.survey == nil)]
                + surveys.map { .init(value: $0.id.rawValue, label: $0.title, selected: $0.id == meeting?.survey) },
            meeting: meeting, languages: meeting?.languages.joined(separator: ", ") ?? "",
            agenda: meeting?.agenda.joined(separator: "\n") ?? "")
    }

    static func kindLabel(_ kind: Meeting.Kind) -> Phrase {
        switch kind {
        case .workshop: Phrase("workshop")
        case .webinar: Phrase("webinar")
        case .committee: Phrase("committee session")
        case .meeting: Phrase("meeting")
        }
    }

    static func capacityLabel(_ capacity: Meeting.Participant.Capacity) -> Phrase {
        switch capacity {
        case .delegate: Phrase("delegate")
        case .observer: Phrase("observer")
        case .resourcePerson: Phrase("resource person")
        case .secretariat: Phrase("secretariat")
        }
    }

    static func days(_ meeting: Meeting) -> String { meeting.startsOn + (meeting.endsOn.map { " – " + $0 } ?? "") }

    struct MeetingForm: Decodable {
        var csrf: String?
        var kind: String?
        var title: String?
        var conventions: [String]?
        var startsOn: String?
        var endsOn: String?
        var place: String?
        var link: String?
        var organisers: String?
        var languages: String?
        var agenda: String?
        var survey: String?
        var outcomes: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case conventions = "conventions[]"
            case kind, title, startsOn, endsOn, place, link, organisers, languages, agenda, survey, outcomes
        }

        /// The form has no participants: a new meeting starts without, a changed one keeps its own.
        func input() throws -> MeetingDesk.MeetingInput {
            guard let kind = kind.flatMap(Meeting.Kind.init(rawValue:)) else {
                throw ValidationFailure([.init(field: "kind", message: "choose workshop, webinar, committee or meeting")])
            }
            return MeetingDesk.MeetingInput(
                kind: kind, title: title ?? "", conventions: (conventions ?? []).map { Convention.ID($0) }, startsOn: startsOn ?? "",
                endsOn: Forms.present(endsOn), place: Forms.present(place), link: Forms.present(link), organisers: Forms.present(organisers),
                languages: (languages ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init),
                agenda: (agenda ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                survey: Forms.present(survey).map { Survey.ID($0) }, outcomes: Forms.present(outcomes))
        }
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(MeetingForm.self, from: request, limit: 64 << 10)
        try Forms.requireCSRF(form.csrf, context)
        do {
            let meeting = try await desk.create(try form.input(), by: context.account)
            return Response.redirect(to: SiteURL.meeting(meeting.id).path, type: .normal)
        } catch let failure as ValidationFailure {
            return try await renderList(context, error: failure.issues.map(\.description).joined(separator: "; "), status: .badRequest)
        }
    }

    func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(MeetingForm.self, from: request, limit: 64 << 10)
        try Forms.requireCSRF(form.csrf, context)
        let id = try MeetingAPIController.id(context)
        return try await attempt(id, context) { _ = try await desk.update(id, with: try form.input(), by: context.account) }
    }

    /// Runs a change and goes back to the meeting's page, or shows the page again with what was wrong.
    func attempt(_ id: Meeting.ID, _ context: AppRequestContext, _ change: () async throws -> Void) async throws -> Response {
        do {
            try await change()
            return Response.redirect(to: SiteURL.meeting(id).path, type: .normal)
        } catch let failure as ValidationFailure {
            return try await render(id, context: context, error: failure.issues.map(\.description).joined(separator: "; "), status: .badRequest)
        }
    }

    // MARK: one meeting

    struct MeetingModel: PageModel {
        static let template = "meeting"
        let title: String
        let meeting: Meeting
        let kind: String
        let days: String
        let languages: String?
        let conventions: [Link]
        let survey: SurveyLine?
        let participants: [Person]
        let participantForm: ParticipantForm?
        let documents: [DocumentLine]
        let documentAction: String?
        let outcomes: [ActionPlanPages.ItemRow]
        let outcomeAction: String?
        let outcomeCountries: [RegistryPages.Option]
        let reportLink: String
        let form: FormModel?
        let error: String?
    }

    struct Link {
        let href: String
        let label: String
    }

    struct SurveyLine {
        let link: String
        let title: String
        let standing: String
    }

    struct Person {
        let country: String
        let countryName: String
        let countryLink: String
        let person: String?
        let capacity: String
        let nic: Link?
        let removeAction: String?
        /// The participant as stored, sent back by the remove form: it names whom to take off, not a position that
        /// another edit may have moved.
        let rawName: String
        let rawNIC: String
        let rawCapacity: String
    }

    struct ParticipantForm {
        let action: String
        let countries: [RegistryPages.Option]
        let capacities: [RegistryPages.Option]
        let nics: [RegistryPages.Option]
    }

    struct DocumentLine {
        let link: String
        let name: String
        let language: String
        let type: String
        let size: Int
        let sha: String
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(try MeetingAPIController.id(context), context: context, error: nil, status: .ok)
    }

    func render(_ id: Meeting.ID, context: AppRequestContext, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let words = context.words
        let view = try await desk.meeting(id, by: context.account)
        let meeting = view.meeting
        let conventions = try await reference.conventions()
        let nics = try await reference.nics()
        let known = ReferenceDesk.countryNames(conventions: conventions, nics: nics)
        let name = { (code: String) in known.first { $0.code == code }?.name ?? code }
        let nicNames = Dictionary(nics.map { ($0.id, $0.acronym ?? $0.body ?? $0.id.rawValue) }, uniquingKeysWith: { first, _ in first })
        let path = SiteURL.meeting(id).path
        let participants = meeting.countries.flatMap { country in
            meeting.participants.filter { $0.country == country }.map { person in
                Person(
                    country: country, countryName: name(country), countryLink: SiteURL.country(country).path, person: person.name,
                    capacity: words(Self.capacityLabel(person.capacity)),
                    nic: person.nic.map { Link(href: SiteURL.country(country).path, label: nicNames[$0] ?? $0.rawValue) },
                    removeAction: context.account.may(.registerParticipants(country: country)) ? path + "/participants" : nil,
                    rawName: person.name ?? "", rawNIC: person.nic?.rawValue ?? "", rawCapacity: person.capacity.rawValue)
            }
        }
        // Whose participants and outcomes the caller may add: every country for admins, its own for a focal point.
        var ownCountries: [RegistryPages.Option] = []
        if context.account.may(.editReferenceData) {
            ownCountries = known.map { .init(value: $0.code, label: "\($0.name) (\($0.code))", selected: false) }
        } else if case .focalPoint(let own)? = context.account?.role {
            ownCountries = [.init(value: own, label: name(own), selected: true)]
        }
        let participantForm =
            ownCountries.isEmpty
            ? nil
            : ParticipantForm(
                action: path + "/participants", countries: ownCountries,
                capacities: Meeting.Participant.Capacity.allCases.map {
                    .init(value: $0.rawValue, label: words(Self.capacityLabel($0)), selected: $0 == .delegate)
                },
                nics: [RegistryPages.Option(value: "", label: words("None"), selected: true)]
                    + nics.filter { nic in ownCountries.contains { $0.value == nic.country } }
                    .map { .init(value: $0.id.rawValue, label: "\($0.country): \(nicNames[$0.id] ?? $0.id.rawValue)", selected: false) })
        let survey = view.survey.map { standing in
            SurveyLine(
                link: SiteURL.survey(standing.id).path, title: standing.title,
                standing: words(
                    "{submitted} of {asked} countries submitted", ["submitted": String(standing.submitted), "asked": String(standing.asked)]))
        }
        let outcomes = view.outcomes.map { item in
            ActionPlanPages.ItemRow(
                item: item.item, countryLink: SiteURL.country(item.item.country).path, status: words(ActionPlanPages.statusLabel(item.item.status)),
                overdue: item.overdue, editAction: nil, statusOptions: [])
        }
        var response = try pages.render(
            MeetingModel(
                title: meeting.title, meeting: meeting, kind: words(Self.kindLabel(meeting.kind)), days: Self.days(meeting),
                languages: meeting.languages.isEmpty ? nil : meeting.languages.joined(separator: ", "),
                conventions: meeting.conventions.map { id in
                    Link(href: SiteURL.convention(id).path, label: conventions.first { $0.id == id }?.shortName ?? id.rawValue)
                },
                survey: survey, participants: participants, participantForm: participantForm,
                documents: view.documents.map {
                    DocumentLine(
                        link: path + "/documents/\($0.id.rawValue)", name: $0.name, language: $0.language, type: $0.mediaType.rawValue, size: $0.size,
                        sha: String($0.sha256.prefix(16)))
                },
                documentAction: context.account.may(.editReferenceData) ? path + "/documents" : nil, outcomes: outcomes,
                outcomeAction: ownCountries.isEmpty ? nil : path + "/outcomes", outcomeCountries: ownCountries,
                reportLink: SiteURL.meetingReport(id).path, form: try await form(for: meeting, context: context, action: path), error: error),
            context: context)
        response.status = status
        return response
    }

    struct ParticipantFormInput: Decodable {
        var csrf: String?
        var country: String?
        var name: String?
        var capacity: String?
        var nic: String?
        var remove: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case country, name, capacity, nic, remove
        }
    }

    /// Adds one participant for a country, or (with `remove`) takes that participant off. Both are read and written in
    /// one unit of work by the desk, so two people editing the same country at once lose neither change.
    func participants(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ParticipantFormInput.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        let id = try MeetingAPIController.id(context)
        let capacity = form.capacity.flatMap(Meeting.Participant.Capacity.init(rawValue:))
        let person = Meeting.Participant(
            country: form.country?.uppercased() ?? "", nic: Forms.present(form.nic).map { NIC.ID($0) }, name: Forms.present(form.name),
            capacity: capacity ?? .delegate)
        return try await attempt(id, context) {
            if form.remove != nil {
                guard capacity != nil else { throw ValidationFailure([.init(field: "capacity", message: "is not one Accord knows")]) }
                _ = try await desk.removeParticipant(person, from: id, by: context.account)
            } else {
                _ = try await desk.addParticipant(person, to: id, by: context.account)
            }
        }
    }

    struct DocumentForm: Decodable {
        var csrf: String?
        var name: String?
        var language: String?
        var contentBase64: String?

        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf"
            case name, language
            case contentBase64 = "content_base64"
        }
    }

    func attach(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(DocumentForm.self, from: request, limit: 3 << 20)
        try Forms.requireCSRF(form.csrf, context)
        let id = try MeetingAPIController.id(context)
        return try await attempt(id, context) {
            guard let bytes = Data(base64Encoded: form.contentBase64 ?? "") else {
                throw ValidationFailure([.init(field: "content", message: "choose a file (PDF, JPEG or PNG)")])
            }
            _ = try await desk.attach(Array(bytes), name: form.name ?? "document", language: form.language ?? "", to: id, by: context.account)
        }
    }

    func outcome(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await Forms.decode(ActionPlanPages.ItemForm.self, from: request)
        try Forms.requireCSRF(form.csrf, context)
        let id = try MeetingAPIController.id(context)
        var input = form.input
        input.meeting = id
        return try await attempt(id, context) { _ = try await network.add(input, by: context.account) }
    }
}
