import AccordServices
import Foundation
import Logging
import RecognitionCore
import Storage
import StorageTestSupport
import TestSupport
import Testing

/// The use cases over real databases: each change and its audit event are written together, or not at all.
@Suite("use cases")
struct UseCaseTests {
    static func withServices(_ engine: TestDatabase, _ body: @Sendable (Dependencies) async throws -> Void) async throws {
        try await engine.with { database in
            let dependencies = Dependencies(
                stores: SQLStores(database: database), clock: FixedClock(), random: SequentialRandom(), logger: Logger(label: "test"),
                passwordCost: 4)
            _ = try await ReferenceDesk(dependencies: dependencies).seedIfEmpty(try ReferenceData.bundled())
            try await body(dependencies)
        }
    }

    static let admin = Account(id: "admin-1", email: "admin@example.org", displayName: "Admin", role: .admin, createdAt: .t0)

    static func input(_ id: String, provider: String, title: String = "Kaupapa Māori research methods") -> MicrocredentialInput? {
        let read = MicrocredentialInput.fromCSV(
            header: ["id", "provider_id", "title", "framework", "level", "credits", "mode", "assessment", "language", "learning_outcomes"],
            row: [id, provider, title, "nzqcf", "5", "10", "online", "Research proposal", "en", "Design a research project"]
        )
        return read.issues.isEmpty ? read.input : nil
    }

    @Test("creating a listing writes it and one audit event naming the caller", arguments: TestDatabase.available)
    func createAudited(_ engine: TestDatabase) async throws {
        try await Self.withServices(engine) { dependencies in
            let registrar = Registrar(dependencies: dependencies)
            _ = try await registrar.create(Provider.fixture("nz-uc"), by: Self.admin)
            let item = try await registrar.create(try #require(Self.input("nz-uc-research", provider: "nz-uc")), by: Self.admin)
            let events = try await AuditTrail(dependencies: dependencies).events(
                subject: .init(.microcredential, item.id.rawValue), since: nil, by: Self.admin)
            #expect(events.count == 1)
            #expect(events.first?.actor == .account("admin-1") && events.first?.action == .create)
            #expect(events.first?.summary.contains("\"title\":\"Kaupapa Māori research methods\"") == true)
            #expect(try await AuditTrail(dependencies: dependencies).verify(by: Self.admin) == .intact(events: 3))  // seed, provider, listing
        }
    }

    @Test("a refused use case writes neither the record nor an event", arguments: TestDatabase.available)
    func refusedWritesNothing(_ engine: TestDatabase) async throws {
        try await Self.withServices(engine) { dependencies in
            let registrar = Registrar(dependencies: dependencies)
            _ = try await registrar.create(Provider.fixture("nz-uc"), by: Self.admin)
            let before = try await dependencies.stores.audit.count()
            await #expect(throws: StoreError.conflict("provider 'nz-uc' exists already")) {
                _ = try await registrar.create(Provider.fixture("nz-uc"), by: Self.admin)
            }
            let staff = Account(id: "staff-1", email: "s@example.org", displayName: "S", role: .providerStaff("nz-other"), createdAt: .t0)
            await #expect(throws: AccessError.self) {
                _ = try await registrar.create(try #require(Self.input("nz-uc-x", provider: "nz-uc")), by: staff)
            }
            #expect(try await dependencies.stores.audit.count() == before)
            #expect(try await dependencies.stores.registry.microcredential("nz-uc-x") == nil)
        }
    }

    @Test("an import row cannot take over another provider's listing", arguments: TestDatabase.available)
    func importTakeover(_ engine: TestDatabase) async throws {
        try await Self.withServices(engine) { dependencies in
            let registrar = Registrar(dependencies: dependencies)
            _ = try await registrar.create(Provider.fixture("nz-mine"), by: Self.admin)
            let staff = Account(id: "staff-1", email: "s@example.org", displayName: "S", role: .providerStaff("nz-mine"), createdAt: .t0)
            let victim = try #require(try await dependencies.stores.registry.microcredential("nz-ecnz-he-pataka-reo"))
            let rows = [MicrocredentialImport.Row(row: 2, input: try #require(Self.input(victim.id.rawValue, provider: "nz-mine")))]
            await #expect(throws: Registrar.ImportRejected.self) { _ = try await registrar.importRows(rows, skipInvalid: false, by: staff) }
            let report = try await registrar.importRows(rows, skipInvalid: true, by: staff)
            #expect(report.imported == 0 && report.skipped.first?.issues.first?.field == "id")
            #expect(try await dependencies.stores.registry.microcredential(victim.id) == victim)
        }
    }

    @Test("an evaluator's scope must be a known NIC", arguments: TestDatabase.available)
    func evaluatorScope(_ engine: TestDatabase) async throws {
        try await Self.withServices(engine) { dependencies in
            let desk = AccountDesk(dependencies: dependencies)
            let evaluator = try await desk.create(
                email: "e@nzqa.govt.nz", displayName: "E", password: "evaluator-password", role: .evaluator, scope: "nz-nzqa", by: Self.admin)
            #expect(evaluator.role == .evaluator(nic: "nz-nzqa"))
            await #expect(throws: ValidationFailure.self) {
                _ = try await desk.create(
                    email: "x@example.org", displayName: "X", password: "evaluator-password", role: .evaluator, scope: "anything", by: Self.admin)
            }
        }
    }

    @Test("a party edited through the desk survives a re-seed, and the log says who", arguments: TestDatabase.available)
    func partyEditSurvivesSeed(_ engine: TestDatabase) async throws {
        try await Self.withServices(engine) { dependencies in
            let desk = ReferenceDesk(dependencies: dependencies)
            var party = try #require(try await desk.convention("tokyo-2011").parties.first { $0.country == "NZ" })
            party.depositDate = "2018-10-01"
            party.provenance.source = nil
            await #expect(throws: ValidationFailure.self) { _ = try await desk.save(party, of: "tokyo-2011", by: Self.admin) }  // no source
            party.provenance.source = "NZ treaty record"
            _ = try await desk.save(party, of: "tokyo-2011", by: Self.admin)
            let report = try await desk.seed(try ReferenceData.bundled(), by: Self.admin)
            #expect(report.keptEdited == ["state-party:tokyo-2011:NZ"])
            #expect(try await desk.convention("tokyo-2011").parties.first { $0.country == "NZ" }?.depositDate == "2018-10-01")
            let history = try await AuditTrail(dependencies: dependencies).events(
                subject: .init(.stateParty, "tokyo-2011:NZ"), since: nil, by: Self.admin)
            #expect(history.map(\.actor) == [.account("admin-1")])
        }
    }
}
