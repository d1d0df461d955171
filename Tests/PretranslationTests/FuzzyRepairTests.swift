import Testing
@testable import Pretranslation
import Segmentation

@Suite struct FuzzyRepairTests {
    let repair = FuzzyRepair()

    func repaired(_ memorySource: String, _ memoryTarget: String, for source: String,
                  terms: [(String, [String])] = []) -> PretranslationMatch? {
        let spotter = InMemoryTermSpotter(terms.map { InMemoryTermSpotter.Term($0.0, $0.1) })
        let pair = LanguagePair(source: .english, target: .korean)
        let match = PretranslationMatch(score: 87, source: memorySource, target: memoryTarget)
        return repair.repaired(match, for: source, sourceTerms: spotter.terms(in: source, languages: pair),
                               memoryTerms: spotter.terms(in: memorySource, languages: pair))
    }

    @Test(arguments: [
        ("Download 5 files", "파일 5개 다운로드", "Download 6 files", "파일 6개 다운로드"),
        ("Deleted 1,000 messages", "메시지 1,000개를 지웠습니다", "Deleted 25,000 messages", "메시지 25,000개를 지웠습니다"),
        ("The budget is 28 billion won", "예산은 280억 원이다", "The budget is 6 billion won", "예산은 60억 원이다"),
        ("Page 3 of 10", "10쪽 중 3쪽", "Page 4 of 12", "12쪽 중 4쪽"),
    ])
    func numbersByValueInTheTargetsNotation(ms: String, mt: String, s: String, expected: String) {
        let r = repaired(ms, mt, for: s)
        #expect(r?.target == expected)
        #expect(r?.originalScore == 87 && r?.score == 99)
        #expect(r?.repairNote?.hasPrefix("repaired 87 → 99: number") == true)
    }

    @Test func placeholdersByPosition() {
        #expect(repaired("Delete %s", "%s 삭제", for: "Delete %d")?.target == "%d 삭제")
        #expect(repaired("Copy {src} to {dst}", "{src}을(를) {dst}(으)로 복사", for: "Copy {src} to {target}")?.target == "{src}을(를) {target}(으)로 복사")
    }

    @Test func glossaryTermsThroughTheirTranslationsWithTheParticleAgreeing() {
        let terms = [("file", ["파일"]), ("folder", ["폴더"]), ("image", ["이미지", "그림"])]
        #expect(repaired("Delete the selected file", "선택한 파일을 삭제합니다", for: "Delete the selected folder", terms: terms)?.target
            == "선택한 폴더를 삭제합니다")
        #expect(repaired("Open the image", "그림을 엽니다", for: "Open the file", terms: terms)?.target == "파일을 엽니다")
    }

    @Test func closingPunctuation() {
        #expect(repaired("Save As", "다른 이름으로 저장", for: "Save As…")?.target == "다른 이름으로 저장…")
        #expect(repaired("Name:", "이름:", for: "Name")?.target == "이름")
    }

    @Test func otherDifferencesLeaveTheMatchAsItIs() {
        // A word no term covers.
        #expect(repaired("Delete the selected file", "선택한 파일을 삭제합니다", for: "Delete the current file") == nil)
        // The number is not in the target.
        #expect(repaired("Download 5 files", "파일 다섯 개 다운로드", for: "Download 6 files") == nil)
        // A term whose translation the target does not have.
        #expect(repaired("Open the image", "사진을 엽니다", for: "Open the file", terms: [("file", ["파일"]), ("image", ["이미지"])]) == nil)
    }

    @Test func numbersAreWrittenInTheTargetsNotation() {
        #expect(NumberWriter.write("6000000000", like: "280억") == "60억")
        #expect(NumberWriter.write("6550000000", like: "280억") == "65억5000만")
        #expect(NumberWriter.write("28000000000", like: "6 billion") == "28 billion")
        #expect(NumberWriter.write("1500", like: "1,000") == "1,500")
        #expect(NumberWriter.write("7", like: "5") == "7")
    }

    @Test func aPretranslationRunRepairsAndCountsAndCanBeToldNotTo() throws {
        let dir = Fixture.folder()
        Fixture.write("""
        msgid ""
        msgstr ""
        "Language: ko\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"

        msgid "Download 6 files from the server"
        msgstr ""

        """, "ko.po", in: dir)
        let matcher = InMemoryMatchProvider([.init(source: "Download 5 files from the server", target: "서버에서 파일 5개 다운로드")])
        var options = PretranslationOptions(outputDirectory: dir + "/out", threads: 1)
        let report = try Pretranslator(options: options, matcher: { matcher }).run([dir + "/ko.po"])
        #expect(report.total.repaired == 1)
        #expect(report.total.bands[.exact]?.segments == 0)
        let out = Fixture.read(dir + "/out/ko.po")
        #expect(out.contains("#. tmkit-repair: repaired "))
        #expect(out.contains("msgstr \"서버에서 파일 6개 다운로드\""))
        #expect(out.contains("#, fuzzy"))
        options.repair = false
        options.outputDirectory = dir + "/plain"
        let plain = try Pretranslator(options: options, matcher: { matcher }).run([dir + "/ko.po"])
        #expect(plain.total.repaired == 0)
        #expect(Fixture.read(dir + "/plain/ko.po").contains("msgstr \"서버에서 파일 5개 다운로드\""))
    }
}
