import Foundation
import Testing
import TMCore
@testable import TranslationMemory

/// show / edit / delete / list keep the entries and the index consistent: after each change,
/// indexed lookups and concordance agree with the exhaustive scan.
@Suite struct MaintenanceTests {
    static let units = [
        unit("Open the file in a new window", "새 창에서 파일 열기"),
        unit("Open the file in a new tab", "새 탭에서 파일 열기"),
        unit("Save the file", "파일 저장"),
        unit("Empty the trash", "휴지통 비우기"),
        unit("Change the desktop background", "바탕 화면 배경을 바꿉니다"),
    ]

    /// Indexed and exhaustive lookups give the same best scores, and concordance finds only stored entries.
    func expectConsistent(_ tm: TranslationMemory, _ queries: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for q in queries {
            let ix = try tm.lookup(q, options: LookupOptions(minScore: 50, limit: 3))
            let ex = try tm.lookup(q, options: LookupOptions(minScore: 50, limit: 3, exhaustive: true))
            #expect(ix.map(\.score) == ex.map(\.score), "\(q)", sourceLocation: sourceLocation)
            #expect(ix.map(\.id) == ex.map(\.id), "\(q)", sourceLocation: sourceLocation)
            for hit in try tm.concordance(q) {
                #expect(try tm.entry(id: hit.id) != nil, "\(q)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func showGivesEveryFieldAndProvenance() throws {
        let tm = try TranslationMemory(path: temporaryStorePath())
        var u = unit("Open", "열기", context: "menu", id: "tu1")
        u.notes = ["checked"]
        u.properties = [.init(type: "x-package", value: "gimp")]
        u.creator = "kim"
        try tm.importUnits([u, u], file: "/data/a.tmx")
        let e = try tm.requireEntry(id: 1)
        #expect(e.unit.source == "Open" && e.unit.context == "menu" && e.unit.id == "tu1")
        #expect(e.unit.notes == ["checked"] && e.unit.properties == u.properties && e.unit.creator == "kim")
        #expect(e.seen == 2)
        #expect(e.origins == [EntryOrigin(file: "/data/a.tmx", count: 2)])
        #expect(e.imported != nil)
        #expect(throws: TranslationMemoryError.self) { try tm.requireEntry(id: 99) }
    }

    @Test func editReanalysesAndReindexes() throws {
        let tm = try store(Self.units)
        try expectConsistent(tm, ["Empty the trash", "Empty the recycle bin"])
        let id = try #require(try tm.lookup("Empty the trash").first?.id)
        let edited = try tm.edit(id: id, EntryChange(source: "Empty the recycle bin", context: .some("menu"), notes: ["new"], user: "lee"))
        #expect(edited.unit.source == "Empty the recycle bin")
        #expect(edited.unit.context == "menu" && edited.unit.notes == ["new"] && edited.unit.changer == "lee")
        #expect(edited.unit.changed != nil)
        #expect(try tm.lookup("Empty the recycle bin").first?.score == 100)
        #expect(try tm.lookup("Empty the trash", options: LookupOptions(minScore: 90)).isEmpty)
        #expect(try tm.concordance("recycle").map(\.id) == [id])
        #expect(try tm.concordance("trash").isEmpty)
        // The target side too: Korean lookups see the new text.
        try tm.edit(id: id, EntryChange(target: "휴지통을 비웁니다"))
        #expect(try tm.lookup("휴지통을 비웁니다").first?.id == id)
        try expectConsistent(tm, ["Empty the trash", "Empty the recycle bin", "휴지통 비우기", "휴지통을 비웁니다", "Open the file"])
    }

    @Test func badEditsChangeNothing() throws {
        let tm = try store(Self.units)
        let before = try snapshot(tm)
        #expect(throws: TranslationMemoryError.self) { try tm.edit(id: 999, EntryChange(source: "x")) }
        #expect(throws: TranslationMemoryError.self) { try tm.edit(id: 1, EntryChange(target: "  ")) }
        #expect(throws: TranslationMemoryError.self) { try tm.edit(id: 1, EntryChange()) }
        #expect(try snapshot(tm) == before)
    }

    @Test func deleteByIDRemovesFromIndexAndIsAllOrNothing() throws {
        let tm = try store(Self.units)
        let before = try snapshot(tm)
        #expect(throws: TranslationMemoryError.self) { try tm.delete(ids: [1, 999]) }
        #expect(try snapshot(tm) == before)
        #expect(try tm.delete(ids: [1, 3]) == 2)
        #expect(try tm.count() == 3)
        #expect(try tm.lookup("Open the file in a new window").first?.source == "Open the file in a new tab")
        #expect(try tm.concordance("file").map(\.id) == [2])
        try expectConsistent(tm, ["Open the file in a new window", "Save the file", "파일 저장", "새 창에서 파일 열기"])
        let df = try tm.db.integer("SELECT sum(count) FROM posting WHERE term = \(IndexTerms.hash("en", "w", "file"))")
        #expect(df == 1)
    }

    @Test func deleteByQueryAndByImport() throws {
        let tm = try TranslationMemory(path: temporaryStorePath())
        try tm.importUnits(Self.units.prefix(3), file: "/data/a.po")
        try tm.importUnits(Self.units.suffix(3), file: "/data/b.po")  // shares "Save the file"
        #expect(try tm.count() == 5)
        let shared = try #require(try tm.lookup("Save the file").first)
        #expect(shared.seen == 2)
        let undone = try tm.delete(matching: TMFilter(origin: "a.po"))
        #expect(undone.deleted == 2 && undone.unlinked == 1)
        #expect(try tm.count() == 3)
        let kept = try tm.requireEntry(id: shared.id)
        #expect(kept.seen == 1 && kept.origins.map(\.file) == ["/data/b.po"])
        try expectConsistent(tm, ["Open the file in a new window", "Save the file", "Empty the trash"])
        let byText = try tm.delete(matching: TMFilter(text: "TRASH"))
        #expect(byText.deleted == 1)
        #expect(throws: TranslationMemoryError.self) { try tm.delete(matching: TMFilter()) }
        try expectConsistent(tm, ["Empty the trash", "Change the desktop background"])
    }

    @Test func listFilters() throws {
        let tm = try TranslationMemory(path: temporaryStorePath())
        var a = unit("Open", "열기")
        a.creator = "kim"
        a.created = Date(timeIntervalSince1970: 1_600_000_000)  // 2020-09-13
        a.properties = [.init(type: "x-package", value: "gimp")]
        var b = unit("열기", "Open", from: .korean, to: .english)
        b.changer = "lee"
        b.changed = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14
        try tm.importUnits([a], file: "/x/one.tmx")
        try tm.importUnits([b], file: "/x/two.tmx")
        func ids(_ f: TMFilter) throws -> [Int64] {
            var out: [Int64] = []
            try tm.entries(matching: f) { out.append($0.id) }
            return out
        }
        #expect(try ids(TMFilter()) == [1, 2])
        #expect(try ids(TMFilter(sourceLanguage: .korean)) == [2])
        #expect(try ids(TMFilter(targetLanguage: LanguageTag("ko-KR"))) == [])
        #expect(try ids(TMFilter(user: "kim")) == [1])
        #expect(try ids(TMFilter(user: "lee")) == [2])
        #expect(try ids(TMFilter(since: Date(timeIntervalSince1970: 1_650_000_000))) == [2])
        #expect(try ids(TMFilter(until: Date(timeIntervalSince1970: 1_650_000_000))) == [1])
        #expect(try ids(TMFilter(origin: "two.tmx")) == [2])
        #expect(try ids(TMFilter(origin: "/x/one.tmx")) == [1])
        #expect(try ids(TMFilter(origin: "ne.tmx")) == [])
        #expect(try ids(TMFilter(propertyType: "x-package")) == [1])
        #expect(try ids(TMFilter(propertyType: "x-package", propertyValue: "gimp")) == [1])
        #expect(try ids(TMFilter(propertyType: "x-package", propertyValue: "gim")) == [])
        #expect(try ids(TMFilter(text: "open")) == [1, 2])
        #expect(try ids(TMFilter(user: "kim", text: "닫기")) == [])
        var limited: [Int64] = []
        try tm.entries(limit: 1, offset: 1) { limited.append($0.id) }
        #expect(limited == [2])
        #expect(try tm.count(matching: TMFilter(text: "열")) == 2)
    }
}
