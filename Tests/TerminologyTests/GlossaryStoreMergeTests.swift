import Foundation
import TMCore
import Testing
@testable import Terminology

/// `merge(file:)` into an empty store (checked by a Bloom filter, the text index made at the
/// end) gives what asking the store about each concept gives: the same concepts, in the same
/// order, with the same merges, skips and count.
@Suite struct GlossaryStoreMergeTests {
    static func concepts(_ store: GlossaryStore) throws -> [[String]] {
        var out: [[String]] = []
        try store.forEachConcept { _, c in out.append(c.terms.map { "\($0.language.code):\($0.text)" }) }
        return out
    }

    @Test func anEmptyStoreMergesAsConceptByConcept() throws {
        // Rows for a term seen before (joined), a repeated row (skipped), a term that is
        // another concept's second term, and enough rows to pass a Bloom level.
        var rows = ["security\t안보", "ceasefire\t휴전", "security\t보안", "ceasefire\t휴전", "휴전\tceasefire", "truce\t휴전", "security\t안보"]
        rows += (0..<70_000).map { "term \($0)\t용어 \($0)" }
        rows += ["term 5\t용어 오", "term 5\t용어 5", "security\t안전보장"]
        let file = try temporaryFile("rows.tsv", "English\tKorean\n" + rows.joined(separator: "\n") + "\n")
        let fast = try GlossaryStore(path: GlossaryStoreTests.storePath())
        let slow = try GlossaryStore(path: GlossaryStoreTests.storePath())
        let added = try fast.merge(file: file)
        let expected = try slow.bulkLoad { try slow.mergeConceptByConcept(file: file, sourceLanguage: nil, targetLanguage: nil, notes: nil) }
        #expect(added == expected)
        var ids: [Int64] = []
        try fast.forEachConcept { id, _ in ids.append(id) }
        #expect(ids == Array(1...Int64(ids.count)), "joined concepts leave no gaps in the ids")
        let got = try Self.concepts(fast)
        #expect(got == (try Self.concepts(slow)))
        #expect(got.first == ["en:security", "ko:안보", "ko:보안", "ko:안전보장"])
        #expect(got.count == 70_004)
        // The index answers as the other store's does.
        let holding = { (store: GlossaryStore, text: String) in
            try store.concepts(withTermText: text, firstOnly: false).compactMap { try store.concept($0.concept)?.terms.map(\.text) }
        }
        #expect(try holding(fast, "용어 오") == [["term 5", "용어 5", "용어 오"]])
        #expect(try holding(fast, "휴전") == (try holding(slow, "휴전")))
        let lookups = { (store: GlossaryStore) in try GlossaryLookup(stores: [("g", store)]).lookup("휴전").map(\.target) }
        #expect(try lookups(fast) == (try lookups(slow)))
        #expect(try lookups(fast).contains("truce"))
        // Into a store that has concepts, concept by concept: a second import adds nothing.
        #expect(try fast.merge(file: file) == 0)
    }
}
