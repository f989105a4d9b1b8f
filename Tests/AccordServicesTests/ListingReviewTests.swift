import AccordServices
import Foundation
import RecognitionCore
import StorageTestSupport
import TestSupport
import Testing

/// The review workflow over real databases: who may take which step, who sees what, and what the log says.
@Suite("listing review")
struct ListingReviewTests {
    static let admin = UseCaseTests.admin
    static let staff = Account(id: "staff-1", email: "s@uc.nz", displayName: "S", role: .providerStaff("nz-uc"), createdAt: .t0)
    static let otherStaff = Account(id: "staff-2", email: "o@other.nz", displayName: "O", role: .providerStaff("nz-other"), createdAt: .t0)

    static func prepared(_ dependencies: Dependencies) async throws -> Registrar {
        let registrar = Registrar(dependencies: dependencies)
        _ = try await registrar.create(Provider.fixture("nz-uc"), by: admin)
        _ = try await registrar.create(Provider.fixture("nz-other"), by: admin)
        return registrar
    }

    @Test("staff cannot approve their own listing, on create, edit or import", arguments: TestDatabase.available)
    func noSelfApproval(_ engine: TestDatabase) async throws {
        try await UseCaseTests.withServices(engine) { dependencies in
            let registrar = try await Self.prepared(dependencies)
            var approved = try #require(UseCaseTests.input("nz-uc-self", provider: "nz-uc"))
            approved.status = "approved"
            await #expect(throws: ListingReview.Refusal.needsReviewer(.approved)) { _ = try await registrar.create(approved, by: Self.staff) }
            #expect(try await dependencies.stores.registry.microcredential("nz-uc-self") == nil)
            approved.status = nil
            _ = try await registrar.create(approved, by: Self.staff)
            approved.status = "approved"
            await #expect(throws: ListingReview.Refusal.needsReviewer(.approved)) {
                _ = try await registrar.update("nz-uc-self", with: approved, by: Self.staff)
            }
            let report = try await registrar.importRows(
                [.init(row: 2, input: approved)], skipInvalid: true, updateExisting: true, by: Self.staff)
            #expect(report.imported == 0 && report.skipped.first?.issues.first?.field == "status")
            #expect(try await dependencies.stores.registry.microcredential("nz-uc-self")?.status == .draft)
        }
    }

    @Test("submit, return with reasons, resubmit, approve, then a staff edit needs review again", arguments: TestDatabase.available)
    func workflow(_ engine: TestDatabase) async throws {
        try await UseCaseTests.withServices(engine) { dependencies in
            let registrar = try await Self.prepared(dependencies)
            let input = try #require(UseCaseTests.input("nz-uc-flow", provider: "nz-uc", title: "Te reo kaupapa research"))
            _ = try await registrar.create(input, by: Self.staff)
            // A draft is seen by its provider's staff and admins only.
            for caller in [nil, Self.otherStaff] as [Account?] {
                await #expect(throws: StoreError.notFound(kind: "microcredential", id: "nz-uc-flow")) {
                    _ = try await registrar.detail("nz-uc-flow", by: caller)
                }
                #expect(try await registrar.search(RegistryQuery(text: "kaupapa research"), by: caller).items.isEmpty)
                #expect(try await registrar.search(RegistryQuery(status: .draft), by: caller).items.isEmpty)
            }
            #expect(try await registrar.search(RegistryQuery(text: "kaupapa research"), by: Self.staff).items.count == 1)
            #expect(try await registrar.detail("nz-uc-flow", by: Self.admin).microcredential.status == .draft)

            await #expect(throws: AccessError.self) { _ = try await registrar.review(.approve, "nz-uc-flow", by: Self.staff) }
            await #expect(throws: ListingReview.Refusal.notApplicable(.approve, .draft)) {
                _ = try await registrar.review(.approve, "nz-uc-flow", by: Self.admin)
            }
            #expect(try await registrar.review(.submit, "nz-uc-flow", by: Self.staff).status == .submitted)
            await #expect(throws: ListingReview.Refusal.reasonsRequired) {
                _ = try await registrar.review(.return, "nz-uc-flow", reasons: "  ", by: Self.admin)
            }
            let returned = try await registrar.review(.return, "nz-uc-flow", reasons: "State the credits' hours basis", by: Self.admin)
            #expect(returned.status == .returned && returned.reviewNote == "State the credits' hours basis")
            #expect(try await dependencies.stores.registry.microcredential("nz-uc-flow")?.reviewNote == returned.reviewNote)
            #expect(try await registrar.review(.submit, "nz-uc-flow", by: Self.staff).status == .submitted)
            let approved = try await registrar.review(.approve, "nz-uc-flow", by: Self.admin)
            #expect(approved.status == .approved && approved.reviewNote == nil)
            #expect(try await registrar.search(RegistryQuery(text: "kaupapa research"), by: nil).items.count == 1)

            // A staff edit of content: public, flagged, unconfirmed. Saving without a status keeps the status.
            var edited = input
            edited.title = "Te reo kaupapa research methods"
            let changed = try await registrar.update("nz-uc-flow", with: edited, by: Self.staff)
            #expect(changed.status == .changed && changed.provenance.confirmed == .unconfirmed)
            #expect(try await registrar.review(.approve, "nz-uc-flow", by: Self.admin).status == .approved)
            edited.title = "Kaupapa Māori research methods (2027)"
            #expect(try await registrar.update("nz-uc-flow", with: edited, by: Self.admin).status == .approved)

            let history = try await AuditTrail(dependencies: dependencies).events(
                subject: .init(.microcredential, "nz-uc-flow"), since: nil, by: Self.admin)
            #expect(history.reversed().map(\.action) == [.create, .submit, .return, .submit, .approve, .update, .approve, .update])
            #expect(history.first { $0.action == .return }?.summary.contains("State the credits' hours basis") == true)
        }
    }

    @Test("writes say what they do: an id cannot change, control characters are refused, re-import asks first", arguments: TestDatabase.available)
    func honestWrites(_ engine: TestDatabase) async throws {
        try await UseCaseTests.withServices(engine) { dependencies in
            let registrar = try await Self.prepared(dependencies)
            let input = try #require(UseCaseTests.input("nz-uc-honest", provider: "nz-uc"))
            _ = try await registrar.create(input, by: Self.staff)
            var renamed = input
            renamed.id = "nz-uc-other"
            await #expect(throws: ValidationFailure.self) { _ = try await registrar.update("nz-uc-honest", with: renamed, by: Self.staff) }
            var nul = input
            nul.title = "Before\u{0}after"
            do {
                _ = try await registrar.update("nz-uc-honest", with: nul, by: Self.staff)
                Issue.record("a title holding U+0000 was saved")
            } catch let failure as ValidationFailure {
                #expect(failure.issues.map(\.field) == ["title"])
            }
            var again = input
            again.title = "Replaced by a second import"
            let refused = try await registrar.importRows([.init(row: 2, input: again)], skipInvalid: true, by: Self.staff)
            #expect(refused.imported == 0 && refused.skipped.first?.issues.first?.message.contains("update_existing") == true)
            let replaced = try await registrar.importRows([.init(row: 2, input: again)], skipInvalid: false, updateExisting: true, by: Self.staff)
            #expect(replaced.imported == 1)
            #expect(try await dependencies.stores.registry.microcredential("nz-uc-honest")?.title == "Replaced by a second import")
        }
    }

    @Test("an import reports every problem of every row with the file's line numbers")
    func everyProblem() throws {
        let csv = "id,provider_id,title,level,credits,mode\n\nnz-a,nz-uc,,x,5,by post\nnz-b,nz-uc,\"Two\nlines\",3,abc,online\n"
        let rows = try MicrocredentialImport.rows(csv: csv)
        #expect(rows.map(\.row) == [3, 4])
        let checked = MicrocredentialImport(rows: rows, frameworks: [:], providers: ["nz-uc"], mayEdit: { _ in true })
        let first = try #require(checked.errors.first)
        #expect(Set(first.issues.map(\.field)).isSuperset(of: ["level", "mode", "title"]))
        #expect(checked.errors.last?.issues.contains { $0.field == "credits" } == true)
        let full = "id,provider_id,title\n" + String(repeating: "nz-x,nz-uc,T\n", count: CSV.maxRows)
        #expect(try MicrocredentialImport.rows(csv: full).count == CSV.maxRows)  // the header is not a row
        #expect(throws: CSV.Error.tooManyRows(limit: CSV.maxRows)) { try MicrocredentialImport.rows(csv: full + "nz-y,nz-uc,T\n") }
        let semicolons = try MicrocredentialImport.rows(csv: "id;provider_id;title\nnz-c;nz-uc;Fencing, gates and stays\n")
        #expect(semicolons.first?.input.title == "Fencing, gates and stays" && semicolons.first?.readIssues == [])
    }
}
