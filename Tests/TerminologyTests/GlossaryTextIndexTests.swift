import Foundation
import Segmentation
import TMCore
import Testing
@testable import Terminology

/// Spotting through the store's key index (`GlossaryTextIndex`): only the terms whose keys
/// occur in the text are read, and the spots are exactly those of an index of the whole
/// glossary.
@Suite struct GlossaryTextIndexTests {
    static func storePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-gti-\(UUID().uuidString)/g.sqlite").path
    }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus").path

    /// The corpus's gold UI terms (English -> Korean) as a glossary, and sentences of
    /// `dev_pairs.tsv` in both languages (every 150th pair); nil without the corpus.
    static func corpusGlossary() throws -> (store: GlossaryStore, texts: [String])? {
        guard let gold = try? String(contentsOfFile: corpus + "/dev_terms_gold.tsv", encoding: .utf8),
              let pairs = try? String(contentsOfFile: corpus + "/dev_pairs.tsv", encoding: .utf8) else { return nil }
        var entries: [GlossaryEntry] = []
        for line in gold.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count > 2 else { continue }
            entries.append(GlossaryEntry(source: String(f[0]), target: String(f[1]), score: 0.9))
        }
        let store = try GlossaryStore(path: storePath())
        try store.importTermBase(TermBase(pairs: Glossary(sourceLanguage: .english, targetLanguage: .korean, entries: entries)), user: nil)
        var texts: [String] = []
        for (n, line) in pairs.split(separator: "\n").dropFirst().enumerated() where n % 150 == 0 {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count > 2 else { continue }
            texts += [String(f[1]), String(f[2])]
        }
        return (store, texts)
    }

    @Test func spotsWhatTheWholeIndexSpotsReadingOnlyAPart() throws {
        guard let (store, texts) = try Self.corpusGlossary() else { return }
        let whole = TermSpotter(index: try GlossaryIndex(stores: [("gold", store)]))
        let partial = try GlossaryTextIndex(stores: [("gold", store)])
        // One sentence reads a small part of the store: the bound is relative, since the size of
        // the part depends on the corpus (a common word is a key of many terms).
        let termCount = try store.termCount()
        var spotted = 0
        for text in texts {
            let index = try partial.index(for: [text])
            #expect(index.count * 20 < termCount, "\(index.count) of \(termCount) terms read for one sentence")
            let expected = whole.spot(text).spots
            #expect(TermSpotter(index: index).spot(text).spots == expected, "\(text)")
            spotted += expected.count
        }
        #expect(texts.count > 1000 && spotted > texts.count / 2)
        // A batch read at once spots the same.
        let batch = try GlossaryTextIndex(stores: [("gold", store)]).index(for: texts)
        #expect(batch.count < termCount)
        for text in texts.prefix(200) { #expect(TermSpotter(index: batch).spot(text).spots == whole.spot(text).spots) }
    }

    @Test func learnsTheGlossaryWordsInsideTheText() throws {
        let store = try GlossaryStore(path: Self.storePath())
        try store.importTermBase(TermBase(pairs: Glossary(sourceLanguage: .korean, targetLanguage: .english, entries: [
            GlossaryEntry(source: "유럽", target: "Europe"),
            GlossaryEntry(source: "안보", target: "security"),
            GlossaryEntry(source: "협상 장기화", target: "prolonged negotiations"),
        ])), user: nil)
        let text = "유럽안보를 위한 협상 장기화가 우려된다."
        let index = try GlossaryTextIndex(stores: [("t", store)], lexicon: KoreanLexicon()).index(for: [text])
        #expect(index.segmenter.lexicon.words == ["유럽", "안보", "협상", "장기화"])
        let spots = TermSpotter(index: index).spot(text).spots
        #expect(spots.map(\.term) == ["유럽", "안보", "협상 장기화"])
        #expect(index.count == 6)
    }
}
