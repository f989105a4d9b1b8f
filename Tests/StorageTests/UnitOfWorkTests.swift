import Foundation
import RecognitionCore
import SQLKit
import Storage
import StorageTestSupport
import TestSupport
import Testing

/// The unit of work and the audit chain, on every engine.
@Suite("unit of work and audit chain")
struct UnitOfWorkTests {
    struct Boom: Error {}

    static func entry(_ id: String, _ action: AuditAction = .create) throws -> AuditEntry {
        try AuditEntry(actor: .system, action: action, subject: .init(.provider, id), summary: ["id": id])
    }

    @Test("a throw in the second write leaves neither write nor its audit event", arguments: TestDatabase.available)
    func rollback(_ engine: TestDatabase) async throws {
        try await StoreContractTests.seeded(engine) { stores async throws in
            await #expect(throws: Boom.self) {
                try await stores.transaction { tx in
                    try await tx.registry.save(Provider.fixture("nz-rollback"), edited: true)
                    try await tx.audit.append(try Self.entry("nz-rollback"), at: 1)
                    try await tx.registry.save([Microcredential.fixture("nz-rollback-a", provider: "nz-rollback")], edited: true)
                    throw Boom()
                }
            }
            #expect(try await stores.registry.provider("nz-rollback") == nil)
            #expect(try await stores.registry.microcredential("nz-rollback-a") == nil)
            #expect(try await stores.audit.count() == 0)
            #expect(try await stores.audit.verify() == .intact(events: 0))
            // The same work without the throw commits all of it.
            try await stores.transaction { tx in
                try await tx.registry.save(Provider.fixture("nz-rollback"), edited: true)
                try await tx.audit.append(try Self.entry("nz-rollback"), at: 1)
            }
            #expect(try await stores.registry.provider("nz-rollback") != nil)
            #expect(try await stores.audit.count() == 1)
        }
    }

    @Test("a store failure inside the unit of work rolls back what came before", arguments: TestDatabase.available)
    func storeFailure(_ engine: TestDatabase) async throws {
        try await StoreContractTests.seeded(engine) { stores async throws in
            await #expect(throws: StoreError.self) {
                try await stores.transaction { tx in
                    try await tx.registry.save(Provider.fixture("nz-partial"), edited: true)
                    try await tx.registry.save([Microcredential.fixture("nz-partial-a", provider: "nz-missing")], edited: true)
                }
            }
            #expect(try await stores.registry.provider("nz-partial") == nil)
        }
    }

    @Test("a nested transaction is an error, not a second transaction", arguments: TestDatabase.available)
    func nested(_ engine: TestDatabase) async throws {
        try await StoreContractTests.seeded(engine) { stores async throws in
            await #expect(throws: StoreError.nestedTransaction) {
                try await stores.transaction { tx in
                    try await tx.registry.save(Provider.fixture("nz-nested"), edited: true)
                    try await tx.transaction { _ in }
                }
            }
            #expect(try await stores.registry.provider("nz-nested") == nil)
        }
    }

    @Test("an event edited in the database is named by verify", arguments: TestDatabase.available)
    func tamper(_ engine: TestDatabase) async throws {
        try await StoreContractTests.seeded(engine) { stores async throws in
            for index in 1...6 { try await stores.audit.append(try Self.entry("p\(index)"), at: Int64(index)) }
            #expect(try await stores.audit.verify() == .intact(events: 6))
            let events = try await stores.audit.events(subject: .init(.provider, "p3"), since: nil, limit: 10)
            #expect(events.map(\.sequence) == [3])
            // The append-only triggers refuse the edit; an attacker with database access drops them first.
            await #expect(throws: (any Error).self) {
                try await stores.database.sql.raw("UPDATE audit_events SET actor = 'cli' WHERE sequence = 3").run()
            }
            #expect(try await stores.audit.verify() == .intact(events: 6))
            switch stores.database.engine {
            case .sqlite: try await stores.database.sql.raw("DROP TRIGGER audit_events_no_update").run()
            case .postgres: try await stores.database.sql.raw("DROP TRIGGER audit_events_append_only ON audit_events").run()
            }
            try await stores.database.sql.raw("UPDATE audit_events SET actor = 'cli' WHERE sequence = 3").run()
            guard case .broken(let sequence, _) = try await stores.audit.verify() else {
                Issue.record("an edited event went unnoticed")
                return
            }
            #expect(sequence == 3)
        }
    }

    @Test("a long chain is checked in ranges at once; an edit or a deletion deep in it is named", arguments: TestDatabase.available)
    func longChain(_ engine: TestDatabase) async throws {
        try await StoreContractTests.seeded(engine) { stores async throws in
            try await stores.transaction { tx in
                for index in 1...2_500 {
                    try await tx.audit.append(try Self.entry("p\(index)", index % 2 == 0 ? .update : .create), at: Int64(index))
                }
            }
            #expect(try await stores.audit.verify() == .intact(events: 2_500))
            switch stores.database.engine {
            case .sqlite:
                try await stores.database.sql.raw("DROP TRIGGER audit_events_no_update").run()
                try await stores.database.sql.raw("DROP TRIGGER audit_events_no_delete").run()
            case .postgres:
                try await stores.database.sql.raw("DROP TRIGGER audit_events_append_only ON audit_events").run()
            }
            try await stores.database.sql.raw("UPDATE audit_events SET summary = '{\"id\":\"x\"}' WHERE sequence = 1701").run()
            #expect(
                try await stores.audit.verify()
                    == .broken(sequence: 1701, reason: "its content does not match its hash (edited after it was written)"))
            try await stores.database.sql.raw("DELETE FROM audit_events WHERE sequence = 1001").run()
            guard case .broken(let sequence, _) = try await stores.audit.verify() else {
                Issue.record("a deleted event went unnoticed")
                return
            }
            #expect(sequence == 1001)
        }
    }

    @Test("eight concurrent writers make one unbroken chain", arguments: TestDatabase.available)
    func concurrentWriters(_ engine: TestDatabase) async throws {
        try await StoreContractTests.seeded(engine) { stores async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for index in 0..<15 {
                            try await stores.transaction { tx in
                                try await tx.registry.save(Provider.fixture("nz-w\(writer)-\(index)"), edited: true)
                                try await tx.audit.append(try Self.entry("nz-w\(writer)-\(index)"), at: Int64(writer * 100 + index))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await stores.audit.count() == 120)
            #expect(try await stores.audit.verify() == .intact(events: 120))
            let events = try await stores.audit.events(subject: nil, since: nil, limit: 500)
            #expect(events.map(\.sequence) == Array((1...120).reversed()))
        }
    }

    @Test("a re-seed keeps records edited in Accord and deletes nothing", arguments: TestDatabase.available)
    func reseedKeepsEdits(_ engine: TestDatabase) async throws {
        try await StoreContractTests.seeded(engine) { stores async throws in
            var nz = try #require(try await stores.reference.convention("tokyo-2011")?.parties.first { $0.country == "NZ" })
            nz.depositDate = "2018-10-01"
            nz.provenance = Provenance(source: "NZ MFAT treaty record", asOf: "2026-11-30", confirmed: .confirmed)
            try await stores.reference.save(nz, of: "tokyo-2011", edited: true)
            var nic = try #require(try await stores.reference.nic("nz-nzqa"))
            nic.website = "https://www.nzqa.govt.nz/changed"
            try await stores.reference.save(nic, edited: true)
            try await stores.reference.save(NIC(id: "xx-local", country: "XX", countryName: "Local", body: "Added in Accord"), edited: true)
            let report = try await stores.reference.seed(try ReferenceData.bundled())
            #expect(report.keptEdited.contains("state-party:tokyo-2011:NZ") && report.keptEdited.contains("nic:nz-nzqa"))
            let after = try #require(try await stores.reference.convention("tokyo-2011")?.parties.first { $0.country == "NZ" })
            #expect(after.depositDate == "2018-10-01" && after.provenance.source == "NZ MFAT treaty record")
            #expect(try await stores.reference.nic("nz-nzqa")?.website == "https://www.nzqa.govt.nz/changed")
            #expect(try await stores.reference.nic("xx-local") != nil)
            // Records not edited still follow the files.
            #expect(try await stores.reference.convention("tokyo-2011")?.parties.first { $0.country == "JP" }?.depositDate == "2017-12-06")
        }
    }
}
