import Foundation
import RecognitionCore

/// Reference data: conventions and their parties, NICs, referencing statements, and seeding. Reads are public; edits
/// are the secretariat's (admin) and are kept by later seeds.
public struct ReferenceDesk: Sendable {
    let dependencies: Dependencies
    var stores: any Stores { dependencies.stores }

    public init(dependencies: Dependencies) { self.dependencies = dependencies }

    public func conventions() async throws -> [Convention] { try await stores.reference.conventions() }

    public func convention(_ id: Convention.ID) async throws -> Convention {
        guard let convention = try await stores.reference.convention(id) else { throw StoreError.notFound(kind: "convention", id: id.rawValue) }
        return convention
    }

    public func nics() async throws -> [NIC] { try await stores.reference.nics() }

    public func nic(_ id: NIC.ID) async throws -> NIC {
        guard let nic = try await stores.reference.nic(id) else { throw StoreError.notFound(kind: "NIC", id: id.rawValue) }
        return nic
    }

    /// The directory as `caller` may read it: the contacts only for the network's members.
    public func nics(for caller: Account?) async throws -> [NIC] {
        let all = try await nics()
        return caller.may(.readNetworkContacts) ? all : all.map(\.withoutContacts)
    }

    public func nic(_ id: NIC.ID, for caller: Account?) async throws -> NIC {
        let found = try await nic(id)
        return caller.may(.readNetworkContacts) ? found : found.withoutContacts
    }

    public func referencing() async throws -> [Referencing] { try await stores.reference.referencing() }

    public func referencing(_ id: Referencing.ID) async throws -> Referencing {
        guard let statement = try await stores.reference.referencing(id) else { throw StoreError.notFound(kind: "referencing", id: id.rawValue) }
        return statement
    }

    public func rules() async throws -> [ReferenceDocument] { try await stores.reference.documents(.microcredentialRule) }

    /// Replaces one party of a convention (adds it when the convention has none for that country). A source is required:
    /// every edit of reference data says where the new fact comes from.
    public func save(_ party: StateParty, of id: Convention.ID, by caller: Account?) async throws -> Convention {
        try caller.authorize(.editReferenceData)
        var issues = Self.provenanceIssues(party.provenance)
        if party.country.count != 2 || !party.country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            issues.append(.init(field: "country", message: "must be an ISO 3166 alpha-2 code such as NZ"))
        }
        if party.state.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init(field: "state", message: "is required")) }
        let dates = [
            ("deposit_date", party.depositDate), ("effective_date", party.effectiveDate), ("deposit_not_before", party.depositNotBefore),
            ("deposit_not_after", party.depositNotAfter), ("withdrawal_effective", party.withdrawalEffective),
        ]
        for (field, date) in dates {
            if let date, !Self.isPartialDate(date) { issues.append(.init(field: field, message: "must be YYYY, YYYY-MM or YYYY-MM-DD")) }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return try await stores.transaction { tx in
            guard let convention = try await tx.reference.convention(id) else { throw StoreError.notFound(kind: "convention", id: id.rawValue) }
            let before = convention.parties.first { $0.country == party.country }
            try await tx.reference.save(party, of: id, edited: true)
            try await dependencies.record(
                before == nil ? .create : .update, .init(.stateParty, "\(id):\(party.country)"), by: caller,
                summary: Change(before: before, after: party), in: tx)
            return try await tx.reference.convention(id) ?? convention
        }
    }

    /// Replaces a NIC's record (admin).
    public func save(_ nic: NIC, by caller: Account?) async throws -> NIC {
        try caller.authorize(.editReferenceData)
        var issues = Self.provenanceIssues(nic.provenance)
        if !nic.id.isValidSlug { issues.append(.init(field: "id", message: "must be 1-120 lower-case letters, digits or '-'")) }
        if let body = nic.body, body.trimmingCharacters(in: .whitespaces).isEmpty || body.count > 300 {
            issues.append(.init(field: "body", message: "must not be blank (at most 300 characters); leave it out when not known"))
        }
        if nic.country.count != 2 || !nic.country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            issues.append(.init(field: "country", message: "must be an ISO 3166 alpha-2 code such as NZ"))
        }
        if nic.contacts.count > 20 { issues.append(.init(field: "contacts", message: "at most 20")) }
        for (index, contact) in nic.contacts.enumerated() {
            let fields = [("name", contact.name), ("role", contact.role), ("email", contact.email), ("phone", contact.phone)]
            if fields.allSatisfy({ $0.1?.isEmpty ?? true }) { issues.append(.init(field: "contacts[\(index)]", message: "is empty")) }
            for (field, value) in fields where (value?.count ?? 0) > 200 {
                issues.append(.init(field: "contacts[\(index)].\(field)", message: "at most 200 characters"))
            }
            if let email = contact.email, !email.isEmpty, email.split(separator: "@").count != 2 || email.contains(where: \.isWhitespace) {
                issues.append(.init(field: "contacts[\(index)].email", message: "is not an e-mail address"))
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        try await stores.transaction { tx in
            let before = try await tx.reference.nic(nic.id)
            try await tx.reference.save(nic, edited: true)
            try await dependencies.record(
                before == nil ? .create : .update, .init(.nic, nic.id.rawValue), by: caller, summary: Change(before: before, after: nic), in: tx)
        }
        return nic
    }

    /// Replaces a referencing statement (admin). Level pairs must name levels of both frameworks.
    public func save(_ statement: Referencing, by caller: Account?) async throws -> Referencing {
        try caller.authorize(.editReferenceData)
        var issues = Self.provenanceIssues(statement.provenance)
        if !statement.id.isValidSlug { issues.append(.init(field: "id", message: "must be 1-120 lower-case letters, digits or '-'")) }
        let from = try await stores.registry.framework(statement.from)
        let to = try await stores.registry.framework(statement.to)
        if from == nil { issues.append(.init(field: "from", message: "unknown framework '\(statement.from)'")) }
        if to == nil { issues.append(.init(field: "to", message: "unknown framework '\(statement.to)'")) }
        if let from, let to {
            for pair in statement.pairs where from.level(pair.from) == nil || pair.to.map({ to.level($0) == nil }) == true {
                issues.append(
                    .init(field: "pairs", message: "\(pair.from) → \(pair.to.map(String.init) ?? "none") names a level the frameworks lack"))
            }
        }
        if statement.pairs.count > 60 { issues.append(.init(field: "pairs", message: "at most 60 pairs")) }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        try await stores.transaction { tx in
            let before = try await tx.reference.referencing(statement.id)
            try await tx.reference.save(statement, edited: true)
            try await dependencies.record(
                before == nil ? .create : .update, .init(.referencing, statement.id.rawValue), by: caller,
                summary: Change(before: before, after: statement), in: tx)
        }
        return statement
    }

    /// Seeds `data` (the bundled files unless given others): upserts by id, keeps records edited in Accord, deletes
    /// nothing; one audit event says what was written and what was kept.
    public func seed(_ data: ReferenceData, by caller: Account?) async throws -> SeedReport {
        if caller != nil { try caller.authorize(.editReferenceData) }
        return try await stores.transaction { tx in
            let report = try await tx.reference.seed(data)
            try await dependencies.record(.seed, .init(.referenceData, "seed"), by: caller, summary: report, in: tx)
            return report
        }
    }

    /// Seeds the bundled data when nothing has been seeded yet (first start); true when it did.
    public func seedIfEmpty(_ data: @autoclosure () throws -> ReferenceData) async throws -> Bool {
        guard try await !stores.reference.isSeeded() else { return false }
        _ = try await seed(try data(), by: nil)
        return true
    }

    static func provenanceIssues(_ provenance: Provenance) -> [ValidationIssue] {
        guard let source = provenance.source, !source.trimmingCharacters(in: .whitespaces).isEmpty, source.count <= 2000 else {
            return [.init(field: "source", message: "say where this comes from (an address or a document), at most 2,000 characters")]
        }
        return []
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, naming a real month and day.
    static func isPartialDate(_ text: String) -> Bool { DayRange(partial: text) != nil }
}
