import Testing
@testable import Alignment

@Suite struct TransliterationSimilarityTests {
    @Test(arguments: [("트럼프", "Trump"), ("푸틴", "Putin"), ("우크라이나", "Ukraine"), ("바이든", "Biden"), ("유럽", "Europe"),
                      ("유럽", "European"), ("파일", "file"), ("폴더", "folder"), ("아이콘", "icon"), ("스위스", "Swiss")])
    func namesAndLoanwordsSoundAlike(hangul: String, latin: String) {
        var similarity = TransliterationSimilarity()
        #expect(similarity.similarity(hangul: hangul, latin: latin) >= 0.75, "\(hangul) ~ \(latin)")
    }

    @Test(arguments: [("안보", "security"), ("협상", "negotiations"), ("휴전", "ceasefire"), ("트럼프", "Putin"), ("관세", "tariff")])
    func translationsDoNot(hangul: String, latin: String) {
        var similarity = TransliterationSimilarity()
        #expect(similarity.similarity(hangul: hangul, latin: latin) < 0.6, "\(hangul) ~ \(latin)")
    }

    @Test func symmetrizationKeepsTheIntersectionAndGrows() {
        // Forward and backward agree on (0,0); (1,1) only forward, neighbouring (0,0): grown in.
        let links = Symmetrizer.growDiagFinalAnd([0 * 4096 + 0, 1 * 4096 + 1], [0 * 4096 + 0], m: 2, n: 2)
        #expect(links.map { [$0.0, $0.1] } == [[0, 0], [1, 1]])
        let none = Symmetrizer.growDiagFinalAnd([], [], m: 2, n: 2)
        #expect(none.isEmpty)
    }
}
