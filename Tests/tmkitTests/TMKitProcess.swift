import Foundation

/// Runs the built `tmkit` binary the way a user would, for end-to-end tests.
struct TMKitProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
    }

    /// The package root (the folder with Package.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `tmkit` binary beside the test bundle (`swift test` builds it: the test target
    /// depends on it), else `.build/debug/tmkit`.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tmkit")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tmkit")
        if FileManager.default.isExecutableFile(atPath: bundleDir.path) { return bundleDir }
        return root.appendingPathComponent(".build/debug/tmkit")
    }()

    /// Runs `tmkit ARGS`, feeding `stdin`, in `directory` (default: the package root), with
    /// `TMKIT_HOME` pointing at a fresh temporary folder unless `environment` says otherwise.
    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? root
        var env = ProcessInfo.processInfo.environment
        env["TMKIT_HOME"] = temporaryDirectory().path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Read both pipes concurrently so neither fills up and blocks the child.
        nonisolated(unsafe) var errData = Data()
        let errThread = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errThread.isExecuting || !errThread.isFinished { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }

    /// A new empty temporary folder.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `data` to a new temporary file named `name`.
    static func file(_ name: String, _ data: Data) throws -> URL {
        let url = temporaryDirectory().appendingPathComponent(name)
        try data.write(to: url)
        return url
    }
}
