import CSQLite
import Foundation

/// A connection to one SQLite file: tmkit's one wrapper over the system SQLite, used by the
/// translation memory and the glossary store. Not thread-safe: one connection per thread.
///
/// Every connection is closed when the process exits, also through `exit()` after an error,
/// so a failed command leaves no write-ahead log behind. A writer waits for another
/// process's lock (`BusyWaiter`). Failures are classified (`SQLiteFailure`: read-only, busy,
/// disk full, damaged) and handed to `makeError`, so each module throws its own error type.
public final class SQLiteDatabase {
    /// Turns a failure on the file at `path` into the caller's module error.
    public typealias ErrorMaker = @Sendable (_ path: String, _ failure: SQLiteFailure) -> Error
    public let path: String
    public private(set) var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    private let waiter: BusyWaiter
    private let makeError: ErrorMaker

    /// Opens `path`; `create` allows creating a missing file. `immutable` opens a read-only
    /// file whose folder is read-only too (SQLite could not make its `-shm` file there).
    /// Failures are thrown as `makeError(path, failure)` (an `SQLiteError` unless told).
    public init(path: String, readOnly: Bool = false, create: Bool = true, immutable: Bool = false,
                makeError: @escaping ErrorMaker = { SQLiteError(path: $0, failure: $1) }) throws {
        self.path = path
        self.makeError = makeError
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
                throw makeError(path, .other("cannot open: \(message) (\(String(cString: strerror(errno))))"))
            }
            throw makeError(path, .other(message))
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
    public func close() {
        guard let handle else { return }
        OpenDatabases.shared.remove(self)
        statements.removeAll()
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    public var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// The error for a failed call that returned `rc`: what it means for the user.
    public func error(_ what: String, code rc: Int32? = nil) -> Error {
        makeError(path, failure(what, code: rc))
    }

    /// What a failed call that returned `rc` was.
    func failure(_ what: String, code rc: Int32? = nil) -> SQLiteFailure {
        let code = rc ?? sqlite3_extended_errcode(handle)
        let message = errorMessage
        switch code & 0xFF {
        case SQLITE_READONLY: return .readOnly
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_FULL: return .diskFull
        case SQLITE_CORRUPT, SQLITE_NOTADB: return .damaged(check: integrityCheckFirstLine())
        case SQLITE_IOERR where Self.isDiskFullIOError(code): return .diskFull
        default: return .other("\(what): \(message)")
        }
    }

    /// Short writes and failed syncs on a full disk come back as I/O errors with ENOSPC.
    private static func isDiskFullIOError(_ code: Int32) -> Bool {
        errno == ENOSPC
    }

    /// The first problem `PRAGMA integrity_check` names ("ok" when there is none), for a
    /// damaged store.
    public func integrityCheckFirstLine() -> String {
        check("PRAGMA integrity_check(1)")
    }

    /// The first problem `PRAGMA quick_check` names (the pages and rows, without comparing
    /// indexes with their tables, so it takes one pass over the file), or nil when the file
    /// is intact.
    public func firstDamage() -> String? {
        let result = check("PRAGMA quick_check(1)")
        return result == "ok" ? nil : result
    }

    /// The first line of a check pragma's answer that names a problem: SQLite puts a
    /// "*** in database main ***" header before the first one.
    private func check(_ pragma: String) -> String {
        var raw: OpaquePointer?
        guard sqlite3_prepare_v2(handle, pragma, -1, &raw, nil) == SQLITE_OK, let raw else {
            return errorMessage
        }
        defer { sqlite3_finalize(raw) }
        guard sqlite3_step(raw) == SQLITE_ROW, let text = sqlite3_column_text(raw, 0) else { return errorMessage }
        let lines = String(cString: text).split(separator: "\n").map(String.init)
        return lines.first(where: { !$0.hasPrefix("*** in database") }) ?? lines.first ?? ""
    }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? errorMessage
            sqlite3_free(message)
            switch rc & 0xFF {
            case SQLITE_READONLY, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL, SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_IOERR:
                throw error(text, code: sqlite3_extended_errcode(handle))
            default:
                throw makeError(path, .other(text))
            }
        }
    }

    /// A prepared statement, cached by its SQL text; reset and unbound before it is returned.
    public func statement(_ sql: String) throws -> SQLiteStatement {
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
    public func uncachedStatement(_ sql: String) throws -> SQLiteStatement {
        var raw: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &raw, nil) == SQLITE_OK, let raw else {
            throw error("prepare \(sql.prefix(60))")
        }
        return SQLiteStatement(raw, database: self)
    }

    /// Resets every cached statement, ending any read transaction they hold open.
    public func releaseAll() {
        for s in statements.values { sqlite3_reset(s.raw) }
    }

    /// The single integer a query returns (nil when no row).
    public func integer(_ sql: String) throws -> Int64? {
        let s = try statement(sql)
        defer { sqlite3_reset(s.raw) }
        return try s.step() ? s.int64(0) : nil
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    private var savepoints = 0

    /// Runs `body` in one transaction (BEGIN IMMEDIATE); rolls back when it throws. Inside
    /// another transaction, `body` runs in a savepoint: its failure undoes only its own work,
    /// and nothing is stored until the outer transaction commits.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
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

