import Formats
import Foundation
import TMServer
import TMCore
import TranslationMemory

extension TMLookupCommand {
    /// `tm lookup --database URL`: the same queries and output as on a SQLite memory, the
    /// matches found by the PostgreSQL memory (one batch for `--queries`).
    func runOnDatabase(_ url: String, _ options: LookupOptions) {
        runRemote(options) { asked, wanted in
            try TMDatabase.run(url, memory: store.memory) { db in
                // A memory that is not there is an error, as a missing SQLite store is.
                guard try await db.backend.memories().contains(db.memory) else {
                    throw CLIError("\(url): no memory named '\(db.memory)' in the database (import one with `tmkit tm import --database`)")
                }
                return try await db.backend.lookup(asked, memory: db.memory, options: wanted)
            }
        }
    }

    /// `tm lookup --server URL`: the same queries and output, the matches found by the server's
    /// memory (`--memory`, else its default) through `GET /api/v1/memories/{memory}/lookup`.
    func runOnServer(_ client: ServerClient, _ options: LookupOptions) {
        let memory = store.memory ?? "default"
        let path = "/api/v1/memories/\(ServerClient.segment(memory))/lookup"
        runRemote(options) { asked, wanted in
            var query = [URLQueryItem(name: "minScore", value: String(wanted.minScore)),
                         URLQueryItem(name: "limit", value: String(wanted.limit)), URLQueryItem(name: "diff", value: wanted.withDiff ? "true" : "false")]
            if let s = wanted.sourceLanguage { query.append(URLQueryItem(name: "sourceLanguage", value: s.code)) }
            if let t = wanted.targetLanguage { query.append(URLQueryItem(name: "targetLanguage", value: t.code)) }
            if let c = wanted.context { query.append(URLQueryItem(name: "context", value: c)) }
            if asked.count == 1 {
                return [try client.get(path, query + [URLQueryItem(name: "q", value: asked[0])], as: LookupPayload.self).matches.map(\.match)]
            }
            // Many queries go in batches, as many as the server takes in one request.
            var out: [[TMMatch]] = []
            for start in stride(from: 0, to: asked.count, by: Self.serverBatch) {
                let batch = Array(asked[start..<min(asked.count, start + Self.serverBatch)])
                let answer = try client.post(path, query, json: BatchLookupRequest(queries: batch), as: BatchLookupPayload.self)
                guard answer.results.count == batch.count else {
                    throw CLIError("\(client.base)\(path): \(answer.results.count) results for \(batch.count) queries")
                }
                out += answer.results.map { $0.matches.map(\.match) }
            }
            return out
        }
    }

    /// Queries per batch request: the server's default limit.
    static let serverBatch = 100

    /// Reads the queries (TEXT, `-`, or `--queries FILE`), has `fetch` find their matches, and
    /// prints them as a lookup on a SQLite memory does.
    func runRemote(_ options: LookupOptions, fetch: @escaping ([String], LookupOptions) throws -> [[TMMatch]]) {
        let texts: [String]
        do {
            if let queries {
                let content = try TextFileReader.read(queries)
                let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
                texts = lines.prefix(content.hasSuffix("\n") ? lines.count - 1 : lines.count)
                    .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            } else {
                var query = text ?? ""
                if query == "-" { query = try TextFileReader.read("-").trimmingCharacters(in: .newlines) }
                texts = [query]
            }
        } catch {
            fail(error)
        }
        var options = options
        options.withDiff = format == .text
        let results: [[TMMatch]]
        do {
            results = try fetch(texts, options)
        } catch {
            fail(error)
        }
        var out = OutputBuffer()
        for (query, matches) in zip(texts, results) {
            switch format {
            case .json: out.write(MatchJSON.array(matches) + "\n")
            case .text:
                if queries != nil { out.write("== \(EntryOutput.indented(query, by: 3))\n") }
                out.write(EntryOutput.matches(matches, minScore: minScore))
            }
        }
        out.flush()
    }
}
