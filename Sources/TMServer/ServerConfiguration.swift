import Foundation
import PostgresStore
import Terminology

/// How `tmkit serve` runs.
public struct ServerConfiguration: Sendable {
    /// Address to bind: 127.0.0.1 unless told otherwise.
    public var host = "127.0.0.1"
    /// Port; 0 picks a free one (printed when the server listens).
    public var port = 8080
    public var backend: any MemoryBackend
    public var tokens: any TokenStore
    /// The glossaries, each read (and, for a store, changed) through its glossary store.
    public var glossaries: [ServedGlossary] = []
    /// With `--database`: the database's glossaries, also served (by name) when made after the
    /// server started.
    public var glossaryDatabase: PostgresGlossaries?
    public var limits = Limits()

    public init(backend: any MemoryBackend, tokens: any TokenStore) {
        self.backend = backend
        self.tokens = tokens
    }
}
