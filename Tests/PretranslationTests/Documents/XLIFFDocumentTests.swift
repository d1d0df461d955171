import Foundation
import Testing
@testable import Pretranslation

@Suite struct XLIFFDocumentTests {
    static let xliff12 = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <!-- exported by a CAT tool -->
    <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:okp="okapi-framework:xliff-extensions">
      <file original="ui.properties" source-language="en" datatype="plaintext" okp:inputEncoding="UTF-8">
        <header><tool tool-id="x" tool-name="X"/></header>
        <body>
          <group id="g1" resname="dialogs">
            <trans-unit id="1" resname="open" okp:hint="menu">
              <source xml:space="preserve">Open   the file.</source>
              <note from="developer">Menu item</note>
            </trans-unit>
            <trans-unit id="2">
              <source>Save the <g id="1" ctype="bold">document</g> before closing.</source>
            </trans-unit>
            <trans-unit id="3" translate="no">
              <source>Open the file.</source>
            </trans-unit>
            <trans-unit id="4">
              <source>Cancel</source>
              <target state="final">그만두기</target>
            </trans-unit>
            <trans-unit id="5" resname="button">
              <source>Cancel</source>
              <target/>
            </trans-unit>
            <trans-unit id="6">
              <source>Nothing in the memory looks like this sentence.</source>
            </trans-unit>
          </group>
        </body>
      </file>
    </xliff>
    """

    @Test func readsSegmentsOf12WithContextCodesAndExistingTargets() throws {
        let doc = try XLIFFDocument(data: Data(Self.xliff12.utf8), file: "ui.xlf")
        #expect(doc.version == .v1)
        #expect(doc.declaredSource == .english && doc.declaredTarget == nil)
        #expect(doc.segments.map(\.source) == ["Open the file.", "Save the document before closing.", "Cancel", "Cancel",
                                               "Nothing in the memory looks like this sentence."])
        #expect(doc.segments.map(\.context) == ["open", nil, nil, "button", nil])
        #expect(doc.segments.map(\.isTranslated) == [false, false, true, false, false])
        #expect(doc.segments.map(\.inlineCodes) == [0, 1, 0, 0, 0])
    }

    @Test func fills12TargetsWithStateAltTransAndNotesKeepingTheRest() throws {
        let doc = try XLIFFDocument(data: Data(Self.xliff12.utf8), file: "ui.xlf")
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        // The declaration, comment, namespaces, header, extension attributes and notes stay.
        #expect(out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<!-- exported by a CAT tool -->"))
        #expect(out.contains("xmlns:okp=\"okapi-framework:xliff-extensions\""))
        #expect(out.contains("okp:inputEncoding=\"UTF-8\""))
        #expect(out.contains("<header><tool tool-id=\"x\" tool-name=\"X\"/></header>"))
        #expect(out.contains("<trans-unit id=\"1\" resname=\"open\" okp:hint=\"menu\">"))
        #expect(out.contains("<note from=\"developer\">Menu item</note>"))
        #expect(out.contains("target-language=\"ko\""))
        // Exact match: translated; the target follows the source, indented like it.
        #expect(out.contains("""
                  <source xml:space="preserve">Open   the file.</source>
                  <target state="translated" state-qualifier="exact-match">파일을 엽니다.</target>
                  <note from="developer">Menu item</note>
        """))
        #expect(out.contains("<alt-trans match-quality=\"100\" origin=\"tmkit\">"))
        #expect(out.contains("<note from=\"tmkit-glossary\" annotates=\"source\">open the file → 파일 열기</note>"))
        // Inline codes stay in the source; the match cannot carry them, so it is fuzzy (99).
        #expect(out.contains("<source>Save the <g id=\"1\" ctype=\"bold\">document</g> before closing.</source>"))
        #expect(out.contains("<target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">닫기 전에 문서를 저장합니다.</target>"))
        #expect(out.contains("<alt-trans match-quality=\"99\" origin=\"tmkit\">"))
        // translate="no" and an existing translation are left alone; an empty <target/> is filled (101: context).
        #expect(out.contains("<trans-unit id=\"3\" translate=\"no\">\n          <source>Open the file.</source>\n        </trans-unit>"))
        #expect(out.contains("<target state=\"final\">그만두기</target>"))
        #expect(out.contains("<alt-trans match-quality=\"101\" origin=\"tmkit\">"))
        #expect(out.contains("<target state=\"translated\" state-qualifier=\"exact-match\">취소</target>"))
        // No match: no target.
        #expect(out.contains("<source>Nothing in the memory looks like this sentence.</source>\n        </trans-unit>"))
        // The output is well-formed and reads back with the targets.
        let again = try XLIFFDocument(data: Data(out.utf8), file: "out.xlf")
        #expect(again.segments.map(\.isTranslated) == [true, true, true, true, false])
    }

    @Test func aSecondRunDoesNotPileUpGlossaryNotes() throws {
        let doc = try XLIFFDocument(data: Data(Self.xliff12.utf8), file: "ui.xlf")
        let once = try doc.rendered(Fixture.results(doc), languages: Fixture.enKo)
        let doc2 = try XLIFFDocument(data: once, file: "ui.xlf")
        let twice = String(decoding: try doc2.rendered(Fixture.results(doc2), languages: Fixture.enKo), as: UTF8.self)
        #expect(twice.components(separatedBy: "tmkit-glossary").count == String(decoding: once, as: UTF8.self).components(separatedBy: "tmkit-glossary").count)
    }

    static let xliff20 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:fs="urn:oasis:names:tc:xliff:fs:2.0" version="2.0" srcLang="en-US">
      <file id="f1" original="app.json">
        <notes><note id="n1">File note</note></notes>
        <unit id="u1" name="menu.open" fs:fs="p">
          <notes>
            <note category="context">Menu</note>
          </notes>
          <originalData><data id="d1">&lt;b&gt;</data></originalData>
          <segment id="s1">
            <source>Open the file.</source>
          </segment>
          <ignorable><source> </source></ignorable>
          <segment>
            <source>Save the <pc id="1" dataRefStart="d1">document</pc> before closing.</source>
          </segment>
        </unit>
        <unit id="u2">
          <segment state="final">
            <source>Cancel</source>
            <target>그만두기</target>
          </segment>
        </unit>
        <unit id="u3" translate="no">
          <segment><source>Open the file.</source></segment>
        </unit>
      </file>
    </xliff>
    """

    @Test func fills2xSegmentsWithStateMatchesAndTerminologyNotes() throws {
        let doc = try XLIFFDocument(data: Data(Self.xliff20.utf8), file: "app.xlf")
        #expect(doc.version == .v2)
        #expect(doc.declaredSource?.code == "en-US")
        #expect(doc.segments.map(\.source) == ["Open the file.", "Save the document before closing.", "Cancel"])
        #expect(doc.segments.map(\.context) == ["menu.open", "menu.open", nil])
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\""))
        #expect(out.contains("trgLang=\"ko\""))
        #expect(out.contains("<unit id=\"u1\" name=\"menu.open\" fs:fs=\"p\">\n      <mtc:matches>"))
        #expect(out.contains("<mtc:match ref=\"#s1\" similarity=\"100\" origin=\"tmkit\" type=\"tm\">"))
        // The unnamed segment gets an id for the match to point at; its match is 99 (inline code).
        #expect(out.contains("<segment state=\"initial\" id=\"tmkit-s1\">"))
        #expect(out.contains("<mtc:match ref=\"#tmkit-s1\" similarity=\"99\" origin=\"tmkit\" type=\"tm\">"))
        #expect(out.contains("<segment id=\"s1\" state=\"translated\">\n        <source>Open the file.</source>\n        <target>파일을 엽니다.</target>"))
        // Terms go into the unit's existing notes, after its own note; originalData and inline codes stay.
        #expect(out.contains("<note category=\"context\">Menu</note>\n        <note category=\"terminology\" appliesTo=\"source\">open the file → 파일 열기</note>"))
        #expect(out.contains("<originalData><data id=\"d1\">&lt;b&gt;</data></originalData>"))
        #expect(out.contains("<source>Save the <pc id=\"1\" dataRefStart=\"d1\">document</pc> before closing.</source>"))
        #expect(out.contains("<segment state=\"final\">\n        <source>Cancel</source>\n        <target>그만두기</target>"))
        #expect(out.contains("<unit id=\"u3\" translate=\"no\">\n      <segment><source>Open the file.</source></segment>"))
        // Module elements come before <notes> in the unit.
        let unit = out.components(separatedBy: "<unit id=\"u1\"")[1]
        #expect(unit.range(of: "<mtc:matches>")!.lowerBound < unit.range(of: "<notes>")!.lowerBound)
    }

    @Test func notesAreCreatedBeforeTheSegmentsWhenTheUnitHasNone() throws {
        let x = """
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="ko"><file id="f"><unit id="u"><segment><source>Save the document.</source></segment></unit></file></xliff>
        """
        let doc = try XLIFFDocument(data: Data(x.utf8), file: "t.xlf")
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("<unit id=\"u\"><notes><note category=\"terminology\" appliesTo=\"source\">document → 문서</note></notes><segment>"))
        #expect(out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
    }

    @Test func aContextMatchIn2xSaysSoInSubType() throws {
        let x = """
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko"><file id="f"><unit id="u" name="button"><segment id="s"><source>Cancel</source></segment></unit></file></xliff>
        """
        let doc = try XLIFFDocument(data: Data(x.utf8), file: "t.xlf")
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("<mtc:match ref=\"#s\" similarity=\"100\" origin=\"tmkit\" type=\"tm\" subType=\"tmkit:context-match\"><source>Cancel</source><target>취소</target></mtc:match>"))
        #expect(out.contains("<segment id=\"s\" state=\"translated\"><source>Cancel</source><target>취소</target></segment>"))
    }

    @Test func malformedXMLNamesLineAndColumn() {
        let bad = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n  <file>\n    <body></file>\n</xliff>\n"
        #expect {
            _ = try XLIFFDocument(data: Data(bad.utf8), file: "bad.xlf")
        } throws: { error in
            guard case let .malformed(file, line, column, _) = error as? PretranslationError else { return false }
            return file == "bad.xlf" && line == 4 && column > 1
        }
        #expect(throws: PretranslationError.self) { _ = try XLIFFDocument(data: Data("<xliff version=\"1.2\"><file>".utf8), file: "t.xlf") }
        #expect(throws: PretranslationError.self) { _ = try XLIFFDocument(data: Data(), file: "empty.xlf") }
        #expect(throws: PretranslationError.self) { _ = try XLIFFDocument(data: Data("<tmx version=\"1.4\"/>".utf8), file: "t.xlf") }
        #expect(throws: PretranslationError.self) { _ = try XLIFFDocument(data: Data("<xliff version=\"3.0\"/>".utf8), file: "t.xlf") }
    }

    @Test func externalEntitiesAreRefused() throws {
        let secret = Fixture.write("TOP SECRET", "secret.txt", in: Fixture.folder())
        let x = """
        <?xml version="1.0"?>
        <!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://\(secret)">]>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="ko" original="x" datatype="plaintext"><body>
        <trans-unit id="1"><source>Open the file. &xxe;</source></trans-unit>
        </body></file></xliff>
        """
        #expect {
            _ = try XLIFFDocument(data: Data(x.utf8), file: "xxe.xlf")
        } throws: { error in
            guard case let .malformed(file, line, column, reason) = error as? PretranslationError else { return false }
            return file == "xxe.xlf" && line == 2 && column > 1 && reason == "refused: external entity 'xxe' is not allowed (never fetched)"
                && !"\(error)".contains("TOP SECRET")
        }
    }

    @Test func anEntityBombIsRefused() {
        var x = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [\n<!ENTITY a0 \"ha\">\n"
        for i in 1...10 { x += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i - 1);", count: 10) + "\">\n" }
        x += "]>\n<xliff version=\"1.2\"><file source-language=\"en\" original=\"x\" datatype=\"plaintext\"><body><trans-unit id=\"1\"><source>&a10;</source></trans-unit></body></file></xliff>\n"
        #expect {
            _ = try XLIFFDocument(data: Data(x.utf8), file: "bomb.xlf")
        } throws: { error in
            guard case .malformed(let file, _, _, _) = error as? PretranslationError else { return false }
            return file == "bomb.xlf"
        }
    }

    @Test func utf16InputIsWrittenAsUTF8WithItsDeclarationAdjusted() throws {
        let x = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ko\" original=\"x\" datatype=\"plaintext\"><body><trans-unit id=\"1\"><source>Open the file.</source></trans-unit></body></file></xliff>\n"
        var data = Data([0xFF, 0xFE])
        data.append(x.data(using: .utf16LittleEndian)!)
        let doc = try XLIFFDocument(data: data, file: "u16.xlf")
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(out.contains("<target state=\"translated\" state-qualifier=\"exact-match\">파일을 엽니다.</target>"))
    }
}

@Suite struct XLIFFSegmentedTests {
    static let xliff = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file original="doc" source-language="en" target-language="ko" datatype="plaintext">
        <body>
          <trans-unit id="1">
            <source>Open the file. Save the document before closing. Something new.</source>
            <seg-source><mrk mtype="seg" mid="0">Open the file.</mrk> <mrk mtype="seg" mid="1">Save the document before closing.</mrk> <mrk mtype="seg" mid="2">Something new.</mrk></seg-source>
          </trans-unit>
          <trans-unit id="2">
            <source>Open the file. Print 3 pages</source>
            <seg-source><mrk mtype="seg" mid="0">Open the file.</mrk> <mrk mtype="seg" mid="1">Print 3 pages</mrk></seg-source>
            <target><mrk mtype="seg" mid="0"/> <mrk mtype="seg" mid="1">3페이지 인쇄</mrk></target>
          </trans-unit>
        </body>
      </file>
    </xliff>
    """

    @Test func eachSegmentMarkIsASegmentAndTheTargetMirrorsTheSegSource() throws {
        let doc = try XLIFFDocument(data: Data(Self.xliff.utf8), file: "seg.xlf")
        #expect(doc.segments.map(\.source) == ["Open the file.", "Save the document before closing.", "Something new.", "Open the file.", "Print 3 pages"])
        #expect(doc.segments.map(\.isTranslated) == [false, false, false, false, true])
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("""
        <target state="needs-review-translation" state-qualifier="fuzzy-match"><mrk mtype="seg" mid="0">파일을 엽니다.</mrk> <mrk mtype="seg" mid="1">닫기 전에 문서를 저장합니다.</mrk> <mrk mtype="seg" mid="2"/></target>
        """))
        #expect(out.contains("<alt-trans mid=\"1\" match-quality=\"100\" origin=\"tmkit\">"))
        // The second unit: its missing segment filled, the translated one kept; all exact or done: translated.
        #expect(out.contains("<target state=\"translated\" state-qualifier=\"exact-match\"><mrk mtype=\"seg\" mid=\"0\">파일을 엽니다.</mrk> <mrk mtype=\"seg\" mid=\"1\">3페이지 인쇄</mrk></target>"))
        let again = try XLIFFDocument(data: Data(out.utf8), file: "seg.xlf")
        #expect(again.segments.map(\.isTranslated) == [true, true, false, true, true])
    }
}
