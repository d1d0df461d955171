import Formats
import Foundation
import PostgresStore
import TMCore
import TranslationMemory

/// The memories a server serves, whatever holds them: SQLite files (`SQLiteBackend`) or a
/// PostgreSQL database (`PostgresBackend`). Every call is one library call of the store, so the
/// API answers what the CLI prints.
public protocol MemoryBackend: Sendable {
    /// `sqlite` or `postgresql`.
    var kind: String { get }
    /// The memory Weblate's routes and unnamed requests use.
    var defaultMemory: String { get }
    func memories() async throws -> [String]
    func lookup(_ texts: [String], memory: String, options: LookupOptions) async throws -> [[TMMatch]]
    func concordance(_ text: String, memory: String, limit: Int) async throws -> [ConcordanceHit]
    /// Imports the file at `path` (named `name` in messages and summaries) in one transaction.
    func importFile(_ path: String, name: String, memory: String, options: ReadOptions) async throws -> ImportSummary
    /// Writes `memory` to `path` as TMX 1.4b; returns the number of entries.
    func exportTMX(memory: String, to path: String) async throws -> Int
    func entry(_ id: Int64, memory: String) async throws -> StoredEntry?
    func update(_ id: Int64, memory: String, _ change: EntryChange) async throws -> StoredEntry?
    func delete(_ id: Int64, memory: String) async throws -> Bool
    func statistics(memory: String) async throws -> StatsPayload
    func languages(memory: String) async throws -> [String]
    /// Throws when the store cannot answer.
    func ping() async throws
}

/// The TMX header's source language for a memory: the source of its largest language pair.
enum TMXExportSource {
    static func language(_ stats: StatsPayload) -> LanguageTag {
        stats.languagePairs.first.flatMap { LanguageTag($0.source) } ?? .english
    }
}
