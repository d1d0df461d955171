import Testing
import TMCore

@Suite struct LanguageTagTests {
    @Test(arguments: [("en", "en"), ("ko", "ko"), ("en_us", "en-US"), ("EN-us", "en-US"), ("zh-hant-tw", "zh-Hant-TW"), ("ko-KR", "ko-KR")])
    func parsesAndCanonicalizes(raw: String, expected: String) {
        #expect(LanguageTag(raw)?.code == expected)
    }

    @Test(arguments: ["", "k", "korean-language", "en-", "e1", "en--US", "*all*", "12"])
    func rejectsMalformedTags(raw: String) {
        #expect(LanguageTag(raw) == nil)
    }

    @Test func comparesByPrimaryLanguage() {
        #expect(LanguageTag("en-US")!.sameLanguage(as: .english))
        #expect(!LanguageTag("ko")!.sameLanguage(as: .english))
    }
}

@Suite struct LanguageTagKnownTests {
    @Test func knowsISOLanguages() {
        #expect(LanguageTag("ko")!.isKnownLanguage)
        #expect(LanguageTag("en-GB")!.isKnownLanguage)
        #expect(!LanguageTag("xx")!.isKnownLanguage)
        #expect(!LanguageTag("qqq")!.isKnownLanguage)
    }
}
