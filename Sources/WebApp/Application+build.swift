import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RecognitionCore
import Storage

/// Builds the router: the one composition of middleware, API controllers and pages.
public func buildRouter(config: AppConfig, dependencies: Dependencies) async throws -> Router<AppRequestContext> {
    let pages = try await PageRenderer.load()
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ProblemMiddleware(pages: pages))
    router.add(middleware: AuthMiddleware(dependencies: dependencies))

    let openAPI = try OpenAPIDocument.json()
    router.get("/api/openapi.json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
    }
    let api = router.group("/api/v1")
    RegistryAPIController(dependencies: dependencies).register(on: api)
    AccountAPIController(dependencies: dependencies, config: config).register(on: api)

    guard let cssURL = Bundle.module.url(forResource: "Public/accord.css", withExtension: nil) else {
        throw Problem(.internalServerError, "stylesheet missing from the bundle")
    }
    let css = try Data(contentsOf: cssURL)
    router.get("/static/accord.css") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/css", .cacheControl: "max-age=3600"], body: .init(byteBuffer: ByteBuffer(bytes: css)))
    }
    RegistryPages(dependencies: dependencies, pages: pages).register(on: router)
    EditorPages(dependencies: dependencies, config: config, pages: pages).register(on: router)
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
