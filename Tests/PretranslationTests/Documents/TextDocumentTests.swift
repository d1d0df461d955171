import Foundation
import Segmentation
import Testing
@testable import Pretranslation

@Suite struct TextDocumentTests {
    @Test func splitsPlainTextIntoParagraphUnitsAndSentenceSegments() throws {
        let text = "Open the file. Save the document before closing.\n\nGen. Kellogg met the envoy.\n"
        let doc = try TextDocument(data: Data(text.utf8), file: "a.txt", markdown: false, segmenter: Segmenter())
        #expect(doc.segments.map(\.source) == ["Open the file.", "Save the document before closing.", "Gen. Kellogg met the envoy."])
        #expect(doc.outputPath(for: "sub/a.txt") == "sub/a.txt.xlf")
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"ko\">"))
        #expect(out.contains("<segment id=\"s1\" state=\"translated\">\n        <source>Open the file.</source>\n        <target>파일을 엽니다.</target>"))
        #expect(out.contains("<ignorable><source xml:space=\"preserve\"> </source></ignorable>"))
        #expect(out.contains("<segment id=\"s3\">\n        <source>Gen. Kellogg met the envoy.</source>\n      </segment>"))
        #expect(out.contains("<note category=\"terminology\" appliesTo=\"source\">open the file → 파일 열기</note>"))
        _ = try XLIFFDocument(data: Data(out.utf8), file: "a.txt.xlf")
    }

    @Test func keepsMarkdownMarkupOutOfTheSegmentsAndCodeUntranslated() throws {
        let md = "# Open the file.\n\n- Save the document & close.\n1. Print <b>pages</b>\n> Quoted text here.\n\n```swift\nlet x = \"Open the file.\"\n```\n"
        let doc = try TextDocument(data: Data(md.utf8), file: "r.md", markdown: true, segmenter: Segmenter())
        #expect(doc.segments.map(\.source) == ["Open the file.", "Save the document & close.", "Print <b>pages</b>", "Quoted text here."])
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("<ignorable><source xml:space=\"preserve\"># </source></ignorable>"))
        #expect(out.contains("<ignorable><source xml:space=\"preserve\">1. </source></ignorable>"))
        #expect(out.contains("<source>Save the document &amp; close.</source>"))
        #expect(out.contains("<source>Print &lt;b&gt;pages&lt;/b&gt;</source>"))
        #expect(out.contains("translate=\"no\">\n      <segment>\n        <source xml:space=\"preserve\">```swift\nlet x = &quot;Open the file.&quot;\n```</source>"))
        let reread = try XLIFFDocument(data: Data(out.utf8), file: "r.md.xlf")
        #expect(reread.segments.count == 4)
    }

    @Test func guessesKoreanTextAsTheSource() throws {
        let doc = try TextDocument(data: Data("유럽 안보 협상이 길어졌다. 트럼프에 대응했다.\n".utf8), file: "k.txt", markdown: false, segmenter: Segmenter())
        #expect(doc.mostlyHangul)
        #expect(doc.segments.count == 2)
    }
}
