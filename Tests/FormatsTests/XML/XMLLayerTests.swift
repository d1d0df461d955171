import Foundation
import Testing
@testable import Formats

/// The XML layer itself: events, the tree, limits and errors.
@Suite struct XMLLayerTests {
    final class Collector: XMLEventHandler {
        var log: [String] = []
        func start(_ name: String, attributes: [String: String], line: Int, column: Int) throws {
            log.append("<\(name)" + attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined() + ">")
        }
        func end(_ name: String) throws { log.append("</\(name)>") }
        func text(_ string: String) throws {
            if let last = log.last, last.hasPrefix("'") { log[log.count - 1] = String(last.dropLast()) + string + "'" } else { log.append("'\(string)'") }
        }
    }

    func events(_ xml: String) throws -> [String] {
        let c = Collector()
        try XMLEvents.parse(data: Data(xml.utf8), file: "t.xml", handler: c)
        return c.log
    }

    func error(_ xml: String) -> FormatError? {
        formatError { _ = try events(xml) }
    }

    @Test func internalEntitiesAreExpandedInTextAndAttributes() throws {
        let log = try events("<!DOCTYPE a [<!ENTITY prod \"Acme Writer\">]><a t=\"&prod; 2\">About &prod;&#33; <![CDATA[<b>]]></a>")
        #expect(log == ["<a t=Acme Writer 2>", "'About Acme Writer! <b>'", "</a>"])
    }

    @Test func prefixesAreDroppedFromElementNamesButKeptOnAttributes() throws {
        let log = try events("<x:a xmlns:x=\"u\" xml:lang=\"ko\" x:k=\"v\"/>")
        #expect(log == ["<a x:k=v xml:lang=ko>", "</a>"])
    }

    @Test func deepNestingIsReadInFullUpToTheBoundAndAnErrorBeyond() throws {
        let deep = 3000
        let ok = try events(String(repeating: "<g>", count: deep) + "x" + String(repeating: "</g>", count: deep))
        #expect(ok.count == 2 * deep + 1 && ok[deep] == "'x'")
        let tooDeep = 10_001
        let e = error(String(repeating: "<g>", count: tooDeep) + String(repeating: "</g>", count: tooDeep))
        guard case let .refusedXML(_, line, column, reason)? = e else { Issue.record("no error: \(String(describing: e))"); return }
        #expect(line == 1 && column > 30_000 && reason == "elements nested deeper than 10000 levels")
    }

    @Test func errorsAreOneLineWithLibxml2sMessageAndPosition() throws {
        let e = error("<a>\n  <b></c>\n</a>")
        guard case let .malformedXML(file, line, column, reason)? = e else { Issue.record("no error"); return }
        #expect(file == "t.xml" && line == 2 && column > 4)
        #expect(reason.contains("mismatch") && !reason.contains("\n"))
        #expect(error("<a>") != nil)
        #expect(error("<a></a><b/>") != nil)
        #expect(formatError { try XMLEvents.parse(data: Data(), file: "e.xml", handler: Collector()) } == .empty(file: "e.xml"))
    }

    @Test func aHandlerErrorStopsTheParseAndIsRethrown() throws {
        struct Stop: Error {}
        final class Stopper: XMLEventHandler {
            var seen = 0
            func start(_ name: String, attributes: [String: String], line: Int, column: Int) throws {
                seen += 1
                if name == "stop" { throw Stop() }
            }
            func end(_ name: String) throws {}
            func text(_ string: String) throws {}
        }
        let s = Stopper()
        #expect(throws: Stop.self) { try XMLEvents.parse(data: Data("<a><stop/><b/><c/></a>".utf8), file: "t", handler: s) }
        #expect(s.seen == 2)
    }

    @Test func theTreeKeepsWhatItDoesNotTouch() throws {
        let xml = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <!-- c1 -->
        <!DOCTYPE r [
        <!ENTITY e "E">
        ]>
        <?pi data?>
        <r xmlns="u" xmlns:p="v" b="1" a="&lt;&quot;&#10;">
          <p:x p:k="2">t &amp; &e; <![CDATA[<raw>]]><!-- in --><?q?></p:x>
          <empty></empty>
        </r>
        <!-- after -->
        """
        let tree = try XMLTree.parse(data: Data(xml.utf8), file: "t.xml")
        let out = tree.serialized()
        #expect(out == """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- c1 -->
        <!DOCTYPE r [
        <!ENTITY e "E">
        ]>
        <?pi data?>
        <r xmlns="u" xmlns:p="v" b="1" a="&lt;&quot;&#10;">
          <p:x p:k="2">t &amp; E <![CDATA[<raw>]]><!-- in --><?q?></p:x>
          <empty/>
        </r>
        <!-- after -->

        """)
        // What it writes reads back the same.
        #expect(try XMLTree.parse(data: Data(out.utf8), file: "again.xml").serialized() == out)
    }

    @Test func theDeclarationIsKeptAndSaysUTF8() throws {
        let cases: [(Data, String?)] = [
            (Data("<?xml version=\"1.0\" standalone=\"yes\"?><a/>".utf8), "<?xml version=\"1.0\" standalone=\"yes\"?>"),
            (Data("<?xml version='1.0' encoding='ISO-8859-1'?><a>\u{E9}</a>".utf8), "<?xml version='1.0' encoding=\"UTF-8\"?>"),
            (Data("<?xml-stylesheet href=\"s.xsl\"?><a/>".utf8), nil),
            (Data([0xFF, 0xFE]) + "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>".data(using: .utf16LittleEndian)!, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        ]
        for (data, expected) in cases { #expect(XMLTree.declaration(in: data) == expected) }
        let pi = try XMLTree.parse(data: cases[2].0, file: "s.xml").serialized()
        #expect(pi == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet href=\"s.xsl\"?>\n<a/>\n")
    }

    @Test func theTreeEditsKeepIndentation() throws {
        let tree = try XMLTree.parse(data: Data("<u>\n    <source>a</source>\n    <note>n</note>\n</u>".utf8), file: "t")
        let source = try #require(tree.root.child("source"))
        let target = XMLTreeElement("target", attributes: [XMLAttribute(name: "state", value: "new")])
        target.setText("b < c")
        tree.root.insert(target, after: source)
        tree.root.child("note")!.removeWithIndent()
        let alt = XMLTreeElement("mtc:match")
        tree.root.appendIndented(alt)
        alt.setAttribute("similarity", "90")
        #expect(tree.root.serialized == "<u>\n    <source>a</source>\n    <target state=\"new\">b &lt; c</target>\n    <mtc:match similarity=\"90\"/>\n</u>")
        #expect(tree.root.descendants { $0.local == "match" }.count == 1)
        #expect(tree.root.textContent == "\n    a\n    b < c\n    \n")
    }

    @Test func aTreeAsDeepAsTheBoundIsReadAndWritten() throws {
        let n = 9_000
        let xml = String(repeating: "<g>", count: n) + "x" + String(repeating: "</g>", count: n)
        let tree = try XMLTree.parse(data: Data(xml.utf8), file: "deep.xml")
        #expect(tree.root.textContent == "x")
        #expect(tree.serialized() == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml + "\n")
    }

    @Test func legacyKoreanWithoutDeclarationIsRecognized() throws {
        let korean = "<a>번역 메모리와 용어집</a>"
        guard let t = Transcoder(from: "UTF-8"), t.convert(ArraySlice(korean.utf8)).utf8 != nil else { return }
        // Make CP949 bytes with iconv (through the same Transcoder, the other way round).
        let cd = iconv_open("CP949", "UTF-8")
        defer { iconv_close(cd) }
        var input = Array(korean.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: 256)
        var inLeft = input.count, outLeft = output.count
        input.withUnsafeMutableBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                var ip: UnsafeMutablePointer<CChar>? = i.baseAddress, op: UnsafeMutablePointer<CChar>? = o.baseAddress
                _ = iconv(cd, &ip, &inLeft, &op, &outLeft)
            }
        }
        let bytes = output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) }
        #expect(XMLEncodingGuess.legacyEncoding(bytes) == "CP949")
        let c = Collector()
        try XMLEvents.parse(data: Data(bytes), file: "k.xml", handler: c)
        #expect(c.log == ["<a>", "'번역 메모리와 용어집'", "</a>"])
        // Latin-1 is not guessed: its first bad byte is reported.
        #expect(XMLEncodingGuess.legacyEncoding(Array("<a>caf".utf8) + [0xE9] + Array("</a>".utf8)) == nil)
        #expect(XMLEncodingGuess.legacyEncoding(Array("<a>한국어</a>".utf8)) == nil)
    }
}
