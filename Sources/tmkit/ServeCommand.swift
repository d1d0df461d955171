import ArgumentParser
import Foundation
import PostgresStore
import TMCore
import TMServer
import Terminology
import TranslationMemory

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve translation memories and glossaries over HTTP (JSON API, Weblate's tmserver routes).",
        discussion: """
        Memories live in SQLite files (--tm, the default) or in PostgreSQL (--database), where several servers may share one database and read from a streaming replica (--read-replica). With --database, the database's glossaries (made with `tmkit glossary import FILE --database URL`) are served too, and can be reviewed by every server on it. Every request needs a token from `tmkit serve token create`; the API is described at /openapi.json. SIGTERM finishes the requests in flight, then stops.

        Examples:
          tmkit serve token create --scope admin
          tmkit serve --tm memory.sqlite --glossary Glossary/seeds.tbx
          tmkit serve --glossary terms=$TMKIT_HOME/glossary.sqlite
          tmkit serve --database postgres://tmkit@localhost/tmkit
          tmkit serve --listen 0.0.0.0:8080 --tm team=team.sqlite
        """,
        subcommands: [ServeTokenCommand.self]
    )

    @Option(help: "Address and port to listen on (port 0 picks a free one).")
    var listen = "127.0.0.1:8080"

    @OptionGroup var backend: ServeBackendOptions

    @Option(name: .customLong("glossary"), help: "A glossary to serve, as [NAME=]PATH; repeatable. A glossary store (such as $TMKIT_HOME/glossary.sqlite) is served as it is and can be reviewed; a .tbx, .tsv or .csv file is compiled into the compile cache as `--glossary` is for `glossary lookup`, and served read-only. NAME defaults to the file's name without extension. Default: the user's glossary, as 'user', when there is one.")
    var glossaries: [String] = []

    @Option(name: .customLong("max-upload-mb"), help: "Largest import upload, in MiB.")
    var maxUploadMB = 256

    @Option(name: .customLong("max-query-length"), help: "Longest query, in characters.")
    var maxQueryLength = 2_000

    @Option(name: .customLong("max-batch"), help: "Most queries in one batch lookup.")
    var maxBatch = 100

    func run() throws {
        let (host, port) = try Self.parseListen(listen)
        var limits = Limits()
        limits.maxUploadBytes = maxUploadMB << 20
        limits.maxQueryLength = maxQueryLength
        limits.maxBatch = maxBatch
        var served = Self.servedGlossaries(glossaries)
        let glossaryDatabase = backend.database.map { Self.databaseGlossaries($0, besides: &served) }
        let servedGlossaries = served
        let serverLimits = limits
        let backendOptions = backend
        runBlocking {
            let opened = try await backendOptions.open()
            var config = ServerConfiguration(backend: opened.backend, tokens: opened.tokens)
            config.host = host
            config.port = port
            config.limits = serverLimits
            config.glossaries = servedGlossaries
            config.glossaryDatabase = glossaryDatabase
            let memories = opened.backend.kind == "sqlite" ? backendOptions.sqlitePaths.map(\.name).joined(separator: ", ") : "in \(backendOptions.database ?? "")"
            defer { opened.stop() }
            try await TMServerApp.run(config) { url in
                let line = "tmkit serve: listening on \(url) (\(opened.backend.kind); memories: \(memories))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
    }

    /// The glossaries named (or the user's, when none is), each opened once now so a bad one
    /// stops the server before it listens.
    static func servedGlossaries(_ specs: [String]) -> [ServedGlossary] {
        var out: [ServedGlossary] = []
        if specs.isEmpty {
            let user = UserGlossary()
            if FileManager.default.fileExists(atPath: user.path) { out.append(ServedGlossary(name: "user", path: user.path)) }
        }
        for spec in specs {
            let (name, path) = ServeBackendOptions.split(spec)
            if out.contains(where: { $0.name == name }) { fail(CLIError("--glossary: glossary name '\(name)' given twice")) }
            out.append(ServedGlossary(name: name, path: path))
        }
        for g in out {
            do {
                try g.prepare(notes: { notice($0) })
            } catch {
                fail(error)
            }
        }
        return out
    }

    /// The glossaries of the database at `url` (its schema brought up to date), each served
    /// unless a `--glossary` of that name is; the database, for those made later.
    static func databaseGlossaries(_ url: String, besides served: inout [ServedGlossary]) -> PostgresGlossaries {
        do {
            let database = try PostgresGlossaries(url: url)
            try database.migrate()
            for name in try database.names() where !served.contains(where: { $0.name == name }) {
                served.append(ServedGlossary(name: name, database: database))
            }
            return database
        } catch {
            fail(error)
        }
    }

    static func parseListen(_ s: String) throws -> (String, Int) {
        guard let colon = s.lastIndex(of: ":"), let port = Int(s[s.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen \(s): expected HOST:PORT, such as 127.0.0.1:8080")
        }
        var host = String(s[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }
}

/// Where `tmkit serve` (and its token commands) keep memories and tokens.
struct ServeBackendOptions: ParsableArguments {
    @Option(name: .customLong("tm"), help: "A SQLite memory to serve, as [NAME=]PATH; repeatable. The first is the default memory. Default: default=$TMKIT_HOME/memory.sqlite.")
    var tm: [String] = []

    @Option(help: "Serve memories from this PostgreSQL database instead (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE; PG* variables fill in what is missing).")
    var database: String?

    @Option(name: .customLong("read-replica"), help: "A streaming replica of --database to send reads to.")
    var readReplica: String?

    @Option(help: "With SQLite memories: the token file (default: $TMKIT_HOME/tokens.json).")
    var tokens: String?

    func validate() throws {
        if database != nil && !tm.isEmpty { throw ValidationError("Give --tm or --database, not both.") }
        if readReplica != nil && database == nil { throw ValidationError("--read-replica needs --database.") }
    }

    static func split(_ spec: String) -> (String, String) {
        if let eq = spec.firstIndex(of: "="), !spec[..<eq].contains("/") {
            return (String(spec[..<eq]), String(spec[spec.index(after: eq)...]))
        }
        return (((spec as NSString).lastPathComponent as NSString).deletingPathExtension, spec)
    }

    var sqlitePaths: [(name: String, path: String)] {
        if tm.isEmpty { return [(name: "default", path: TranslationMemory.defaultPath)] }
        return tm.map { ServeBackendOptions.split($0) }.map { (name: $0.0, path: $0.1) }
    }

    struct Opened {
        var backend: any MemoryBackend
        var tokens: any TokenStore
        /// Stops what `open` started (the PostgreSQL pools).
        var stop: @Sendable () -> Void = {}
    }

    /// Opens the store: for PostgreSQL, starts its pools and brings the schema up to date.
    func open() async throws -> Opened {
        if let database {
            let store = try PostgresMemory(url: database, readReplica: readReplica)
            let runner = Task { await store.run() }
            do {
                try await store.migrate()
            } catch {
                runner.cancel()
                throw error
            }
            return Opened(backend: PostgresBackend(store: store), tokens: PostgresTokenStore(store), stop: { runner.cancel() })
        }
        let paths = sqlitePaths
        var seen = Set<String>()
        for (name, _) in paths where !seen.insert(name).inserted { throw CLIError("--tm: memory name '\(name)' given twice") }
        return Opened(backend: SQLiteBackend(paths: paths), tokens: FileTokenStore(path: tokens ?? TMKitHome.path + "/tokens.json"))
    }
}

/// Runs async work from a synchronous command and waits for it; errors end the command.
func runBlocking(_ body: @escaping @Sendable () async throws -> Void) {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var failure: (any Error)?
    Task.detached {
        do { try await body() } catch { failure = error }
        done.signal()
    }
    done.wait()
    if let failure { fail(failure) }
}
