import Alignment
import Segmentation
import TMCore
import Testing

/// Aligns two plain texts (English -> Korean) and returns the beads as (kind, source, target).
func aligned(_ en: String, _ ko: String, anchors: Bool = true, paragraphs: Bool = true,
             glossary: [GlossaryPair] = []) throws -> [(kind: String, source: String, target: String, confidence: Double)] {
    var options = SentenceAligner.Options()
    options.useAnchors = anchors
    options.useParagraphs = paragraphs
    options.glossary = glossary
    let aligner = SentenceAligner(segmenter: Segmenter(lexicon: KoreanLexicon()), options: options)
    let result = try aligner.align(
        source: AlignmentDocument(name: "en.txt", language: .english, text: en, format: .text),
        target: AlignmentDocument(name: "ko.txt", language: .korean, text: ko, format: .text))
    return result.beads.map { ($0.kind, $0.sourceText, $0.targetText, $0.confidence) }
}

@Suite struct SentenceAlignerTests {
    static let en = """
    Debian is a free operating system for your computer. It comes with more than 59000 packages.

    The package manager installs software from the archive, and it also removes old packages when they are no longer needed by anything.

    Security updates are published quickly. Everyone can use them.
    """
    static let ko = """
    데비안은 컴퓨터를 위한 자유 운영 체제입니다. 59000개가 넘는 패키지가 함께 제공됩니다.

    패키지 관리자는 아카이브에서 소프트웨어를 설치합니다. 또한 더 이상 아무것도 필요로 하지 않는 오래된 패키지를 제거합니다.

    보안 업데이트는 빠르게 배포되며 누구나 사용할 수 있습니다.
    """

    @Test func oneToOneOneToTwoAndTwoToOne() throws {
        let beads = try aligned(Self.en, Self.ko)
        try #require(beads.map(\.kind) == ["1-1", "1-1", "1-2", "2-1"])
        #expect(beads[1].source == "It comes with more than 59000 packages.")
        #expect(beads[1].target == "59000개가 넘는 패키지가 함께 제공됩니다.")
        #expect(beads[2].target.hasPrefix("패키지 관리자는") && beads[2].target.hasSuffix("제거합니다."))
        #expect(beads[3].source == "Security updates are published quickly. Everyone can use them.")
        #expect(beads.allSatisfy { $0.confidence > 0.5 && $0.confidence <= 1 })
    }

    @Test func anUntranslatedSentenceIsOneToZero() throws {
        let en = """
        The installer asks for the language first. Then it asks for the keyboard layout. Older versions of the installer, \
        before the release of 2019, also asked a long series of questions about the network hardware, the time zone and \
        the mirror to use, which many users found confusing. Finally it partitions the disk.
        """
        let ko = "설치 프로그램은 먼저 언어를 묻습니다. 그런 다음 키보드 배치를 묻습니다. 마지막으로 디스크를 분할합니다."
        let beads = try aligned(en, ko)
        try #require(beads.map(\.kind) == ["1-1", "1-1", "1-0", "1-1"])
        #expect(beads[2].source.hasPrefix("Older versions of the installer"))
        #expect(beads[2].target.isEmpty)
        #expect(beads[3].target == "마지막으로 디스크를 분할합니다.")
    }

    @Test func anUntranslatedParagraphIsSkippedAsAWhole() throws {
        let en = """
        Debian runs on many kinds of computers.

        This paragraph was written after the translation was made, so it has no Korean counterpart at all. It even has two sentences.

        Most users install it from a USB stick.
        """
        let ko = """
        데비안은 여러 종류의 컴퓨터에서 실행됩니다.

        대부분의 사용자는 USB 스틱으로 설치합니다.
        """
        let beads = try aligned(en, ko)
        try #require(beads.map(\.kind) == ["1-1", "1-0", "1-0", "1-1"])
        #expect(beads[3].target == "대부분의 사용자는 USB 스틱으로 설치합니다.")
    }

    /// Release 7 has no translation. Lengths alone pair the wrong sentences; the numbers
    /// (8, 2015, 9, 2017) put them right.
    @Test func numbersDecideWhatLengthsGetWrong() throws {
        let en = """
        Release 7 was published in May 2013 and it was supported by the security team for the following three years. \
        Release 8 came two years later, in April 2015, and it introduced a new init system for all architectures. \
        Release 9 followed in June 2017, bringing a newer kernel and many updated packages with it.
        """
        let ko = """
        릴리스 8은 2년 뒤인 2015년 4월에 나왔으며 모든 아키텍처에 새로운 init 시스템을 도입했습니다. \
        릴리스 9는 2017년 6월에 뒤를 이었고 더 새로운 커널과 많은 업데이트된 패키지를 가져왔습니다.
        """
        let expected = ["1-0", "1-1", "1-1"]
        let withAnchors = try aligned(en, ko)
        try #require(withAnchors.map(\.kind) == expected)
        #expect(withAnchors[1].source.hasPrefix("Release 8") && withAnchors[1].target.hasPrefix("릴리스 8"))
        let lengthOnly = try aligned(en, ko, anchors: false)
        #expect(lengthOnly.map(\.kind) != expected)
    }

    /// Putin's sentence has no translation; 트럼프 and 켈로그 match Trump and Kellogg through
    /// transliteration, which lengths alone do not see.
    @Test func namesMatchedByTransliterationDecide() throws {
        let en = """
        Putin arrived early in the morning and met the president for a long breakfast at the palace. \
        Trump landed later and went straight to the conference hall without speaking to any reporters. \
        Kellogg stayed behind at the embassy.
        """
        let ko = "트럼프는 나중에 도착해 기자들과 한마디도 하지 않고 곧장 회의장으로 향했다. 켈로그는 대사관에 남았다."
        let beads = try aligned(en, ko)
        try #require(beads.map(\.kind) == ["1-0", "1-1", "1-1"])
        #expect(beads[1].source.hasPrefix("Trump landed"))
        let lengthOnly = try aligned(en, ko, anchors: false)
        #expect(lengthOnly.map(\.kind) != ["1-0", "1-1", "1-1"])
    }

    @Test func glossaryTermsRaiseTheConfidence() throws {
        let en = """
        The keyring holds the keys that sign the archive and it is updated by a package of its own. \
        The mirror list changes often because volunteers add and remove servers every month. \
        The sources file tells the package manager which of them to use.
        """
        let ko = "자원봉사자들이 매달 서버를 추가하고 제거하기 때문에 미러 목록은 자주 바뀝니다. 소스 파일은 패키지 관리자에게 그중 어느 것을 사용할지 알려 줍니다."
        let glossary = [GlossaryPair(source: "mirror list", target: "미러 목록"), GlossaryPair(source: "sources file", target: "소스 파일")]
        let plain = try aligned(en, ko)
        let withGlossary = try aligned(en, ko, glossary: glossary)
        try #require(withGlossary.map(\.kind) == ["1-0", "1-1", "1-1"])
        try #require(plain.count == 3)
        #expect(withGlossary[1].source.hasPrefix("The mirror list"))
        #expect(withGlossary[1].confidence > plain[1].confidence + 0.2)
        #expect(withGlossary[2].confidence > plain[2].confidence)
    }

    @Test func withoutParagraphsEverySentenceIsInOneBeadInOrder() throws {
        let beads = try aligned(Self.en, Self.ko, paragraphs: false)
        #expect(beads.map(\.source).joined(separator: " ").split(separator: " ").count == Self.en.split(whereSeparator: \.isWhitespace).count)
        #expect(beads.first?.kind == "1-1" && beads.first?.target == "데비안은 컴퓨터를 위한 자유 운영 체제입니다.")
    }

    @Test func aLargePairAlignsOnTheDiagonal() throws {
        // 1,500 sentence pairs in one paragraph: the band around the diagonal must follow them.
        var en: [String] = [], ko: [String] = []
        for i in 0..<1500 {
            en.append("Item \(i) has \(String(repeating: "long ", count: i % 7)) text number \(i * 3).")
            ko.append("항목 \(i)에는 \(String(repeating: "긴 ", count: i % 7))텍스트 번호 \(i * 3)이 있습니다.")
        }
        let beads = try aligned(en.joined(separator: " "), ko.joined(separator: " "))
        try #require(beads.count == 1500)
        #expect(beads.allSatisfy { $0.kind == "1-1" })
        #expect(beads[1234].source.hasPrefix("Item 1234 "))
        #expect(beads[1234].target.hasPrefix("항목 1234"))
    }
}
