import CSQLite

/// A prepared statement. Bind with 1-based indexes; read columns with 0-based ones.
public final class SQLiteStatement {
    public let raw: OpaquePointer
    unowned let database: SQLiteDatabase

    init(_ raw: OpaquePointer, database: SQLiteDatabase) {
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
        let rc = sqlite3_step(raw)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error("step", code: rc)
        }
    }

    public func double(_ c: Int32) -> Double { sqlite3_column_double(raw, c) }
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
