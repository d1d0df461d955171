import Testing
import TMCore
@testable import Segmentation

@Suite struct KoreanAnalyzerTests {
    /// A segmenter that knows only the words given (no system dictionary).
    func segmenter(_ words: [String] = []) -> Segmenter { Segmenter(lexicon: KoreanLexicon(words: Set(words))) }

    func pieces(_ text: String, words: [String] = []) -> [String] {
        segmenter(words).analyze(text).tokens.map { "\($0.text)/\($0.kind.rawValue)" }
    }

    @Test func particleSplitsFromAStemSeenElsewhereInTheText() {
        let segments = segmenter().analyzeDocument("유럽 트럼프 관세 대응\n푸틴 트럼프에 대응")
        let tokens = segments[1].tokens
        #expect(tokens.map(\.text) == ["푸틴", "트럼프", "에", "대응"])
        #expect(tokens[1].kind == .word && tokens[1].key == "트럼프")
        #expect(tokens[2].kind == .particle && tokens[2].key == "에")
    }

    @Test func strongParticlesSplitEvenFromUnknownStems() {
        #expect(pieces("안보를") == ["안보/word", "를/particle"])
        #expect(pieces("협상에서는") == ["협상/word", "에서는/particle"])
        #expect(pieces("푸틴에게") == ["푸틴/word", "에게/particle"])
    }

    @Test(arguments: ["회의", "결과", "도로", "우크라이나", "마을", "가을"])
    func wordsThatOnlyEndLikeAParticleStayWhole(word: String) {
        #expect(pieces(word) == ["\(word)/word"])
        // Also when the system dictionary knows a shorter word inside them.
        #expect(pieces(word, words: [String(word.prefix(1)), word]) == ["\(word)/word"])
    }

    @Test func theKeyOfAnInflectedNounIsItsStem() {
        let keys = segmenter().analyze("안보는 안보를 안보의").tokens.filter { $0.kind == .word }.map(\.key)
        #expect(keys == ["안보", "안보", "안보"])
    }

    @Test func compoundsSplitWhereThePartsAreKnownWords() {
        #expect(pieces("유럽안보", words: ["유럽", "안보"]) == ["유럽/word", "안보/word"])
        #expect(pieces("극우배제에", words: ["극우", "배제"]) == ["극우/word", "배제/word", "에/particle"])
        // Parts learned from the text: both stand alone elsewhere.
        let doc = segmenter().analyzeDocument("유럽 안보\n유럽안보")
        #expect(doc[1].tokens.map(\.key) == ["유럽", "안보"])
        // Unknown parts: the compound stays whole.
        #expect(pieces("극우배제") == ["극우배제/word"])
    }

    @Test func derivationsAndVerbEndingsSplitFromKnownStems() {
        // Derived nouns are words of their own; plurals split off.
        #expect(pieces("장기화", words: ["장기"]) == ["장기화/word"])
        #expect(pieces("중요성을", words: ["중요"]) == ["중요성/word", "을/particle"])
        #expect(pieces("사람들", words: ["사람"]) == ["사람/word", "들/ending"])
        #expect(pieces("협상했다") == ["협상/word", "했다/ending"])
        #expect(pieces("결렬된") == ["결렬/word", "된/ending"])
        #expect(pieces("없습니다") == ["없/word", "습니다/ending"])
    }

    @Test func particlesGluedToForeignWordsNumbersAndPlaceholders() {
        #expect(pieces("NATO를") == ["NATO/word", "를/particle"])
        #expect(pieces("%s을") == ["%s/placeholder", "을/particle"])
        #expect(pieces("‘스위스화’를", words: ["스위스"]) == ["‘/punctuation", "스위스화/word", "’/punctuation", "를/particle"])
        #expect(pieces("2022년에") == ["2022/number", "년/word", "에/particle"])
    }

    @Test func decomposedHangulIsAnalysedAndKeepsItsOffsets() {
        let nfd = "안보를".decomposedStringWithCanonicalMapping
        let tokens = segmenter().analyze(nfd).tokens
        #expect(tokens.map(\.key) == ["안보", "를"])
        #expect(tokens[0].start == 0 && tokens[0].end == 5 && tokens[1].end == 8)
        #expect(tokens[0].text == "안보".decomposedStringWithCanonicalMapping)
    }

    @Test func userLexiconFileIsRead() throws {
        let path = NSTemporaryDirectory() + "tmkit-lexicon-\(UInt32.random(in: 0...UInt32.max)).txt"
        try "# my words\n극우\n배제\t(exclusion)\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        var lexicon = KoreanLexicon()
        try lexicon.addFile(at: path)
        #expect(lexicon.contains("극우") && lexicon.contains("배제") && lexicon.words.count == 2)
        #expect(throws: SegmentationError.self) { try lexicon.addFile(at: path + ".missing") }
    }
}

import Foundation
