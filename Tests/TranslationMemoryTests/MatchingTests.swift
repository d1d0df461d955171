import Foundation
import Segmentation
import Testing
import TMCore
@testable import TranslationMemory

@Suite struct MatchingTests {
    static let ten = "the quick brown fox jumps over the lazy sleeping dog"

    func score(_ query: String, _ entry: String) -> Int {
        let s = Segmenter()
        let scorer = FuzzyScorer(query: AnalyzedSide(s.analyze(query)), text: query)
        return scorer.score(AnalyzedSide(s.analyze(entry)), text: entry)
    }

    @Test func identicalTextScores100() {
        #expect(score(Self.ten, Self.ten) == 100)
    }

    @Test func oneWordOfTenReplacedOrDeletedScores90() {
        #expect(score(Self.ten, "the quick brown cat jumps over the lazy sleeping dog") == 90)
        #expect(score(Self.ten, "the quick brown jumps over the lazy sleeping dog") == 90)
        #expect(score("the quick brown jumps over the lazy sleeping dog", Self.ten) == 90)
    }

    @Test func oneWordInsertedIntoTenScoresAbout90() {
        let s = score(Self.ten, "the quick brown fox jumps high over the lazy sleeping dog")
        #expect((90...91).contains(s))
    }

    /// Inline codes weigh less than a content word: a text that differs only by a pair of codes
    /// scores above one that differs by one word of the same length.
    @Test func inlineCodesCostLessThanAWord() {
        let g = { (id: String, text: String) in
            CodedText.encode([.text("Click "), .code(InlineCode(.open, id: id)), .text(text), .code(InlineCode(.close, id: id)), .text(" to save the file now")])
        }
        let plain = "Click here to save the file now"
        let coded = score(g("1", "here"), plain)
        let word = score(plain, "Click there to save the file now")
        #expect(coded > word, "codes \(coded), word \(word)")
        #expect(coded < 100)
        // Codes that differ only in id or native content are the same codes.
        #expect(score(g("1", "here"), g("7", "here")) >= 99)
        // A pair of codes alone weighs less than the word it wraps.
        #expect(score(g("1", "here"), g("1", "there")) < coded)
    }

    @Test func caseOrPunctuationAloneCostLittle() {
        #expect(score("Open the file", "open the file") == 99)
        #expect(score("Open the file", "Open the file.") == 98)
        #expect(score("Open the file", "Open  the file") == 99)
    }

    @Test func numbersAndPlaceholdersThatDifferCostExtra() {
        // A number that differs only in value costs 0.25 of a word, and 1 point more (issue 14:
        // this scored 82, as if a content word had changed); a placeholder of another type is
        // a word edit and 1 point more; a content word of 6 scores 83.
        #expect(score("Delete 3 files from the folder", "Delete 5 files from the folder") == 95)
        #expect(score("Delete %s files from the folder", "Delete %d files from the folder") == 82)
        #expect(score("Delete old files from the folder", "Delete new files from the folder") == 83)
        #expect(score("Delete 3 files from the folder", "Delete three files from the folder") < 90)
    }

    /// The short UI strings of issue 14, with the scores they had before in comments.
    @Test func shortStringsAreNotPunishedForArticlesNumbersOrAccelerators() {
        let dropped = score("Empty the trash", "Empty Trash")  // was 67
        let other = score("Empty the trash", "Open the trash")  // 67
        #expect(dropped >= 85)
        #expect(other == 67)
        #expect(score("Delete selected files", "Delete the selected files") >= 90)  // was 75
        #expect(score("Download 6 files", "Download 5 files") >= 85)  // was 66
        #expect(score("Download 6 files", "Upload 6 files") == 67)
        #expect(score("바탕화면 배경 바꾸기", "바탕 화면 배경 바꾸기(_B)") >= 95)  // was 77
        // Texts that differ only in an accelerator are identical (Segmentation's `Accelerator` rule).
        #expect(score("열기", "열기(&O)") == 100)
        #expect(score("Save As", "_Save As") == 100)
        #expect(score("Exit", "E&xit") == 100)
        // A plural is the same match key: only the surface differs.
        #expect(score("Delete the file", "Delete the files") == 99)
    }

    @Test func koreanParticleVariantScoresHigh() {
        let s = score("유럽 안보는 중요한 문제이다", "유럽 안보를 중요한 문제이다")
        #expect(s >= 90 && s < 100)
        // A content word that differs costs more than a particle.
        let content = score("유럽 안보는 중요한 문제이다", "유럽 경제는 중요한 문제이다")
        #expect(content < s)
    }

    @Test func koreanSpacingVariantStillMatches() {
        let s = score("바탕 화면 설정", "바탕화면 설정")
        #expect(s >= 95 && s < 100)
        #expect(score("바탕화면 설정을 바꿉니다", "바탕 화면 설정을 바꿉니다") >= 95)
    }

    @Test func unrelatedTextScoresLow() {
        #expect(score(Self.ten, "Save the document as PDF") < 40)
    }

    @Test func diffMarksWhatDiffers() {
        let s = Segmenter()
        let q = "Open the new file in a window"
        let scorer = FuzzyScorer(query: AnalyzedSide(s.analyze(q)), text: q)
        let e = "Open the file in the window"
        let d = scorer.diff(AnalyzedSide(s.analyze(e)), text: e)
        #expect(d == "Open the {+new+} file in [-the-]{+a+} window" || d == "Open the {+new+} file in [-the-]{+a+}window")
    }
}

@Suite struct LookupTests {
    static let units = [
        unit("Open the file in a new window", "새 창에서 파일 열기"),
        unit("Open the file in a new tab", "새 탭에서 파일 열기"),
        unit("Save the file", "파일 저장"),
        unit("Change the desktop background", "바탕 화면 배경을 바꿉니다"),
        unit("European security matters", "유럽 안보를 중요하게 여긴다"),
        unit("Open", "열기", context: "menu"),
        unit("Open", "열기 (버튼)", context: "button"),
    ]

    @Test func exactMatchFirst() throws {
        let tm = try store(Self.units)
        let m = try tm.lookup("Open the file in a new window")
        #expect(m.first?.score == 100)
        #expect(m.first?.target == "새 창에서 파일 열기")
        #expect(m.count >= 2)
        #expect(m[1].source == "Open the file in a new tab")
        #expect(m[1].score < 100 && m[1].score >= 80)
    }

    @Test func minScoreAndLimit() throws {
        let tm = try store(Self.units)
        #expect(try tm.lookup("Open the file in a new window", options: LookupOptions(minScore: 100)).count == 1)
        #expect(try tm.lookup("Open the file in a new window", options: LookupOptions(minScore: 0, limit: 1)).count == 1)
    }

    @Test func contextMatchScores101() throws {
        let tm = try store(Self.units)
        let m = try tm.lookup("Open", options: LookupOptions(context: "button"))
        #expect(m.first?.score == 101)
        #expect(m.first?.target == "열기 (버튼)")
        #expect(m.dropFirst().first?.score == 100)
    }

    @Test func equalScoresRankTheSameContextThenNoneThenAnother() throws {
        let tm = try store(Self.units + [unit("Open", "열기 (일반)")])
        // "toolbar" is neither menu nor button: the entry without a context wins among the 100s.
        #expect(try tm.lookup("Open", options: LookupOptions(context: "toolbar")).first?.target == "열기 (일반)")
        #expect(try tm.lookup("Open").first?.target == "열기 (일반)")
        #expect(try tm.lookup("Open", options: LookupOptions(context: "menu")).first?.target == "열기")
    }

    @Test func acceleratorsDoNotCostAPoint() throws {
        let tm = try store([unit("Unreconcile", "조정 취소"), unit("Import Session", "세션 가져오기")])
        #expect(try tm.lookup("_Unreconcile").first?.score == 100)
        #expect(try tm.lookup("I_mport Session").first?.score == 100)
    }

    @Test func reverseDirection() throws {
        let tm = try store(Self.units)
        let m = try tm.lookup("새 창에서 파일 열기")
        #expect(m.first?.score == 100)
        #expect(m.first?.target == "Open the file in a new window")
        #expect(m.first?.sourceLanguage == "ko")
        let en = try tm.lookup("새 창에서 파일 열기", options: LookupOptions(sourceLanguage: .korean, targetLanguage: .english))
        #expect(en.first?.target == "Open the file in a new window")
    }

    @Test func koreanQueriesFindParticleAndSpacingVariants() throws {
        let tm = try store(Self.units)
        let particle = try tm.lookup("유럽 안보는 중요하게 여긴다")
        #expect(particle.first?.source == "유럽 안보를 중요하게 여긴다")
        #expect((particle.first?.score ?? 0) >= 90)
        let spacing = try tm.lookup("바탕화면 배경을 바꿉니다")
        #expect(spacing.first?.source == "바탕 화면 배경을 바꿉니다")
        #expect((spacing.first?.score ?? 0) >= 95)
    }

    @Test func concordanceFindsWordsByKey() throws {
        let tm = try store(Self.units)
        let hits = try tm.concordance("files")
        #expect(Set(hits.map(\.source)) == ["Open the file in a new window", "Open the file in a new tab", "Save the file"])
        let first = try #require(hits.first)
        #expect(first.sourceHits == [9..<13])
        let korean = try tm.concordance("안보는")
        #expect(korean.map(\.source) == ["European security matters"])
        #expect(korean.first?.targetHits == [3..<5])
        #expect(try tm.concordance("giraffe").isEmpty)
        // Spacing variants: 바탕화면 finds 바탕 화면, the hit spanning the space.
        for query in ["바탕화면", "바탕화면을"] {
            let spaced = try tm.concordance(query)
            #expect(spaced.map(\.source) == ["Change the desktop background"], "\(query)")
            #expect(spaced.first?.targetHits == [0..<5], "\(query)")
        }
        let tm2 = try store([unit("Desktop", "바탕화면")])
        #expect(try tm2.concordance("바탕 화면").first?.targetHits == [0..<2, 2..<4])
    }
}
