import Foundation
import TMCore
import Testing
@testable import Terminology

/// The glossary store: concepts kept whole, terms indexed by match key, status-aware look-up,
/// review changes as transactions, and the compile cache of exchange files.
@Suite struct GlossaryStoreTests {
    static func storePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-gs-\(UUID().uuidString)/g.sqlite").path
    }

    static func store(_ xml: String = fullTBXBasic) throws -> GlossaryStore {
        let store = try GlossaryStore(path: storePath())
        try store.importTermBase(try readTBX(xml), user: nil)
        return store
    }

    /// TBX 2019 -> store -> TBX 2008 -> store: the same concepts, every field kept (statuses,
    /// part of speech, term type, subject field, definitions, notes, transactions, properties,
    /// synonyms in one concept).
    @Test func roundTripThroughTheStoreAndBothDialectsLosesNothing() throws {
        let base = try readTBX(fullTBXBasic)
        let first = try Self.store()
        let stored = try first.termBase()
        #expect(stored.concepts == base.concepts)
        let old = TBXWriter.document(stored, dialect: .tbx2008)
        #expect(old.contains("<martif type=\"TBX-Basic\""))
        let second = try GlossaryStore(path: Self.storePath())
        try second.importTermBase(try readTBX(old, name: "old.tbx"), user: nil)
        let back = try second.termBase()
        #expect(back.concepts == base.concepts)
        let c = try #require(back.concepts.first)
        #expect(c.terms.count == 5 && c.subjectField == "International relations" && !c.definitions.isEmpty && !c.transactions.isEmpty)
        #expect(c.terms[0].termType == "fullForm" && c.terms[0].partOfSpeech == .noun && c.terms[0].transactions.count == 1)
        #expect(try second.conceptCount() == 1 && second.termCount() == 5)
    }

    @Test func lookupRanksByStatusAndMarksWhatMayNotBeOffered() throws {
        let store = try Self.store()
        let lookup = GlossaryLookup(stores: [("t", store)])
        let hits = try lookup.lookup("안보를")
        #expect(hits.first?.target == "security")
        #expect(hits.first?.status == .preferred)
        let english = try lookup.lookup("security")
        // Preferred first, then admitted, the superseded 보안 last and marked.
        #expect(english.map(\.target).prefix(2) == ["안보", "안전 보장"])
        #expect(english.last?.target == "보안" && english.last?.status == .superseded)
        let spotter = TermSpotter(index: try GlossaryIndex(stores: [("t", store)]))
        let spots = spotter.spot("We discussed security and safety.").spots
        #expect(spots.map(\.term) == ["security"])
        #expect(spots.first?.translations == ["안보", "안전 보장"])
    }

    @Test func reviewChangesAreTransactionsWithUserAndDate() throws {
        let store = try GlossaryStore(path: Self.storePath())
        try store.importTermBase(TermBase(pairs: Glossary(sourceLanguage: .korean, targetLanguage: .english, entries: [
            GlossaryEntry(source: "설정", target: "settings", score: 0.95, statistics: .init(count: 20, sourceCount: 22, targetCount: 21)),
            GlossaryEntry(source: "설정", target: "setting up", score: 0.4, statistics: .init(count: 2, sourceCount: 22, targetCount: 3)),
            GlossaryEntry(source: "폴더", target: "folder", score: 0.9, statistics: .init(count: 9, sourceCount: 9, targetCount: 9)),
        ])), user: "builder")
        let candidates = try store.reviewEntries(status: .candidate, sort: .score)
        #expect(candidates.map(\.term.text) == ["settings", "folder", "setting up"])
        #expect(try store.reviewEntries(sort: .frequency).map(\.term.text) == ["settings", "folder", "setting up"])
        #expect(try store.setStatus(.admitted, of: store.reviewEntries(status: .candidate, minScore: 0.8, sort: .id).map(\.ref), user: "kim") == 2)
        let settings = try #require(try store.concept(1)?.terms[1])
        #expect(settings.status == .admitted)
        #expect(settings.transactions.last?.user == "kim" && settings.transactions.last?.kind == .modification)
        #expect(settings.transactions.last?.date?.hasPrefix(String(ISO8601DateFormatter().string(from: Date()).prefix(10))) == true)
        #expect(try store.reject([TermRef(concept: 1, position: 2)], user: "kim") == 1)
        #expect(try store.concept(1)?.terms.map(\.text) == ["설정", "settings"])
        // A concept left with one language goes.
        #expect(try store.reject([TermRef(concept: 2, position: 1)], user: "kim") == 1)
        #expect(try store.concept(2) == nil)
        #expect(throws: TerminologyError.self) { try store.setStatus(.preferred, of: [TermRef(concept: 9)], user: "kim") }
    }

    @Test func twoReviewersAtOnceLoseNothing() throws {
        let path = Self.storePath()
        let setup = try GlossaryStore(path: path)
        let entries = (0..<40).map { GlossaryEntry(source: "용어\($0)", target: "term \($0)", score: 0.5, statistics: .init(count: 1, sourceCount: 1, targetCount: 1)) }
        try setup.importTermBase(TermBase(pairs: Glossary(sourceLanguage: .korean, targetLanguage: .english, entries: entries)), user: nil)
        // Two connections (as two processes have) change the same concepts, one term each, interleaved.
        let threads = (0..<2).map { reviewer in
            Thread {
                let store = try! GlossaryStore(path: path, create: false)
                for id in 1...40 {
                    try! store.update([TermRef(concept: Int64(id), position: reviewer)], user: "reviewer\(reviewer)", note: "edit") { term in
                        term.notes.append("seen by \(reviewer)")
                        return true
                    }
                }
            }
        }
        threads.forEach { $0.start() }
        while threads.contains(where: { !$0.isFinished }) { usleep(1000) }
        try setup.forEachConcept { _, c in
            #expect(c.terms[0].notes == ["seen by 0"] && c.terms[1].notes == ["seen by 1"])
            #expect(c.terms[0].transactions.last?.user == "reviewer0" && c.terms[1].transactions.last?.user == "reviewer1")
        }
    }

    @Test func theCompileCacheIsRebuiltWhenTheFileChanges() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("terms.tsv").path
        try Data("설정\tsettings\n".utf8).write(to: URL(fileURLWithPath: file))
        setenv("TMKIT_HOME", dir.path, 1)
        defer { unsetenv("TMKIT_HOME") }
        var compiled = false
        #expect(try GlossaryCache.store(for: file, compiled: &compiled).termCount() == 2 && compiled)
        compiled = false
        _ = try GlossaryCache.store(for: file, compiled: &compiled)
        #expect(!compiled)
        // Touched, same content: no compile.
        utimes(file, nil)
        _ = try GlossaryCache.store(for: file, compiled: &compiled)
        #expect(!compiled)
        try Data("설정\tsettings\n폴더\tfolder\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try GlossaryCache.store(for: file, compiled: &compiled).termCount() == 4 && compiled)
        // A bad edit is an error naming the line; the last good index stays.
        try Data("설정\tsettings\n\tfolder\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect { _ = try GlossaryCache.store(for: file) } throws: { "\($0)".hasPrefix(file + ":2:1:") }
        #expect(try GlossaryStore(path: GlossaryCache.storePath(for: file), create: false, readOnly: true).termCount() == 4)
    }

    @Test func termPairsFollowTheAskedDirectionAndLeaveOutDeprecatedTerms() throws {
        let store = try Self.store()
        let pairs = try store.termPairs(from: .english, to: .korean).map { "\($0.source)>\($0.target)" }
        #expect(pairs == ["security>안보", "security>안전 보장"])
    }
}
