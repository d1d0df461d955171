import Foundation
import Testing
import TMCore
@testable import TranslationMemory

struct ReaderFailure: Error {}

@Suite struct ImportTests {
    @Test func identicalPairsAreStoredOnce() throws {
        let tm = try TranslationMemory(path: temporaryStorePath())
        let first = try tm.importUnits([unit("Open file", "파일 열기"), unit("Open file", "파일 열기"), unit("Open file", "파일 열기 ")])
        #expect(first.added == 2)
        #expect(first.duplicates == 1)
        let second = try tm.importUnits([unit("Open file", "파일 열기"), unit("Save file", "파일 저장")])
        #expect(second.added == 1)
        #expect(second.duplicates == 1)
        #expect(second.read == 2)
        #expect(try tm.count() == 3)
    }

    @Test func sameTextWithOtherContextIsKept() throws {
        let tm = try TranslationMemory(path: temporaryStorePath())
        let s = try tm.importUnits([unit("Open", "열기", context: "menu"), unit("Open", "열기", context: "button")])
        #expect(s.added == 2)
    }

    @Test func emptyTargetsAreSkippedWithAReason() throws {
        let tm = try TranslationMemory(path: temporaryStorePath())
        let s = try tm.importUnits([unit("Open", ""), unit("", "열기"), unit("Save", "저장")])
        #expect(s.read == 3)
        #expect(s.added == 1)
        #expect(s.skipped == ["empty target": 1, "empty source": 1])
    }

    @Test func failingReaderLeavesStoreUnchanged() throws {
        let tm = try store([unit("Open file", "파일 열기"), unit("Save file", "파일 저장")])
        let before = try snapshot(tm)
        #expect(throws: TranslationMemoryError.self) {
            _ = try tm.importUnits(file: "broken.tmx") { emit in
                for i in 0..<5000 { try emit(unit("Sentence number \(i)", "문장 \(i)")) }
                throw ReaderFailure()
            }
        }
        #expect(try snapshot(tm) == before)
        #expect(try tm.lookup("Sentence number 17").isEmpty)
        // The store still works after the rollback.
        let s = try tm.importUnits([unit("Close file", "파일 닫기")])
        #expect(s.added == 1)
        #expect(try tm.lookup("Close file").first?.score == 100)
    }

    @Test func unknownLanguageIsAnErrorAndNothingIsStored() throws {
        let tm = try TranslationMemory(path: temporaryStorePath())
        let xx = LanguageTag("qq")!
        #expect(!xx.isKnownLanguage)
        #expect(throws: TranslationMemoryError.self) {
            try tm.importUnits([unit("Open", "열기"), unit("Open", "열기", from: xx)])
        }
        #expect(try tm.count() == 0)
    }

    @Test func metadataSurvives() throws {
        var u = unit("Open file", "파일 열기", context: "menu", id: "tu-7")
        u.created = Date(timeIntervalSince1970: 1_700_000_000)
        u.creator = "kim"
        u.properties = [.init(type: "x-package", value: "gedit")]
        u.notes = ["checked", "second note"]
        let tm = try store([u])
        var back: [TranslationUnit] = []
        try tm.forEachEntry { back.append($0) }
        #expect(back.count == 1)
        #expect(back[0].id == "tu-7")
        #expect(back[0].context == "menu")
        #expect(back[0].created == u.created)
        #expect(back[0].creator == "kim")
        #expect(back[0].properties == u.properties)
        #expect(back[0].notes == u.notes)
    }

    @Test func largeImportGoesThroughSeveralBatches() throws {
        let units = (0..<(ImportWriter.batchSize * 2 + 17)).map { unit("Message number \($0) was sent", "메시지 \($0)번을 보냈습니다") }
        let tm = try TranslationMemory(path: temporaryStorePath())
        let s = try tm.importUnits(units)
        #expect(s.added == units.count)
        #expect(try tm.count() == units.count)
        let m = try tm.lookup("Message number 4000 was sent")
        #expect(m.first?.score == 100)
        #expect(m.first?.target == "메시지 4000번을 보냈습니다")
    }

    @Test func repeatsFarApartInOneImportAreFoundInTheStore() throws {
        // The first copies are written batches before the repeats come: only a Bloom filter
        // remembers them, and the store confirms.
        let n = ImportWriter.batchSize * 3
        let units = (0..<n).map { unit("Line \($0) of the manual", "설명서 \($0)번째 줄") }
        let tm = try TranslationMemory(path: temporaryStorePath())
        let s = try tm.importUnits(units + units.prefix(100) + [unit("Line 5 of the manual", "설명서 다섯째 줄")])
        #expect(s.added == n + 1)
        #expect(s.duplicates == 100)
        #expect(try tm.count() == n + 1)
    }
}
