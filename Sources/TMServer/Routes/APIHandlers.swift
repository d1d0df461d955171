import Foundation
import Hummingbird
import NIOCore
import PostgresStore
import TMCore
import Terminology
import TranslationMemory

/// The route handlers: each checks the token and the limits, makes one call to the backend,
/// and answers JSON.
struct APIHandlers: Sendable {
    let config: ServerConfiguration
    let auth: Authorizer
    var backend: any MemoryBackend { config.backend }
    var limits: Limits { config.limits }

    init(config: ServerConfiguration) {
        self.config = config
        auth = Authorizer(tokens: config.tokens)
    }

    /// Runs a handler, answering any error as JSON.
    static func answer(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch {
            throw APIError.from(error)
        }
    }

    func addSystemRoutes(to router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in
            try await Self.answer {
                do {
                    try await backend.ping()
                } catch {
                    throw APIError(.serviceUnavailable, APIError.from(error).message)
                }
                return try JSONResponse.make(HealthPayload(status: "ok", backend: backend.kind))
            }
        }
        router.get("/openapi.json") { _, _ in
            try await Self.answer {
                guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
                    throw APIError(.internalServerError, "openapi.json is missing from the server's resources")
                }
                var headers = HTTPFields()
                headers[.contentType] = "application/json; charset=utf-8"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
            }
        }
    }

    func lookupOptions(_ request: Request) throws -> LookupOptions {
        var o = LookupOptions(
            minScore: try request.intQuery("minScore", default: 75, max: 101),
            limit: try request.intQuery("limit", default: 5, max: limits.maxResults),
            sourceLanguage: try request.languageQuery("sourceLanguage"),
            targetLanguage: try request.languageQuery("targetLanguage"),
            context: request.query("context"))
        o.withDiff = request.query("diff") == "true"
        return o
    }

    func addMemoryRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/memories") { request, _ in
            try await Self.answer {
                let token = try await auth.check(request, .read)
                let all = try await backend.memories()
                return try JSONResponse.make(MemoriesPayload(memories: all.filter { token.sees($0) }))
            }
        }
        router.get("/api/v1/memories/:memory/lookup") { request, context in
            try await Self.answer {
                let memory = try context.parameters.require("memory")
                _ = try await auth.check(request, .read, memory: memory)
                let q = try checkQuery(request.query("q"), limit: limits.maxQueryLength)
                let matches = try await backend.lookup([q], memory: memory, options: try lookupOptions(request))
                return try JSONResponse.make(LookupPayload(query: q, matches: matches[0].map(MatchPayload.init)))
            }
        }
        router.post("/api/v1/memories/:memory/lookup") { request, context in
            try await Self.answer {
                var request = request
                let memory = try context.parameters.require("memory")
                _ = try await auth.check(request, .read, memory: memory)
                let batch = try await request.decodeJSON(BatchLookupRequest.self, limit: limits.maxJSONBytes)
                guard batch.queries.count <= limits.maxBatch else {
                    throw APIError(.badRequest, "batch of \(batch.queries.count) queries is over the limit of \(limits.maxBatch)")
                }
                for (i, q) in batch.queries.enumerated() { _ = try checkQuery(q, name: "queries[\(i)]", limit: limits.maxQueryLength) }
                var options = try lookupOptions(request)
                if let m = batch.minScore {
                    guard (0...101).contains(m) else { throw APIError(.badRequest, "'minScore' must be from 0 to 101") }
                    options.minScore = m
                }
                if let l = batch.limit {
                    guard (0...limits.maxResults).contains(l) else { throw APIError(.badRequest, "'limit' must be from 0 to \(limits.maxResults)") }
                    options.limit = l
                }
                for (name, code) in [("sourceLanguage", batch.sourceLanguage), ("targetLanguage", batch.targetLanguage)] {
                    guard let code else { continue }
                    guard let tag = LanguageTag(code), tag.isKnownLanguage else { throw APIError(.badRequest, "'\(name)': unknown language code '\(code)'") }
                    if name == "sourceLanguage" { options.sourceLanguage = tag } else { options.targetLanguage = tag }
                }
                let results = try await backend.lookup(batch.queries, memory: memory, options: options)
                return try JSONResponse.make(BatchLookupPayload(results: zip(batch.queries, results).map {
                    LookupPayload(query: $0.0, matches: $0.1.map(MatchPayload.init))
                }))
            }
        }
        router.get("/api/v1/memories/:memory/concordance") { request, context in
            try await Self.answer {
                let memory = try context.parameters.require("memory")
                _ = try await auth.check(request, .read, memory: memory)
                let q = try checkQuery(request.query("q"), limit: limits.maxQueryLength)
                let limit = try request.intQuery("limit", default: 20, max: limits.maxResults)
                let hits = try await backend.concordance(q, memory: memory, limit: limit)
                return try JSONResponse.make(ConcordancePayload(query: q, hits: hits))
            }
        }
        router.get("/api/v1/memories/:memory/stats") { request, context in
            try await Self.answer {
                let memory = try context.parameters.require("memory")
                _ = try await auth.check(request, .read, memory: memory)
                return try JSONResponse.make(try await backend.statistics(memory: memory))
            }
        }
        router.get("/api/v1/memories/:memory/entries/:id") { request, context in
            try await Self.answer {
                let (memory, id) = try entryParameters(context)
                _ = try await auth.check(request, .read, memory: memory)
                guard let e = try await backend.entry(id, memory: memory) else { throw APIError(.notFound, "memory '\(memory)' has no entry \(id)") }
                return try JSONResponse.make(EntryRecord(id: e.id, unit: e.unit))
            }
        }
        router.patch("/api/v1/memories/:memory/entries/:id") { request, context in
            try await Self.answer {
                var request = request
                let (memory, id) = try entryParameters(context)
                _ = try await auth.check(request, .write, memory: memory)
                let patch = try await request.decodeJSON(EntryPatch.self, limit: limits.maxJSONBytes)
                for (name, text) in [("source", patch.source), ("target", patch.target)] {
                    if let text { _ = try checkQuery(text, name: name, limit: limits.maxQueryLength) }
                }
                let change = EntryChange(source: patch.source, target: patch.target, context: patch.context)
                guard let e = try await backend.update(id, memory: memory, change) else { throw APIError(.notFound, "memory '\(memory)' has no entry \(id)") }
                return try JSONResponse.make(EntryRecord(id: e.id, unit: e.unit))
            }
        }
        router.delete("/api/v1/memories/:memory/entries/:id") { request, context in
            try await Self.answer {
                let (memory, id) = try entryParameters(context)
                _ = try await auth.check(request, .write, memory: memory)
                guard try await backend.delete(id, memory: memory) else { throw APIError(.notFound, "memory '\(memory)' has no entry \(id)") }
                return Response(status: .noContent)
            }
        }
        router.post("/api/v1/memories/:memory/import") { request, context in
            try await Self.answer {
                let memory = try context.parameters.require("memory")
                _ = try await auth.check(request, .write, memory: memory)
                return try await importUpload(request, memory: memory)
            }
        }
        router.get("/api/v1/memories/:memory/export") { request, context in
            try await Self.answer {
                let memory = try context.parameters.require("memory")
                _ = try await auth.check(request, .read, memory: memory)
                return try await exportTMX(memory: memory)
            }
        }
    }

    func entryParameters(_ context: BasicRequestContext) throws -> (String, Int64) {
        let memory = try context.parameters.require("memory")
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }) else { throw APIError(.badRequest, "entry id must be an integer") }
        return (memory, id)
    }
}
