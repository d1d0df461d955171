import PostgresNIO
import _ConnectionPoolModule

/// Errors of the PostgreSQL store. Each message names the database (never its password) or the input.
public enum PostgresStoreError: Error, CustomStringConvertible, Sendable {
    /// The `--database` value is not a `postgres://` URL.
    case badURL(String)
    /// PostgreSQL cannot be reached (down, restarting, refusing connections); worth retrying.
    case unavailable(database: String, reason: String)
    /// PostgreSQL answered with an error.
    case query(database: String, reason: String)
    /// The database holds a tmkit schema newer than this tmkit.
    case newerSchema(database: String, found: Int, supported: Int)
    /// No memory of that name.
    case noSuchMemory(String)
    /// No entry with that id in the memory.
    case noSuchEntry(memory: String, id: Int64)
    /// No glossary of that name in the database.
    case noSuchGlossary(database: String, name: String)

    public var description: String {
        switch self {
        case let .badURL(url): return "\(url): not a PostgreSQL URL (expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE)"
        case let .unavailable(db, reason): return "\(db): PostgreSQL is not reachable (\(reason))"
        case let .query(db, reason): return "\(db): \(reason)"
        case let .newerSchema(db, found, supported):
            return "\(db): tmkit schema version \(found) is newer than this tmkit supports (\(supported))"
        case let .noSuchMemory(name): return "no memory named '\(name)'"
        case let .noSuchEntry(memory, id): return "memory '\(memory)' has no entry \(id)"
        case let .noSuchGlossary(db, name):
            return "\(db): no glossary named '\(name)' in the database (import one with `tmkit glossary import FILE --database URL --name \(name)`)"
        }
    }

    /// Whether the failure is PostgreSQL being away (a server answers 503 for it).
    public var isUnavailable: Bool {
        if case .unavailable = self { return true }
        return false
    }

    /// Wraps an error of postgres-nio, telling connection failures from query errors.
    static func wrap(_ error: any Error, database: String) -> any Error {
        if error is PostgresStoreError || error is CancellationError { return error }
        if let t = error as? PostgresTransactionError {
            if let inner = t.closureError ?? t.beginError ?? t.commitError ?? t.rollbackError { return wrap(inner, database: database) }
        }
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] {
                let code = e.serverInfo?[.sqlState] ?? ""
                // 57P01..57P03: admin shutdown, crash shutdown, cannot connect now; 08xxx: connection exceptions.
                if code.hasPrefix("57P") || code.hasPrefix("08") {
                    return PostgresStoreError.unavailable(database: database, reason: message)
                }
                return PostgresStoreError.query(database: database, reason: "\(message) (SQLSTATE \(code))")
            }
            return PostgresStoreError.unavailable(database: database, reason: "\(e.code)")
        }
        // The pool gave up making connections (the server has been away a while).
        if let e = error as? ConnectionPoolError, e != .requestCancelled {
            return PostgresStoreError.unavailable(database: database, reason: e == .poolShutdown ? "the connection pool is closed" : "no connection could be made")
        }
        if error is PostgresDecodingError { return PostgresStoreError.query(database: database, reason: "\(error)") }
        // Our own errors (a reader's, a bad language) pass through as they are.
        return error
    }

    /// The SQLSTATE of a server error, if it is one.
    static func sqlState(_ error: any Error) -> String? {
        if let t = error as? PostgresTransactionError, let inner = t.closureError ?? t.beginError ?? t.commitError {
            return sqlState(inner)
        }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
