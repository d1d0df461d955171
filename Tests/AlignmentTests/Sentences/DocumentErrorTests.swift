import Alignment
import Segmentation
import TMCore
import Testing

@Suite struct DocumentErrorTests {
    let aligner = SentenceAligner(segmenter: Segmenter(lexicon: KoreanLexicon()))

    func align(_ en: String, _ ko: String, source: LanguageTag = .english, target: LanguageTag = .korean) throws {
        _ = try aligner.align(
            source: AlignmentDocument(name: "a.txt", language: source, text: en, format: .text),
            target: AlignmentDocument(name: "b.txt", language: target, text: ko, format: .text))
    }

    @Test func anEmptyDocumentIsAnError() {
        #expect(throws: SentenceAlignmentError.emptyDocument(file: "a.txt")) { try align("  \n\n ", "안녕하세요.") }
        #expect(throws: SentenceAlignmentError.emptyDocument(file: "b.txt")) { try align("Hello.", "") }
    }

    @Test func aDocumentWithoutSentencesIsAnError() {
        #expect(throws: SentenceAlignmentError.noSentences(file: "b.txt")) { try align("Hello.", "* * *\n\n---\n\n…") }
    }

    @Test func documentsInTheWrongOrderAreAnError() throws {
        let error = #expect(throws: SentenceAlignmentError.self) { try align("안녕하세요. 반갑습니다.", "Hello. Nice to meet you.") }
        guard case let .wrongLanguage(file, role, _, found, share) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(file == "a.txt" && role == "source" && found.contains("Korean") && share > 0.9)
        #expect(error?.description.contains("wrong order") == true)
        // The same pair with the languages given the other way round aligns.
        try align("안녕하세요. 반갑습니다.", "Hello. Nice to meet you.", source: .korean, target: .english)
    }

    @Test func englishTextInsideAKoreanDocumentIsFine() throws {
        try align("Run apt-get update and then apt-get upgrade.", "apt-get update를 실행한 다음 apt-get upgrade를 실행하십시오.")
    }

    @Test func aTargetThatIsNotKoreanIsAnError() {
        #expect(throws: SentenceAlignmentError.self) { try align("Hello there.", "Bonjour tout le monde.") }
    }
}
