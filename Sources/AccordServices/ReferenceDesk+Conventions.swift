import Foundation
import RecognitionCore

/// A convention as the secretariat reads it: the recorded facts, the dates Accord computes from the deposits, the
/// records that disagree, and the number of parties over time.
public struct ConventionReport: Sendable, Encodable {
    public let convention: Convention
    public let entryIntoForce: Computed
    public let parties: [Party]
    public let timeline: [TimelinePoint]
    /// Parties with no day at all to place on the timeline.
    public let undated: [String]

    public struct Computed: Sendable, Encodable {
        public let date: String?
        public let instrumentDeposited: String?
        public let recorded: String?
        public let check: String
        public let reason: String?
        public let explanation: String
        public let reliesOn: [String]
        public let flags: [Flag]
    }

    public struct Flag: Sendable, Encodable {
        public let country: String?
        public let subject: String
        public let recorded: String
        public let computed: String
    }

    public struct Party: Sendable, Encodable {
        public let country: String
        public let state: String
        public let instrument: StateParty.Instrument?
        public let depositDate: String?
        public let deposit: String
        public let depositBasis: String
        public let recordedEffective: String?
        public let computedEffective: String?
        public let check: String
        public let reason: String?
        public let founding: Bool
        public let withdrawn: String?
        public let source: String?
    }

    /// The number of parties in force from `date` on; `approximate` when the day is the earliest of a range.
    public struct TimelinePoint: Sendable, Encodable {
        public let date: String
        public let count: Int
        public let country: String
        public let event: String
        public let approximate: Bool
    }

    public init(_ convention: Convention) {
        let result = EntryIntoForce(convention)
        self.convention = convention
        func label(_ check: EntryIntoForce.Check) -> (String, String?) {
            switch check {
            case .agrees: ("agrees", nil)
            case .disagrees: ("disagrees", nil)
            case .unchecked(let reason): ("unchecked", reason)
            }
        }
        let (check, reason) = label(result.check)
        entryIntoForce = Computed(
            date: result.computed?.description, instrumentDeposited: result.instrument?.description, recorded: result.recorded, check: check,
            reason: reason, explanation: result.explanation, reliesOn: result.reliesOn,
            flags: result.flags.map { Flag(country: $0.country, subject: $0.message, recorded: $0.recorded, computed: $0.computed) })
        let recordedParties = Dictionary(convention.parties.map { ($0.country, $0) }, uniquingKeysWith: { first, _ in first })
        parties = result.parties.map { party in
            let (check, reason) = label(party.check)
            let record = recordedParties[party.country]
            return Party(
                country: party.country, state: party.state, instrument: record?.instrument, depositDate: record?.depositDate,
                deposit: party.deposit.description, depositBasis: party.basis.rawValue, recordedEffective: party.recordedEffective,
                computedEffective: party.computedEffective?.description, check: check, reason: reason, founding: party.founding,
                withdrawn: party.withdrawn?.description, source: record?.provenance.source)
        }
        (timeline, undated) = Self.timeline(result)
    }

    /// The parties as CSV: what is recorded beside what Accord computes, and whether they agree.
    public var csv: String {
        var text = CSV.line([
            "country", "state", "instrument", "deposit_date", "deposit", "deposit_basis", "recorded_effective", "computed_effective", "check",
            "reason", "founding", "withdrawn", "source",
        ])
        for party in parties {
            text += CSV.line([
                party.country, party.state, party.instrument?.rawValue ?? "", party.depositDate ?? "", party.deposit, party.depositBasis,
                party.recordedEffective ?? "", party.computedEffective ?? "", party.check, party.reason ?? "", party.founding ? "yes" : "no",
                party.withdrawn ?? "", party.source ?? "",
            ])
        }
        return text
    }

    /// Joinings (at the recorded effective day, else the earliest computed, else the earliest deposit) and withdrawals,
    /// in order, with the running count.
    static func timeline(_ result: EntryIntoForce) -> ([TimelinePoint], [String]) {
        var events: [(day: CalendarDay, change: Int, country: String, event: String, approximate: Bool)] = []
        var undated: [String] = []
        for party in result.parties {
            let recorded = party.recordedEffective.flatMap(CalendarDay.init)
            let computed = party.computedEffective
            if let day = recorded ?? computed?.exact {
                events.append((day, 1, party.country, "\(party.state) joins", false))
            } else if let day = computed?.earliest ?? party.deposit.earliest.flatMap({ party.basis == .recorded ? $0 : nil }) {
                events.append((day, 1, party.country, "\(party.state) joins", true))
            } else {
                undated.append(party.state)
                continue
            }
            if let gone = party.withdrawn { events.append((gone, -1, party.country, "\(party.state) withdraws", false)) }
        }
        events.sort { ($0.day, $0.country) < ($1.day, $1.country) }
        var count = 0
        let points = events.map { event in
            count += event.change
            return TimelinePoint(
                date: event.day.description, count: count, country: event.country, event: event.event, approximate: event.approximate)
        }
        return (points, undated)
    }
}

/// One country across the conventions and the registry: where it is a party, its NICs, and what the registry holds.
public struct CountryReport: Sendable, Encodable {
    public let country: String
    public let name: String?
    public let memberships: [Membership]
    public let nics: [NIC]
    public let frameworks: [Framework.ID]
    public let providers: Int
    public let microcredentials: Int

    public struct Membership: Sendable, Encodable {
        public let convention: Convention.ID
        public let shortName: String
        public let instrument: StateParty.Instrument?
        public let depositDate: String?
        /// The recorded effective day, else the computed one (a day or a range).
        public let partySince: String?
        public let withdrawn: String?
    }
}

/// How many of a convention's parties on record have a NIC in the directory, and which do not.
public struct NICCoverage: Sendable, Encodable {
    public let convention: Convention.ID
    public let shortName: String
    public let parties: Int
    public let withNIC: Int
    public let missing: [String]

    /// One entry per convention, in the order given.
    public static func of(_ conventions: [Convention], nics: [NIC]) -> [NICCoverage] {
        let covered = Set(nics.map(\.country))
        return conventions.map { convention in
            let missing = convention.parties.filter { !covered.contains($0.country) }.map(\.state)
            return NICCoverage(
                convention: convention.id, shortName: convention.shortName, parties: convention.parties.count,
                withNIC: convention.parties.count - missing.count, missing: missing)
        }
    }
}

extension ReferenceDesk {
    /// Every country a NIC or a convention's party names, with its name (the NIC's, else the party's), by name; the
    /// European Union, a party but no country, is left out.
    public static func countryNames(conventions: [Convention], nics: [NIC]) -> [(code: String, name: String)] {
        var names: [String: String] = [:]
        for nic in nics { names[nic.country] = names[nic.country] ?? nic.countryName }
        for convention in conventions {
            for party in convention.parties where party.country != "EU" { names[party.country] = names[party.country] ?? party.state }
        }
        return names.map { (code: $0.key, name: $0.value) }.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
    }

    public func report(_ id: Convention.ID) async throws -> ConventionReport {
        ConventionReport(try await convention(id))
    }

    public func reports() async throws -> [ConventionReport] {
        try await conventions().map(ConventionReport.init)
    }

    /// Everything Accord holds on one country (ISO 3166 alpha-2); its NICs' contacts only for the network's members.
    public func country(_ code: String, for caller: Account?) async throws -> CountryReport {
        let code = code.uppercased()
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ValidationFailure([.init(field: "country", message: "must be an ISO 3166 alpha-2 code such as NZ")])
        }
        var name: String?
        var memberships: [CountryReport.Membership] = []
        for report in try await reports() {
            guard let party = report.parties.first(where: { $0.country == code }) else { continue }
            name = name ?? party.state
            memberships.append(
                .init(
                    convention: report.convention.id, shortName: report.convention.shortName, instrument: party.instrument,
                    depositDate: party.depositDate, partySince: party.recordedEffective ?? party.computedEffective, withdrawn: party.withdrawn))
        }
        let nics = try await nics(for: caller).filter { $0.country == code }
        name = name ?? nics.first?.countryName
        let frameworks = try await stores.registry.frameworks().filter { $0.jurisdiction == code }.map(\.id)
        let providers = try await stores.registry.providers().filter { $0.country == code }.count
        var query = RegistryQuery()
        query.country = code
        query.pageSize = 1
        let microcredentials = try await stores.registry.search(query).total
        guard name != nil || !frameworks.isEmpty || providers > 0 else { throw StoreError.notFound(kind: "country", id: code) }
        return CountryReport(
            country: code, name: name, memberships: memberships, nics: nics, frameworks: frameworks, providers: providers,
            microcredentials: microcredentials)
    }

    /// What an admin may change of a convention: its entry-into-force rule and recorded date, with a source.
    public struct ConventionEdit: Sendable, Decodable {
        public var instrumentsRequired: Int?
        public var delay: String?
        public var delayMonths: Int?
        public var fromFirstOfNextMonth: Bool?
        public var inForceDate: String?
        public var depositary: String?
        public var source: String?
        public var asOf: String?
        public var confirmed: Confirmation?

        public init(
            instrumentsRequired: Int? = nil, delay: String? = nil, delayMonths: Int? = nil, fromFirstOfNextMonth: Bool? = nil,
            inForceDate: String? = nil, depositary: String? = nil, source: String? = nil, asOf: String? = nil, confirmed: Confirmation? = nil
        ) {
            self.instrumentsRequired = instrumentsRequired
            self.delay = delay
            self.delayMonths = delayMonths
            self.fromFirstOfNextMonth = fromFirstOfNextMonth
            self.inForceDate = inForceDate
            self.depositary = depositary
            self.source = source
            self.asOf = asOf
            self.confirmed = confirmed
        }
    }

    /// Changes a convention's rule or recorded date (admin); the edit names its source and is in the audit log.
    public func save(_ edit: ConventionEdit, of id: Convention.ID, by caller: Account?) async throws -> Convention {
        try caller.authorize(.editReferenceData)
        var issues = Self.provenanceIssues(Provenance(source: edit.source))
        if let n = edit.instrumentsRequired, !(1...200).contains(n) {
            issues.append(.init(field: "instruments_required", message: "must be 1 to 200"))
        }
        if let months = edit.delayMonths, !(0...60).contains(months) { issues.append(.init(field: "delay_months", message: "must be 0 to 60")) }
        if let date = edit.inForceDate, !date.isEmpty, CalendarDay(date) == nil {
            issues.append(.init(field: "in_force_date", message: "must be a day, YYYY-MM-DD"))
        }
        for (field, text, limit) in [("delay", edit.delay, 2_000), ("depositary", edit.depositary, 300), ("as_of", edit.asOf, 10)] {
            if let text, text.count > limit { issues.append(.init(field: field, message: "at most \(limit) characters")) }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return try await stores.transaction { tx in
            guard let before = try await tx.reference.convention(id) else { throw StoreError.notFound(kind: "convention", id: id.rawValue) }
            var after = before
            var rule = after.entryIntoForce
            if let n = edit.instrumentsRequired { rule.instrumentsRequired = n }
            if let text = edit.delay { rule.delay = text.isEmpty ? nil : text }
            if let months = edit.delayMonths { rule.delayMonths = months }
            if let first = edit.fromFirstOfNextMonth { rule.fromFirstOfNextMonth = first }
            let provenance = Provenance(source: edit.source, asOf: edit.asOf, confirmed: edit.confirmed ?? .unconfirmed)
            rule.provenance = provenance
            after.entryIntoForce = rule
            if let date = edit.inForceDate {
                after.inForceDate = date.isEmpty ? nil : date
                after.provenance = provenance
            }
            if let depositary = edit.depositary { after.depositary = depositary.isEmpty ? nil : depositary }
            after.parties = []
            var stored = before
            stored.parties = []
            try await tx.reference.save(after, edited: true)
            try await dependencies.record(.update, .init(.convention, id.rawValue), by: caller, summary: Change(before: stored, after: after), in: tx)
            return try await tx.reference.convention(id) ?? after
        }
    }
}
