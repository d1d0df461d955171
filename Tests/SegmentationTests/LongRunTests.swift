import Testing
import TMCore
@testable import Segmentation

/// Korean analysis stays linear in the length of a word: a run of Hangul without a space
/// (a pasted table, a broken export) is analysed in one pass, never hangs.
@Suite struct LongRunTests {
    static let words = ["유럽", "안보", "협상", "장기화", "트럼프", "관세", "대응", "정부", "경제", "회의"]

    /// `count` syllables of the words above, glued, in a fixed pseudo-random order.
    static func run(syllables count: Int, extra: [String] = []) -> String {
        let pool = words + extra
        var scalars: [Unicode.Scalar] = []
        var state: UInt64 = 42
        while scalars.count < count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            scalars += pool[Int(state >> 33) % pool.count].unicodeScalars
        }
        return makeString(scalars.prefix(count))
    }

    @Test func aHundredThousandSyllableRunOfKnownWordsSplitsIntoThem() {
        let text = Self.run(syllables: 100_000)
        let segmenter = Segmenter(lexicon: KoreanLexicon(words: Set(Self.words)))
        let tokens = segmenter.analyze(text).tokens
        #expect(tokens.count > 10_000)
        #expect(tokens.map(\.text).joined() == text)
        #expect(tokens.allSatisfy { $0.script == .hangul })
    }

    @Test func aHundredThousandSyllableRunWithParticlesInsideCompletes() {
        let text = Self.run(syllables: 100_000, extra: ["를", "에서", "의"])
        let segments = Segmenter(lexicon: KoreanLexicon(words: Set(Self.words))).analyzeDocument(text + "\n" + text + "를")
        #expect(segments.count == 2)
        for segment in segments {
            #expect(!segment.tokens.isEmpty)
            #expect(segment.tokens.map(\.text).joined() == segment.text)
        }
    }
}
