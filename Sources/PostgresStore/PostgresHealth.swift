import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Whether a PostgreSQL server answers, watched from a connection of its own (outside the
/// pool) that runs `SELECT 1` every quarter second. While the server is away, requests fail at
/// once with `PostgresStoreError.unavailable` (a server answers 503) instead of waiting for
/// the pool to give up on new connections, which postgres-nio does only after a minute.
final class PostgresHealth: @unchecked Sendable {
    let location: PostgresLocation
    private let lock = NSLock()
    private var reason: String?
    private var waiting: [Int: @Sendable () -> Void] = [:]
    private var nextWaiter = 0

    init(location: PostgresLocation) {
        self.location = location
    }

    /// Why the server is thought away, or nil while it answers.
    var down: String? {
        lock.lock()
        defer { lock.unlock() }
        return reason
    }

    private func set(_ why: String?) {
        lock.lock()
        reason = why
        let cancel = why == nil ? [] : Array(waiting.values)
        lock.unlock()
        for c in cancel { c() }
    }

    /// Runs `cancel` when the server is seen away before `forget` is called with the number
    /// returned: requests in flight register here, so they end at once when the server goes.
    func onDown(_ cancel: @escaping @Sendable () -> Void) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextWaiter += 1
        waiting[nextWaiter] = cancel
        return nextWaiter
    }

    func forget(_ waiter: Int) {
        lock.lock()
        waiting[waiter] = nil
        lock.unlock()
    }

    /// Watches until the task is cancelled.
    func run(logger: Logger) async {
        var id = 0
        while !Task.isCancelled {
            id += 1
            do {
                let connection = try await PostgresConnection.connect(configuration: try location.connectionConfiguration(), id: id, logger: logger)
                do {
                    while !Task.isCancelled {
                        _ = try await connection.query("SELECT 1", logger: logger)
                        set(nil)
                        try await Task.sleep(for: .milliseconds(250))
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch is CancellationError {
                return
            } catch {
                set("\(PostgresStoreError.wrap(error, database: location.description))")
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }
}
