import Foundation
import Terminology

/// How `tmkit serve` runs.
public struct ServerConfiguration: Sendable {
    /// Address to bind: 127.0.0.1 unless told otherwise.
    public var host = "127.0.0.1"
    /// Port; 0 picks a free one (printed when the server listens).
    public var port = 8080
    public var backend: any MemoryBackend
    public var tokens: any TokenStore
    /// Glossaries by name, compiled once at start.
    public var glossaries: [(name: String, index: GlossaryIndex)] = []
    /// The glossaries' files, by name: the review page (Web/) writes its changes to the TBX ones.
    public var glossaryFiles: [(name: String, path: String)] = []
    public var limits = Limits()

    public init(backend: any MemoryBackend, tokens: any TokenStore) {
        self.backend = backend
        self.tokens = tokens
    }
}
