import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The HTTP server of `tmkit serve`: the JSON API under `/api/v1`, Weblate's tmserver routes
/// under `/tmserver` (and `/t/TOKEN/tmserver` for clients that cannot send a header), the
/// OpenAPI document at `/openapi.json`, and `/health`.
///
/// It keeps no state of its own beyond caches of what the store holds, so several servers can
/// share one PostgreSQL database behind a load balancer. SIGTERM and SIGINT stop it gracefully:
/// requests in flight finish first.
public enum TMServerApp {
    /// The router with every route; `routes` lists them (a test checks them against openapi.json).
    public static func router(_ config: ServerConfiguration) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        WebPages.register(on: router, config)  // the web pages; first, so its session middleware covers the API
        let api = APIHandlers(config: config)
        api.addSystemRoutes(to: router)
        api.addMemoryRoutes(to: router)
        api.addGlossaryRoutes(to: router)
        api.addTokenRoutes(to: router)
        api.addWeblateRoutes(to: router)
        return router
    }

    /// Runs until SIGTERM/SIGINT. `services` (such as the PostgreSQL pools) run beside the server;
    /// `onListening` receives the bound address once it listens.
    public static func run(_ config: ServerConfiguration, services: [any Service] = [],
                           onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        var logger = Logger(label: "tmkit.serve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
        let app = Application(
            router: router(config),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "tmkit"),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? config.port
                onListening("http://\(config.host.contains(":") ? "[\(config.host)]" : config.host):\(port)")
            },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
