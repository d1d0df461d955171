import Formats
import Foundation
import PostgresStore
import TMCore
import TranslationMemory

/// Memories in PostgreSQL. Servers on the same database share everything; with a read
/// replica, lookups, concordance, export and stats read from it.
public struct PostgresBackend: MemoryBackend {
    public let store: PostgresMemory
    public let defaultMemory: String
    public var kind: String { "postgresql" }

    public init(store: PostgresMemory, defaultMemory: String = "default") {
        self.store = store
        self.defaultMemory = defaultMemory
    }

    public func memories() async throws -> [String] { try await store.memories() }

    public func lookup(_ texts: [String], memory: String, options: LookupOptions) async throws -> [[TMMatch]] {
        var out: [[TMMatch]] = []
        for t in texts { out.append(try await store.lookup(t, memory: memory, options: options)) }
        return out
    }

    public func concordance(_ text: String, memory: String, limit: Int) async throws -> [ConcordanceHit] {
        try await store.concordance(text, memory: memory, limit: limit)
    }

    public func importFile(_ path: String, name: String, memory: String, options: ReadOptions) async throws -> ImportSummary {
        let reader = try FormatRegistry.requireReader(for: path)
        var summary = try await store.importUnits(file: name, memory: memory) { emit in
            try reader.read(path, options: options) { try emit($0) }.skipped
        }
        summary.file = name
        return summary
    }

    public func exportTMX(memory: String, to path: String) async throws -> Int {
        let stats = try await statistics(memory: memory)
        var writer = try TMXWriter(path: path, sourceLanguage: TMXExportSource.language(stats))
        try await store.forEachEntry(memory: memory) { try writer.write($0.unit) }
        try writer.finish()
        return writer.count
    }

    public func entry(_ id: Int64, memory: String) async throws -> StoredEntry? { try await store.entry(id, memory: memory) }

    public func update(_ id: Int64, memory: String, _ change: EntryChange) async throws -> StoredEntry? {
        try await store.update(id, memory: memory, change)
    }

    public func delete(_ id: Int64, memory: String) async throws -> Bool { try await store.delete(id, memory: memory) }

    public func statistics(memory: String) async throws -> StatsPayload {
        let s = try await store.statistics(memory: memory)
        return StatsPayload(
            memory: memory, backend: kind, entries: s.entries,
            languagePairs: s.languagePairs.map { .init(source: $0.source, target: $0.target, entries: $0.entries) },
            bytes: s.bytes, indexTerms: s.indexTerms, schemaVersion: s.schemaVersion)
    }

    public func languages(memory: String) async throws -> [String] { try await store.languages(memory: memory) }

    public func ping() async throws { try await store.ping() }
}
