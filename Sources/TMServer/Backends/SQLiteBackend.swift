import Formats
import Foundation
import NIOPosix
import PostgresStore
import TMCore
import TranslationMemory

/// Memories in SQLite files, one file per named memory. SQLite calls block, so they run on
/// NIO's thread pool; each memory has a few reader connections (WAL lets them read while an
/// import writes) and one writer.
public final class SQLiteBackend: MemoryBackend, @unchecked Sendable {
    public let paths: [(name: String, path: String)]
    public var kind: String { "sqlite" }
    public var defaultMemory: String { paths.first?.name ?? "default" }
    private var pools: [String: ConnectionPool] = [:]

    /// `paths`: memory names and their files (created on first import).
    public init(paths: [(name: String, path: String)], readers: Int = 4) {
        self.paths = paths
        for (name, path) in paths { pools[name] = ConnectionPool(path: path, readers: readers) }
    }

    private func pool(_ memory: String) throws -> ConnectionPool {
        guard let p = pools[memory] else { throw APIError(.notFound, "no memory named '\(memory)'") }
        return p
    }

    public func memories() async throws -> [String] { paths.map(\.name) }

    public func lookup(_ texts: [String], memory: String, options: LookupOptions) async throws -> [[TMMatch]] {
        try await pool(memory).read { tm in try texts.map { try tm.lookup($0, options: options) } } ?? texts.map { _ in [] }
    }

    public func concordance(_ text: String, memory: String, limit: Int) async throws -> [ConcordanceHit] {
        try await pool(memory).read { try $0.concordance(text, limit: limit) } ?? []
    }

    public func importFile(_ path: String, name: String, memory: String, options: ReadOptions) async throws -> ImportSummary {
        let reader = try FormatRegistry.requireReader(for: path)
        return try await pool(memory).write { tm in
            var s = try tm.importUnits(file: name) { emit in try reader.read(path, options: options) { try emit($0) }.skipped }
            s.file = name
            return s
        }
    }

    public func exportTMX(memory: String, to path: String) async throws -> Int {
        let stats = try await statistics(memory: memory)
        let source = TMXExportSource.language(stats)
        return try await pool(memory).read { tm in
            var writer = try TMXWriter(path: path, sourceLanguage: source)
            try tm.forEachEntry { try writer.write($0) }
            try writer.finish()
            return writer.count
        } ?? {
            var writer = try TMXWriter(path: path, sourceLanguage: source)
            try writer.finish()
            return 0
        }()
    }

    public func entry(_ id: Int64, memory: String) async throws -> StoredEntry? {
        try await pool(memory).read { tm in try tm.entry(id: id).map { StoredEntry(id: $0.id, unit: $0.unit) } } ?? nil
    }

    public func update(_ id: Int64, memory: String, _ change: EntryChange) async throws -> StoredEntry? {
        let pool = try pool(memory)
        guard FileManager.default.fileExists(atPath: pool.path) else { return nil }
        return try await pool.write { tm in
            guard try tm.entry(id: id) != nil else { return nil }
            let e = try tm.edit(id: id, change)
            return StoredEntry(id: e.id, unit: e.unit)
        }
    }

    public func delete(_ id: Int64, memory: String) async throws -> Bool {
        let pool = try pool(memory)
        guard FileManager.default.fileExists(atPath: pool.path) else { return false }
        return try await pool.write { tm in
            guard try tm.entry(id: id) != nil else { return false }
            return try tm.delete(ids: [id]) > 0
        }
    }

    public func statistics(memory: String) async throws -> StatsPayload {
        let s = try await pool(memory).read { try $0.statistics() }
        return StatsPayload(
            memory: memory, backend: kind, entries: s?.entries ?? 0,
            languagePairs: (s?.languagePairs ?? []).map { .init(source: $0.source, target: $0.target, entries: $0.entries) },
            bytes: s?.bytes ?? 0, indexTerms: s?.indexTerms ?? 0, schemaVersion: s?.schemaVersion ?? 0)
    }

    public func languages(memory: String) async throws -> [String] {
        try await pool(memory).read { try $0.storedLanguages() } ?? []
    }

    public func ping() async throws {
        for (name, _) in paths { _ = try await pool(name).read { try $0.count() } }
    }
}

/// Connections to one SQLite memory: readers handed out one call at a time, one writer.
/// A memory whose file does not exist yet reads as empty (nil) until the first import creates it.
final class ConnectionPool: @unchecked Sendable {
    let path: String
    private let readers: Int
    private let lock = NSLock()
    private var idle: [TranslationMemory] = []
    private var opened = 0
    private let slots: DispatchSemaphore
    private var writer: TranslationMemory?
    private let writeLock = NSLock()

    init(path: String, readers: Int) {
        self.path = path
        self.readers = readers
        slots = DispatchSemaphore(value: readers)
    }

    /// Runs `body` on a reader connection on the thread pool; nil when the store does not exist yet.
    func read<T: Sendable>(_ body: @escaping @Sendable (TranslationMemory) throws -> T) async throws -> T? {
        try await NIOThreadPool.singleton.runIfActive { [self] in
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            slots.wait()
            defer { slots.signal() }
            lock.lock()
            let tm: TranslationMemory
            if let t = idle.popLast() {
                lock.unlock()
                tm = t
            } else {
                lock.unlock()
                tm = try TranslationMemory(path: path, create: false)
            }
            defer {
                lock.lock()
                idle.append(tm)
                lock.unlock()
            }
            return try body(tm)
        }
    }

    /// Runs `body` on the writer connection (one writer at a time), creating the store if needed.
    func write<T: Sendable>(_ body: @escaping @Sendable (TranslationMemory) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { [self] in
            writeLock.lock()
            defer { writeLock.unlock() }
            if writer == nil { writer = try TranslationMemory(path: path, create: true) }
            return try body(writer!)
        }
    }
}
