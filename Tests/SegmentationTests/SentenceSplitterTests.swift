import Testing
import Segmentation

@Suite struct SentenceSplitterTests {
    func split(_ text: String) -> [String] { SentenceSplitter().sentences(in: text).map(String.init) }

    @Test(arguments: [
        "Gen. Keith Kellogg rejected the deal.",
        "Sen. Kim and Gov. Lee met Mr. Smith and Dr. Park.",
        "The U.S. Army and the U.K. government agreed.",
        "U.S. OFFICIALS APPEAR DIVIDED.",
        "See No. 5 on the list.",
        "Growth was 3.5 percent in 2022.",
        "He waited... and waited.",
        "Version 2.0 is out, e.g. on Linux.",
        "J. Smith wrote it.",
    ])
    func abbreviationsDecimalsAndEllipsesDoNotEndASentence(sentence: String) {
        #expect(split(sentence) == [sentence])
    }

    @Test func splitsEnglishSentencesAndKeepsQuotesWithTheirSentence() {
        #expect(split("He said \"Stop.\" Then he left. Why? Because.") == ["He said \"Stop.\"", "Then he left.", "Why?", "Because."])
        #expect(split("“Hopefully we will be able to get a ceasefire,” Trump said. It ended.")
            == ["“Hopefully we will be able to get a ceasefire,” Trump said.", "It ended."])
    }

    @Test func splitsKoreanSentences() {
        #expect(split("그는 협상했다. 정말요? 네, 좋아요! 그리고 끝났습니다.") == ["그는 협상했다.", "정말요?", "네, 좋아요!", "그리고 끝났습니다."])
    }

    @Test func aHeadingLineIsItsOwnSentence() {
        #expect(split("유럽 트럼프 관세 대응\n본문입니다. 둘째 문장.\n\nAnother heading\r\nBody.") ==
            ["유럽 트럼프 관세 대응", "본문입니다.", "둘째 문장.", "Another heading", "Body."])
    }

    @Test func emptyAndBlankTextHaveNoSentences() {
        #expect(split("").isEmpty)
        #expect(split(" \n\t\n").isEmpty)
    }
}
