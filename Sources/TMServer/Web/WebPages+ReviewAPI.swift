import Foundation
import Hummingbird

/// The review API the review page calls (a bearer token works as well as the page's session):
///
/// - `GET /api/v1/glossaries/{glossary}/review?status=&minScore=&minCount=&q=&sort=&order=&offset=&limit=`
///   lists candidate translations;
/// - `GET …/review/version` tells whether the store changed;
/// - `POST …/review` `{"concept", "translation", "action": "approve|reject|deprecate|edit", "text"?}`
///   changes one translation (write scope);
/// - `POST …/review/bulk` `{"action": "approve", "minScore", "q"?, "dryRun"?}` approves every
///   candidate scoring at least `minScore` (write scope).
extension WebPages {
    struct ReviewPage: Codable, Sendable {
        var glossary: String
        var total: Int
        var offset: Int
        var version: String
        var rows: [GlossaryReview.Row]
    }

    struct ReviewChange: Codable, Sendable {
        var concept: String
        var translation: String
        var action: String
        var text: String?
    }

    struct ReviewChanged: Codable, Sendable {
        var row: GlossaryReview.Row?
        var version: String
    }

    struct BulkChange: Codable, Sendable {
        var action: String
        var minScore: Double
        var q: String?
        var dryRun: Bool?
    }

    struct BulkChanged: Codable, Sendable {
        var count: Int
        var dryRun: Bool
        var version: String
    }

    struct Version: Codable, Sendable {
        var version: String
    }

    func review(_ context: BasicRequestContext) throws -> GlossaryReview {
        let name = try context.parameters.require("glossary")
        guard let r = review(named: name) else { throw APIError(.notFound, "no glossary named '\(name)' to review (serve a glossary store with --glossary)") }
        return r
    }

    func filter(_ request: Request) throws -> GlossaryReview.Filter {
        var f = GlossaryReview.Filter()
        if let s = request.query("status"), !s.isEmpty {
            guard s == "any" || s == "approved" || ["preferred", "admitted", "candidate", "deprecated", "superseded"].contains(s) else {
                throw APIError(.badRequest, "parameter 'status': '\(s)' is not preferred, admitted, candidate, deprecated, superseded, approved or any")
            }
            f.status = s
        }
        if let s = request.query("minScore"), !s.isEmpty {
            guard let v = Double(s), (0...1).contains(v) else { throw APIError(.badRequest, "parameter 'minScore' must be a number from 0 to 1") }
            f.minScore = v
        }
        f.minCount = try request.intQuery("minCount", default: 0, max: Int(Int32.max))
        f.text = request.query("q") ?? ""
        guard f.text.unicodeScalars.count <= config.limits.maxQueryLength else {
            throw APIError(.badRequest, "'q' is over the limit of \(config.limits.maxQueryLength) characters")
        }
        if let s = request.query("sort"), !s.isEmpty {
            guard let sort = GlossaryReview.Filter.Sort(rawValue: s) else { throw APIError(.badRequest, "parameter 'sort': '\(s)' is not score, count, frequency or term") }
            f.sort = sort
        }
        if let o = request.query("order"), !o.isEmpty {
            guard o == "asc" || o == "desc" else { throw APIError(.badRequest, "parameter 'order' must be asc or desc") }
            f.descending = o == "desc"
        }
        return f
    }

    func addReviewRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/glossaries/:glossary/review") { request, context in
            try await APIHandlers.answer {
                _ = try await auth.check(request, .read)
                let r = try review(context)
                let f = try filter(request)
                let offset = try request.intQuery("offset", default: 0, max: Int(Int32.max))
                let limit = try request.intQuery("limit", default: 100, max: 1000)
                let page = try await APIHandlers.offThread { try r.rows(f, offset: offset, limit: limit) }
                return try JSONResponse.make(ReviewPage(glossary: r.name, total: page.total, offset: offset, version: page.version, rows: page.rows))
            }
        }
        router.get("/api/v1/glossaries/:glossary/review/version") { request, context in
            try await APIHandlers.answer {
                _ = try await auth.check(request, .read)
                let r = try review(context)
                // A database glossary's version is a query: off the event loop.
                return try JSONResponse.make(Version(version: try await APIHandlers.offThread { r.version() }))
            }
        }
        router.post("/api/v1/glossaries/:glossary/review") { request, context in
            try await APIHandlers.answer {
                var request = request
                let token = try await auth.check(request, .write)
                let r = try review(context)
                let change = try await request.decodeJSON(ReviewChange.self, limit: config.limits.maxJSONBytes)
                guard let action = GlossaryReview.Action(rawValue: change.action) else {
                    throw APIError(.badRequest, "'action': '\(change.action)' is not approve, reject, deprecate or edit")
                }
                let user = APIHandlers.reviewer(token)
                let done = try await APIHandlers.offThread {
                    try r.apply(action, concept: change.concept, translation: change.translation, text: change.text, user: user)
                }
                return try JSONResponse.make(ReviewChanged(row: done.row, version: done.version))
            }
        }
        router.post("/api/v1/glossaries/:glossary/review/bulk") { request, context in
            try await APIHandlers.answer {
                var request = request
                let token = try await auth.check(request, .write)
                let r = try review(context)
                let bulk = try await request.decodeJSON(BulkChange.self, limit: config.limits.maxJSONBytes)
                guard bulk.action == "approve" else { throw APIError(.badRequest, "'action': bulk changes can only approve") }
                guard (0...1).contains(bulk.minScore) else { throw APIError(.badRequest, "'minScore' must be from 0 to 1") }
                let user = APIHandlers.reviewer(token), dry = bulk.dryRun ?? false
                let done = try await APIHandlers.offThread { try r.approveAll(minScore: bulk.minScore, text: bulk.q ?? "", user: user, dryRun: dry) }
                return try JSONResponse.make(BulkChanged(count: done.count, dryRun: dry, version: done.version))
            }
        }
    }
}
