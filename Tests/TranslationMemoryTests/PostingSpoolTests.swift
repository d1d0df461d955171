import Foundation
import Testing
import TMCore
@testable import TranslationMemory

/// A bulk write's postings spilled in chunks and merged must be the postings written at once:
/// the same sides under the same terms, in order, with exact document frequencies.
@Suite struct PostingSpoolTests {
    /// Every term's sides, as lookups read them (blocks in order).
    static func postings(_ tm: TranslationMemory) throws -> [Int64: [Int64]] {
        var out: [Int64: [Int64]] = [:]
        let s = try tm.db.statement("SELECT DISTINCT term FROM posting")
        var terms: [Int64] = []
        while try s.step() { terms.append(s.int64(0)) }
        for t in terms { out[t] = try tm.postingSides(of: t) }
        return out
    }

    /// Writes the same generated postings through a spool with the given limits.
    static func spooled(spillEvery: Int, blockBytes: Int) throws -> (TranslationMemory, Int64) {
        let tm = try TranslationMemory(path: temporaryStorePath())
        var next: Int64 = 0
        try tm.db.transaction {
            var spool = try PostingSpool(db: tm.db, spillEvery: spillEvery, blockBytes: blockBytes)
            var state: UInt64 = 5
            for entry in 0..<Int64(1_000) {
                for side in [entry * 2, entry * 2 + 1] {
                    var terms = Set<Int64>()
                    for _ in 0..<(1 + side % 7) {
                        state = state &* 6364136223846793005 &+ 1442695040888963407
                        // A few very common terms, many rare ones; ids far apart so varints vary in length.
                        let r = Int64(state >> 40)
                        terms.insert(r % 4 == 0 ? r % 3 : r % 500 * 1_000_003)
                    }
                    spool.add(side: side * 1_000 + 1, terms: terms.sorted())
                }
                try spool.entryAdded()
            }
            next = try spool.finish(firstBlock: 7)
        }
        return (tm, next)
    }

    @Test func spilledAndMergedEqualsWrittenAtOnce() throws {
        let (whole, wholeNext) = try Self.spooled(spillEvery: 10_000, blockBytes: 1 << 20)
        #expect(wholeNext == 8)
        #expect(try whole.db.integer("SELECT count(*) FROM posting WHERE block != 7") == 0)
        let expected = try Self.postings(whole)
        #expect(expected.count > 300)
        for (spill, bytes) in [(1, 1 << 20), (37, 1 << 20), (100, 64), (999, 200)] {
            let (tm, next) = try Self.spooled(spillEvery: spill, blockBytes: bytes)
            #expect(try Self.postings(tm) == expected, "spill every \(spill), blocks of \(bytes) bytes")
            #expect(try tm.db.integer("SELECT sum(count) FROM posting") == whole.db.integer("SELECT sum(count) FROM posting"))
            #expect(try tm.db.integer("SELECT min(block) FROM posting") == 7)
            #expect(next == 1 + (try tm.db.integer("SELECT max(block) FROM posting") ?? 0))
            // Merged: one block per term unless the blocks were capped.
            let rows = try tm.db.integer("SELECT count(*) FROM posting") ?? 0
            if bytes == 1 << 20 { #expect(rows == expected.count) } else { #expect(rows > expected.count) }
            #expect(try tm.db.integer("SELECT count(*) FROM temp.posting_spool") == 0)
        }
    }

    @Test func largeImportSpillsAndLooksUpAsASmallOne() throws {
        // More entries than one chunk holds, so the import's postings go through the spill and merge.
        var units: [TranslationUnit] = []
        for i in 0..<1_500 {
            units.append(unit("Save the document number \(i) to the folder \(i % 37)", "문서 \(i)번을 폴더 \(i % 37)에 저장"))
        }
        let tm = try TranslationMemory(path: temporaryStorePath())
        try tm.db.transaction {
            var writer = try ImportWriter(tm: tm, origin: "x", spillEvery: 100)
            var summary = ImportSummary(file: "x")
            for start in stride(from: 0, to: units.count, by: 300) {
                let batch = Array(units[start..<min(units.count, start + 300)])
                try writer.write(writer.prepare(batch, counts: batch.map { _ in 1 }, summary: &summary).wait(), summary: &summary)
            }
            try writer.flushPostings()
            try writer.finish()
        }
        let small = try store(units)
        #expect(try Self.postings(tm) == Self.postings(small))
        let m = try tm.lookup("Save the document number 1234 to the folder 13", options: LookupOptions(minScore: 90, limit: 1))
        #expect(m.first?.source == "Save the document number 1234 to the folder 13")
    }
}
