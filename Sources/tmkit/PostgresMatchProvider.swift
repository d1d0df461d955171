import Foundation
import PostgresStore
import Pretranslation
import TMCore
import TranslationMemory

/// `pretranslate --database URL` (and `analyze`): matches from a memory in PostgreSQL, found by
/// `PostgresMemory.lookup` (the same candidates and scores as a SQLite memory of the same
/// entries). One instance serves every worker thread; each lookup waits for its query.
final class PostgresMatchProvider: MatchProvider, Sendable {
    let store: PostgresMemory
    let memory: String

    init(store: PostgresMemory, memory: String) {
        self.store = store
        self.memory = memory
    }

    func bestMatch(for segment: String, context: String?, languages: LanguagePair, minScore: Int) throws -> PretranslationMatch? {
        let options = MemoryMatchProvider.options(context: context, languages: languages, minScore: minScore)
        let (store, memory) = (self.store, self.memory)
        return try blocking { try await store.lookup(segment, memory: memory, options: options) }.first.map(MemoryMatchProvider.match)
    }

    /// Opens the database at `url` (its pools started, its schema brought up to date) and
    /// checks that memory `memory` (default: `default`) is there. `stop` closes the pools.
    static func open(_ url: String, memory: String?) throws -> (provider: PostgresMatchProvider, stop: () -> Void) {
        let name = memory ?? "default"
        let store = try PostgresMemory(url: url, maxConnections: max(4, ProcessInfo.processInfo.activeProcessorCount))
        let runner = Task { await store.run() }
        do {
            try blocking {
                try await store.migrate()
                guard try await store.memories().contains(name) else {
                    throw CLIError("\(url): no memory named '\(name)' in the database (import one with `tmkit tm import --database`)")
                }
            }
        } catch {
            runner.cancel()
            throw error
        }
        return (PostgresMatchProvider(store: store, memory: name), { runner.cancel() })
    }
}
