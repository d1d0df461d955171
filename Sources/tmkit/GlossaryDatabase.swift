import ArgumentParser
import Foundation
import PostgresStore
import TMCore
import Terminology

/// `--database postgres://… [--name NAME]` of the glossary commands: the glossaries in
/// PostgreSQL that `tmkit serve --database` serves, read and changed through the same store
/// protocol as a SQLite glossary (`PostgresGlossary`), so the CLI and the servers share them.
struct GlossaryDatabaseOptions: ParsableArguments {
    @Option(help: "Use the glossaries in this PostgreSQL database, as `tmkit serve --database` serves them, instead of the user's glossary and files (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE; PG* variables fill in what is missing).")
    var database: String?

    @Option(name: .customLong("name"), help: "With --database (or --server): the glossary's name there; repeatable for look-ups. Default: every glossary of the database for look-ups and spotting (the server's only one), 'default' for changes.")
    var names: [String] = []

    /// The database, its schema brought up to date.
    func open(_ url: String) throws -> PostgresGlossaries {
        let db = try PostgresGlossaries(url: url)
        try db.migrate()
        return db
    }

    /// The glossaries named (or all of them), for look-ups; an error when there is none.
    func readStores(_ url: String) throws -> [(name: String, store: any GlossaryStoring)] {
        let db = try open(url)
        let names = self.names.isEmpty ? try db.names() : self.names
        guard !names.isEmpty else {
            throw CLIError("\(db.location): no glossary in the database (import one with `tmkit glossary import FILE --database URL`)")
        }
        return try names.map { ($0, try db.open($0)) }
    }

    /// Refuses `--name` without `--database` (for the commands that take no `--server`).
    func checkName() throws {
        if database == nil && !names.isEmpty { throw ValidationError("--name needs --database.") }
    }

    /// The glossary a change goes to: `--name`, else `default`.
    var name: String { names.first ?? "default" }

    /// The glossary a change goes to; `create` makes it when missing.
    func writeStore(_ url: String, create: Bool) throws -> PostgresGlossary {
        guard names.count <= 1 else { throw ValidationError("--name: give one glossary to change") }
        return try open(url).open(name, create: create)
    }
}
