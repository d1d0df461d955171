import Foundation
import Testing
import TMCore
@testable import Pretranslation

/// Golden cases for putting a new source's inline codes into a memory match's target.
@Suite struct TagTransferTests {
    static let transfer = TagTransfer()
    static func open(_ id: String) -> CodedText.Piece { .code(InlineCode(.open, id: id)) }
    static func close(_ id: String) -> CodedText.Piece { .code(InlineCode(.close, id: id)) }
    static func ph(_ id: String) -> CodedText.Piece { .code(InlineCode(.standalone, id: id)) }
    /// `[1]`…`[/1]`, `[1/]` for codes, to write cases readably.
    static func show(_ s: String) -> String {
        CodedText.decode(s).map {
            switch $0 {
            case let .text(t): return t
            case let .code(c): return c.kind == .open ? "[\(c.id)]" : c.kind == .close ? "[/\(c.id)]" : "[\(c.id)/]"
            }
        }.joined()
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var source: [CodedText.Piece]
        var memorySource: String
        var memoryTarget: String
        var anchors: [TagTransfer.Anchor] = []
        var expected: String
        var unplaced = 0
        var testDescription: String { TagTransferTests.show(CodedText.encode(source)) }
    }

    static let cases: [Case] = [
        // The example: the pair's text is placed through what the memory has for it.
        Case(source: [.text("Click "), open("1"), .text("here"), close("1")], memorySource: "Click here", memoryTarget: "여기를 누르십시오",
             anchors: [.init(source: "here", translations: ["여기"])], expected: "[1]여기[/1]를 누르십시오"),
        // A pair around everything wraps the whole target; the closing punctuation stays outside.
        Case(source: [open("1"), .text("Save the document"), close("1"), .text(".")], memorySource: "Save the document.",
             memoryTarget: "문서를 저장합니다.", expected: "[1]문서를 저장합니다[/1]."),
        // Codes at the start and the end go to the start and the end.
        Case(source: [ph("1"), .text("Warning: disk full"), ph("2")], memorySource: "Warning: disk full",
             memoryTarget: "경고: 디스크가 가득 찼습니다", expected: "[1/]경고: 디스크가 가득 찼습니다[2/]"),
        // A shared token (a number, a Latin name) links a code in the middle.
        Case(source: [.text("Open "), open("1"), .text("GIMP"), close("1"), .text(" now")], memorySource: "Open GIMP now",
             memoryTarget: "지금 GIMP 열기", expected: "지금 [1]GIMP[/1] 열기"),
        // A glossary term links the pair's word.
        Case(source: [.text("Save the "), open("1"), .text("document"), close("1"), .text(" before closing.")],
             memorySource: "Save the document before closing.", memoryTarget: "닫기 전에 문서를 저장합니다.",
             anchors: [.init(source: "document", translations: ["문서"])], expected: "닫기 전에 [1]문서[/1]를 저장합니다."),
        // No link: the pair is appended (empty) and counted.
        Case(source: [.text("Press "), open("1"), .text("the button"), close("1"), .text(" twice")], memorySource: "Press the button twice",
             memoryTarget: "단추를 두 번 누르십시오", expected: "단추를 두 번 누르십시오[1][/1]", unplaced: 2),
        // The memory's own codes are renamed to the source's.
        Case(source: [.text("Click "), open("7"), .text("here"), close("7")],
             memorySource: CodedText.encode([.text("Click "), .code(InlineCode(.open, id: "1", native: "{\\b ")), .text("here"), .code(InlineCode(.close, id: "1", native: "}"))]),
             memoryTarget: CodedText.encode([.code(InlineCode(.open, id: "1", native: "{\\b ")), .text("여기"), .code(InlineCode(.close, id: "1", native: "}")), .text("를 누르십시오")]),
             expected: "[7]여기[/7]를 누르십시오"),
        // Nested pairs stay nested.
        Case(source: [open("1"), .text("Save "), open("2"), .text("GIMP"), close("2"), close("1")], memorySource: "Save GIMP",
             memoryTarget: "GIMP 저장", expected: "[1][2]GIMP[/2] 저장[/1]"),
    ]

    @Test(arguments: cases)
    func placesCodes(_ c: Case) {
        let r = Self.transfer.transfer(source: CodedText.encode(c.source), memorySource: c.memorySource, target: c.memoryTarget, anchors: c.anchors)
        #expect(Self.show(r.target) == c.expected)
        #expect(r.unplaced == c.unplaced)
        // Never a code the source lacks, never one lost, never unbalanced.
        #expect(CodedText.codes(r.target).map { "\($0.kind.rawValue)\($0.id)" }.sorted()
            == CodedText.codes(CodedText.encode(c.source)).map { "\($0.kind.rawValue)\($0.id)" }.sorted())
        #expect(TagTransfer.isWellNested(CodedText.decode(r.target)))
    }

    static let xliff12 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file original="ui" source-language="en" target-language="ko" datatype="plaintext">
        <body>
          <trans-unit id="1"><source>Save the <g id="1" ctype="bold">document</g> before closing.</source></trans-unit>
          <trans-unit id="2"><source><bx id="1" rid="1"/>Open the file.<ex id="2" rid="1"/></source></trans-unit>
          <trans-unit id="3"><source>Print <ph id="1">%s</ph> pages</source></trans-unit>
          <trans-unit id="4"><source>Open the file.<x id="5"/></source></trans-unit>
          <trans-unit id="5"><source><bpt id="1">&lt;b&gt;</bpt>Cancel<ept id="1">&lt;/b&gt;</ept></source></trans-unit>
        </body>
      </file>
    </xliff>
    """

    @Test func xliff12TargetsCarryTheSourcesCodes() throws {
        let folder = Fixture.folder(), out = Fixture.folder()
        Fixture.write(Self.xliff12, "a.xlf", in: folder)
        let report = try Fixture.pretranslator(output: out).run([folder])
        #expect(report.skipped.isEmpty)
        let text = Fixture.read(out + "/a.xlf")
        #expect(text.contains("<target state=\"translated\" state-qualifier=\"exact-match\">닫기 전에 <g id=\"1\" ctype=\"bold\">문서</g>를 저장합니다.</target>"))
        #expect(text.contains("><bx id=\"1\" rid=\"1\"/>파일을 엽니다.<ex id=\"2\" rid=\"1\"/></target>"))
        #expect(text.contains("><bpt id=\"1\">&lt;b&gt;</bpt>취소하기<ept id=\"1\">&lt;/b&gt;</ept></target>"))
        #expect(text.contains(">파일을 엽니다.<x id=\"5\"/></target>"))
        // Every target has exactly its source's codes.
        let doc = try XLIFFDocument(data: Data(text.utf8), file: "a.xlf")
        for place in doc.places {
            guard let target = place.holder.child("target") else { continue }
            let source = place.holder.child("source")!
            #expect(XLIFFCodes(source).coded.count > 0)
            #expect(CodedText.codes(XLIFFCodes(source).coded).count == CodedText.codes(XLIFFCodes(target).coded).count)
        }
    }

    static let xliff20 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko">
      <file id="f">
        <unit id="u1"><segment><source>Save the <pc id="1">document</pc> before closing.</source></segment></unit>
        <unit id="u2"><segment><source><sc id="1"/>Open the file.<ec startRef="1"/></source></segment></unit>
        <unit id="u3"><segment><source>Open the file.<ph id="2"/></source></segment></unit>
        <unit id="u4"><segment><source><mrk id="m1" type="term">Cancel</mrk></source></segment></unit>
      </file>
    </xliff>
    """

    @Test func xliff20TargetsCarryTheSourcesCodes() throws {
        let folder = Fixture.folder(), out = Fixture.folder()
        Fixture.write(Self.xliff20, "b.xlf", in: folder)
        _ = try Fixture.pretranslator(output: out).run([folder])
        let text = Fixture.read(out + "/b.xlf")
        #expect(text.contains("<target>닫기 전에 <pc id=\"1\">문서</pc>를 저장합니다.</target>"))
        #expect(text.contains("<target><sc id=\"1\"/>파일을 엽니다.<ec startRef=\"1\"/></target>"))
        #expect(text.contains("<target>파일을 엽니다.<ph id=\"2\"/></target>"))
        #expect(text.contains("<target><mrk id=\"m1\" type=\"term\">취소하기</mrk></target>"))
    }
}

extension TagTransferTests {
    /// A code with no place goes at the end, and the fill goes to review.
    @Test func anUnplacedCodeSendsTheFillToReview() throws {
        let xliff = """
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="plaintext"><body>
        <trans-unit id="1"><source>Open <g id="1">the</g> file.</source></trans-unit>
        </body></file></xliff>
        """
        let folder = Fixture.folder(), out = Fixture.folder()
        Fixture.write(xliff, "c.xlf", in: folder)
        _ = try Fixture.pretranslator(output: out).run([folder])
        let text = Fixture.read(out + "/c.xlf")
        #expect(text.contains("<target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">파일을 엽니다.<g id=\"1\"/></target>"))
    }
}
