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
        let lookup = { (phrase: String) -> [String] in
            spotter.terms(in: phrase, languages: pair).first { FuzzyRepair.letters($0.surface) == FuzzyRepair.letters(phrase) }?.translations ?? []
        }
        return repair.repaired(match, for: source, sourceTerms: spotter.terms(in: source, languages: pair),
                               memoryTerms: spotter.terms(in: memorySource, languages: pair), lookup: lookup)
    }

    @Test(arguments: [
        // A name the translator copied, replaced by the new one.
        ("A GdkPixbuf to display", "표시할 GdkPixbuf", "A GdkImage to display", "표시할 GdkImage"),
        // A copied name dropped (with its space), and one glued to the next word by a slash.
        ("KDE Input Method Panel", "KDE 입력기 패널", "Input Method Panel", "입력기 패널"),
        ("Port to KF5/Plasma 5", "KF5/Plasma 5 포팅", "Port to Plasma 5", "Plasma 5 포팅"),
        // A word dropped through its glossary translation, with its particle.
        ("Theme cannot be deleted", "테마를 삭제할 수 없습니다", "Cannot be deleted", "삭제할 수 없습니다"),
        ("Select a Face Picture", "얼굴 사진을 고르십시오", "Select a picture", "사진을 고르십시오"),
        // A word replaced through the glossary's translations of the word alone (the new source's
        // longer term `remove bookmark` does not line up with the memory's), the particle agreeing.
        ("Could not remove application", "프로그램을 지울 수 없습니다", "Could not remove bookmark", "책갈피를 지울 수 없습니다"),
        // A copied name replaced by a word's glossary translation.
        ("Failed to start emacsclient.", "emacsclient 시작에 실패했습니다.", "Failed to start service.", "서비스 시작에 실패했습니다."),
        // A new name goes before the word that follows it.
        ("Add a new entry", "새 항목 추가", "Add a new SSH entry", "새 SSH 항목 추가"),
        // Quotes by position, in the new source's style.
        ("Printer “%s” is offline.", "“%s” 프린터가 꺼져 있습니다.", "Printer '%s' is offline.", "'%s' 프린터가 꺼져 있습니다."),
        ("Custom %s×%s", "사용자 지정 %s×%s", "Custom %sx%s", "사용자 지정 %sx%s"),
        // Quotes the match keys do not tell apart, by position too.
        ("A folder named “%s” exists.", "“%s” 폴더가 있습니다.", "A folder named \"%s\" exists.", "\"%s\" 폴더가 있습니다."),
        ("Delete “%s”", "“%s” 삭제", "Delete \"%s\"", "\"%s\" 삭제"),
        // Quotes added around a placeholder, or dropped from around it.
        ("error reading %s", "%s 읽는 중 오류", "error reading \"%s\"", "\"%s\" 읽는 중 오류"),
        ("Could not find “%s”", "“%s”을(를) 찾을 수 없습니다", "Could not find %s", "%s을(를) 찾을 수 없습니다"),
    ])
    func wordsThroughTheirLinks(ms: String, mt: String, s: String, expected: String) {
        let terms = [("theme", ["테마"]), ("face", ["얼굴"]), ("application", ["프로그램", "응용 프로그램"]), ("bookmark", ["책갈피"]),
                     ("remove bookmark", ["책갈피 삭제"]), ("service", ["서비스"]), ("entry", ["항목"]), ("picture", ["사진"])]
        let r = repaired(ms, mt, for: s, terms: terms)
        #expect(r?.target == expected, "\(r?.repairNote ?? "not repaired")")
        #expect(r?.score == 99 && r?.originalScore == 87)
    }

    @Test func spellingVariantsArticlesAndMarkFormsNeedNoPatch() {
        let terms = [("min", ["분"]), ("minimum", ["최소"]), ("full screen", ["전체화면"]), ("full-screen", ["전체 화면"])]
        // `Min` abbreviates `Minimum`: the target stays (the glossary's `min` is minutes).
        #expect(repaired("Minimum bar height", "최소 표시줄 높이", for: "Min bar height", terms: terms) == nil)
        #expect(repaired("Full-Screen", "전체 화면", for: "Full Screen", terms: terms) == nil)
        #expect(repaired("Choose...", "선택...", for: "Choose…") == nil)
        #expect(repaired("Use custom icon", "사용자 설정 아이콘 사용", for: "Use a custom icon") == nil)
        // A target of several sentences keeps its period.
        #expect(repaired("See the manual. Then retry.", "설명서를 보십시오. 다시 시도하십시오.", for: "See the manual. Then retry") == nil)
        // A quote the translator wrote in another style stays.
        #expect(repaired("Delete “%s”", "'%s' 삭제", for: "Delete \"%s\"") == nil)
        // But a variant beside a real repair leaves its part as it is.
        #expect(repaired("Minimum bar height: 5", "최소 표시줄 높이: 5", for: "Min bar height: 6", terms: terms)?.target == "최소 표시줄 높이: 6")
    }

    @Test func wordLinksThatAreNotThereLeaveTheMatch() {
        // The dropped word's translation is not in the target, or stands twice.
        #expect(repaired("Theme cannot be deleted", "삭제할 수 없는 테마", for: "Cannot be deleted", terms: [("theme", ["주제"])]) == nil)
        #expect(repaired("Delete the theme theme", "테마 테마 삭제", for: "Delete the theme", terms: [("theme", ["테마"])]) == nil)
        // An ordinary new word is not inserted (only names are).
        #expect(repaired("Add a new entry", "새 항목 추가", for: "Add a new custom entry", terms: [("entry", ["항목"]), ("custom", ["사용자 정의"])]) == nil)
        // A new word with no translation replaces nothing.
        #expect(repaired("Could not remove application", "프로그램을 지울 수 없습니다", for: "Could not remove widget", terms: [("application", ["프로그램"])]) == nil)
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
