import Testing
@testable import Pretranslation
import TMCore
import Terminology

@Suite struct GlossaryTermSpotterTests {
    static let index = GlossaryIndex([("news", Glossary(sourceLanguage: .korean, targetLanguage: .english, entries: [
        GlossaryEntry(source: "안보", target: "security"),
        GlossaryEntry(source: "협상", target: "negotiation"),
        GlossaryEntry(source: "유럽 안보", target: "European security"),
    ]))])

    @Test func spotsInflectedKoreanTermsLongestFirst() throws {
        let spotter = GlossaryTermSpotter(index: Self.index)
        let terms = try spotter.terms(in: "유럽안보를 위한 협상이 길어졌다.", languages: LanguagePair(source: .korean, target: .english))
        #expect(terms.map(\.term) == ["유럽 안보", "협상"])
        #expect(terms.map(\.translations) == [["European security"], ["negotiation"]])
        #expect(terms.first?.noteText == "유럽 안보 → European security")
    }

    @Test func aKoreanEnglishGlossaryServesAnEnglishKoreanRun() throws {
        let spotter = GlossaryTermSpotter(index: Self.index)
        let terms = try spotter.terms(in: "Security negotiations stalled.", languages: LanguagePair(source: .english, target: .korean))
        #expect(terms.map(\.term) == ["security", "negotiation"])
        #expect(terms.map(\.translations) == [["안보"], ["협상"]])
    }

    @Test func theInMemorySpotterMatchesByKeysToo() {
        let spotter = InMemoryTermSpotter(Fixture.glossary)
        let terms = spotter.terms(in: "Open the files and save documents.", languages: Fixture.enKo)
        #expect(terms.map(\.term) == ["open the file", "document"])
        #expect(terms.map(\.surface) == ["Open the files", "documents"])
    }
}
