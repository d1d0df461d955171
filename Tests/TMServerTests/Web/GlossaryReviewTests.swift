import Foundation
import Terminology
import Testing
@testable import TMServer

/// The review store over a built TBX: rows, filters and sorting, each action written back to
/// the file with the reviewer and the date, and read back by the same reader the CLI uses.
@Suite struct GlossaryReviewTests {
    static func copy() throws -> GlossaryReview {
        let path = Tool.temporaryDirectory() + "/built.tbx"
        try FileManager.default.copyItem(atPath: Tool.root.appendingPathComponent("Glossary/seeds.tbx").path, toPath: path)
        return GlossaryReview(name: "built", path: path)
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
    }

    @Test func actionsAreWrittenToTheFileWithTheReviewer() throws {
        let r = try Self.copy()
        let rows = try r.rows(GlossaryReview.Filter(), offset: 0, limit: 3).rows
        let approved = try r.apply(.approve, concept: rows[0].concept, translation: rows[0].translation, text: nil, user: "kim")
        #expect(approved.row?.status == "preferred")
        #expect(approved.row?.changed?.user == "kim")
        _ = try r.apply(.deprecate, concept: rows[1].concept, translation: rows[1].translation, text: nil, user: "kim")
        let rejected = try r.apply(.reject, concept: rows[2].concept, translation: rows[2].translation, text: nil, user: "lee")
        #expect(rejected.row == nil)
        #expect(throws: APIError.self) { try r.apply(.approve, concept: rows[2].concept, translation: rows[2].translation, text: nil, user: "lee") }

        let base = try GlossaryFile.read(r.path)
        let terms = base.concepts.flatMap { c in c.terms.map { (c.id ?? "", $0) } }
        let a = try #require(terms.first { $0.0 == rows[0].concept && $0.1.text == rows[0].translation }?.1)
        #expect(a.status == .preferred)
        #expect(a.transactions.last?.user == "kim")
        #expect(a.transactions.last?.date?.hasPrefix("20") == true)
        #expect(terms.first { $0.0 == rows[1].concept && $0.1.text == rows[1].translation }?.1.status == .deprecated)
        #expect(!terms.contains { $0.0 == rows[2].concept && $0.1.text == rows[2].translation })

        let edited = try r.apply(.edit, concept: rows[0].concept, translation: rows[0].translation, text: "<b>new</b>", user: "kim")
        #expect(edited.row?.translation == "<b>new</b>")
        #expect(try GlossaryFile.read(r.path).concepts.contains { $0.terms.contains { $0.text == "<b>new</b>" } })
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
}
