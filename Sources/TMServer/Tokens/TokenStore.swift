import Foundation
import PostgresStore

/// Where tokens are kept: a JSON file beside SQLite memories, a table in PostgreSQL.
public protocol TokenStore: Sendable {
    func add(_ token: APIToken) async throws
    /// The token whose secret hashes to `hash`, revoked or not.
    func token(hash: String) async throws -> APIToken?
    func all() async throws -> [APIToken]
    /// False when there is no token `id`.
    func revoke(_ id: String) async throws -> Bool
}

/// Tokens in PostgreSQL's `tmkit_token` table, shared by every server on the database.
public struct PostgresTokenStore: TokenStore {
    let store: PostgresMemory

    public init(_ store: PostgresMemory) { self.store = store }

    public func add(_ token: APIToken) async throws { try await store.insertToken(token.row) }
    public func token(hash: String) async throws -> APIToken? { try await store.token(hash: hash).flatMap(APIToken.init) }
    public func all() async throws -> [APIToken] { try await store.tokens().compactMap(APIToken.init) }
    public func revoke(_ id: String) async throws -> Bool { try await store.revokeToken(id) }
}

/// Tokens in a JSON file (hashes only, mode 0600), for servers on SQLite memories. Writers take
/// an exclusive `flock` on a lock file beside it and replace the file atomically; readers
/// re-read it when it changed, so `tmkit serve token create` works while a server runs.
public final class FileTokenStore: TokenStore, @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var cached: (modified: Date, size: Int, tokens: [APIToken])?

    public init(path: String) { self.path = path }

    private struct Record: Codable {
        var id: String
        var hash: String
        var scope: String
        var memory: String?
        var label: String?
        var created: Date
        var revoked: Date?
    }

    private static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    private func read() throws -> [APIToken] {
        let fm = FileManager.default
        guard let attributes = try? fm.attributesOfItem(atPath: path) else { return [] }
        let modified = attributes[.modificationDate] as? Date ?? .distantPast
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        lock.lock()
        if let c = cached, c.modified == modified, c.size == size {
            lock.unlock()
            return c.tokens
        }
        lock.unlock()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let records: [Record]
        do {
            records = try Self.decoder().decode([Record].self, from: data)
        } catch {
            throw APIError(.internalServerError, "\(path): not a tmkit token file (\(error))")
        }
        let tokens = records.compactMap { r in
            TokenScope(rawValue: r.scope).map {
                APIToken(id: r.id, hash: r.hash, scope: $0, memory: r.memory, label: r.label, created: r.created, revoked: r.revoked)
            }
        }
        lock.lock()
        cached = (modified, size, tokens)
        lock.unlock()
        return tokens
    }

    /// Reads, changes and writes the file under an exclusive lock.
    private func modify<T>(_ change: (inout [APIToken]) throws -> T) throws -> T {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let fd = open(path + ".lock", O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw APIError(.internalServerError, "\(path).lock: cannot open (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw APIError(.internalServerError, "\(path).lock: cannot lock") }
        defer { flock(fd, LOCK_UN) }
        lock.lock()
        cached = nil
        lock.unlock()
        var tokens = try read()
        let result = try change(&tokens)
        let records = tokens.map {
            Record(id: $0.id, hash: $0.hash, scope: $0.scope.rawValue, memory: $0.memory, label: $0.label, created: $0.created, revoked: $0.revoked)
        }
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: try e.encode(records), attributes: [.posixPermissions: 0o600]) else {
            throw APIError(.internalServerError, "\(temporary): cannot write")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw APIError(.internalServerError, "\(path): cannot replace (\(String(cString: strerror(errno))))")
        }
        return result
    }

    public func add(_ token: APIToken) async throws { try modify { $0.append(token) } }

    public func token(hash: String) async throws -> APIToken? { try read().first { $0.hash == hash } }

    public func all() async throws -> [APIToken] { try read() }

    public func revoke(_ id: String) async throws -> Bool {
        try modify { tokens in
            guard let i = tokens.firstIndex(where: { $0.id == id }) else { return false }
            if tokens[i].revoked == nil { tokens[i].revoked = Date() }
            return true
        }
    }
}
