import Foundation

/// The built `tmkit` binary and a few commands the tests run the way a user would.
enum Tool {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let binary: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tmkit")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tmkit")
        if FileManager.default.isExecutableFile(atPath: bundle.path) { return bundle.path }
        return root.appendingPathComponent(".build/debug/tmkit").path
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lastLine: String { stdout.split(separator: "\n").last.map(String.init) ?? "" }
    }

    /// Runs `executable ARGS` (default: tmkit) to the end.
    @discardableResult
    static func run(_ arguments: [String], executable: String = binary, environment: [String: String] = [:], stdin: Data? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let t = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        t.start()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !t.isFinished { usleep(1000) }
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A new empty folder.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "tmkit-server-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A free TCP port on loopback (bound, then released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// `tmkit serve token create …`: the token, from the last line of stdout.
    static func token(_ scope: String, memory: String? = nil, backend: [String]) throws -> String {
        var args = ["serve", "token", "create", "--scope", scope] + backend
        if let memory { args += ["--memory", memory] }
        let r = try run(args)
        guard r.status == 0 else { throw TestError("token create failed: \(r.stderr)") }
        return r.lastLine
    }

    /// The repository's built glossary (Glossary/seeds.tbx) imported with `tmkit glossary import`
    /// into the user's glossary store of `home` (TMKIT_HOME); returns the store's path.
    static func glossaryStore(home: String) throws -> String {
        let r = try run(["glossary", "import", root.appendingPathComponent("Glossary/seeds.tbx").path], environment: ["TMKIT_HOME": home])
        guard r.status == 0 else { throw TestError("glossary import failed: \(r.stderr)") }
        return home + "/glossary.sqlite"
    }

    /// A TSV file of `pairs` (English, Korean) with a header line.
    static func tsv(_ pairs: [(String, String)], in folder: String, name: String = "pairs.tsv") throws -> String {
        let path = folder + "/" + name
        var text = "source_en\ttarget_ko\n"
        for (e, k) in pairs { text += "\(e)\t\(k)\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Pairs from the shared corpus (../shared/corpus/dev_pairs.tsv), or nil when it is absent.
    static func corpusPairs(_ n: Int, skip: Int = 0) -> [(String, String)]? {
        // ../shared beside the repository (or beside the worktrees' folder).
        let candidates = [root.deletingLastPathComponent(), root.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("shared/corpus/dev_pairs.tsv").path }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var out: [(String, String)] = []
        for line in text.split(separator: "\n").dropFirst(skip) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 3 else { continue }
            out.append((String(f[1]), String(f[2])))
            if out.count == n { break }
        }
        return out
    }
}

struct TestError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
