import Foundation
import Hummingbird
import Terminology

extension APIHandlers {
    func glossary(_ name: String) throws -> GlossaryIndex {
        guard let g = config.glossaries.first(where: { $0.name == name }) else { throw APIError(.notFound, "no glossary named '\(name)'") }
        return g.index
    }

    func addGlossaryRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/glossaries") { request, _ in
            try await Self.answer {
                _ = try await auth.check(request, .read)
                struct Names: Encodable { var glossaries: [String] }
                return try JSONResponse.make(Names(glossaries: config.glossaries.map(\.name)))
            }
        }
        router.get("/api/v1/glossaries/:glossary/lookup") { request, context in
            try await Self.answer {
                _ = try await auth.check(request, .read)
                let index = try glossary(try context.parameters.require("glossary"))
                let q = try checkQuery(request.query("q"), limit: limits.maxQueryLength)
                let limit = try request.intQuery("limit", default: 10, max: limits.maxResults)
                let matches = index.lookup(q, fuzzy: request.query("fuzzy") != "false", limit: limit)
                return try JSONResponse.make(GlossaryMatchPayload(query: q, matches: matches))
            }
        }
        router.post("/api/v1/glossaries/:glossary/spot") { request, context in
            try await Self.answer {
                var request = request
                _ = try await auth.check(request, .read)
                let index = try glossary(try context.parameters.require("glossary"))
                let body = try await request.decodeJSON(SpotRequest.self, limit: limits.maxJSONBytes)
                let text = try checkQuery(body.text, name: "text", limit: limits.maxSpotLength)
                let (sentences, spots) = TermSpotter(index: index).spot(text)
                return try JSONResponse.make(SpotPayload(sentences: sentences, spots: spots))
            }
        }
    }
}
