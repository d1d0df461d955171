import Segmentation
import TMCore
import Testing
@testable import Alignment

/// The aligner on small synthetic parallel corpora.
@Suite struct TermAlignerTests {
    static let nouns: [(ko: String, en: String)] = [
        ("파일", "file"), ("폴더", "folder"), ("창", "window"), ("이미지", "image"), ("문서", "document"), ("글꼴", "font"),
    ]

    /// English -> Korean UI strings built from a few templates.
    static func corpus() -> [SentencePair] {
        var pairs: [SentencePair] = []
        for (ko, en) in nouns {
            pairs.append(SentencePair(source: "Cannot open the \(en).", target: "\(ko)을(를) 열 수 없습니다."))
            pairs.append(SentencePair(source: "The \(en) name is too long.", target: "\(ko) 이름이 너무 깁니다."))
            pairs.append(SentencePair(source: "Choose a new \(en) name.", target: "새 \(ko) 이름을 고르십시오."))
            pairs.append(SentencePair(source: "Change the \(en) size.", target: "\(ko) 크기를 바꿉니다."))
            pairs.append(SentencePair(source: "Show the \(en) size and name.", target: "\(ko) 크기와 이름을 표시합니다."))
            pairs.append(SentencePair(source: "Delete the selected \(en).", target: "선택한 \(ko)을(를) 지웁니다."))
        }
        return pairs
    }

    static func best(_ terms: [TermPair], _ source: String) -> String? {
        terms.filter { $0.source == source }.max { $0.score < $1.score }?.target
    }

    @Test func singleWordsAndMultiWordTermsFromParallelText() throws {
        let aligner = TermAligner(options: .init(sourceLanguage: .english, targetLanguage: .korean, minCount: 2, threads: 2))
        let result = try aligner.align(Self.corpus())
        #expect(result.pairsUsed == 36)
        for (ko, en) in Self.nouns where en != "window" {
            #expect(Self.best(result.terms, en) == ko, "\(en)")
        }
        #expect(Self.best(result.terms, "name") == "이름")
        #expect(Self.best(result.terms, "size") == "크기")
        #expect(Self.best(result.terms, "file name") == "파일 이름")
        #expect(Self.best(result.terms, "font size") == "글꼴 크기")
        let fileName = try #require(result.terms.first { $0.source == "file name" && $0.target == "파일 이름" })
        #expect(fileName.count >= 1 && fileName.sourceCount == 2)
        #expect(fileName.examples.count == fileName.count)
        #expect(fileName.examples.allSatisfy { $0.source.contains("file name") && $0.target.contains("파일 이름") })
    }

    @Test func aForSuffixOrAWhetherEndingOnAFrequentWordIsTrimmed() throws {
        var pairs = Self.corpus()
        // `문서용` (for documents) and `문서인지` (whether ... a document): the corpus knows `문서`.
        pairs.append(SentencePair(source: "A template for the document.", target: "문서용 서식입니다."))
        pairs.append(SentencePair(source: "Check that it is a document.", target: "문서인지 확인합니다."))
        let result = try TermAligner(options: .init(sourceLanguage: .english, targetLanguage: .korean, minCount: 2, threads: 2)).align(pairs)
        #expect(Self.best(result.terms, "document") == "문서")
        #expect(!result.terms.contains { $0.target == "문서용" || $0.target == "문서인지" })
    }

    @Test func eachNounIsItsTranslationsBestMatchBothWays() throws {
        let texts = Self.corpus()
        let segmenter = Segmenter()
        let sides = texts.map { (AnalyzedSide(segmenter.analyze($0.source)), AnalyzedSide(segmenter.analyze($0.target))) }
        let corpus = AlignmentCorpus(pairs: sides, texts: texts)
        var aligner = WordAligner(pairs: corpus.pairs)
        aligner.train(pairs: corpus.pairs, sourceVocabulary: corpus.source.count, targetVocabulary: corpus.target.count,
                      options: .init(iterations: 5, hmmIterations: 0, threads: 1))
        let best = aligner.bestTranslations(sourceVocabulary: corpus.source.count, targetVocabulary: corpus.target.count)
        for (ko, en) in Self.nouns where en != "window" {
            let s = try #require(corpus.source.lookup(en)), t = try #require(corpus.target.lookup(ko))
            #expect(best.bySource[Int(s)] == t, "\(en)")
            #expect(best.byTarget[Int(t)] == s, "\(ko)")
        }
    }

    @Test func resultsDoNotDependOnThreads() throws {
        let one = try TermAligner(options: .init(sourceLanguage: .english, targetLanguage: .korean, threads: 1)).align(Self.corpus())
        let two = try TermAligner(options: .init(sourceLanguage: .english, targetLanguage: .korean, threads: 2)).align(Self.corpus())
        #expect(one.terms == two.terms)
    }

    @Test func emptySidesAreSkippedAndCounted() throws {
        var pairs = Self.corpus()
        pairs.append(SentencePair(source: "Empty target", target: "  "))
        pairs.append(SentencePair(source: "", target: "빈 원문"))
        let result = try TermAligner(options: .init(sourceLanguage: .english, targetLanguage: .korean)).align(pairs)
        #expect(result.pairsSkippedEmpty == 2)
        #expect(result.pairsUsed == 36)
    }

    @Test func swappedLanguagesAreAnError() {
        let swapped = Self.corpus().map { SentencePair(source: $0.target, target: $0.source) }
        #expect(throws: AlignmentError.self) {
            try TermAligner(options: .init(sourceLanguage: .english, targetLanguage: .korean)).align(swapped)
        }
        #expect(throws: AlignmentError.self) {
            try TermAligner(options: .init(sourceLanguage: .english, targetLanguage: .korean)).align([SentencePair(source: "a", target: "")])
        }
    }

    @Test func aMinorityOfSwappedPairsIsSkippedAndCounted() throws {
        var pairs = Self.corpus()
        pairs.append(SentencePair(source: "파일을 열 수 없습니다.", target: "Cannot open the file."))
        let result = try TermAligner(options: .init(sourceLanguage: .english, targetLanguage: .korean)).align(pairs)
        #expect(result.pairsSkippedSwapped == 1)
        #expect(result.pairsUsed == 36)
    }

    /// A quoted title whose words cross (Korean puts the head last): the derived noun answers
    /// the English word derived alike, and elimination settles the other.
    @Test func crossedWordsInATinyCorpusSettleByDerivationAndElimination() throws {
        let pairs = [
            SentencePair(source: "푸틴 트럼프에 ‘협상 장기화’", target: "Putin Trump's 'Prolonged Negotiations'"),
            SentencePair(source: "트럼프 휴전", target: "Trump Ceasefire"),
        ]
        let result = try TermAligner(options: .init(sourceLanguage: .korean, targetLanguage: .english, minCount: 1)).align(pairs)
        #expect(Self.best(result.terms, "장기화") == "prolonged")
        #expect(Self.best(result.terms, "협상") == "negotiations")
        #expect(result.terms.filter { $0.source == "협상" || $0.source == "장기화" }.allSatisfy { $0.score < 0.5 || ["prolonged", "negotiations"].contains($0.target) })
    }

    @Test func numbersAlignByValue() throws {
        let pairs = [
            SentencePair(source: "유럽 관세 280억 유로", target: "EU tariffs of 28 billion euros"),
            SentencePair(source: "유럽 관세 대응", target: "EU tariff response"),
            SentencePair(source: "관세 30일 유예", target: "a 30-day tariff delay"),
        ]
        let result = try TermAligner(options: .init(sourceLanguage: .korean, targetLanguage: .english, minCount: 1)).align(pairs)
        #expect(Self.best(result.terms, "280억") == "28 billion")
        #expect(Self.best(result.terms, "대응") == "response")
    }

    @Test func namesAlignByTransliterationInATinyCorpus() throws {
        let pairs = [
            SentencePair(source: "푸틴 트럼프 회담", target: "Putin and Trump meet"),
            SentencePair(source: "트럼프 우크라이나 휴전", target: "Trump wants a Ukraine ceasefire"),
        ]
        let result = try TermAligner(options: .init(sourceLanguage: .korean, targetLanguage: .english, minCount: 1)).align(pairs)
        #expect(Self.best(result.terms, "푸틴") == "Putin")
        #expect(Self.best(result.terms, "트럼프") == "Trump")
        #expect(Self.best(result.terms, "우크라이나") == "Ukraine")
        #expect(result.terms.first { $0.source == "푸틴" }?.transliteration == true)
    }
}
