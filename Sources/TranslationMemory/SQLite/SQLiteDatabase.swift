import CSQLite
import Foundation

/// A connection to one SQLite file. Not thread-safe: one connection per thread.
///
/// Every connection is closed when the process exits, also through `exit()` after an error,
/// so a failed command leaves no write-ahead log behind. Failures become
/// `TranslationMemoryError`s that say what happened: read-only, busy, disk full, damaged.
final class SQLiteDatabase {
    let path: String
    private(set) var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    private let waiter: BusyWaiter

    /// Opens `path`; `create` allows creating a missing file. `immutable` opens a read-only
    /// file whose folder is read-only too (SQLite could not make its `-shm` file there).
    init(path: String, readOnly: Bool = false, create: Bool = true, immutable: Bool = false) throws {
        self.path = path
        waiter = BusyWaiter(path: path)
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        var name = path
        if immutable {
            flags |= SQLITE_OPEN_URI
            let escaped = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f").replacingOccurrences(of: "#", with: "%23")
            name = "file:" + escaped + "?immutable=1"
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(name, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            if rc & 0xFF == SQLITE_CANTOPEN {
                throw TranslationMemoryError.store(path: path, reason: "cannot open: \(message) (\(String(cString: strerror(errno))))")
            }
            throw TranslationMemoryError.store(path: path, reason: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_handler(db, { context, count in
            Unmanaged<BusyWaiter>.fromOpaque(context!).takeUnretainedValue().retry(count) ? 1 : 0
        }, Unmanaged.passUnretained(waiter).toOpaque())
        OpenDatabases.shared.add(self)
    }

    deinit {
        close()
    }

    /// Finalizes the statements and closes the connection (the last one to close a store
    /// folds its write-ahead log back in and removes it). Safe to call twice.
    func close() {
        guard let handle else { return }
        OpenDatabases.shared.remove(self)
        statements.removeAll()
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// The error for a failed call that returned `rc`: what it means for the user.
    func error(_ what: String, code rc: Int32? = nil) -> TranslationMemoryError {
        let code = rc ?? sqlite3_extended_errcode(handle)
        let message = errorMessage
        switch code & 0xFF {
        case SQLITE_READONLY: return .readOnly(path: path)
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path)
        case SQLITE_FULL: return .diskFull(path: path)
        case SQLITE_CORRUPT, SQLITE_NOTADB: return .damaged(path: path, check: integrityCheckFirstLine())
        case SQLITE_IOERR where Self.isDiskFullIOError(code): return .diskFull(path: path)
        default: return .store(path: path, reason: "\(what): \(message)")
        }
    }

    /// Short writes and failed syncs on a full disk come back as I/O errors with ENOSPC.
    private static func isDiskFullIOError(_ code: Int32) -> Bool {
        errno == ENOSPC
    }

    /// The first line of `PRAGMA integrity_check`, for a damaged store.
    func integrityCheckFirstLine() -> String {
        var raw: OpaquePointer?
        guard sqlite3_prepare_v2(handle, "PRAGMA integrity_check(1)", -1, &raw, nil) == SQLITE_OK, let raw else {
            return errorMessage
        }
        defer { sqlite3_finalize(raw) }
        guard sqlite3_step(raw) == SQLITE_ROW, let text = sqlite3_column_text(raw, 0) else { return errorMessage }
        return String(cString: text).split(separator: "\n").first.map(String.init) ?? ""
    }

    /// Runs one or more statements without results.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? errorMessage
            sqlite3_free(message)
            switch rc & 0xFF {
            case SQLITE_READONLY, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL, SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_IOERR:
                throw error(text, code: sqlite3_extended_errcode(handle))
            default:
                throw TranslationMemoryError.store(path: path, reason: text)
            }
        }
    }

    /// A prepared statement, cached by its SQL text; reset and unbound before it is returned.
    func statement(_ sql: String) throws -> SQLiteStatement {
        if let s = statements[sql] {
            s.reset()
            return s
        }
        var raw: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard rc == SQLITE_OK, let raw else {
            throw error("prepare \(sql.prefix(60))", code: rc)
        }
        let s = SQLiteStatement(raw, database: self)
        statements[sql] = s
        return s
    }

    /// A prepared statement of its own (not cached), for a query that stays open while others run.
    func uncachedStatement(_ sql: String) throws -> SQLiteStatement {
        var raw: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &raw, nil) == SQLITE_OK, let raw else {
            throw error("prepare \(sql.prefix(60))")
        }
        return SQLiteStatement(raw, database: self)
    }

    /// Resets every cached statement, ending any read transaction they hold open.
    func releaseAll() {
        for s in statements.values { sqlite3_reset(s.raw) }
    }

    /// The single integer a query returns (nil when no row).
    func integer(_ sql: String) throws -> Int64? {
        let s = try statement(sql)
        defer { sqlite3_reset(s.raw) }
        return try s.step() ? s.int64(0) : nil
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    private var savepoints = 0

    /// Runs `body` in one transaction (BEGIN IMMEDIATE); rolls back when it throws. Inside
    /// another transaction, `body` runs in a savepoint: its failure undoes only its own work,
    /// and nothing is stored until the outer transaction commits.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        if sqlite3_get_autocommit(handle) == 0 {
            savepoints += 1
            let name = "tmkit_\(savepoints)"
            defer { savepoints -= 1 }
            try execute("SAVEPOINT \(name)")
            do {
                let value = try body()
                try execute("RELEASE \(name)")
                return value
            } catch {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
                throw error
            }
        }
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

/// A prepared statement. Bind with 1-based indexes; read columns with 0-based ones.
final class SQLiteStatement {
    let raw: OpaquePointer
    unowned let database: SQLiteDatabase

    init(_ raw: OpaquePointer, database: SQLiteDatabase) {
        self.raw = raw
        self.database = database
    }

    deinit { sqlite3_finalize(raw) }

    func reset() {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
    }

    func bind(_ i: Int32, _ value: Int64) { sqlite3_bind_int64(raw, i, value) }
    func bind(_ i: Int32, _ value: Int) { sqlite3_bind_int64(raw, i, Int64(value)) }
    func bind(_ i: Int32, _ value: Double) { sqlite3_bind_double(raw, i, value) }
    func bindNull(_ i: Int32) { sqlite3_bind_null(raw, i) }

    func bind(_ i: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(raw, i); return }
        var v = value
        v.withUTF8 { p in
            p.withMemoryRebound(to: CChar.self) { c in
                _ = sqlite3_bind_text(raw, i, c.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(c.count), SQLITE_TRANSIENT)
            }
        }
    }

    func bind(_ i: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { p in
            _ = sqlite3_bind_blob(raw, i, p.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(p.count), SQLITE_TRANSIENT)
        }
    }

    /// Steps once; true when a row is available.
    @discardableResult
    func step() throws -> Bool {
        let rc = sqlite3_step(raw)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error("step", code: rc)
        }
    }

    func int64(_ c: Int32) -> Int64 { sqlite3_column_int64(raw, c) }
    func int(_ c: Int32) -> Int { Int(sqlite3_column_int64(raw, c)) }
    func isNull(_ c: Int32) -> Bool { sqlite3_column_type(raw, c) == SQLITE_NULL }

    func string(_ c: Int32) -> String? {
        guard let p = sqlite3_column_text(raw, c) else { return nil }
        let n = Int(sqlite3_column_bytes(raw, c))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// Calls `body` with the column's bytes, valid only during the call.
    func withBlob<T>(_ c: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let p = sqlite3_column_blob(raw, c)
        let n = Int(sqlite3_column_bytes(raw, c))
        return try body(UnsafeRawBufferPointer(start: p, count: n))
    }
}

/// Waits for another process's write lock: tells the user once, on stderr, then retries
/// until `TMKIT_LOCK_WAIT` seconds (default 60) have passed.
final class BusyWaiter {
    let path: String
    private var started: Date?
    static let limit: Double = ProcessInfo.processInfo.environment["TMKIT_LOCK_WAIT"].flatMap(Double.init) ?? 60

    init(path: String) { self.path = path }

    func retry(_ count: Int32) -> Bool {
        if count == 0 || started == nil {
            started = Date()
            if Self.limit > 0 {
                FileHandle.standardError.write(Data("tmkit: \(path): another process is writing; waiting up to \(Int(Self.limit)) s\n".utf8))
            }
        }
        guard let started, Date().timeIntervalSince(started) < Self.limit else {
            self.started = nil
            return false
        }
        usleep(count < 10 ? 5_000 : 50_000)
        return true
    }
}

/// The connections open in this process, closed at exit (`exit()` runs no deinit).
final class OpenDatabases: @unchecked Sendable {
    static let shared: OpenDatabases = {
        atexit { OpenDatabases.shared.closeAll() }
        return OpenDatabases()
    }()

    private let lock = NSLock()
    private var open: [ObjectIdentifier: Weak] = [:]
    private struct Weak { weak var database: SQLiteDatabase? }

    func add(_ db: SQLiteDatabase) {
        lock.lock(); defer { lock.unlock() }
        open[ObjectIdentifier(db)] = Weak(database: db)
    }

    func remove(_ db: SQLiteDatabase) {
        lock.lock(); defer { lock.unlock() }
        open[ObjectIdentifier(db)] = nil
    }

    func closeAll() {
        lock.lock()
        let all = open.values.compactMap(\.database)
        lock.unlock()
        for db in all { db.close() }
    }
}

/// SQLITE_TRANSIENT is a macro Swift cannot import.
let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
