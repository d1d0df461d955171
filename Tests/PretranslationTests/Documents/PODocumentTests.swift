import Foundation
import Testing
@testable import Pretranslation

@Suite struct PODocumentTests {
    static let po = """
    # Korean translation of the app.
    msgid ""
    msgstr ""
    "Project-Id-Version: app 1.0\\n"
    "Report-Msgid-Bugs-To: \\n"
    "POT-Creation-Date: 2024-01-01 00:00+0000\\n"
    "PO-Revision-Date: 2024-01-02 00:00+0000\\n"
    "Last-Translator: Kim <kim@example.com>\\n"
    "Language-Team: Korean\\n"
    "Language: ko\\n"
    "MIME-Version: 1.0\\n"
    "Content-Type: text/plain; charset=UTF-8\\n"
    "Content-Transfer-Encoding: 8bit\\n"
    "Plural-Forms: nplurals=1; plural=0;\\n"

    # translator comment
    #. extracted comment
    #: src/main.c:10
    #, c-format
    msgid "Print %s pages"
    msgstr ""

    #: src/main.c:20
    msgid "Save the document before closing it."
    msgstr ""

    msgctxt "button"
    msgid "Cancel"
    msgstr ""

    #, c-format
    msgid "Print %d pages"
    msgstr ""

    msgid ""
    "Line one\\n"
    "Line two\\n"
    msgstr ""

    msgid "Open the file."
    msgstr "파일 열기"

    msgid "One file"
    msgid_plural "%d files"
    msgstr[0] ""

    #~ msgid "Old string"
    #~ msgstr "옛 문자열"
    """ + "\n"

    @Test func readsEntriesWithContextAndTheHeaderLanguage() throws {
        let doc = try PODocument(data: Data(Self.po.utf8), file: "ko.po")
        #expect(doc.declaredTarget == .korean)
        #expect(doc.segments.map(\.source) == ["Print %s pages", "Save the document before closing it.", "Cancel", "Print %d pages",
                                               "Line one\nLine two\n", "Open the file.", "One file"])
        #expect(doc.segments.map(\.context) == [nil, nil, "button", nil, nil, nil, nil])
        #expect(doc.segments.map(\.isTranslated) == [false, false, false, false, false, true, false])
        #expect(doc.segments.map(\.pluralSource) == [nil, nil, nil, nil, nil, nil, "%d files"])
    }

    @Test func aHeaderLanguageThatIsNotOneIsAnErrorNamingIt() throws {
        let bad = Self.po.replacingOccurrences(of: "\"Language: ko\\n\"", with: "\"Language: k@@o!\\n\"")
        #expect(bad != Self.po)
        #expect { try PODocument(data: Data(bad.utf8), file: "ko.po") } throws: { "\($0)".contains("k@@o!") && "\($0)".contains("ko.po") }
        let template = Self.po.replacingOccurrences(of: "\"Language: ko\\n\"", with: "\"Language: \\n\"")
        #expect(try PODocument(data: Data(template.utf8), file: "app.pot").declaredTarget == nil)
    }

    @Test func fillsMsgstrMarksFuzzyAndKeepsEverythingElse() throws {
        let doc = try PODocument(data: Data(Self.po.utf8), file: "ko.po")
        let out = String(decoding: try doc.rendered(Fixture.results(doc, minScore: 50), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.hasPrefix("# Korean translation of the app.\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: app 1.0\\n\""))
        #expect(out.contains("""
        # translator comment
        #. extracted comment
        #: src/main.c:10
        #, c-format
        msgid "Print %s pages"
        msgstr "%s 페이지 인쇄"
        """))
        // Fuzzy: the flag and the memory's source as the previous msgid, as msgmerge writes them.
        #expect(out.contains("""
        #. tmkit-glossary: document → 문서
        #: src/main.c:20
        #, fuzzy
        #| msgid "Save the document before closing."
        msgid "Save the document before closing it."
        msgstr "닫기 전에 문서를 저장합니다."
        """))
        // Context match.
        #expect(out.contains("msgctxt \"button\"\nmsgid \"Cancel\"\nmsgstr \"취소\""))
        // A match whose placeholders differ would fail msgfmt --check: it is marked fuzzy.
        #expect(out.contains("#, fuzzy, c-format\n#| msgid \"Print %s pages\"\nmsgid \"Print %d pages\"\nmsgstr \"%s 페이지 인쇄\""))
        // Multi-line strings are written as gettext does.
        #expect(out.contains("msgid \"\"\n\"Line one\\n\"\n\"Line two\\n\"\nmsgstr \"\"\n\"첫째 줄\\n\"\n\"둘째 줄\\n\""))
        // Translated and obsolete entries are untouched; the plural entry without a match too.
        #expect(out.contains("msgid \"Open the file.\"\nmsgstr \"파일 열기\""))
        #expect(out.contains("msgid \"One file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"\""))
        #expect(out.hasSuffix("#~ msgid \"Old string\"\n#~ msgstr \"옛 문자열\"\n"))
    }

    @Test func anExactMatchClearsAStaleFuzzyFlagAndPreviousMsgid() throws {
        let po = "#, fuzzy, python-format\n#| msgid \"Open a file.\"\nmsgid \"Open the file.\"\nmsgstr \"\"\n"
        let doc = try PODocument(data: Data(po.utf8), file: "t.po")
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out == "#. tmkit-glossary: open the file → 파일 열기\n#, python-format\nmsgid \"Open the file.\"\nmsgstr \"파일을 엽니다.\"\n")
    }

    @Test func aPOTHeaderGetsLanguageAndCharsetAndThePOExtension() throws {
        let pot = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=CHARSET\\n\"\n\"Language: \\n\"\n\nmsgid \"Open the file.\"\nmsgstr \"\"\n"
        let doc = try PODocument(data: Data(pot.utf8), file: "app.pot")
        #expect(doc.outputPath(for: "po/app.pot") == "po/app.po")
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.hasPrefix("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: ko\\n\"\n"))
    }

    @Test(arguments: [
        ("msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\nmsgstr \"\"\n", 2, 8, "string not closed"),
        ("msgid \"a\"\nmsgstr \"b\" x\n", 2, 12, "unexpected text after the string"),
        ("msgstr \"b\"\n", 1, 1, "msgstr before msgid"),
        ("msgid \"a\"\nmsgstr \"\\q\"\n", 2, 9, "unknown escape sequence"),
        ("msgid \"a\"\nmsgstring \"b\"\n", 2, 1, "unknown keyword"),
        ("msgid \"a\"\n", 1, 1, "msgid without msgstr"),
        ("msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n", 3, 1, "duplicate msgstr"),
        ("msgid \"a\"\nmsgstr[0] \"b\"\n", 2, 1, "without msgid_plural"),
        ("hello\n", 1, 6, "expected a quoted string after hello"),
    ])
    func malformedPONamesLineAndColumn(po: String, line: Int, column: Int, reason: String) {
        #expect {
            _ = try PODocument(data: Data(po.utf8), file: "bad.po")
        } throws: { error in
            guard case let .malformed(file, l, c, r) = error as? PretranslationError else { return false }
            return file == "bad.po" && l == line && c == column && r.contains(reason)
        }
    }

    @Test func invalidUTF8IsAnErrorNamingTheFile() {
        #expect {
            _ = try PODocument(data: Data("msgid \"a\"\nmsgstr \"".utf8) + Data([0xC3, 0x28]) + Data("\"\n".utf8), file: "bad.po")
        } throws: { error in
            (error as? PretranslationError)?.description == "bad.po:2:9: invalid UTF-8"
        }
    }

    @Test func keepsCRLFLineEndings() throws {
        let po = "msgid \"Open the file.\"\r\nmsgstr \"\"\r\n\r\nmsgid \"x\"\r\nmsgstr \"\"\r\n"
        let doc = try PODocument(data: Data(po.utf8), file: "t.po")
        let out = String(decoding: try doc.rendered(Fixture.results(doc), languages: Fixture.enKo), as: UTF8.self)
        #expect(out.contains("msgstr \"파일을 엽니다.\"\r\n\r\nmsgid \"x\"\r\nmsgstr \"\"\r\n"))
    }
}
