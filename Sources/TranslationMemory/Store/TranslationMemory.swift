import SQLiteKit
import CSQLite
import Foundation
import Segmentation
import TMCore

/// A translation memory in one SQLite file: entries, their analysed sides and an index of
/// match-key and Hangul-bigram postings.
///
/// ```swift
/// let tm = try TranslationMemory(path: TranslationMemory.defaultPath)
/// let reader = try FormatRegistry.requireReader(for: "memory.tmx")
/// let summary = try tm.importUnits(file: "memory.tmx") { emit in
///     try reader.read("memory.tmx", options: ReadOptions()) { try emit($0) }.skipped
/// }
/// let matches = try tm.lookup("Open the file", options: LookupOptions(minScore: 75, limit: 5))
/// ```
public final class TranslationMemory {
    public let path: String
    let db: SQLiteDatabase
    let segmenter: Segmenter
    /// Scratch space of the index lookup, reused between lookups.
    let scratch = Accumulator()

    /// `$TMKIT_HOME/memory.sqlite`.
    public static var defaultPath: String { TMKitHome.path + "/memory.sqlite" }

    /// Opens the store at `path`. With `create`, a missing file (and its folder) is created;
    /// otherwise a missing store is an error. A file that is not a tmkit store is refused
    /// before anything is written to it.
    public init(path: String, create: Bool = true, segmenter: Segmenter = Segmenter()) throws {
        self.path = path
        self.segmenter = segmenter
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path)
        if !exists {
            guard create else { throw TranslationMemoryError.missingStore(path: path) }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        }
        db = try SQLiteDatabase(path: path, create: create, makeError: { TranslationMemoryError.store(path: $0, reason: $1) })
        try checkForeign(existed: exists)
        try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY")
        try migrate()
    }

    /// Refuses, without writing, a file that SQLite cannot read or that another program made.
    private func checkForeign(existed: Bool) throws {
        let appID: Int64
        let objects: Int64
        do {
            appID = try db.integer("PRAGMA application_id") ?? 0
            objects = try db.integer("SELECT count(*) FROM sqlite_schema") ?? 0
        } catch {
            throw TranslationMemoryError.notATranslationMemory(path: path, reason: "not an SQLite database")
        }
        if appID == TMSchema.applicationID { return }
        if appID != 0 {
            throw TranslationMemoryError.notATranslationMemory(path: path, reason: String(format: "application id 0x%08x", appID))
        }
        if objects > 0 {
            throw TranslationMemoryError.notATranslationMemory(path: path, reason: "an SQLite database of another program")
        }
        // An empty database (new file, or a zero-length one): becomes a tmkit store.
    }

    private func migrate() throws {
        let version = Int(try db.integer("PRAGMA user_version") ?? 0)
        if version > TMSchema.currentVersion {
            throw TranslationMemoryError.newerSchema(path: path, found: version, supported: TMSchema.currentVersion)
        }
        guard version < TMSchema.currentVersion else { return }
        try db.transaction {
            // Re-read inside the write lock: another process may have migrated meanwhile.
            let now = Int(try db.integer("PRAGMA user_version") ?? 0)
            guard now < TMSchema.currentVersion else { return }
            if now == 0 { try db.execute("PRAGMA application_id = \(TMSchema.applicationID)") }
            for i in now..<TMSchema.currentVersion { try db.execute(TMSchema.migrations[i]) }
            try db.execute("PRAGMA user_version = \(TMSchema.currentVersion)")
        }
    }

    /// The schema version of the open store.
    public var schemaVersion: Int { get throws { Int(try db.integer("PRAGMA user_version") ?? 0) } }

    // MARK: meta

    func meta(_ key: String) throws -> String? {
        let s = try db.statement("SELECT value FROM meta WHERE key = ?")
        s.bind(1, key)
        defer { s.reset() }
        return try s.step() ? s.string(0) : nil
    }

    func setMeta(_ key: String, _ value: String) throws {
        let s = try db.statement("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        s.bind(1, key)
        s.bind(2, value)
        try s.step()
    }

    /// Number of entries.
    public func count() throws -> Int { Int(try db.integer("SELECT count(*) FROM entry") ?? 0) }
}
