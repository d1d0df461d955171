import Foundation
import Testing
@testable import Pretranslation
import TMCore

private let msgfmt: String? = ["/usr/bin/msgfmt", "/usr/local/bin/msgfmt"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs `msgfmt --check` on `text`; nil when msgfmt is not installed.
private func msgfmtCheck(_ text: String) throws -> (status: Int32, output: String)? {
    guard let msgfmt else { return nil }
    let dir = Fixture.folder()
    let path = Fixture.write(text, "check.po", in: dir)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: msgfmt)
    p.arguments = ["--check", "-o", "/dev/null", path]
    let pipe = Pipe()
    p.standardError = pipe
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Pre-translates `po` (a catalog) against `memory` and returns the output.
private func fill(_ po: String, _ memory: [InMemoryMatchProvider.Entry], target: LanguageTag = .korean, file: String = "ko.po") throws -> String {
    let dir = Fixture.folder()
    Fixture.write(po, file, in: dir)
    let matcher = InMemoryMatchProvider(memory)
    let run = Pretranslator(options: PretranslationOptions(outputDirectory: dir + "/out", minScore: 75, targetLanguage: target, threads: 1),
                            matcher: { matcher })
    let report = try run.run([dir + "/" + file])
    #expect(report.skipped.isEmpty, "\(report.skipped)")
    let out = dir + "/out/" + (file.hasSuffix(".pot") ? String(file.dropLast(4)) + ".po" : file)
    return Fixture.read(out)
}

private let header = """
msgid ""
msgstr ""
"Project-Id-Version: app 1.0\\n"
"PO-Revision-Date: 2024-01-02 00:00+0000\\n"
"Last-Translator: Kim <kim@example.com>\\n"
"Language-Team: Korean\\n"
"Language: ko\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"


"""

@Suite struct POCatalogFillTests {
    @Test func koreanPluralEntriesGetMsgstr0FromTheBetterMatch() throws {
        let po = header + """
        #, c-format
        msgid "%d file"
        msgid_plural "%d files"
        msgstr[0] ""

        #, c-format
        msgid "One folder"
        msgid_plural "%d folders"
        msgstr[0] ""

        """
        let out = try fill(po, [.init(source: "%d file", target: "파일 %d개"), .init(source: "%d folders", target: "폴더 %d개")])
        #expect(out.contains("msgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"파일 %d개\"\n"))
        #expect(out.contains("#, c-format\nmsgid \"One folder\"\nmsgid_plural \"%d folders\"\nmsgstr[0] \"폴더 %d개\"\n"))
        if let r = try msgfmtCheck(out) { #expect(r.status == 0, "\(r.output)") }
    }

    @Test func everyFormIsFilledWhenTheMemoryHasThem() throws {
        let po = header.replacingOccurrences(of: "Language: ko", with: "Language: de")
            .replacingOccurrences(of: "nplurals=1; plural=0;", with: "nplurals=2; plural=(n != 1);") + """
        #, c-format
        msgid "%d file"
        msgid_plural "%d files"
        msgstr[0] ""
        msgstr[1] ""

        #, c-format
        msgid "One folder"
        msgid_plural "%d folders"
        msgstr[0] ""
        msgstr[1] ""

        """
        let memory: [InMemoryMatchProvider.Entry] = [
            .init(source: "%d file", target: "%d Datei"), .init(source: "%d files", target: "%d Dateien"),
            .init(source: "One folder", target: "Ein Ordner"),
        ]
        let out = try fill(po, memory, target: LanguageTag("de")!, file: "de.po")
        #expect(out.contains("msgstr[0] \"%d Datei\"\nmsgstr[1] \"%d Dateien\"\n"))
        // Only one form in the memory: left for the translator.
        #expect(out.contains("msgid_plural \"%d folders\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n"))
        if let r = try msgfmtCheck(out) { #expect(r.status == 0, "\(r.output)") }
    }

    @Test func pluralEntriesAreCountedByTheMatchTheyAreFilledWith() throws {
        let dir = Fixture.folder()
        Fixture.write(header + "msgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"\"\n", "ko.po", in: dir)
        let matcher = InMemoryMatchProvider([.init(source: "%d file", target: "파일 %d개")])
        let report = try Pretranslator(options: .init(outputDirectory: nil, threads: 1), matcher: { matcher }).run([dir])
        #expect(report.files[0].filled == 1)
        #expect(report.files[0].bands[.exact]?.segments == 1)
    }

    @Test func reorderedDirectivesAreFuzzyPositionalOnesAreNot() throws {
        let po = header + """
        #, c-format
        msgid "%s of %d"
        msgstr ""

        #, c-format
        msgid "Copy %s to %s"
        msgstr ""

        """
        let out = try fill(po, [.init(source: "%s of %d", target: "%d 중 %s"), .init(source: "Copy %s to %s", target: "%2$s(으)로 %1$s 복사")])
        #expect(out.contains("#, fuzzy, c-format\n#| msgid \"%s of %d\"\nmsgid \"%s of %d\"\nmsgstr \"%d 중 %s\""))
        #expect(out.contains("#, c-format\nmsgid \"Copy %s to %s\"\nmsgstr \"%2$s(으)로 %1$s 복사\""))
        if let r = try msgfmtCheck(out) { #expect(r.status == 0, "\(r.output)") }
    }

    @Test func aTemplateGetsRealPluralFormsForTheTarget() throws {
        let pot = """
        #, fuzzy
        msgid ""
        msgstr ""
        "Project-Id-Version: PACKAGE VERSION\\n"
        "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
        "Language: \\n"
        "MIME-Version: 1.0\\n"
        "Content-Type: text/plain; charset=CHARSET\\n"
        "Content-Transfer-Encoding: 8bit\\n"
        "Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"

        #, c-format
        msgid "%d file"
        msgid_plural "%d files"
        msgstr[0] ""
        msgstr[1] ""

        """
        let out = try fill(pot, [.init(source: "%d file", target: "파일 %d개")], file: "app.pot")
        #expect(out.contains("\"Language: ko\\n\"\n"))
        #expect(out.contains("\"Content-Type: text/plain; charset=UTF-8\\n\"\n"))
        #expect(out.contains("\"Plural-Forms: nplurals=1; plural=0;\\n\"\n"))
        // The template's two forms become Korean's one.
        #expect(out.contains("msgid_plural \"%d files\"\nmsgstr[0] \"파일 %d개\"\n"))
        if let r = try msgfmtCheck(out) { #expect(r.status == 0, "\(r.output)") }
    }

    @Test func anEUCKRCatalogIsWrittenBackInUTF8() throws {
        var data = Data((header.replacingOccurrences(of: "charset=UTF-8", with: "charset=EUC-KR") + "msgid \"Save\"\nmsgstr \"").utf8)
        data.append(contentsOf: [0xC0, 0xFA, 0xC0, 0xE5])  // 저장 in EUC-KR
        data.append(contentsOf: Data("\"\n\nmsgid \"Open the file.\"\nmsgstr \"\"\n".utf8))
        let dir = Fixture.folder()
        try data.write(to: URL(fileURLWithPath: dir + "/ko.po"))
        let matcher = InMemoryMatchProvider(Fixture.memory)
        let report = try Pretranslator(options: .init(outputDirectory: dir + "/out", threads: 1), matcher: { matcher }).run([dir + "/ko.po"])
        #expect(report.skipped.isEmpty, "\(report.skipped)")
        let out = Fixture.read(dir + "/out/ko.po")
        #expect(out.contains("charset=UTF-8") && !out.contains("EUC-KR"))
        #expect(out.contains("msgid \"Save\"\nmsgstr \"저장\""))
        #expect(out.contains("msgstr \"파일을 엽니다.\""))
        if let r = try msgfmtCheck(out) { #expect(r.status == 0, "\(r.output)") }
    }
}
