import Foundation
import Logging
import PostgresNIO
import Segmentation
import TMCore
import TranslationMemory

/// Translation memories in a PostgreSQL database, for a team: several tmkit servers share one
/// database, reads may go to a streaming replica. Entries, their analysed sides and the
/// posting blocks of the candidate index live in `tmkit_*` tables; analysis, index terms and
/// scores are the SQLite store's own (`LookupQuery`, `PreparedUnit`), so a lookup gives the
/// same matches and scores on either store.
///
/// Call `run()` in a task (or add the store to a service group) before the first query.
public final class PostgresMemory: Sendable {
    public let location: PostgresLocation
    public let replicaLocation: PostgresLocation?
    let primary: PostgresClient
    let replica: PostgresClient?
    let segmenter: Segmenter
    let scratch = AccumulatorPool()
    let memoryRows = MemoryRowCache()
    let logger: Logger
    let primaryHealth: PostgresHealth
    let replicaHealth: PostgresHealth?

    public init(url: String, readReplica: String? = nil, maxConnections: Int = 16, segmenter: Segmenter = Segmenter()) throws {
        location = try PostgresLocation(url: url)
        replicaLocation = try readReplica.map { try PostgresLocation(url: $0) }
        var logger = Logger(label: "tmkit.postgres")
        logger.logLevel = .critical
        self.logger = logger
        primary = PostgresClient(configuration: location.configuration(maxConnections: maxConnections), backgroundLogger: logger)
        replica = replicaLocation.map { PostgresClient(configuration: $0.configuration(maxConnections: maxConnections), backgroundLogger: logger) }
        self.segmenter = segmenter
        primaryHealth = PostgresHealth(location: location)
        replicaHealth = replicaLocation.map(PostgresHealth.init)
    }

    /// Runs the connection pools until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.primary.run() }
            group.addTask { await self.primaryHealth.run(logger: self.logger) }
            if let replica = self.replica { group.addTask { await replica.run() } }
            if let health = self.replicaHealth { group.addTask { await health.run(logger: self.logger) } }
        }
    }

    /// The client for reads: the replica when there is one.
    var reader: PostgresClient { replica ?? primary }
    var readerName: String { (replicaLocation ?? location).description }

    /// Runs `body`, turning postgres-nio's errors into `PostgresStoreError`.
    /// Fails at once while the server it uses (the primary, or the replica for `readerName`)
    /// is known to be away.
    /// A request already waiting for a connection when the server goes away is given up as
    /// soon as the monitor sees it (the pool would hold it for a minute).
    func guarded<T: Sendable>(_ database: String? = nil, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let name = database ?? location.description
        let health = name == location.description ? primaryHealth : (replicaHealth ?? primaryHealth)
        if let why = health.down { throw PostgresStoreError.unavailable(database: name, reason: why) }
        let work = Task { try await body() }
        let waiter = health.onDown { work.cancel() }
        defer { health.forget(waiter) }
        do {
            return try await withTaskCancellationHandler { try await work.value } onCancel: { work.cancel() }
        } catch {
            if let why = health.down { throw PostgresStoreError.unavailable(database: name, reason: why) }
            throw PostgresStoreError.wrap(error, database: name)
        }
    }

    /// Creates or upgrades the `tmkit_*` tables (once, under an advisory lock).
    public func migrate() async throws {
        try await guarded { [self] in
            try await primary.withConnection { c in
                try await PostgresSchema.migrate(c, database: location.description, logger: logger)
            }
        }
    }

    /// The names of the memories, sorted.
    public func memories() async throws -> [String] {
        try await guarded(readerName) { [self] in
            var out: [String] = []
            for try await name in try await reader.query("SELECT name FROM tmkit_memory ORDER BY name", logger: logger).decode(String.self) {
                out.append(name)
            }
            return out
        }
    }

    /// A memory's id, highest entry id and languages, read from `client`.
    struct MemoryRow: Sendable {
        var id: Int32
        var maxEntry: Int64
        var languages: [String]
    }

    func memoryRow(_ name: String, on client: PostgresClient) async throws -> MemoryRow? {
        let rows = try await client.query("SELECT id, max_entry, languages FROM tmkit_memory WHERE name = \(name)", logger: logger)
        for try await (id, maxEntry, languages) in rows.decode((Int32, Int64, String).self) {
            return MemoryRow(id: id, maxEntry: maxEntry, languages: languages.split(separator: " ").map(String.init))
        }
        return nil
    }

    /// `memoryRow` as read at most a second ago: a memory's id never changes, its languages
    /// only grow (a lookup that guesses its language reads them afresh) and a lookup reads the
    /// highest entry id afresh (`lookupStart`). A memory not
    /// found is not remembered.
    func cachedMemoryRow(_ name: String, on client: PostgresClient) async throws -> MemoryRow? {
        if let row = memoryRows.row(name) { return row }
        guard let row = try await memoryRow(name, on: client) else { return nil }
        memoryRows.remember(row, for: name)
        return row
    }

    /// The memory's id, created when missing.
    func createMemory(_ name: String) async throws -> Int32 {
        try await primary.query("INSERT INTO tmkit_memory(name) VALUES (\(name)) ON CONFLICT (name) DO NOTHING", logger: logger)
        guard let row = try await memoryRow(name, on: primary) else { throw PostgresStoreError.noSuchMemory(name) }
        return row.id
    }

    /// Whether PostgreSQL answers (the primary, and the replica when there is one).
    public func ping() async throws {
        _ = try await guarded { [self] in try await primary.query("SELECT 1", logger: logger) }
        if let replica { _ = try await guarded(readerName) { [self] in try await replica.query("SELECT 1", logger: logger) } }
    }
}

/// Score accumulators for concurrent lookups: one per lookup in flight, reused.
final class AccumulatorPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [Accumulator] = []

    func take() -> Accumulator {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? Accumulator()
    }

    func give(_ a: Accumulator) {
        a.clear()
        lock.lock()
        defer { lock.unlock() }
        if free.count < 64 { free.append(a) }
    }
}

/// Memory rows read in the last second, by name (`cachedMemoryRow`).
final class MemoryRowCache: @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [String: (row: PostgresMemory.MemoryRow, read: ContinuousClock.Instant)] = [:]
    static let lifetime: Duration = .seconds(1)

    func row(_ name: String) -> PostgresMemory.MemoryRow? {
        lock.lock()
        defer { lock.unlock() }
        guard let hit = rows[name], ContinuousClock.now - hit.read < Self.lifetime else { return nil }
        return hit.row
    }

    func remember(_ row: PostgresMemory.MemoryRow, for name: String) {
        lock.lock()
        defer { lock.unlock() }
        if rows.count > 1_000 { rows.removeAll() }
        rows[name] = (row, ContinuousClock.now)
    }
}
