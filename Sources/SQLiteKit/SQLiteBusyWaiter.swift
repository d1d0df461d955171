import Foundation

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

