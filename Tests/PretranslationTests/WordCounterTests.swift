import Testing
@testable import Pretranslation

@Suite struct WordCounterTests {
    @Test(arguments: [
        ("Open the file.", 3),
        ("Don't save e-mail drafts -- ever!", 5),
        ("  spaced   out  ", 2),
        ("The 2024 budget: $28 billion", 5),
        ("트럼프에게 유럽안보 협상을 제안했다.", 4),
        ("— ... !!", 0),
        ("", 0),
    ])
    func countsWordsAsCATTools(text: String, words: Int) {
        #expect(WordCounter.words(text) == words)
    }

    @Test func countsNonSpaceCharacters() {
        #expect(WordCounter.characters("안보 협상.") == 5)
        #expect(WordCounter.characters("a b") == 2)
    }

    @Test(arguments: [
        (nil, MatchBand.noMatch), (49, .noMatch), (50, .fuzzy50), (74, .fuzzy50), (75, .fuzzy75), (84, .fuzzy75),
        (85, .fuzzy85), (94, .fuzzy85), (95, .fuzzy95), (99, .fuzzy95), (100, .exact), (101, .context),
    ] as [(Int?, MatchBand)])
    func bandsHaveTheBilledBoundaries(score: Int?, band: MatchBand) {
        #expect(MatchBand(score: score) == band)
    }
}
