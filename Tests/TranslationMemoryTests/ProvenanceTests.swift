import Foundation
import SQLiteKit
import Testing
import TMCore
@testable import TranslationMemory

@Suite struct ProvenanceTests {
    @Test func reimportingTheSameFileIsIdempotent() throws {
        let tm = try TranslationMemory(path: temporaryStorePath())
        let units = [unit("Settings", "설정"), unit("Settings", "설정"), unit("Set", "설정")]
        let first = try tm.importUnits(units, file: "/data/ui.po")
        #expect(first.added == 2 && first.duplicates == 1 && !first.reimport)
        let rowsBefore = try snapshot(tm)
        let postingsBefore = try tm.db.integer("SELECT sum(count) FROM posting")
        let again = try tm.importUnits(units, file: "/data/ui.po")
        #expect(again.added == 0 && again.duplicates == 3 && again.reimport)
        #expect(try snapshot(tm) == rowsBefore)
        #expect(try tm.db.integer("SELECT sum(count) FROM posting") == postingsBefore)
        #expect(try tm.lookup("Settings").first?.seen == 2)
        #expect(try tm.originSummaries() == [OriginSummary(file: "/data/ui.po", entries: 2, units: 3, lastImported: tm.originSummaries().first?.lastImported)])
        // Another file with the same pair adds to the count.
        try tm.importUnits([unit("Set", "설정")], file: "/data/other.po")
        #expect(try tm.requireEntry(id: 2).seen == 2)
        #expect(try tm.requireEntry(id: 2).origins.count == 2)
    }

    @Test func equalScoresRankByFrequencyThenRecency() throws {
        let tm = try TranslationMemory(path: temporaryStorePath())
        // Set comes first in import order; Settings is seen more often.
        try tm.importUnits([unit("Set", "설정"), unit("Settings", "설정"), unit("Settings", "설정")], file: "/a.po")
        let m = try tm.lookup("설정")
        #expect(m.map(\.target) == ["Settings", "Set"])
        #expect(m.map(\.score) == [100, 100])
        // Equal frequency: the more recent wins.
        var old = unit("Close", "닫기")
        old.changed = Date(timeIntervalSince1970: 1_500_000_000)
        var new = unit("Close window", "닫기")
        new.changed = Date(timeIntervalSince1970: 1_700_000_000)
        try tm.importUnits([old, new], file: "/b.po")
        #expect(try tm.lookup("닫기").map(\.target) == ["Close window", "Close"])
    }

    @Test func schemaOneStoreMigratesAndKeepsWorking() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/schema1.sqlite")
        let path = temporaryStorePath()
        try FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: path))
        do {
            let old = try SQLiteDatabase(path: path, create: false)
            #expect(try old.integer("PRAGMA user_version") == 1)
        }
        let tm = try TranslationMemory(path: path)
        #expect(try tm.schemaVersion == TMSchema.currentVersion)
        #expect(try tm.count() == 5)
        // Entries keep their file as provenance, seen once.
        let e = try tm.requireEntry(id: 2)
        #expect(e.unit.source == "Settings" && e.seen == 1)
        #expect(e.origins == [EntryOrigin(file: "/tmp/v1.tsv", count: 1)])
        // The old index still answers, and says it is stale until reindexed.
        var warnings: [String] = []
        tm.warningHandler = { warnings.append($0) }
        #expect(try tm.indexIsStale)
        #expect(try tm.lookup("Open the file").first?.score == 100)
        _ = try tm.lookup("Settings")
        #expect(warnings.count == 1)
        try tm.reindex()
        #expect(try !tm.indexIsStale)
        #expect(try tm.lookup("Empty the trash").first?.source == "Empty Trash")
        // Importing after the migration links to the new file and counts.
        try tm.importUnits([unit("Settings", "설정")], file: "/data/new.po")
        #expect(try tm.requireEntry(id: 2).seen == 2)
    }
}

@Suite struct ReindexTests {
    @Test func reindexRebuildsTheSameIndexAndLookupsAgree() throws {
        let tm = try store(MaintenanceTests.units)
        let before = try tm.db.integer("SELECT sum(count) FROM posting")
        let terms = try tm.db.integer("SELECT count(DISTINCT term) FROM posting")
        #expect(try !tm.indexIsStale)
        #expect(try tm.reindex() == 5)
        #expect(try tm.db.integer("SELECT sum(count) FROM posting") == before)
        #expect(try tm.db.integer("SELECT count(DISTINCT term) FROM posting") == terms)
        #expect(try tm.lookup("Save the file").first?.score == 100)
        #expect(try tm.concordance("파일").count == 3)
    }

    @Test func staleIndexIsRebuiltAndFailedReindexKeepsTheOldOne() throws {
        let tm = try store(MaintenanceTests.units)
        // Pretend the index was built by another analysis, with keys that no longer match.
        try tm.setMeta("analysis", "1-old")
        try tm.db.execute("UPDATE entry SET source_khash = 0, target_khash = 0")
        #expect(try tm.indexIsStale)
        let postings = try tm.db.integer("SELECT count(*) FROM posting")
        struct Stop: Error {}
        #expect(throws: Stop.self) { try tm.reindex { _, _ in throw Stop() } }
        #expect(try tm.indexIsStale)
        #expect(try tm.db.integer("SELECT count(*) FROM posting") == postings)
        #expect(try tm.db.integer("SELECT count(*) FROM entry WHERE source_khash = 0") == 5)
        var progress: [Int] = []
        try tm.reindex { done, total in progress.append(done); #expect(total == 5) }
        #expect(progress.last == 5)
        #expect(try !tm.indexIsStale)
        #expect(try tm.db.integer("SELECT count(*) FROM entry WHERE source_khash = 0") == 0)
    }
}

@Suite struct MemoryHomeTests {
    func home() -> MemoryHome {
        MemoryHome(folder: (temporaryStorePath() as NSString).deletingLastPathComponent)
    }

    @Test func createListRenameRemove() throws {
        let h = home()
        #expect(try h.list().isEmpty)
        try h.create("client-a")
        #expect(throws: TranslationMemoryError.self) { try h.create("client-a") }
        #expect(throws: TranslationMemoryError.self) { try h.create("../escape") }
        #expect(throws: TranslationMemoryError.self) { try h.create(".hidden") }
        try TranslationMemory(path: try h.existingPath(of: "client-a")).importUnits([unit("Open", "열기")])
        #expect(try h.list().map(\.name) == ["client-a"])
        #expect(try h.list().first?.entries == 1)
        try h.rename("client-a", to: "client-b")
        #expect(try h.list().map(\.name) == ["client-b"])
        #expect(try TranslationMemory(path: try h.existingPath(of: "client-b"), create: false).count() == 1)
        #expect(throws: TranslationMemoryError.self) { try h.rename("nobody", to: "x") }
        #expect(throws: TranslationMemoryError.self) { try h.remove("nobody") }
        try h.remove("client-b")
        #expect(try h.list().isEmpty)
    }

    @Test func mergeKeepsProvenanceAndIsIdempotent() throws {
        let h = home()
        let a = try TranslationMemory(path: try h.create("a"))
        let b = try TranslationMemory(path: try h.create("b"))
        try a.importUnits([unit("Open", "열기"), unit("Open", "열기"), unit("Save", "저장")], file: "/f/one.po")
        try b.importUnits([unit("Open", "열기")], file: "/f/one.po")
        try b.importUnits([unit("Close", "닫기")], file: "/f/two.po")
        let summaries = try b.merge(from: a)
        #expect(summaries.map(\.added).reduce(0, +) == 1)
        #expect(try b.count() == 3)
        let open = try #require(try b.lookup("Open").first)
        #expect(open.seen == 2)  // one.po had it twice; counted once per file
        _ = try b.merge(from: a)
        #expect(try b.count() == 3)
        #expect(try b.lookup("Open").first?.seen == 2)
        #expect(try b.lookup("Save").first?.score == 100)
        #expect(throws: TranslationMemoryError.self) { try b.merge(from: b) }
    }
}
