import Foundation
import RecognitionCore
import SQLKit
import Storage
import StorageTestSupport
import TestSupport
import Testing

/// One contract, every engine: each behaviour is its own test, run on SQLite and on PostgreSQL (when the test script
/// provides one; under CI=true a missing PostgreSQL fails `postgresIsThere`).
@Suite("store contract")
struct StoreContractTests {
    /// A fresh database of `engine` with the bundled reference data seeded.
    static func seeded(_ engine: TestDatabase, _ body: @Sendable (SQLStores) async throws -> Void) async throws {
        try await engine.with { database in
            let stores = SQLStores(database: database)
            _ = try await stores.reference.seed(try ReferenceData.bundled())
            try await body(stores)
        }
    }

    @Test("PostgreSQL takes part whenever CI runs")
    func postgresIsThere() {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(TestDatabase.available.contains(.postgres), "CI=true but ACCORD_TEST_POSTGRES_URL is not set")
        }
    }

    @Test("seeds typed reference data", arguments: TestDatabase.available)
    func seeds(_ engine: TestDatabase) async throws {
        try await Self.seeded(engine) { try await seedsReferenceData($0) }
    }

    @Test("saves and reads the registry", arguments: TestDatabase.available)
    func registry(_ engine: TestDatabase) async throws {
        try await Self.seeded(engine) { try await savesAndReadsRegistry($0) }
    }

    @Test("searches with filters and ranking", arguments: TestDatabase.available)
    func search(_ engine: TestDatabase) async throws {
        try await Self.seeded(engine) { try await searchesWithFiltersAndRanking($0) }
    }

    @Test("search follows edits", arguments: TestDatabase.available)
    func searchEdits(_ engine: TestDatabase) async throws {
        try await Self.seeded(engine) { stores in
            try await stores.registry.save(Provider.fixture("au-search", country: "AU"), edited: true)
            try await searchFollowsEdits(stores)
        }
    }

    @Test("a failed batch writes nothing", arguments: TestDatabase.available)
    func failedBatch(_ engine: TestDatabase) async throws {
        try await Self.seeded(engine) { stores in
            try await stores.registry.save(Provider.fixture("nz-contract"), edited: true)
            try await failedBatchWritesNothing(stores)
        }
    }

    @Test("accounts, sessions and tokens", arguments: TestDatabase.available)
    func accounts(_ engine: TestDatabase) async throws {
        try await Self.seeded(engine) { stores in
            try await stores.registry.save(Provider.fixture("nz-contract"), edited: true)
            try await accountsSessionsAndTokens(stores)
        }
    }

    @Test("an unknown stored role is an error, not a learner", arguments: TestDatabase.available)
    func unknownRole(_ engine: TestDatabase) async throws {
        try await Self.seeded(engine) { stores in
            try await stores.accounts.create(
                Account(id: "odd", email: "odd@example.org", displayName: "Odd", role: .learner, createdAt: .t0), passwordHash: "h")
            try await stores.database.sql.raw("UPDATE accounts SET role = 'superuser' WHERE id = 'odd'").run()
            await #expect(throws: StoreError.unknownValue(column: "role", value: "superuser")) { try await stores.accounts.account("odd") }
        }
    }

    func seedsReferenceData(_ stores: SQLStores) async throws {
        #expect(try await stores.reference.isSeeded())
        let frameworks = try await stores.registry.frameworks()
        #expect(frameworks.contains { $0.id == "nzqcf" && $0.levels.count == 10 })
        let eqf = try #require(try await stores.registry.framework("eqf"))
        #expect(eqf.credit?.hoursPerCredit == 25...30)
        let tokyo = try #require(try await stores.reference.convention("tokyo-2011"))
        #expect(tokyo.entryIntoForce.instrumentsRequired == 5 && tokyo.inForceDate == "2018-02-01")
        let japan = try #require(tokyo.parties.first { $0.country == "JP" })
        #expect(japan.depositDate == "2017-12-06" && japan.datePrecision == .day && japan.provenance.source != nil)
        #expect(try await stores.reference.conventions().count == 5)
        let nics = try await stores.reference.nics()
        #expect(nics.count >= 10 && Set(nics.map(\.id)).count == nics.count)
        #expect(nics.contains { $0.id == "nz-nzqa" && $0.country == "NZ" })
        let hk = try #require(try await stores.reference.referencing("nzqf-hkqf"))
        #expect(hk.pairs.contains(.init(from: 8, to: nil, note: "no agreement")))
        #expect(try await stores.reference.referencing("thailand-aqrf")?.pairs == [])
        #expect(try await !stores.reference.documents(.microcredentialRule).isEmpty)
        let sample = try #require(try await stores.registry.microcredential("nz-ecnz-he-pataka-reo"))
        #expect(sample.level == LevelReference(framework: "nzqcf", level: 5))
        #expect(sample.provenance.confirmed == .confirmed)
        #expect(sample.qaType?.hasPrefix("NZQA-approved") == true)
        // The 2026-11-30 data: providers carry their QA standing; every Tokyo party has an NIC entry.
        #expect(try await stores.registry.provider("nz-ecnz")?.qa.status == .accredited)
        #expect(try await stores.registry.provider("nz-tertiarynz")?.qa.status == .unknown)
        let tokyoParties = try #require(try await stores.reference.convention("tokyo-2011"))
        let nicCountries = Set(try await stores.reference.nics().map(\.country))
        #expect(tokyoParties.parties.count >= 12 && tokyoParties.parties.allSatisfy { nicCountries.contains($0.country) })
    }

    func savesAndReadsRegistry(_ stores: SQLStores) async throws {
        try await stores.registry.save(Provider.fixture("nz-contract"), edited: true)
        var item = Microcredential.fixture("nz-contract-welding", provider: "nz-contract")
        item.titleLocal = ["mi": "Whakapiri"]
        try await stores.registry.save([item], edited: true)
        #expect(try await stores.registry.microcredential(item.id) == item)
        item.title = "Introductory welding, revised"
        item.credits = 12.5
        try await stores.registry.save([item], edited: true)
        #expect(try await stores.registry.microcredential(item.id) == item)
        var provider = Provider.fixture("nz-contract")
        provider.qa = .init(status: .withdrawn, since: "2020-01-01", until: "2026-01-01")
        try await stores.registry.save(provider, edited: true)
        #expect(try await stores.registry.provider("nz-contract") == provider)
    }

    func searchesWithFiltersAndRanking(_ stores: SQLStores) async throws {
        try await stores.registry.save(Provider.fixture("au-search", country: "AU"), edited: true)
        try await stores.registry.save(
            [
                .fixture("au-search-forklift", provider: "au-search", title: "Forklift safety", level: 2, credits: nil, framework: "au-nmf-dreyfus"),
                .fixture(
                    "au-search-crane", provider: "au-search", title: "Crane operation and forklift basics", level: 4, credits: nil,
                    framework: "au-nmf-dreyfus"),
            ], edited: true)
        let text = try await stores.registry.search(RegistryQuery(text: "forklift"))
        #expect(text.items.map(\.microcredential.id) == ["au-search-forklift", "au-search-crane"])
        #expect(text.total == 2)
        let prefix = try await stores.registry.search(RegistryQuery(text: "fork"))
        #expect(prefix.total == 2)
        let filtered = try await stores.registry.search(RegistryQuery(text: "forklift", levelRange: 3...5))
        #expect(filtered.items.map(\.microcredential.id) == ["au-search-crane"])
        let country = try await stores.registry.search(RegistryQuery(country: "au", pageSize: 1))
        #expect(country.total == 2 && country.items.count == 1 && country.items[0].country == "AU")
        let nz = try await stores.registry.search(RegistryQuery(framework: "nzqcf", creditsRange: 20...40, mode: .blended))
        #expect(nz.items.allSatisfy { ($0.microcredential.credits ?? 0) >= 20 && $0.microcredential.mode == .blended })
        let hostile = try await stores.registry.search(RegistryQuery(text: "\" OR 1=1 -- NEAR( *"))
        #expect(hostile.total == 0)
        // A word written -word excludes; text with no word at all finds nothing, not everything.
        let excluded = try await stores.registry.search(RegistryQuery(text: "forklift -crane"))
        #expect(excluded.items.map(\.microcredential.id) == ["au-search-forklift"])
        let onlyExcluded = try await stores.registry.search(RegistryQuery(text: "-crane", country: "au"))
        #expect(!onlyExcluded.items.contains { $0.microcredential.id == "au-search-crane" } && onlyExcluded.total > 0)
        for nothing in ["?!", "🎓", "-"] { #expect(try await stores.registry.search(RegistryQuery(text: nothing)).total == 0, "\(nothing)") }
        let reo = try await stores.registry.search(RegistryQuery(text: "reo"))
        #expect(reo.items.contains { $0.microcredential.id == "nz-ecnz-he-pataka-reo" })
    }

    /// The text index follows a listing's edits: its old words and filter values stop matching, its new ones match.
    func searchFollowsEdits(_ stores: SQLStores) async throws {
        var item = Microcredential.fixture(
            "au-search-edit", provider: "au-search", title: "Scaffolding for scaffolders", level: 2, credits: nil, framework: "au-nmf-dreyfus")
        try await stores.registry.save([item], edited: true)
        // Two words of the listing share the prefix; it is still one hit.
        #expect(try await stores.registry.search(RegistryQuery(text: "scaff")).items.map(\.microcredential.id) == [item.id])
        item.title = "Rigging basics"
        item.level = LevelReference(framework: "au-nmf-dreyfus", level: 5)
        try await stores.registry.save([item], edited: true)
        #expect(try await stores.registry.search(RegistryQuery(text: "scaffolding")).total == 0)
        #expect(try await stores.registry.search(RegistryQuery(text: "rigging", levelRange: 5...5)).items.map(\.microcredential.id) == [item.id])
        #expect(try await stores.registry.search(RegistryQuery(text: "rigging", levelRange: 1...2)).total == 0)
        // Saving it unchanged keeps it findable; deleting it (no API does yet; the index must follow anyway) does not.
        try await stores.registry.save([item], edited: true)
        #expect(try await stores.registry.search(RegistryQuery(text: "rigging")).items.map(\.microcredential.id) == [item.id])
        try await stores.database.sql.raw("DELETE FROM microcredentials WHERE id = \(bind: item.id.rawValue)").run()
        #expect(try await stores.registry.search(RegistryQuery(text: "rigging")).total == 0)
        if stores.database.engine == .postgres {  // the search joins listings, so only the postings table shows leftovers
            let left = try await stores.database.sql.raw("SELECT count(*) AS n FROM microcredential_terms WHERE id = \(bind: item.id.rawValue)")
                .first()
            #expect(try left?.decode(column: "n", as: Int.self) == 0)
        }
    }

    func failedBatchWritesNothing(_ stores: SQLStores) async throws {
        let good = Microcredential.fixture("nz-batch-good", provider: "nz-contract")
        let orphan = Microcredential.fixture("nz-batch-orphan", provider: "nz-no-such-provider")
        await #expect(throws: StoreError.notFound(kind: "provider", id: "nz-no-such-provider")) {
            try await stores.registry.save([good, orphan], edited: true)
        }
        #expect(try await stores.registry.microcredential(good.id) == nil)
    }

    func accountsSessionsAndTokens(_ stores: SQLStores) async throws {
        let account = Account(id: "acc-1", email: "Staff@Example.org", displayName: "Staff", role: .providerStaff("nz-contract"), createdAt: .t0)
        try await stores.accounts.create(account, passwordHash: "hash")
        await #expect(throws: StoreError.self) { try await stores.accounts.create(account, passwordHash: "hash") }
        let found = try #require(try await stores.accounts.credentials(email: "staff@example.org"))
        #expect(found.account.role == .providerStaff("nz-contract") && found.passwordHash == "hash")
        #expect(try await !stores.accounts.hasAdmin())
        try await stores.accounts.createSession(Session(tokenHash: "s1", accountID: account.id, csrfToken: "c1", expiresAt: .t0))
        #expect(try await stores.accounts.session(tokenHash: "s1")?.session.csrfToken == "c1")
        try await stores.accounts.deleteSession(tokenHash: "s1")
        #expect(try await stores.accounts.session(tokenHash: "s1") == nil)
        let token = APIToken(id: "tok-1", tokenHash: "t1", accountID: account.id, name: "ci", createdAt: .t0, expiresAt: .t0 + 86_400)
        try await stores.accounts.createToken(token)
        #expect(try await stores.accounts.account(tokenHash: "t1")?.account.id == account.id)
        #expect(try await stores.accounts.account(tokenHash: "t1")?.token == token)
        #expect(try await stores.accounts.account(tokenHash: "nope") == nil)
        #expect(try await stores.accounts.tokens(of: account.id) == [token])
        #expect(try await !stores.accounts.revokeToken(id: "tok-1", of: "someone-else", at: .t0))
        #expect(try await stores.accounts.revokeToken(id: "tok-1", of: account.id, at: .t0 + 60))
        #expect(try await stores.accounts.tokens(of: account.id).first?.revokedAt == .t0 + 60)

        // A password change ends the account's sessions.
        try await stores.accounts.createSession(Session(tokenHash: "s2", accountID: account.id, csrfToken: "c2", expiresAt: .t0 + 3_600))
        try await stores.accounts.setPassword(of: account.id, hash: "new-hash")
        #expect(try await stores.accounts.session(tokenHash: "s2") == nil)
        #expect(try await stores.accounts.credentials(email: "staff@example.org")?.passwordHash == "new-hash")

        let throttle = SignInThrottle(failures: 6, lastFailure: .t0, lockedUntil: .t0 + 2)
        try await stores.accounts.saveThrottle(throttle, for: "email:staff@example.org")
        #expect(try await stores.accounts.throttle("email:staff@example.org") == throttle)
        try await stores.accounts.saveThrottle(nil, for: "email:staff@example.org")
        #expect(try await stores.accounts.throttle("email:staff@example.org") == nil)

        try await stores.accounts.createReset(PasswordReset(tokenHash: "r1", accountID: account.id, expiresAt: .t0 + 86_400))
        try await stores.accounts.markResetUsed(tokenHash: "r1", at: .t0 + 5)
        #expect(try await stores.accounts.reset(tokenHash: "r1")?.usedAt == .t0 + 5)
    }
}
