import Testing
@testable import Pretranslation

@Suite struct AcceleratorTransferTests {
    @Test(arguments: [
        ("시작하기(&G)", "Getting started", "시작하기"),
        ("시작하기 (&G)", "Getting started", "시작하기"),
        ("_열기", "Open", "열기"),
        ("열기(&O)", "_Open", "열기(_O)"),
        ("열기(&F)", "_Open", "열기(_O)"),
        ("열기", "_Open", "열기(_O)"),
        ("열기...", "_Open...", "열기(_O)..."),
        ("Öffnen", "_Open", "Öffnen(_O)"),       // no letter o in it: a suffix
        ("Importieren", "I_mport", "I_mportieren"),
        ("가져오기", "Import", "가져오기"),
    ])
    func aTargetGetsAnAcceleratorOnlyWhereTheSourceHasOne(target: String, source: String, expected: String) {
        #expect(AcceleratorTransfer.adapt(target, to: source) == expected)
    }

    @Test func equalScoresRankSameContextThenNoneThenAnother() {
        let m = InMemoryMatchProvider([
            .init(source: "Open", target: "열기(메뉴)", context: "menu"),
            .init(source: "Open", target: "열기"),
            .init(source: "Open", target: "열기(도구 모음)", context: "toolbar"),
        ])
        let pair = LanguagePair(source: .english, target: .korean)
        #expect(m.bestMatch(for: "Open", context: "toolbar", languages: pair, minScore: 50)?.target == "열기(도구 모음)")
        #expect(m.bestMatch(for: "Open", context: "dialog", languages: pair, minScore: 50)?.target == "열기")
        #expect(m.bestMatch(for: "Open", context: nil, languages: pair, minScore: 50)?.target == "열기")
    }
}
