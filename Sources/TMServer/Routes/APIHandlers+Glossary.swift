import Foundation
import Hummingbird
import NIOPosix
import PostgresStore
import Terminology

/// The glossary routes: lookup and spot (read), entry show and term edit, and status changes
/// (approve, deprecate, reject: named terms, or every translation above a score), each change
/// made through the glossary store's one change path, the one `tmkit glossary review` uses,
/// recorded with the token's label as the reviewer and the date.
extension APIHandlers {
    /// The glossary `name`: one named at start, else one of the database's (made later, maybe;
    /// opening one that is not there is a 404).
    func glossary(_ name: String) throws -> ServedGlossary {
        if let g = config.glossaries.first(where: { $0.name == name }) { return g }
        if let database = config.glossaryDatabase { return ServedGlossary(name: name, database: database) }
        throw APIError(.notFound, "no glossary named '\(name)'")
    }

    /// Runs blocking store work on the thread pool, never on an event loop.
    static func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    /// Most terms one status change may name.
    static let maxRefs = 10_000

    func addGlossaryRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/glossaries") { request, _ in
            try await Self.answer {
                _ = try await auth.check(request, .read)
                struct Names: Encodable { var glossaries: [String] }
                var names = config.glossaries.map(\.name)
                if let database = config.glossaryDatabase {
                    names += try await Self.offThread { try database.names() }.filter { !names.contains($0) }
                }
                return try JSONResponse.make(Names(glossaries: names))
            }
        }
        router.get("/api/v1/glossaries/:glossary/lookup") { request, context in
            try await Self.answer {
                _ = try await auth.check(request, .read)
                let g = try glossary(try context.parameters.require("glossary"))
                let q = try checkQuery(request.query("q"), limit: limits.maxQueryLength)
                let limit = try request.intQuery("limit", default: 10, max: limits.maxResults)
                let fuzzy = request.query("fuzzy") != "false"
                let matches = try await Self.offThread { try g.lookup(q, fuzzy: fuzzy, limit: limit) }
                return try JSONResponse.make(GlossaryMatchPayload(query: q, matches: matches))
            }
        }
        router.post("/api/v1/glossaries/:glossary/spot") { request, context in
            try await Self.answer {
                var request = request
                _ = try await auth.check(request, .read)
                let g = try glossary(try context.parameters.require("glossary"))
                let body = try await request.decodeJSON(SpotRequest.self, limit: limits.maxJSONBytes)
                let text = try checkQuery(body.text, name: "text", limit: limits.maxSpotLength)
                if let m = body.minScore, !(0...1).contains(m) { throw APIError(.badRequest, "'minScore' must be from 0 to 1") }
                if let n = body.maxTranslations, !(1...limits.maxResults).contains(n) {
                    throw APIError(.badRequest, "'maxTranslations' must be from 1 to \(limits.maxResults)")
                }
                let (sentences, spots) = try await Self.offThread { try g.spot(text, minScore: body.minScore ?? 0, maxTranslations: body.maxTranslations ?? 3) }
                return try JSONResponse.make(SpotPayload(sentences: sentences, spots: spots))
            }
        }
        router.get("/api/v1/glossaries/:glossary/entries/:id") { request, context in
            try await Self.answer {
                _ = try await auth.check(request, .read)
                let (g, id) = try glossaryEntry(context)
                return try JSONResponse.make(try await Self.offThread { try Self.entry(g, id, try g.open()) })
            }
        }
        router.patch("/api/v1/glossaries/:glossary/entries/:id/terms/:position") { request, context in
            try await Self.answer {
                var request = request
                let token = try await auth.check(request, .write)
                let (g, id) = try glossaryEntry(context)
                guard let position = context.parameters.get("position").flatMap({ Int($0) }), position >= 0 else {
                    throw APIError(.badRequest, "term position must be an integer from 0")
                }
                let patch = try await request.decodeJSON(TermPatch.self, limit: limits.maxJSONBytes)
                let edit = try Self.termEdit(patch)
                let user = Self.reviewer(token)
                return try JSONResponse.make(try await Self.offThread { () throws -> GlossaryEntryPayload in
                    let store = try g.open(write: true)
                    try store.edit(TermRef(concept: id, position: position), edit, user: user)
                    return try Self.entry(g, id, store)
                })
            }
        }
        router.post("/api/v1/glossaries/:glossary/status") { request, context in
            try await Self.answer {
                var request = request
                let token = try await auth.check(request, .write)
                let g = try glossary(try context.parameters.require("glossary"))
                let body = try await request.decodeJSON(StatusChangeRequest.self, limit: limits.maxJSONBytes)
                let (action, refs, filter) = try Self.statusChange(body)
                let user = Self.reviewer(token), dry = body.dryRun ?? false
                let (picked, count) = try await Self.offThread { () throws -> ([TermRef], Int) in
                    let store = try g.open(write: !dry)
                    func pick() throws -> [TermRef] {
                        guard let filter else { return refs }
                        return refs + (try store.reviewRefs(status: filter.status, minScore: filter.minScore, minFrequency: filter.minCount))
                    }
                    if dry {
                        let p = try pick()
                        return (p, p.count)
                    }
                    // Picked and changed in one transaction: another reviewer's change cannot slip between.
                    return try store.transaction { () throws -> ([TermRef], Int) in
                        let p = try pick()
                        return (p, try store.review(action, p, user: user))
                    }
                }
                return try JSONResponse.make(StatusChangePayload(action: body.action, refs: picked.map(\.description), count: count, dryRun: dry))
            }
        }
    }

    /// The reviewer as transactions record them: the token's label, else its id.
    static func reviewer(_ token: APIToken) -> String { token.label ?? "token \(token.id)" }

    func glossaryEntry(_ context: BasicRequestContext) throws -> (ServedGlossary, Int64) {
        let g = try glossary(try context.parameters.require("glossary"))
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }), id > 0 else {
            throw APIError(.badRequest, "concept id must be a positive integer")
        }
        return (g, id)
    }

    static func entry(_ g: ServedGlossary, _ id: Int64, _ store: any GlossaryStoring) throws -> GlossaryEntryPayload {
        guard let c = try store.concept(id) else { throw APIError(.notFound, "glossary '\(g.name)' has no concept \(id)") }
        return GlossaryEntryPayload(glossary: g.name, id: id, c)
    }

    static func status(_ value: String, _ field: String) throws -> TermStatus {
        guard let s = TermStatus(tbx: value) else {
            throw APIError(.badRequest, "'\(field)': '\(value)' is not preferred, admitted, candidate, deprecated or superseded")
        }
        return s
    }

    static func termEdit(_ patch: TermPatch) throws -> TermEdit {
        var edit = TermEdit(text: patch.text, note: patch.note)
        if let p = patch.partOfSpeech {
            guard let pos = PartOfSpeech(tbx: p) else {
                throw APIError(.badRequest, "'partOfSpeech': '\(p)' is not noun, verb, adjective, adverb, properNoun or other")
            }
            edit.partOfSpeech = pos
        }
        edit.status = try patch.status.map { try status($0, "status") }
        guard edit != TermEdit() else { throw APIError(.badRequest, "give at least one of 'text', 'partOfSpeech', 'status' or 'note'") }
        return edit
    }

    /// The action, the terms named and the filter of a status change, checked.
    static func statusChange(_ body: StatusChangeRequest) throws
        -> (ReviewAction, [TermRef], (status: TermStatus?, minScore: Double?, minCount: Int?)?) {
        guard let action = ReviewAction(name: body.action, preferred: body.preferred ?? false, superseded: body.superseded ?? false) else {
            throw APIError(.badRequest, "'action': '\(body.action)' is not approve, deprecate or reject")
        }
        let names = body.refs ?? []
        guard names.count <= maxRefs else { throw APIError(.badRequest, "\(names.count) terms in 'refs' is over the limit of \(maxRefs)") }
        let refs = try names.map { r -> TermRef in
            guard let ref = TermRef(r) else { throw APIError(.badRequest, "'refs': '\(r)' is not a term id (ID or ID.N)") }
            return ref
        }
        if let m = body.minScore, !(0...1).contains(m) { throw APIError(.badRequest, "'minScore' must be from 0 to 1") }
        if let m = body.minCount, m < 0 { throw APIError(.badRequest, "'minCount' must not be negative") }
        let hasFilter = body.status != nil || body.minScore != nil || body.minCount != nil
        guard hasFilter || !refs.isEmpty else {
            throw APIError(.badRequest, "name terms in 'refs' (ID or ID.N) or give 'status', 'minScore' or 'minCount'")
        }
        guard hasFilter else { return (action, refs, nil) }
        let picked = try body.status.map { try status($0, "status") }
        return (action, refs, (status: picked, minScore: body.minScore, minCount: body.minCount))
    }
}
