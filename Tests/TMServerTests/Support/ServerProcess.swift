import Foundation

/// A `tmkit serve` process on a free loopback port, and a curl-based HTTP client for it.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    private(set) var url = ""
    private let output = Pipe()
    private let errors = Pipe()
    nonisolated(unsafe) private var stderrData = Data()
    private var stderrThread: Thread?

    /// Starts `tmkit serve ARGS --listen 127.0.0.1:0` and waits until it listens (at most 60 s).
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: Tool.binary)
        process.arguments = ["serve"] + arguments + ["--listen", "127.0.0.1:0"]
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let t = Thread { [self] in stderrData = errors.fileHandleForReading.readDataToEndOfFile() }
        t.start()
        stderrThread = t
        var line = Data()
        let handle = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { break }
            if byte == Data("\n".utf8) {
                let s = String(decoding: line, as: UTF8.self)
                if let r = s.range(of: "listening on ") {
                    url = String(s[r.upperBound...].prefix { $0 != " " })
                    return
                }
                line.removeAll()
            } else {
                line.append(byte)
            }
        }
        process.terminate()
        process.waitUntilExit()
        while !(stderrThread?.isFinished ?? true) { usleep(1000) }
        throw TestError("tmkit serve did not start: \(String(decoding: stderrData, as: UTF8.self))")
    }

    var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    /// SIGTERM, then waits; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL: no chance to finish anything.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) } }
}

/// One HTTP answer.
struct HTTPAnswer {
    var status: Int
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    func json() throws -> Any { try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    var object: [String: Any] { ((try? json()) as? [String: Any]) ?? [:] }
    var array: [[String: Any]] { ((try? json()) as? [[String: Any]]) ?? [] }
}

/// HTTP requests through curl (a real client over real TCP).
enum HTTP {
    static func request(_ method: String, _ url: String, token: String? = nil, json: Any? = nil, file: String? = nil,
                        headers: [String] = [], timeout: Int = 120) throws -> HTTPAnswer {
        let folder = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/body"
        var args = ["-s", "-S", "-g", "-X", method, "-o", out, "-w", "%{http_code}", "--max-time", String(timeout)]
        if let token { args += ["-H", "Authorization: Bearer \(token)"] }
        for h in headers { args += ["-H", h] }
        if let json {
            let data = try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed])
            let path = folder + "/request.json"
            try data.write(to: URL(fileURLWithPath: path))
            args += ["-H", "Content-Type: application/json", "--data-binary", "@" + path]
        }
        if let file { args += ["-H", "Content-Type: application/octet-stream", "--data-binary", "@" + file] }
        args.append(url)
        let r = try Tool.run(args, executable: "/usr/bin/curl")
        let body = (try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data()
        guard let status = Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), status > 0 else {
            return HTTPAnswer(status: 0, body: Data(r.stderr.utf8))
        }
        return HTTPAnswer(status: status, body: body)
    }

    static func get(_ url: String, token: String? = nil) throws -> HTTPAnswer { try request("GET", url, token: token) }

    /// `s` percent-encoded with nothing left safe (Python's `quote(s, safe="")`).
    static func quote(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
