import Foundation
import Logging
import NIOCore
import PostgresNIO
import Terminology
import TMCore

/// The glossaries of a PostgreSQL database (the `tmkit_glossary*` tables), for a team: every
/// CLI and server on the database sees the same named glossaries and every change to them.
/// Each `open` gives a `PostgresGlossary` on a connection of its own, taken from a few kept
/// idle and given back when the glossary is released.
///
/// Synchronous, as `GlossaryStore` is (so look-up, spotting and review run unchanged over
/// either): call it from a thread that may block, never from an event loop or an async task
/// (the server runs glossary work on its thread pool).
public final class PostgresGlossaries: @unchecked Sendable {
    public let location: PostgresLocation
    let logger: Logger
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    private static let maxIdle = 8

    public init(url: String) throws {
        location = try PostgresLocation(url: url)
        var logger = Logger(label: "tmkit.postgres.glossary")
        logger.logLevel = .critical
        self.logger = logger
    }

    deinit {
        for c in idle { try? c.close().wait() }
    }

    /// An idle connection, or a new one.
    func connection() throws -> PostgresConnection {
        lock.lock()
        while let c = idle.popLast() {
            if !c.isClosed {
                lock.unlock()
                return c
            }
        }
        lock.unlock()
        do {
            return try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: try location.connectionConfiguration(),
                                                  id: Int.random(in: 1...Int.max), logger: logger).wait()
        } catch {
            throw PostgresStoreError.wrap(error, database: location.description)
        }
    }

    /// Keeps `c` for the next `open` (or closes it).
    func give(_ c: PostgresConnection) {
        guard !c.isClosed else { return }
        lock.lock()
        if idle.count < Self.maxIdle {
            idle.append(c)
            lock.unlock()
            return
        }
        lock.unlock()
        try? c.close().wait()
    }

    /// Runs `body` on a connection of the pool.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let c = try connection()
        defer { give(c) }
        return try body(c)
    }

    /// Creates or upgrades the `tmkit_*` tables (the memory's and the glossaries').
    public func migrate() throws {
        let (database, logger) = (location.description, self.logger)
        try withConnection { c in
            try blocking {
                do {
                    try await PostgresSchema.migrate(c, database: database, logger: logger)
                } catch {
                    throw PostgresStoreError.wrap(error, database: database)
                }
            }
        }
    }

    /// The names of the glossaries, sorted.
    public func names() throws -> [String] {
        try withConnection { c in
            try PostgresGlossary.run(c, "SELECT name FROM tmkit_glossary ORDER BY name", database: location.description, logger: logger)
                .map { try $0.decode(String.self) }
        }
    }

    /// The glossary `name`; with `create`, made when missing (else `noSuchGlossary`).
    public func open(_ name: String, create: Bool = false) throws -> PostgresGlossary {
        let c = try connection()
        let row: (id: Int32, source: String?, target: String?, title: String?, keys: String?)
        do {
            row = try PostgresGlossary.row(c, name: name, create: create, database: location.description, logger: logger)
        } catch {
            give(c)
            throw error
        }
        // From here the glossary owns the connection (and gives it back when released).
        let glossary = PostgresGlossary(pool: self, connection: c, name: name, row: row)
        try glossary.upgradeKeys()
        return glossary
    }

    /// Changes with every change to glossary `name` (its version counter, bumped by every
    /// write transaction): what the review page polls.
    public func version(of name: String) throws -> String {
        try withConnection { c in
            let rows = try PostgresGlossary.run(c, "SELECT version FROM tmkit_glossary WHERE name = \(name)", database: location.description, logger: logger)
            return try rows.first.map { String(try $0.decode(Int64.self)) } ?? "-"
        }
    }

    /// Removes glossary `name` and everything in it; returns whether it was there.
    @discardableResult
    public func drop(_ name: String) throws -> Bool {
        try withConnection { c in
            let rows = try PostgresGlossary.run(c, "DELETE FROM tmkit_glossary WHERE name = \(name) RETURNING id", database: location.description, logger: logger)
            return !rows.isEmpty
        }
    }
}
