/// What went wrong with an SQLite file, in the terms a user can act on.
public enum SQLiteFailure: Sendable, Hashable, CustomStringConvertible {
    /// The file (or its folder) is read-only, or it was opened for reading.
    case readOnly
    /// Another process held the write lock longer than `TMKIT_LOCK_WAIT`.
    case busy
    /// The disk filled up; the transaction was rolled back.
    case diskFull
    /// Truncated or corrupt; `check` is the first line of `PRAGMA integrity_check`.
    case damaged(check: String)
    /// Anything else: SQLite's message, after what was being done.
    case other(String)

    public var description: String {
        switch self {
        case .readOnly: return "read-only (read-only file or folder): nothing can be written to it"
        case .busy: return "another process is writing to it (try again when it has finished)"
        case .diskFull: return "the disk is full: the write was rolled back"
        case let .damaged(check): return "damaged (truncated or corrupt; integrity check: \(check))"
        case let .other(reason): return reason
        }
    }
}

/// An SQLite failure on the file at `path` (what callers get unless they map failures to
/// their own error type).
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let failure: SQLiteFailure
    public init(path: String, failure: SQLiteFailure) {
        self.path = path
        self.failure = failure
    }
    public var description: String { "\(path): \(failure)" }
}
