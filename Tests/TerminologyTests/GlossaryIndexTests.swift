import Foundation
import Segmentation
import TMCore
import Testing
@testable import Terminology

@Suite struct GlossaryIndexTests {
    static let glossary = Glossary(sourceLanguage: .korean, targetLanguage: .english, entries: [
        GlossaryEntry(source: "안보", target: "security", score: 0.9),
        GlossaryEntry(source: "협상", target: "negotiation", score: 0.8),
        GlossaryEntry(source: "유럽안보", target: "European security", score: 0.95),
        GlossaryEntry(source: "협상 장기화", target: "prolonged negotiations", score: 0.9),
        GlossaryEntry(source: "트럼프", target: "Trump"),
        GlossaryEntry(source: "280억", target: "28 billion", score: 0.98),
    ])
    static let index = GlossaryIndex([("test", glossary)], lexicon: KoreanLexicon())

    @Test(arguments: ["안보", "안보의", "안보를", "안보는"])
    func inflectedKoreanFindsItsEntry(query: String) throws {
        let first = try #require(Self.index.lookup(query).first)
        #expect(first.source == "안보" && first.target == "security")
        #expect(first.kind == (query == "안보" ? .exact : .inflected))
    }

    @Test func englishLemmasAndBothDirections() throws {
        let hits = Self.index.lookup("Negotiations")
        #expect(hits.first?.source == "negotiation" && hits.first?.target == "협상")
        #expect(Self.index.lookup("security").first?.target == "안보")
        #expect(Self.index.lookup("TRUMP").first?.target == "트럼프")
        #expect(Self.index.lookup("european security").first?.target == "유럽안보")
    }

    @Test func fuzzySuggestionsWhenNothingMatches() throws {
        let hits = Self.index.lookup("securty")
        #expect(hits.first?.kind == .fuzzy && hits.first?.source == "security")
        #expect(Self.index.lookup("securty", fuzzy: false).isEmpty)
        #expect(Self.index.lookup("완전히다른말").isEmpty)
    }

    @Test func spotsTermsInTextWithInflections() {
        let (sentences, spots) = TermSpotter(index: Self.index).spot("트럼프는 유럽안보를 말했다. 협상 장기화가 우려된다.")
        #expect(sentences.count == 2)
        #expect(spots.map(\.term) == ["트럼프", "유럽안보", "협상 장기화"])
        #expect(spots.map(\.text) == ["트럼프", "유럽안보", "협상 장기화"])
        #expect(spots[1].translations == ["European security"])
        #expect(spots[2].sentence == 1)
        // Numbers: both sides share the key; the translation is the other side, not the term.
        let (_, numbers) = TermSpotter(index: Self.index).spot("관세 280억 유로")
        #expect(numbers.map(\.text) == ["280억"])
        #expect(numbers.first?.translations == ["28 billion"])
        #expect(Self.index.lookup("280억").map(\.target) == ["28 billion"])
    }
}
