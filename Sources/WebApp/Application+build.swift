import AccordServices
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Builds the router: the one composition of middleware, API controllers and pages.
public func buildRouter(config: AppConfig, dependencies: Dependencies) async throws -> Router<AppRequestContext> {
    let pages = try await PageRenderer.load()
    let catalogue = try Catalogue.load()
    let registrar = Registrar(dependencies: dependencies)
    let accounts = AccountDesk(dependencies: dependencies)
    let reference = ReferenceDesk(dependencies: dependencies)
    let trail = AuditTrail(dependencies: dependencies)

    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LanguageMiddleware(catalogue: catalogue))
    router.add(middleware: ProblemMiddleware(pages: pages, desk: accounts))
    router.add(middleware: AuthMiddleware(desk: accounts))

    let openAPI = try OpenAPIDocument.json()
    router.get("/api/openapi.json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
    }
    let api = router.group("/api/v1")
    RegistryAPIController(registrar: registrar).register(on: api)
    AccountAPIController(desk: accounts).register(on: api)
    ReferenceAPIController(desk: reference).register(on: api)
    AuditAPIController(trail: trail).register(on: api)
    let issuers = IssuerDesk(dependencies: dependencies)
    let verification = VerificationDesk(dependencies: dependencies)
    let issuing = IssuingDesk(dependencies: dependencies)
    let status = StatusDesk(dependencies: dependencies)
    IssuerAPIController(desk: issuers, verification: verification).register(api: api, site: router)
    IssuingAPIController(desk: issuing, status: status).register(on: api, site: router)
    let batches = BatchDesk(dependencies: dependencies)
    // Confirmed batches run in this server's background; any a crash or a restart interrupted resume now.
    let runner = BatchRunner(dependencies: dependencies)
    try await runner.resumeUnfinished()
    BatchAPIController(desk: batches, runner: runner).register(on: api)
    let learnerRecord = LearnerRecordDesk(dependencies: dependencies)
    let qualificationDesk = QualificationDesk(dependencies: dependencies)
    let sharing = SharingDesk(dependencies: dependencies)
    let awards = AwardDesk(dependencies: dependencies)
    LearnerAPIController(record: learnerRecord, qualifications: qualificationDesk, sharing: sharing, awards: awards).register(on: api)
    let recognition = RecognitionDesk(dependencies: dependencies)
    RecognitionAPIController(desk: recognition, clock: dependencies.clock).register(on: api)
    let nicKeys = NICKeyDesk(dependencies: dependencies)
    NICKeyAPIController(desk: nicKeys).register(api: api, site: router)
    NetworkAPIController(desk: NetworkDesk(dependencies: dependencies), reports: ReportDesk(dependencies: dependencies)).register(on: api)
    MeetingAPIController(desk: MeetingDesk(dependencies: dependencies), network: NetworkDesk(dependencies: dependencies)).register(on: api)

    guard let publicFolder = Bundle.module.url(forResource: "Public", withExtension: nil) else {
        throw Problem(.internalServerError, "static files are missing from the bundle")
    }
    router.add(
        middleware: FileMiddleware(
            publicFolder.path, urlBasePath: "/static", cacheControl: .init([(MediaType(type: .text, subType: "css"), [.maxAge(3600)])]),
            searchForIndexHtml: false))
    RegistryPages(registrar: registrar, reference: reference, pages: pages).register(on: router)
    EditorPages(registrar: registrar, desk: accounts, reference: reference, config: config, pages: pages).register(on: router)
    AccountPages(desk: accounts, pages: pages).register(on: router)
    DirectoryPages(
        registrar: registrar, reference: reference, issuers: issuers, issuing: issuing, batches: batches, status: status, pages: pages
    ).register(on: router)
    AuditPages(trail: trail, pages: pages).register(on: router)
    LanguageSwitch(config: config).register(on: router)
    VerifyPages(verification: verification, issuing: issuing, pages: pages).register(on: router)
    IssuingPages(desk: issuing, verification: verification, site: dependencies.site, pages: pages).register(on: router)
    BatchPages(desk: batches, runner: runner, registrar: registrar, site: dependencies.site, pages: pages).register(on: router)
    ComparePages(reference: reference, pages: pages).register(on: router)
    ConventionPages(reference: reference, pages: pages).register(on: router)
    let network = NetworkDesk(dependencies: dependencies)
    SurveyPages(desk: network, pages: pages).register(on: router)
    ActionPlanPages(desk: network, reference: reference, pages: pages).register(on: router)
    MeetingPages(desk: MeetingDesk(dependencies: dependencies), network: network, reference: reference, pages: pages).register(on: router)
    ReportPages(desk: ReportDesk(dependencies: dependencies), pages: pages).register(on: router)
    RecognitionPages(
        desk: recognition, reference: reference, record: learnerRecord, registrar: registrar, clock: dependencies.clock, pages: pages
    ).register(on: router)
    NICKeyPages(desk: nicKeys, reference: reference, pages: pages).register(on: router)
    RecordPages(record: learnerRecord, qualifications: qualificationDesk, sharing: sharing, awards: awards, pages: pages).register(on: router)
    return router
}

/// The HTTP application `accord serve` runs.
public func buildApplication(
    config: AppConfig, dependencies: Dependencies, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(config: config, dependencies: dependencies)
    return Application(
        router: router, configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Accord"),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? config.port) },
        logger: dependencies.logger)
}
