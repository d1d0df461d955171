import Foundation
import Terminology
import Testing
@testable import TMServer

/// The review page's store over a glossary store: rows, filters and sorting, each action made
/// through the store's change path with the reviewer and the date, and read back as the CLI's
/// `glossary review list` and `glossary lookup` read it; a compiled TBX is listed but refused.
@Suite struct GlossaryReviewTests {
    /// The shipped built glossary imported into a new store, as `tmkit glossary import` does.
    static func copy() throws -> GlossaryReview {
        let path = Tool.temporaryDirectory() + "/glossary.sqlite"
        _ = try UserGlossary(path: path).importFile(Tool.root.appendingPathComponent("Glossary/seeds.tbx").path)
        return GlossaryReview(ServedGlossary(name: "built", path: path))
    }

    @Test func rowsAreFilteredAndSorted() throws {
        let r = try Self.copy()
        var f = GlossaryReview.Filter()
        let all = try r.rows(f, offset: 0, limit: 1000)
        #expect(all.total > 10 && all.rows.allSatisfy { $0.status == "candidate" })
        #expect(all.rows.map(\.score) == all.rows.map(\.score).sorted(by: >))
        f.minScore = 0.9
        let high = try r.rows(f, offset: 0, limit: 1000)
        #expect(high.total < all.total && high.rows.allSatisfy { $0.score >= 0.9 })
        f = GlossaryReview.Filter()
        f.sort = .count
        let byCount = try r.rows(f, offset: 0, limit: 1000).rows.map(\.count)
        #expect(byCount == byCount.sorted(by: >))
        let page = try r.rows(GlossaryReview.Filter(), offset: 5, limit: 3)
        #expect(page.rows == Array(all.rows[5..<8]))
        #expect(all.rows.contains { !$0.examples.isEmpty }, "examples come with the candidates")
        #expect(all.rows.allSatisfy { TermRef($0.ref)?.concept == Int64($0.concept) }, "rows carry the CLI's ID.N")
    }

    @Test func actionsAreStoredWithTheReviewerAndSeenByTheCLIPath() throws {
        let r = try Self.copy()
        let rows = try r.rows(GlossaryReview.Filter(), offset: 0, limit: 3).rows
        let before = r.version()
        let approved = try r.apply(.approve, concept: rows[0].concept, translation: rows[0].translation, text: nil, user: "kim")
        #expect(approved.row?.status == "admitted", "the page approves as `glossary review approve` does")
        #expect(approved.row?.changed?.user == "kim")
        #expect(approved.version != before)
        _ = try r.apply(.deprecate, concept: rows[1].concept, translation: rows[1].translation, text: nil, user: "kim")
        let rejected = try r.apply(.reject, concept: rows[2].concept, translation: rows[2].translation, text: nil, user: "lee")
        #expect(rejected.row == nil)
        #expect(throws: APIError.self) { try r.apply(.approve, concept: rows[2].concept, translation: rows[2].translation, text: nil, user: "lee") }

        // What `glossary review list` and `glossary lookup` read: the same store.
        let store = try GlossaryStore(path: r.glossary.path, create: false, readOnly: true)
        let entries = try store.reviewEntries(sort: .id)
        let a = try #require(entries.first { $0.ref.description == rows[0].ref })
        #expect(a.term.status == .admitted)
        #expect(a.term.transactions.last?.user == "kim")
        #expect(a.term.transactions.last?.date?.hasPrefix("20") == true)
        #expect(entries.first { $0.ref.description == rows[1].ref }?.term.status == .deprecated)
        #expect(!entries.contains { String($0.ref.concept) == rows[2].concept && $0.term.text == rows[2].translation })
        let hits = try GlossaryLookup(stores: [("built", store)]).lookup(rows[0].term, fuzzy: false)
        #expect(hits.contains { $0.target == rows[0].translation && $0.status == .admitted }, "\(hits)")

        let edited = try r.apply(.edit, concept: rows[0].concept, translation: rows[0].translation, text: "<b>new</b>", user: "kim")
        #expect(edited.row?.translation == "<b>new</b>")
        #expect(try store.reviewEntries(sort: .id).contains { $0.term.text == "<b>new</b>" })
        #expect(throws: APIError.self) { try r.apply(.edit, concept: rows[0].concept, translation: "<b>new</b>", text: " ", user: "kim") }
    }

    @Test func aChangeMadeThroughTheCLIPathIsSeenAtOnce() throws {
        let r = try Self.copy()
        let row = try #require(try r.rows(GlossaryReview.Filter(), offset: 0, limit: 1).rows.first)
        let version = r.version()
        // Another connection, as `tmkit glossary review deprecate ID.N` makes it.
        let other = try GlossaryStore(path: r.glossary.path, create: false)
        let ref = try #require(TermRef(row.ref))
        #expect(try other.review(.deprecate(), [ref], user: "park") == 1)
        #expect(r.version() != version, "the page's poll sees that the store moved")
        var f = GlossaryReview.Filter()
        f.status = "deprecated"
        let now = try r.rows(f, offset: 0, limit: 10).rows
        #expect(now.contains { $0.ref == row.ref && $0.changed?.user == "park" })
    }

    @Test func bulkApproveTakesEveryCandidateAboveTheScore() throws {
        let r = try Self.copy()
        var f = GlossaryReview.Filter()
        f.minScore = 0.5
        let before = try r.rows(f, offset: 0, limit: 0).total
        let dry = try r.approveAll(minScore: 0.5, text: "", user: "kim", dryRun: true)
        #expect(dry.count == before && before > 0)
        #expect(try r.rows(f, offset: 0, limit: 0).total == before, "a dry run changes nothing")
        let done = try r.approveAll(minScore: 0.5, text: "", user: "kim", dryRun: false)
        #expect(done.count == before)
        #expect(try r.rows(f, offset: 0, limit: 0).total == 0)
        var lower = GlossaryReview.Filter()
        lower.minScore = 0
        #expect(try r.rows(lower, offset: 0, limit: 0).total > 0, "candidates under the score stay")
    }

    @Test func aCompiledFileIsListedButNotChanged() throws {
        let folder = Tool.temporaryDirectory()
        let tbx = folder + "/built.tbx"
        try FileManager.default.copyItem(atPath: Tool.root.appendingPathComponent("Glossary/seeds.tbx").path, toPath: tbx)
        let g = ServedGlossary(name: "built", path: tbx)
        #expect(!g.isWritable && g.file == tbx)
        #expect(g.path == GlossaryCache.storePath(for: tbx), "compiled where `glossary lookup --glossary FILE` compiles it")
        try g.prepare()
        let r = GlossaryReview(g)
        let row = try #require(try r.rows(GlossaryReview.Filter(), offset: 0, limit: 1).rows.first)
        #expect(throws: APIError.self) { try r.apply(.approve, concept: row.concept, translation: row.translation, text: nil, user: "kim") }
        #expect(try GlossaryFile.read(tbx).concepts.allSatisfy { $0.terms.allSatisfy { $0.transactions.allSatisfy { $0.user != "kim" } } })
    }
}
