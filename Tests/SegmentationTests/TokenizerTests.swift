import Testing
import TMCore
@testable import Segmentation

@Suite struct TokenizerTests {
    let segmenter = Segmenter(lexicon: KoreanLexicon())

    func tokens(_ text: String) -> [Token] { segmenter.analyze(text).tokens }

    @Test func englishKeysAreCaseFoldedAndLightlyLemmatized() {
        let t = tokens("Negotiations DEMANDS Russia’s policies U.S. talks")
        #expect(t.map(\.key) == ["negotiation", "demand", "russia", "policy", "u.s.", "talk"])
        #expect(t[4].text == "U.S." && t[4].kind == .word)
    }

    @Test func numbersShareAKeyWhateverTheirNotation() {
        let keys = ["280억", "28,000,000,000", "28 billion"].map { tokens($0).first!.key }
        #expect(keys == ["28000000000", "28000000000", "28000000000"])
        #expect(tokens("280억 유로").map(\.kind) == [.number, .word])
        #expect(tokens("30-day").map(\.key) == ["30", "-", "day"])
        #expect(tokens("3.5%").map(\.key) == ["3.5", "%"])
        #expect(tokens("12th").first!.key == "12")
        #expect(tokens("1조 2천억").map(\.key) == ["1000000000000", "200000000000"])
    }

    @Test func placeholdersAreTokensOfTheirOwn() {
        let t = tokens("Delete %s files in {0}? <b>Yes</b> &amp; %1$d")
        let placeholders = t.filter { $0.kind == .placeholder }.map(\.text)
        #expect(placeholders == ["%s", "{0}", "<b>", "</b>", "&amp;", "%1$d"])
        #expect(t.first { $0.text == "Yes" }?.kind == .word)
    }

    @Test func keysFoldQuotesWidthAndSpacesButTheTextKeepsItsForm() {
        let t = tokens("“Ｐｅａｃｅ” ‘talks’")
        #expect(t.map(\.text) == ["“", "Ｐｅａｃｅ", "”", "‘", "talks", "’"])
        #expect(t.map(\.key) == ["\"", "peace", "\"", "'", "talk", "'"])
    }

    @Test func offsetsCountCodePointsIntoTheOriginalText() {
        let text = "“유럽안보” 😀 Trump에"
        let t = tokens(text)
        let scalars = Array(text.unicodeScalars)
        for token in t {
            #expect(String(String.UnicodeScalarView(scalars[token.start..<token.end])) == token.text)
        }
        #expect(t.last?.kind == .particle)
    }

    @Test func scriptsAreReported() {
        let t = tokens("NATO 안보 280억 東京 !")
        #expect(t.map(\.script) == [.latin, .hangul, .mixed, .han, .common])
    }
}
