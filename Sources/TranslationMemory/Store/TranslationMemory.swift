import CSQLite
import SQLiteKit
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
    /// Receives warnings about the store (a stale index), at most once each per open store.
    public var warningHandler: ((String) -> Void)?
    var staleChecked = false
    /// The fingerprint of this tmkit's analysis (see `AnalysisVersion`).
    public private(set) lazy var analysisFingerprint = AnalysisVersion.fingerprint(segmenter)

    /// `$TMKIT_HOME/memory.sqlite`.
    public static var defaultPath: String { TMKitHome.path + "/memory.sqlite" }

    /// Whether the store was opened read-only (a read-only file or folder, or `readOnly`):
    /// lookups work, writes throw `TranslationMemoryError.readOnly`.
    public let isReadOnly: Bool

    /// Opens the store at `path`. With `create`, a missing file (and its folder) is created;
    /// otherwise a missing store is an error. A file that is not a tmkit store, a damaged
    /// store and one from a newer tmkit are refused before anything is written to them. A
    /// store in a read-only file or folder opens read-only.
    public init(path: String, create: Bool = true, readOnly: Bool = false, segmenter: Segmenter = Segmenter()) throws {
        self.path = path
        self.segmenter = segmenter
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path)
        let folder = (path as NSString).deletingLastPathComponent
        if !exists {
            guard create else { throw TranslationMemoryError.missingStore(path: path) }
            if !folder.isEmpty {
                do {
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw TranslationMemoryError.store(path: path, reason: "cannot create the folder \(folder): \(error.localizedDescription)")
                }
            }
            if access(folder.isEmpty ? "." : folder, W_OK) != 0 {
                throw TranslationMemoryError.store(path: path, reason: "cannot create a translation memory here: the folder is read-only")
            }
        }
        let folderWritable = access(folder.isEmpty ? "." : folder, W_OK) == 0
        let fileWritable = !exists || access(path, W_OK) == 0
        isReadOnly = readOnly || !folderWritable || !fileWritable
        // In a read-only folder SQLite cannot make the WAL's shared-memory file; with no log
        // left there, nobody can be writing, so the file is read as immutable.
        let immutable = isReadOnly && !folderWritable && !fm.fileExists(atPath: path + "-wal")
        db = try SQLiteDatabase(path: path, readOnly: isReadOnly, create: create && !isReadOnly, immutable: immutable,
                                makeError: TranslationMemoryError.sqlite)
        try checkForeign(existed: exists)
        // Nothing is written (not even the journal mode) before the version is known.
        let version = Int(try db.integer("PRAGMA user_version") ?? 0)
        if version > TMSchema.currentVersion {
            db.close()
            throw TranslationMemoryError.newerSchema(path: path, found: version, supported: TMSchema.currentVersion)
        }
        try checkNotTruncated()
        if isReadOnly {
            if version < TMSchema.currentVersion {
                throw TranslationMemoryError.store(path: path, reason: "the store is read-only and needs an upgrade to schema \(TMSchema.currentVersion); open it once with write access")
            }
            try db.execute("PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY")
            return
        }
        try setJournalMode()
        // Temporary tables on disk: an import's bookkeeping and postings spool there (see
        // `PostingSpool`), so memory does not grow with the input.
        try db.execute("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824; PRAGMA temp_store=FILE")
        try migrate()
    }

    /// Switches to WAL; two processes creating one store at once may meet here.
    private func setJournalMode() throws {
        var attempts = 0
        while true {
            do {
                try db.execute("PRAGMA journal_mode=WAL")
                return
            } catch TranslationMemoryError.busy(_) where attempts < 200 {
                attempts += 1
                usleep(10_000)
            }
        }
    }

    /// Refuses, without writing, a file that SQLite cannot read or that another program made.
    /// Both facts are read in one transaction: a store another process is creating is seen
    /// either empty or finished, never half made.
    private func checkForeign(existed: Bool) throws {
        let appID: Int64
        let objects: Int64
        do {
            try db.execute("BEGIN")
            defer { try? db.execute("COMMIT") }
            appID = try db.integer("PRAGMA application_id") ?? 0
            objects = try db.integer("SELECT count(*) FROM sqlite_schema") ?? 0
        } catch TranslationMemoryError.damaged(let path, let check) {
            db.close()
            if Self.hasSQLiteHeader(path) { throw TranslationMemoryError.damaged(path: path, check: check) }
            throw TranslationMemoryError.notATranslationMemory(path: path, reason: "not an SQLite database")
        } catch let error as TranslationMemoryError {
            if case .busy = error { throw error }
            if case .readOnly = error { throw error }
            db.close()
            if Self.hasSQLiteHeader(path) { throw error }
            throw TranslationMemoryError.notATranslationMemory(path: path, reason: "not an SQLite database")
        }
        if appID == TMSchema.applicationID { return }
        if appID != 0 {
            db.close()
            throw TranslationMemoryError.notATranslationMemory(path: path, reason: String(format: "application id 0x%08x", appID))
        }
        if objects > 0 {
            db.close()
            throw TranslationMemoryError.notATranslationMemory(path: path, reason: "an SQLite database of another program")
        }
        // An empty database (new file, or a zero-length one): becomes a tmkit store.
        _ = existed
    }

    /// Whether the file starts with SQLite's magic string (then an unreadable file is damaged,
    /// not foreign).
    static func hasSQLiteHeader(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 16)) ?? Data()
        return head == Data("SQLite format 3\0".utf8)
    }

    /// A file shorter than its header says is truncated: damaged (checked without a log
    /// beside it; with one, pages may live in the log).
    private func checkNotTruncated() throws {
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        guard walSize == 0 else { return }
        let pages = try db.integer("PRAGMA page_count") ?? 0
        let pageSize = try db.integer("PRAGMA page_size") ?? 0
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if Int64(size) < pages * pageSize {
            let check = db.integrityCheckFirstLine()
            db.close()
            throw TranslationMemoryError.damaged(path: path, check: check == "ok" ? "the file is \(size) bytes, its header says \(pages * pageSize)" : check)
        }
    }

    /// Throws `.damaged` with the first problem when a pass over the file finds a corrupt page
    /// or row: an import into a damaged store would bury the damage under new entries.
    func requireIntact() throws {
        if let problem = db.firstDamage() { throw TranslationMemoryError.damaged(path: path, check: problem) }
    }

    /// Throws `.readOnly` when the store was opened read-only.
    func requireWritable() throws {
        if isReadOnly { throw TranslationMemoryError.readOnly(path: path) }
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
