import ArgumentParser
import Foundation
import PostgresStore
import TMCore
import TMServer

/// `--database postgres://…` of `tm lookup`, `concordance`, `stats`, `export` and `import`: the
/// memory in PostgreSQL that `tmkit serve --database` serves, read and written through the
/// server's backend (`PostgresBackend` over `PostgresMemory`), so the CLI and the servers
/// share its tables, matching and scores. `--memory NAME` names the memory there.
struct TMDatabaseOptions: ParsableArguments {
    @Option(help: "Use the memory in this PostgreSQL database instead of a SQLite file, as `tmkit serve --database` serves it (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE; PG* variables fill in what is missing). --memory NAME names the memory there (default: default).")
    var database: String?

    /// Refuses `--tm` beside `--database`.
    func check(_ store: TMStoreOptions) throws {
        if database != nil && store.path != nil { throw ValidationError("Give --tm PATH or --database URL, not both.") }
    }
}

/// A PostgreSQL memory opened for one command.
struct TMDatabase: Sendable {
    let backend: PostgresBackend
    /// The memory's name in the database.
    let memory: String

    /// Opens the database at `url` (its pools started, its schema brought up to date), runs
    /// `body`, closes it and returns what `body` returned or throws what it threw.
    static func run<T>(_ url: String, memory: String?, _ body: @escaping @Sendable (TMDatabase) async throws -> T) throws -> T {
        let name = memory ?? "default"
        return try blocking {
            let store = try PostgresMemory(url: url, maxConnections: 4)
            let runner = Task { await store.run() }
            defer { runner.cancel() }
            try await store.migrate()
            return try await body(TMDatabase(backend: PostgresBackend(store: store, defaultMemory: name), memory: name))
        }
    }
}
