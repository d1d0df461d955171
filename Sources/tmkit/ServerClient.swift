import ArgumentParser
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
        var components = URLComponents(string: base + path)
        if !query.isEmpty { components?.queryItems = query }
        // `+` is a space to some servers; send it encoded.
        let encoded = components?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components?.percentEncodedQuery = encoded
        guard let url = components?.url else { throw CLIError("\(base + path): not a valid URL") }
        var request = URLRequest(url: url)
        request.timeoutInterval = 60
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let shown = base + path
        let (data, response) = try Self.send(request, shown: shown)
        guard (200..<300).contains(response.statusCode) else {
            let message = (try? JSONDecoder().decode(ServerErrorBody.self, from: data))?.error.message
                ?? String(decoding: data.prefix(200), as: UTF8.self)
            let hint = response.statusCode == 401 && token == nil ? " (give --token or set TMKIT_TOKEN)" : ""
            throw CLIError("\(shown): \(response.statusCode) \(message)\(hint)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw CLIError("\(shown): the answer is not the API's JSON (\(error))")
        }
    }

    /// Sends `request` and waits for the answer.
    private static func send(_ request: URLRequest, shown: String) throws -> (Data, HTTPURLResponse) {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Data?, URLResponse?, (any Error)?) = (nil, nil, nil)
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            result = (data, response, error)
            done.signal()
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
