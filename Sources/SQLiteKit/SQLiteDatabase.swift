import CSQLite
import Foundation

/// An SQLite failure: the file and SQLite's message.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// A connection to one SQLite file (tmkit's one wrapper over the system SQLite, shared by the
/// translation memory and the glossary store). Not thread-safe: one connection per thread.
public final class SQLiteDatabase {
    public typealias ErrorMaker = @Sendable (_ path: String, _ reason: String) -> Error
    public let path: String
    public private(set) var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    /// Turns a failure into the caller's module error.
    private let makeError: ErrorMaker

    /// Opens `path`; `create` allows creating a missing file. Failures are thrown as
    /// `makeError(path, reason)` (an `SQLiteError` unless told).
    public init(path: String, readOnly: Bool = false, create: Bool = true,
                makeError: @escaping ErrorMaker = { SQLiteError(path: $0, reason: $1) }) throws {
        self.path = path
        self.makeError = makeError
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            throw makeError(path, message)
        }
        handle = db
        sqlite3_busy_timeout(db, 10_000)
        sqlite3_extended_result_codes(db, 1)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    public var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    public func error(_ what: String) -> Error {
        makeError(path, "\(what): \(errorMessage)")
    }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? errorMessage
            sqlite3_free(message)
            throw makeError(path, text)
        }
    }

    /// A prepared statement, cached by its SQL text; reset and unbound before it is returned.
    public func statement(_ sql: String) throws -> SQLiteStatement {
        if let s = statements[sql] {
            s.reset()
            return s
        }
        var raw: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil) == SQLITE_OK, let raw else {
            throw error("prepare \(sql.prefix(60))")
        }
        let s = SQLiteStatement(raw, database: self)
        statements[sql] = s
        return s
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

    /// Runs `body` in one transaction (BEGIN IMMEDIATE); rolls back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
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
public final class SQLiteStatement {
    public let raw: OpaquePointer
    unowned let database: SQLiteDatabase

    public init(_ raw: OpaquePointer, database: SQLiteDatabase) {
        self.raw = raw
        self.database = database
    }

    deinit { sqlite3_finalize(raw) }

    public func reset() {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
    }

    public func bind(_ i: Int32, _ value: Int64) { sqlite3_bind_int64(raw, i, value) }
    public func bind(_ i: Int32, _ value: Int) { sqlite3_bind_int64(raw, i, Int64(value)) }
    public func bind(_ i: Int32, _ value: Double) { sqlite3_bind_double(raw, i, value) }
    public func bindNull(_ i: Int32) { sqlite3_bind_null(raw, i) }

    public func bind(_ i: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(raw, i); return }
        var v = value
        v.withUTF8 { p in
            p.withMemoryRebound(to: CChar.self) { c in
                _ = sqlite3_bind_text(raw, i, c.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(c.count), SQLITE_TRANSIENT)
            }
        }
    }

    public func bind(_ i: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { p in
            _ = sqlite3_bind_blob(raw, i, p.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(p.count), SQLITE_TRANSIENT)
        }
    }

    /// Steps once; true when a row is available.
    @discardableResult
    public func step() throws -> Bool {
        switch sqlite3_step(raw) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error("step")
        }
    }

    public func int64(_ c: Int32) -> Int64 { sqlite3_column_int64(raw, c) }
    public func int(_ c: Int32) -> Int { Int(sqlite3_column_int64(raw, c)) }
    public func isNull(_ c: Int32) -> Bool { sqlite3_column_type(raw, c) == SQLITE_NULL }

    public func string(_ c: Int32) -> String? {
        guard let p = sqlite3_column_text(raw, c) else { return nil }
        let n = Int(sqlite3_column_bytes(raw, c))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// Calls `body` with the column's bytes, valid only during the call.
    public func withBlob<T>(_ c: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let p = sqlite3_column_blob(raw, c)
        let n = Int(sqlite3_column_bytes(raw, c))
        return try body(UnsafeRawBufferPointer(start: p, count: n))
    }
}

/// SQLITE_TRANSIENT is a macro Swift cannot import.
public let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
