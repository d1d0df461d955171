import Foundation
import Testing
@testable import Pretranslation

/// What XLIFF pre-translation fills (as translate-toolkit and OmegaT do), how it approves exact
/// matches, keeps preserved padding and marks repaired fills.
@Suite struct XLIFFFillTests {
    static let states12 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file original="ui" source-language="en" target-language="ko" datatype="plaintext">
        <body>
          <trans-unit id="copy"><source>Open the file.</source><target>Open the file.</target></trans-unit>
          <trans-unit id="new"><source>Cancel</source><target state="new">그만</target></trans-unit>
          <trans-unit id="needs"><source>Open the file.</source><target state="needs-translation">x</target></trans-unit>
          <trans-unit id="kept"><source>Cancel</source><target state="final">그만두기</target></trans-unit>
          <trans-unit id="same-final"><source>Cancel</source><target state="final">Cancel</target></trans-unit>
          <trans-unit id="same-approved" approved="yes"><source>Cancel</source><target>Cancel</target></trans-unit>
          <trans-unit id="pad"><source xml:space="preserve">  Cancel  </source></trans-unit>
        </body>
      </file>
    </xliff>
    """

    @Test func sourceCopiesAndUntranslatedStatesAreFilledIn12() throws {
        let doc = try XLIFFDocument(data: Data(Self.states12.utf8), file: "s.xlf")
        #expect(doc.segments.map(\.isTranslated) == [false, false, false, true, true, true, false])
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("<trans-unit id=\"copy\"><source>Open the file.</source><target state=\"translated\" state-qualifier=\"exact-match\">파일을 엽니다.</target>"))
        #expect(out.contains("<trans-unit id=\"new\"><source>Cancel</source><target state=\"translated\" state-qualifier=\"exact-match\">취소하기</target>"))
        #expect(out.contains("<target state=\"final\">그만두기</target>"))
        #expect(out.contains("<target state=\"final\">Cancel</target>"))
        #expect(!out.contains("approved=\"yes\"><source>Open"))
    }

    @Test func preservedPaddingIsKept() throws {
        let doc = try XLIFFDocument(data: Data(Self.states12.utf8), file: "s.xlf")
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("<source xml:space=\"preserve\">  Cancel  </source><target state=\"translated\" state-qualifier=\"exact-match\">  취소하기  </target>"))
    }

    @Test func approveExactMarksExact12FillsOnly() throws {
        let doc = try XLIFFDocument(data: Data(XLIFFDocumentTests.xliff12.utf8), file: "ui.xlf")
        doc.approveExact = true
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("<trans-unit id=\"1\" resname=\"open\" okp:hint=\"menu\" approved=\"yes\">"))
        #expect(out.contains("<trans-unit id=\"5\" resname=\"button\" approved=\"yes\">"))
        // The fuzzy fill (inline codes) and the kept translation are not approved.
        #expect(out.contains("<trans-unit id=\"2\">"))
        #expect(out.contains("<trans-unit id=\"4\">"))
    }

    static let states20 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko">
      <file id="f">
        <unit id="u1"><segment state="initial"><source>Cancel</source><target>그만</target></segment></unit>
        <unit id="u2"><segment><source>Open the file.</source><target>Open the file.</target></segment></unit>
        <unit id="u3"><segment state="final"><source>Cancel</source><target>Cancel</target></segment></unit>
        <unit id="u4"><segment state="translated"><source>Cancel</source><target>그만두기</target></segment></unit>
        <unit id="u5"><segment><source xml:space="preserve"> Cancel </source></segment></unit>
      </file>
    </xliff>
    """

    @Test func initialAndSourceCopiesAreFilledIn2x() throws {
        let doc = try XLIFFDocument(data: Data(Self.states20.utf8), file: "s.xlf")
        #expect(doc.segments.map(\.isTranslated) == [false, false, true, true, false])
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("<segment state=\"translated\" id=\"tmkit-s1\"><source>Cancel</source><target>취소하기</target></segment>"))
        #expect(out.contains("<source>Open the file.</source><target>파일을 엽니다.</target>"))
        #expect(out.contains("<source xml:space=\"preserve\"> Cancel </source><target> 취소하기 </target>"))
    }

    /// A repaired fill keeps the memory's score and target beside it.
    static func repairedResult(_ doc: any PretranslatableDocument) -> [SegmentResult] {
        var match = PretranslationMatch(score: 99, source: "Download 5 files", target: "파일 6개 다운로드")
        match.originalScore = 88
        match.originalTarget = "파일 5개 다운로드"
        match.repairs = ["number 5 → 6"]
        return [SegmentResult(fill: match)]
    }

    @Test func aRepairedFillIsMarkedIn12WithBothScores() throws {
        let xliff = """
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="plaintext"><body>
        <trans-unit id="1"><source>Download 6 files</source></trans-unit>
        </body></file></xliff>
        """
        let doc = try XLIFFDocument(data: Data(xliff.utf8), file: "r.xlf")
        let out = String(decoding: try doc.rendered(Self.repairedResult(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("<target state=\"needs-review-translation\" state-qualifier=\"x-tmkit-repaired\">파일 6개 다운로드</target>"))
        #expect(out.contains("<alt-trans match-quality=\"88\" origin=\"tmkit\">"))
        #expect(out.contains("<target>파일 5개 다운로드</target>"))
        #expect(out.contains("<note from=\"tmkit-repair\" annotates=\"general\">repaired 88 → 99: number 5 → 6</note>"))
    }

    @Test func aRepairedFillIsMarkedIn2xWithBothScores() throws {
        let xliff = """
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"><file id="f">
        <unit id="u1"><segment id="s1"><source>Download 6 files</source></segment></unit>
        </file></xliff>
        """
        let doc = try XLIFFDocument(data: Data(xliff.utf8), file: "r.xlf")
        let out = String(decoding: try doc.rendered(Self.repairedResult(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("<mtc:match ref=\"#s1\" similarity=\"88\" matchQuality=\"99\" origin=\"tmkit\" type=\"tm\" subType=\"tmkit:repaired\">"))
        #expect(out.contains("<target>파일 5개 다운로드</target>"))
        #expect(out.contains("<target>파일 6개 다운로드</target>"))
        #expect(out.contains("<note category=\"tmkit-repair\">repaired 88 → 99: number 5 → 6</note>"))
    }
}
