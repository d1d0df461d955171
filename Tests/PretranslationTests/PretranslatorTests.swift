import Foundation
import Testing
import Formats
@testable import Pretranslation
import TMCore

@Suite struct PretranslatorTests {
    /// A batch: XLIFF 1.2, PO, text and Markdown in nested folders, an unknown file and a broken one.
    static func batch() -> String {
        let dir = Fixture.folder()
        Fixture.write(XLIFFDocumentTests.xliff12, "ui/ui.xlf", in: dir)
        Fixture.write(XLIFFDocumentTests.xliff20, "ui/app.xliff", in: dir)
        Fixture.write(PODocumentTests.po, "po/ko.po", in: dir)
        Fixture.write("Open the file. Save the document before closing.\n\nOpen the file.\n", "docs/readme.txt", in: dir)
        Fixture.write("# Cancel\n\nSomething the memory has never seen.\n", "docs/guide.md", in: dir)
        Fixture.write("binary?", "docs/image.png", in: dir)
        Fixture.write("<xliff version=\"1.2\">\n<file>\n</xliff>\n", "ui/broken.xlf", in: dir)
        return dir
    }

    @Test func countsBandsAndRepetitionsAcrossTheBatch() throws {
        let dir = Self.batch()
        let report = try Fixture.pretranslator(output: nil).run([dir])
        #expect(report.files.map { ($0.file as NSString).lastPathComponent } == ["guide.md", "readme.txt", "ko.po", "app.xliff", "ui.xlf"])
        let guide = report.files[0]
        #expect(guide.bands[.exact]!.segments == 1)  // "Cancel" without context: 100
        #expect(guide.bands[.noMatch]!.segments == 1 && guide.bands[.noMatch]!.words == 6)
        let readme = report.files[1]
        #expect(readme.bands[.exact]!.segments == 2 && readme.bands[.exact]!.words == 8)
        #expect(readme.bands[.repetition]!.segments == 1 && readme.bands[.repetition]!.words == 3)
        let po = report.files[2]
        #expect(po.bands[.context]!.segments == 1)  // msgctxt "button": not a repetition of the Markdown's "Cancel"
        #expect(po.bands[.repetition]!.segments == 1)  // "Open the file." again
        #expect(po.bands[.fuzzy75]!.segments == 1)
        #expect(po.alreadyTranslated == 1)
        #expect(report.total.total.segments == report.files.reduce(0) { $0 + $1.total.segments })
        #expect(report.total.glossaryTerms > 0)
        // Unknown file listed, broken file an error with its position.
        #expect(report.skipped.contains { !$0.isError && $0.file.hasSuffix("image.png") })
        let broken = try #require(report.skipped.first { $0.isError })
        #expect(broken.reason.hasPrefix(dir + "/ui/broken.xlf:3:"))
        #expect(report.hasErrors)
    }

    @Test func writesOneOutputPerInputUnderTheSameRelativePath() throws {
        let dir = Self.batch()
        let out = Fixture.folder() + "/out"
        let report = try Fixture.pretranslator(output: out).run([dir])
        let written = (FileManager.default.subpaths(atPath: out) ?? []).filter { !$0.hasSuffix("/") }.sorted()
        #expect(written == ["docs", "docs/guide.md.xlf", "docs/readme.txt.xlf", "po", "po/ko.po", "ui", "ui/app.xliff", "ui/ui.xlf"])
        #expect(report.files.map { $0.output } == ["docs/guide.md.xlf", "docs/readme.txt.xlf", "po/ko.po", "ui/app.xliff", "ui/ui.xlf"])
        #expect(Fixture.read(out + "/po/ko.po").contains("msgctxt \"button\"\nmsgid \"Cancel\"\nmsgstr \"취소\""))
    }

    @Test func theOutputIsTheSameWhateverTheNumberOfThreads() throws {
        let dir = Self.batch()
        // Many segments so that the work is really split.
        var text = ""
        for i in 0..<400 { text += "Open the file number \(i % 150). Save the document before closing \(i).\n\n" }
        Fixture.write(text, "docs/long.txt", in: dir)
        var outputs: [[String: String]] = []
        var reports: [Data] = []
        for threads in [1, 2, 5] {
            let out = Fixture.folder()
            let report = try Fixture.pretranslator(output: out, threads: threads).run([dir])
            var files: [String: String] = [:]
            for p in FileManager.default.subpaths(atPath: out) ?? [] { files[p] = Fixture.read(out + "/" + p) }
            outputs.append(files)
            var r = report
            r.threads = 0
            reports.append(try r.json())
        }
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
        #expect(reports[0] == reports[1] && reports[1] == reports[2])
    }

    @Test func minScoreDecidesWhatIsFilledButNotHowItIsCounted() throws {
        let dir = Fixture.folder()
        Fixture.write("msgid \"Save the document before closing it.\"\nmsgstr \"\"\n", "a.po", in: dir)
        let high = try Fixture.pretranslator(output: dir + "/high", minScore: 95).run([dir + "/a.po"])
        let low = try Fixture.pretranslator(output: dir + "/low", minScore: 75).run([dir + "/a.po"])
        #expect(high.files[0].bands[.fuzzy75]!.segments == 1 && high.files[0].filled == 0)
        #expect(low.files[0].bands[.fuzzy75]!.segments == 1 && low.files[0].filled == 1)
        #expect(Fixture.read(dir + "/high/a.po").hasSuffix("msgstr \"\"\n"))
        #expect(Fixture.read(dir + "/low/a.po").hasSuffix("msgstr \"닫기 전에 문서를 저장합니다.\"\n"))
    }

    @Test func languagesComeFromTheFileOrTheOptions() throws {
        let dir = Fixture.folder()
        Fixture.write("<xliff version=\"1.2\"><file source-language=\"ja\" target-language=\"ko\" original=\"x\" datatype=\"plaintext\"><body><trans-unit id=\"1\"><source>x</source></trans-unit></body></file></xliff>", "ja.xlf", in: dir)
        let matcher = InMemoryMatchProvider(Fixture.memory)
        let run = Pretranslator(options: .init(outputDirectory: nil, sourceLanguage: .english, targetLanguage: .korean), matcher: { matcher })
        let report = try run.run([dir])
        #expect(report.files.isEmpty)
        #expect(report.skipped.first?.reason == "\(dir)/ja.xlf: the file's source language is ja, the run's is en")
    }

    @Test func missingInputsAreErrorsAndOtherFilesStillRun() throws {
        let dir = Fixture.folder()
        Fixture.write("Open the file.\n", "a.txt", in: dir)
        let report = try Fixture.pretranslator(output: dir + "/out").run([dir + "/nope.xlf", dir + "/a.txt"])
        #expect(report.files.count == 1)
        #expect(report.skipped.map(\.reason) == ["\(dir)/nope.xlf: no such file or folder"])
        #expect(report.hasErrors)
    }

    @Test func outputsAreWrittenAtomicallyWithNoTemporaryFilesLeft() throws {
        let dir = Fixture.folder()
        Fixture.write("Open the file.\n", "a.txt", in: dir)
        let out = dir + "/out"
        Fixture.write("old content", "a.txt.xlf", in: out)
        _ = try Fixture.pretranslator(output: out).run([dir + "/a.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["a.txt.xlf"])
        #expect(Fixture.read(out + "/a.txt.xlf").contains("<target>파일을 엽니다.</target>"))
    }

    @Test func anUnwritableOutputIsAnErrorForThatFileOnly() throws {
        let dir = Fixture.folder()
        Fixture.write("Open the file.\n", "a.txt", in: dir)
        Fixture.write("msgid \"Open the file.\"\nmsgstr \"\"\n", "b.po", in: dir)
        let out = dir + "/out"
        // A folder where the output file should go.
        try FileManager.default.createDirectory(atPath: out + "/a.txt.xlf", withIntermediateDirectories: true)
        let report = try Fixture.pretranslator(output: out).run([dir + "/a.txt", dir + "/b.po"])
        #expect(report.files.map(\.output) == ["b.po"])
        #expect(report.skipped.first?.reason.contains("cannot write") == true)
    }
}

@Suite struct AtomicFileTests {
    @Test func replacesAFileWholeAndCreatesFolders() throws {
        let dir = Fixture.folder()
        try AtomicFile.write(Data("one".utf8), to: dir + "/a/b/c.txt")
        try AtomicFile.write(Data("two".utf8), to: dir + "/a/b/c.txt")
        #expect(Fixture.read(dir + "/a/b/c.txt") == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/a/b") == ["c.txt"])
    }

    @Test func failsWithAClearErrorWhenTheFolderCannotBeMade() throws {
        let dir = Fixture.folder()
        Fixture.write("x", "file", in: dir)
        #expect(throws: (any Error).self) { try AtomicFile.write(Data(), to: dir + "/file/c.txt") }
    }
}

@Suite struct InputFilesTests {
    @Test func anOutputFolderThatIsAnInputsFolderIsRefused() throws {
        let dir = Fixture.folder()
        let po = Fixture.write("msgid \"Open the file.\"\nmsgstr \"\"\n", "ui/ko.po", in: dir)
        for (inputs, output) in [([dir + "/ui/ko.po"], dir + "/ui"), ([dir], dir), ([dir], dir + "/ui/../"), ([dir + "/ui"], dir + "/ui/.")] {
            #expect(throws: PretranslationError.self) { _ = try Fixture.pretranslator(output: output).run(inputs) }
        }
        // Through a symbolic link too.
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/ui")
        #expect(throws: PretranslationError.self) { _ = try Fixture.pretranslator(output: dir + "/link").run([po]) }
        #expect(Fixture.read(po) == "msgid \"Open the file.\"\nmsgstr \"\"\n")
    }

    @Test func anOutputFolderInsideTheInputIsNotReadAgain() throws {
        let dir = Fixture.folder()
        Fixture.write("Open the file.\n", "a.txt", in: dir)
        _ = try Fixture.pretranslator(output: dir + "/out").run([dir])
        let again = try Fixture.pretranslator(output: dir + "/out").run([dir])
        #expect(again.files.map { ($0.file as NSString).lastPathComponent } == ["a.txt"])
        #expect(again.skipped.isEmpty)
    }
}

@Suite struct EmptyInputTests {
    @Test func emptyFilesAreHandledAsTheirFormatSays() throws {
        let dir = Fixture.folder()
        Fixture.write("", "empty.txt", in: dir)
        Fixture.write("\n\n", "blank.md", in: dir)
        Fixture.write("", "empty.po", in: dir)
        Fixture.write("", "empty.xlf", in: dir)
        let report = try Fixture.pretranslator(output: dir + "/out").run([dir])
        // Text with nothing in it: listed, no output. An empty PO is a valid catalog with no entries.
        #expect(report.skipped.filter { !$0.isError }.map { ($0.file as NSString).lastPathComponent } == ["blank.md", "empty.txt"])
        #expect(report.files.map(\.output) == ["empty.po"])
        // An empty XLIFF file is not XML: an error naming it.
        #expect(report.skipped.filter(\.isError).map(\.reason) == ["\(dir)/empty.xlf:1:1: no root element (empty document?)"])
    }
}

/// A memory entry's inline codes in a fill for a source without codes.
@Suite struct FillWithoutCodesTests {
    func match(_ source: [CodedText.Piece], _ target: [CodedText.Piece]) -> PretranslationMatch {
        PretranslationMatch(score: 90, source: CodedText.encode(source), target: CodedText.encode(target))
    }

    @Test func aCodeTheSourceLacksIsLeftOut() {
        let m = match([.text("Insert "), .code(InlineCode(.standalone, id: "1", native: "<img/>")), .text(" image")],
                      [.code(InlineCode(.standalone, id: "1", native: "<img/>")), .text(" 이미지 삽입")])
        let fill = Pretranslator.withoutCodes(m, for: "Insert image")
        #expect(fill.target == "이미지 삽입")
        #expect(fill.source == "Insert image")
    }

    @Test func aCodeWhoseMarkupTheSourceHasBecomesThatMarkup() {
        let m = match([.text("Click "), .code(InlineCode(.open, id: "1", native: "<b>")), .text("here"), .code(InlineCode(.close, id: "1", native: "</b>"))],
                      [.code(InlineCode(.open, id: "1", native: "<b>")), .text("여기"), .code(InlineCode(.close, id: "1", native: "</b>")), .text("를 누르십시오")])
        #expect(Pretranslator.withoutCodes(m, for: "Click <b>here</b>").target == "<b>여기</b>를 누르십시오")
    }
}
