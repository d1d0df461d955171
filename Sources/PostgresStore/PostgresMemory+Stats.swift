import Foundation
import PostgresNIO

/// Counts that describe one memory in PostgreSQL.
public struct PostgresStatistics: Sendable {
    public var entries: Int
    public var languagePairs: [(source: String, target: String, entries: Int)]
    /// Bytes of the tmkit tables and their indexes (all memories).
    public var bytes: Int64
    public var indexTerms: Int
    public var schemaVersion: Int
}

/// A token's row: the hash of its secret, never the secret.
public struct TokenRow: Sendable, Hashable {
    public var id: String
    public var hash: String
    public var scope: String
    public var memory: String?
    public var label: String?
    public var created: Date
    public var revoked: Date?

    public init(id: String, hash: String, scope: String, memory: String?, label: String?, created: Date, revoked: Date?) {
        self.id = id
        self.hash = hash
        self.scope = scope
        self.memory = memory
        self.label = label
        self.created = created
        self.revoked = revoked
    }
}

extension PostgresMemory {
    /// Entry count, language pairs and size of `memory`.
    public func statistics(memory: String) async throws -> PostgresStatistics {
        try await guarded(readerName) { [self] in
            let client = reader
            guard let row = try await memoryRow(memory, on: client) else { throw PostgresStoreError.noSuchMemory(memory) }
            var pairs: [(source: String, target: String, entries: Int)] = []
            let rows = try await client.query("""
                SELECT source_lang, target_lang, count(*)::int8 FROM tmkit_entry WHERE memory = \(row.id) GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2
                """, logger: logger)
            for try await (s, t, n) in rows.decode((String, String, Int64).self) { pairs.append((s, t, Int(n))) }
            var bytes: Int64 = 0
            let size = try await client.query("""
                SELECT (pg_total_relation_size('tmkit_entry') + pg_total_relation_size('tmkit_posting'))::int8
                """, logger: logger)
            for try await b in size.decode(Int64.self) { bytes = b }
            var terms: Int64 = 0
            let t = try await client.query("SELECT count(DISTINCT term)::int8 FROM tmkit_posting WHERE memory = \(row.id)", logger: logger)
            for try await n in t.decode(Int64.self) { terms = n }
            return PostgresStatistics(
                entries: pairs.reduce(0) { $0 + $1.entries }, languagePairs: pairs, bytes: bytes, indexTerms: Int(terms),
                schemaVersion: PostgresSchema.currentVersion)
        }
    }

    /// Language codes stored in `memory`.
    public func languages(memory: String) async throws -> [String] {
        try await guarded(readerName) { [self] in try await memoryRow(memory, on: reader)?.languages ?? [] }
    }

    // MARK: tokens

    public func insertToken(_ t: TokenRow) async throws {
        try await guarded { [self] in
            try await primary.query("""
                INSERT INTO tmkit_token(id, hash, scope, memory, label) VALUES (\(t.id), \(t.hash), \(t.scope), \(t.memory), \(t.label))
                """, logger: logger)
        }
    }

    /// The token whose secret hashes to `hash` (read from the primary: a revocation counts at once).
    public func token(hash: String) async throws -> TokenRow? {
        try await guarded { [self] in
            for try await r in try await primary.execute(TokenByHash(hash: hash), logger: logger) {
                return TokenRow(id: r.0, hash: r.1, scope: r.2, memory: r.3, label: r.4, created: r.5, revoked: r.6)
            }
            return nil
        }
    }

    public func tokens() async throws -> [TokenRow] {
        try await guarded { [self] in
            var out: [TokenRow] = []
            let rows = try await primary.query("SELECT id, hash, scope, memory, label, created, revoked FROM tmkit_token ORDER BY created, id", logger: logger)
            for try await r in rows.decode((String, String, String, String?, String?, Date, Date?).self) {
                out.append(TokenRow(id: r.0, hash: r.1, scope: r.2, memory: r.3, label: r.4, created: r.5, revoked: r.6))
            }
            return out
        }
    }

    /// Revokes token `id`; false when there is no such token.
    public func revokeToken(_ id: String) async throws -> Bool {
        try await guarded { [self] in
            let rows = try await primary.query("UPDATE tmkit_token SET revoked = coalesce(revoked, now()) WHERE id = \(id) RETURNING id", logger: logger)
            for try await _ in rows.decode(String.self) { return true }
            return false
        }
    }
}

/// The token with a secret's hash, prepared once per connection: every request reads it.
struct TokenByHash: PostgresPreparedStatement {
    static let sql = "SELECT id, hash, scope, memory, label, created, revoked FROM tmkit_token WHERE hash = $1"
    typealias Row = (String, String, String, String?, String?, Date, Date?)
    var hash: String

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings()
        b.append(hash)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
