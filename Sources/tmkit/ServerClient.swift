import ArgumentParser
import Formats
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `--server URL [--token TOKEN]`: ask a running `tmkit serve` through its JSON API instead of a
/// local store. The token comes from `--token`, else `TMKIT_TOKEN`.
struct ServerOptions: ParsableArguments {
    @Option(help: "Ask the tmkit server at this URL (such as http://127.0.0.1:8080) through its JSON API instead of a local store. The token comes from --token, else TMKIT_TOKEN.")
    var server: String?

    @Option(help: "The API token for --server (default: $TMKIT_TOKEN).")
    var token: String?

    func validate() throws {
        if token != nil && server == nil { throw ValidationError("--token needs --server.") }
    }

    /// Refuses `--server` beside `--tm` or `--database`.
    func check(_ store: TMStoreOptions, _ database: TMDatabaseOptions) throws {
        if server != nil && (database.database != nil || store.path != nil) { throw ValidationError("Give --server, or --tm/--database, not both.") }
    }

    /// The client for `--server`, or nil without it.
    func client() throws -> ServerClient? {
        guard let server else { return nil }
        return try ServerClient(server, token: token ?? ProcessInfo.processInfo.environment["TMKIT_TOKEN"].flatMap { $0.isEmpty ? nil : $0 })
    }
}

/// A blocking client of the server's JSON API. Every failure is one `CLIError` line naming the
/// URL asked: the server unreachable, an error answer (its status and message), or an answer
/// that is not what the API describes.
struct ServerClient {
    let base: String
    let token: String?

    init(_ url: String, token: String?) throws {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        guard let u = URL(string: base), ["http", "https"].contains(u.scheme?.lowercased() ?? ""), u.host != nil else {
            throw CLIError("\(url): not a server URL (expected http://HOST:PORT)")
        }
        self.base = base
        self.token = token
    }

    /// One path segment, percent-encoded (a memory or glossary name).
    static func segment(_ s: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// GET `path` with `query`, the answer decoded as `T`.
    func get<T: Decodable>(_ path: String, _ query: [URLQueryItem] = [], as type: T.Type) throws -> T {
        let (data, _) = try exchange("GET", path, query)
        return try decode(data, as: T.self, shown: base + path)
    }

    /// POST `body` as JSON to `path` with `query`, the answer decoded as `T`.
    func post<T: Decodable>(_ path: String, _ query: [URLQueryItem] = [], json body: some Encodable, as type: T.Type) throws -> T {
        let data = try JSONEncoder().encode(body)
        let (answer, _) = try exchange("POST", path, query, json: data)
        return try decode(answer, as: T.self, shown: base + path)
    }

    /// POST the file at `file` as the body of `path` with `query` (streamed from the disk), the
    /// answer decoded as `T`.
    func upload<T: Decodable>(_ path: String, _ query: [URLQueryItem] = [], file: String, as type: T.Type) throws -> T {
        let (data, _) = try exchange("POST", path, query, upload: file)
        return try decode(data, as: T.self, shown: base + path)
    }

    /// GET `path` into the file at `output` (written atomically); the answer's headers.
    func download(_ path: String, to output: String) throws -> HTTPURLResponse {
        let (data, response) = try exchange("GET", path, [], download: true)
        // `data` is the path of the downloaded file.
        let temporary = String(decoding: data, as: UTF8.self)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let file = try AtomicFile(path: output)
        guard let handle = FileHandle(forReadingAtPath: temporary) else { throw CLIError("\(base + path): the download was not kept") }
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try file.write(bytes: chunk) }
        try file.commit()
        return response
    }

    private func decode<T: Decodable>(_ data: Data, as type: T.Type, shown: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw CLIError("\(shown): the answer is not the API's JSON (\(error))")
        }
    }

    /// Sends one request and returns the body of a 2xx answer (with `download`, the path of a
    /// temporary file holding it); any other answer is thrown as its status and message.
    private func exchange(_ method: String, _ path: String, _ query: [URLQueryItem], json: Data? = nil, upload: String? = nil,
                          download: Bool = false) throws -> (Data, HTTPURLResponse) {
        var components = URLComponents(string: base + path)
        if !query.isEmpty { components?.queryItems = query }
        // `+` is a space to some servers; send it encoded.
        let encoded = components?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components?.percentEncodedQuery = encoded
        guard let url = components?.url else { throw CLIError("\(base + path): not a valid URL") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = upload == nil && !download ? 60 : 3600
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if upload != nil { request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type") }
        if let json {
            request.httpBody = json
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let shown = base + path
        var (data, response) = try Self.send(request, shown: shown, upload: upload, download: download)
        guard (200..<300).contains(response.statusCode) else {
            if download {
                let path = String(decoding: data, as: UTF8.self)
                data = FileManager.default.contents(atPath: path) ?? Data()
                try? FileManager.default.removeItem(atPath: path)
            }
            let message = (try? JSONDecoder().decode(ServerErrorBody.self, from: data))?.error.message
                ?? String(decoding: data.prefix(200), as: UTF8.self)
            let hint = response.statusCode == 401 && token == nil ? " (give --token or set TMKIT_TOKEN)" : ""
            throw CLIError("\(shown): \(response.statusCode) \(message)\(hint)")
        }
        return (data, response)
    }

    /// Sends `request` (with the file at `upload` as its body) and waits for the answer; with
    /// `download` the body is kept in a temporary file, whose path is returned as the data.
    private static func send(_ request: URLRequest, shown: String, upload: String? = nil, download: Bool = false) throws -> (Data, HTTPURLResponse) {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Data?, URLResponse?, (any Error)?) = (nil, nil, nil)
        let task: URLSessionTask
        if let upload {
            guard FileManager.default.isReadableFile(atPath: upload) else { throw CLIError("\(upload): cannot read the file") }
            task = URLSession.shared.uploadTask(with: request, fromFile: URL(fileURLWithPath: upload)) { data, response, error in
                result = (data, response, error)
                done.signal()
            }
        } else if download {
            task = URLSession.shared.downloadTask(with: request) { location, response, error in
                // The file is removed when this returns: move it somewhere it stays.
                var kept: Data?
                if let location {
                    let path = NSTemporaryDirectory() + "/tmkit-download-\(UUID().uuidString)"
                    if (try? FileManager.default.moveItem(at: location, to: URL(fileURLWithPath: path))) != nil { kept = Data(path.utf8) }
                }
                result = (kept, response, error ?? (location != nil && kept == nil ? CLIError("cannot keep the download") : nil))
                done.signal()
            }
        } else {
            task = URLSession.shared.dataTask(with: request) { data, response, error in
                result = (data, response, error)
                done.signal()
            }
        }
        task.resume()
        done.wait()
        if let error = result.2 { throw CLIError("\(shown): cannot reach the server (\(error.localizedDescription))") }
        guard let http = result.1 as? HTTPURLResponse else { throw CLIError("\(shown): no HTTP answer") }
        return (result.0 ?? Data(), http)
    }
}

/// The server's error answer, `{"error": {"status": 404, "message": "…"}}`.
struct ServerErrorBody: Decodable {
    struct Inner: Decodable { var message: String }
    var error: Inner
}
