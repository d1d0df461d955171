import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL database is: parsed from `postgres://USER:PASSWORD@HOST:PORT/DATABASE`.
/// Missing parts come from the libpq variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`,
/// `PGDATABASE`), so `postgres:///tmkit` works inside `pg_virtualenv`. A host starting with `/`
/// (or `?host=/path`) is a Unix-socket folder.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String

    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), let c = URLComponents(string: url) else {
            throw PostgresStoreError.badURL(url)
        }
        let queryHost = c.queryItems?.first { $0.name == "host" }?.value
        host = queryHost ?? (c.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? environment["PGHOST"] ?? "localhost")
        port = c.port ?? environment["PGPORT"].flatMap { Int($0) } ?? 5432
        user = c.user?.removingPercentEncoding ?? environment["PGUSER"] ?? "postgres"
        password = c.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        database = path.isEmpty ? (environment["PGDATABASE"] ?? user) : path
    }

    /// The URL without its password, for messages.
    public var description: String { "postgres://\(user)@\(host.hasPrefix("/") ? "[\(host)]" : host):\(port)/\(database)" }

    /// One connection's configuration (the health monitor's), as the pool's connections are made.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var config: PostgresConnection.Configuration
        if host.hasPrefix("/") {
            config = .init(unixSocketPath: host + "/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            let local = ["localhost", "127.0.0.1", "::1"].contains(host)
            config = .init(host: host, port: port, username: user, password: password, database: database,
                           tls: local ? .disable : .prefer(try NIOSSLContext(configuration: .makeClientConfiguration())))
        }
        config.options.connectTimeout = .seconds(3)
        return config
    }

    /// The client configuration: no TLS on loopback and sockets, TLS preferred elsewhere.
    func configuration(maxConnections: Int) -> PostgresClient.Configuration {
        var config: PostgresClient.Configuration
        if host.hasPrefix("/") {
            let socket = host + "/.s.PGSQL.\(port)"
            config = .init(unixSocketPath: socket, username: user, password: password, database: database)
        } else {
            let local = ["localhost", "127.0.0.1", "::1"].contains(host)
            config = .init(host: host, port: port, username: user, password: password, database: database,
                           tls: local ? .disable : .prefer(.makeClientConfiguration()))
        }
        config.options.maximumConnections = maxConnections
        config.options.minimumConnections = 0
        config.options.connectTimeout = .seconds(3)
        return config
    }
}
