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
