import Foundation
import Testing
@testable import Formats
import TMCore

@Suite struct POReaderTests {
    @Test func readsEntriesWithMetadataAndCountsSkips() throws {
        let (units, summary) = try readAll(fixture("sample.po"))
        #expect(units.map(\.source) == ["Open File", "Save %s", "%d file", "%d files", "A long message that spans lines\nwith \"quotes\" and a \\ backslash\tand tab"])
        #expect(units.map(\.target) == ["파일 열기", "%s 저장", "파일 %d개", "파일 %d개", "여러 줄에 걸친 긴 메시지\n\"따옴표\"와 \\ 역슬래시\t와 탭"])
        #expect(units[0].notes == ["Menu item"])
        #expect(units[0].properties == [.init(type: "x-po-reference", value: "src/main.c:10 src/menu.c:22")])
        #expect(units[0].location?.line == 16)
        #expect(units[1].context == "button")
        #expect(units[1].notes == ["Translator: keep short"])
        #expect(units[1].properties.contains(.init(type: "x-po-flags", value: "c-format")))
        #expect(units[2].properties.contains(.init(type: "x-po-msgid-plural", value: "%d files")))
        #expect(units[3].properties.contains(.init(type: "x-po-plural-of", value: "%d file")))
        #expect(units.allSatisfy { $0.sourceLanguage == en && $0.targetLanguage == ko })
        #expect(summary.read == 5)
        #expect(summary.skipped == ["fuzzy": 1, "untranslated": 2, "obsolete": 1])
    }

    @Test func fuzzyEntriesOnRequest() throws {
        let (units, summary) = try readAll(fixture("sample.po"), ReadOptions(includeFuzzy: true))
        #expect(units.contains { $0.source == "New text" && $0.properties.contains(.init(type: "x-po-fuzzy", value: "yes")) })
        #expect(summary.read == 6)
    }

    @Test func aPluralOfTwoFormsGivesBothPairs() throws {
        let dir = TempDir()
        let po = dir.write("de.po", "msgid \"\"\nmsgstr \"Language: de\\n\"\n\nmsgid \"%d file selected\"\nmsgid_plural \"%d files selected\"\nmsgstr[0] \"%d Datei ausgewählt\"\nmsgstr[1] \"%d Dateien ausgewählt\"\n")
        let (units, _) = try readAll(po)
        #expect(units.map(\.source) == ["%d file selected", "%d files selected"])
        #expect(units.map(\.target) == ["%d Datei ausgewählt", "%d Dateien ausgewählt"])
    }

    @Test func optionsOverrideTheHeaderLanguage() throws {
        let (units, _) = try readAll(fixture("sample.po"), ReadOptions(targetLanguage: .init("ko-KR")!))
        #expect(units.first?.targetLanguage.code == "ko-KR")
    }

    @Test func missingOrBadLanguage() {
        let dir = TempDir()
        let none = dir.write("none.po", "msgid \"a\"\nmsgstr \"b\"\n")
        #expect(formatError { _ = try readAll(none) } == .missingLanguage(file: none, side: "target"))
        let bad = dir.write("bad.po", "\n\nmsgid \"\"\nmsgstr \"Language: xx\\n\"\n\nmsgid \"a\"\nmsgstr \"b\"\n")
        guard case .language(_, _, _, "xx", _)? = formatError({ _ = try readAll(bad) }) else { Issue.record("expected a language error"); return }
    }

    @Test(arguments: [
        ("msgid \"a\nmsgstr \"b\"\n", "1:7"),
        ("msgid \"a\"\nmsgstr \"b\" junk\n", "2:12"),
        ("msgid \"a\\q\"\nmsgstr \"b\"\n", "1:9"),
        ("msgstr \"b\"\n", "1:1"),
        ("msgid \"a\"\nbogus \"b\"\n", "2:1"),
    ])
    func syntaxErrorsNameLineAndColumn(text: String, where: String) {
        let dir = TempDir()
        let path = dir.write("bad.po", text)
        let e = formatError { _ = try readAll(path, ReadOptions(targetLanguage: ko)) }
        #expect(position(e) == `where`, "\(String(describing: e))")
    }

    @Test func invalidUTF8AndEmptyFiles() {
        let dir = TempDir()
        var data = Data("msgid \"a\"\nmsgstr \"".utf8)
        data.append(contentsOf: [0xFF, 0x22, 0x0A])
        let path = dir.write("bad.po", data)
        #expect(formatError { _ = try readAll(path, ReadOptions(targetLanguage: ko)) } == .invalidUTF8InLine(file: path, line: 2, column: 9))
        let empty = dir.write("empty.po", "")
        #expect(formatError { _ = try readAll(empty) } == .empty(file: empty))
    }
}

@Suite struct POLegacyCharsetTests {
    @Test func eucKRCatalogIsConverted() throws {
        let (units, summary) = try readAll(fixture("euckr.po"))
        #expect(units.map(\.target) == ["저장"])
        #expect(summary.skipped == ["untranslated": 1])
    }

    @Test func writerOutputsUTF8AndSaysSo() throws {
        let dir = TempDir()
        let out = dir.path + "/out.po"
        try POWriter.fill(fixture("euckr.po"), to: out) { $0.msgid == "Quit" ? .init("끝내기") : nil }
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("charset=UTF-8") && text.contains("Language-Team: 한국어"))
        let (units, _) = try readAll(out)
        #expect(units.map(\.target) == ["저장", "끝내기"])
        if let msgfmt = POWriterTests.msgfmt {
            #expect(try TMXInteropTests.run(msgfmt, ["--check", "-o", "/dev/null", out]).status == 0)
        }
    }

    @Test func invalidBytesInTheCharsetNameTheLine() {
        let dir = TempDir()
        var data = Data("msgid \"\"\nmsgstr \"Language: ko\\nContent-Type: text/plain; charset=EUC-KR\\n\"\n\nmsgid \"a\"\nmsgstr \"".utf8)
        data.append(contentsOf: [0xB0, 0x22, 0x0A])  // a lead byte without its trail byte
        let path = dir.write("bad.po", data)
        guard case .malformed(_, 5, _, let reason)? = formatError({ _ = try readAll(path) }) else { Issue.record("expected an error"); return }
        #expect(reason.contains("EUC-KR"))
    }
}
