import Foundation

/// A throwaway PostgreSQL cluster of the tests' own on loopback (initdb, pg_ctl; as the
/// `postgres` user when the tests run as root), so they can stop, restart and replicate it.
/// `PostgresCluster.unavailable` says why there is none (PostgreSQL's server is not installed).
final class PostgresCluster: @unchecked Sendable {
    let folder: String
    let port: Int
    var data: String { folder + "/data" }
    /// The URL tmkit takes.
    var url: String { "postgres://tmkit@127.0.0.1:\(port)/postgres" }

    static let binaries: String? = {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        return versions.map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }()

    /// Why the tests cannot run PostgreSQL, or nil when they can.
    static var unavailable: String? {
        binaries == nil ? "PostgreSQL's server is not installed (Debian package `postgresql`; .ci/run installs it)" : nil
    }

    /// Runs a PostgreSQL tool (as `postgres` when root). Through bash, which first closes every
    /// descriptor above 2: Foundation's `Process` learns that a child ended when the last copy
    /// of a socket it gives the child closes, and the server `pg_ctl start` leaves running
    /// would otherwise keep that copy, so `waitUntilExit` would never return.
    private static func run(_ tool: String, _ arguments: [String]) throws -> Tool.Result {
        guard let bin = binaries else { throw TestError(unavailable!) }
        let command = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", bin + "/" + tool] : [bin + "/" + tool]
        let closeAndRun = #"for f in /proc/self/fd/*; do n=${f##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null; done; exec "$@""#
        return try Tool.run(["-c", closeAndRun, "bash"] + command + arguments, executable: "/bin/bash")
    }

    private init(folder: String, port: Int) {
        self.folder = folder
        self.port = port
    }

    private static func makeFolder() throws -> String {
        let folder = Tool.temporaryDirectory()
        if getuid() == 0 {
            chmod(folder, 0o777)
            _ = try Tool.run(["postgres", folder], executable: "/usr/bin/chown")
        }
        return folder
    }

    /// A new primary (wal_level=replica, so replicas can follow it), started.
    static func primary() throws -> PostgresCluster {
        let c = PostgresCluster(folder: try makeFolder(), port: Tool.freePort())
        let r = try run("initdb", ["-D", c.data, "-U", "tmkit", "--auth=trust", "--no-locale", "-E", "UTF8"])
        guard r.status == 0 else { throw TestError("initdb failed: \(r.stderr)") }
        let conf = """

            listen_addresses = '127.0.0.1'
            port = \(c.port)
            unix_socket_directories = '\(c.folder)'
            wal_level = replica
            max_wal_senders = 5
            fsync = off
            synchronous_commit = off
            full_page_writes = off

            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: c.data + "/postgresql.conf"))
        handle.seekToEndOfFile()
        handle.write(Data(conf.utf8))
        try handle.close()
        try c.start()
        return c
    }

    /// A streaming replica of `primary` (pg_basebackup -R), on a port of its own, started.
    static func replica(of primary: PostgresCluster) throws -> PostgresCluster {
        let c = PostgresCluster(folder: try makeFolder(), port: Tool.freePort())
        let r = try run("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "tmkit", "-D", c.data, "-R", "-X", "stream"])
        guard r.status == 0 else { throw TestError("pg_basebackup failed: \(r.stderr)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: c.data + "/postgresql.auto.conf"))
        handle.seekToEndOfFile()
        handle.write(Data("\nport = \(c.port)\nunix_socket_directories = '\(c.folder)'\nhot_standby = on\n".utf8))
        try handle.close()
        try c.start()
        return c
    }

    func start() throws {
        let r = try Self.run("pg_ctl", ["-D", data, "-l", folder + "/log", "-w", "-t", "60", "start"])
        guard r.status == 0 else { throw TestError("pg_ctl start failed: \(r.stderr) \((try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? "")") }
    }

    func stop() {
        _ = try? Self.run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"])
    }

    /// Runs SQL through psql; returns its unaligned output.
    func psql(_ sql: String) throws -> String {
        guard let bin = Self.binaries else { throw TestError(Self.unavailable!) }
        let r = try Tool.run(["-h", "127.0.0.1", "-p", String(port), "-U", "tmkit", "-d", "postgres", "-At", "-c", sql], executable: bin + "/psql")
        guard r.status == 0 else { throw TestError("psql: \(r.stderr)") }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the cluster and removes its folder.
    func destroy() {
        stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
