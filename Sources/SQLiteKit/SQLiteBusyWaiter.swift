import Foundation

/// Waits for another process's write lock: retries until `TMKIT_LOCK_WAIT` seconds (default
/// 60) have passed, and tells the user once, on stderr, when the wait lasts long enough to
/// notice (half a second, or half the limit): a lock held for a few milliseconds, as when two
/// connections of one process switch the journal mode, says nothing.
final class BusyWaiter {
    let path: String
    private var started: Date?
    private var told = false
    static let limit: Double = ProcessInfo.processInfo.environment["TMKIT_LOCK_WAIT"].flatMap(Double.init) ?? 60
    static let quietFor: Double = min(0.5, limit / 2)

    init(path: String) { self.path = path }

    func retry(_ count: Int32) -> Bool {
        if count == 0 || started == nil {
            started = Date()
            told = false
        }
        guard let started else { return false }
        let waited = Date().timeIntervalSince(started)
        if !told && Self.limit > 0 && waited >= Self.quietFor {
            told = true
            FileHandle.standardError.write(Data("tmkit: \(path): another process is writing; waiting up to \(Int(Self.limit)) s\n".utf8))
        }
        guard waited < Self.limit else {
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

