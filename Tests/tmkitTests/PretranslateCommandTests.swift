import Foundation
import Testing

/// End-to-end runs of `tmkit pretranslate` and `tmkit analyze`.
@Suite struct PretranslateCommandTests {
    /// A memory file with a few pairs, imported with `tmkit tm import`.
    static func memory() throws -> String {
        let tsv = try TMKitProcess.file("pairs.tsv", Data("""
        source\ttarget
        Open the file.\t파일을 엽니다.
        Save the document before closing.\t닫기 전에 문서를 저장합니다.
        Print %s pages\t%s 페이지 인쇄

        """.utf8))
        let tm = TMKitProcess.temporaryDirectory().appendingPathComponent("memory.sqlite").path
        let r = try TMKitProcess.run(["tm", "import", tsv.path, "--tm", tm, "--source-lang", "en", "--target-lang", "ko"])
        #expect(r.status == 0, "\(r.stderr)")
        return tm
    }

    /// A folder of inputs.
    static func inputs(broken: Bool = false) throws -> URL {
        let dir = TMKitProcess.temporaryDirectory()
        func put(_ name: String, _ text: String) throws {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try put("docs/a.txt", "Open the file. Save the document before closing.\n\nOpen the file.\n")
        try put("po/ko.po", "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: ko\\n\"\n\n#, c-format\nmsgid \"Print %s pages\"\nmsgstr \"\"\n\nmsgid \"Save the document before closing it.\"\nmsgstr \"\"\n")
        try put("ui/b.xlf", """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
          <file original="b" source-language="en" target-language="ko" datatype="plaintext">
            <body>
              <trans-unit id="1"><source>Open the file.</source></trans-unit>
              <trans-unit id="2"><source>A sentence nobody translated.</source></trans-unit>
            </body>
          </file>
        </xliff>

        """)
        try put("notes.bin", "?")
        if broken { try put("ui/broken.xlf", "<xliff version=\"1.2\">\n  <file>\n    <body>\n</xliff>\n") }
        return dir
    }

    /// A memory with the same text tagged and untagged: a source with the codes gets the tagged
    /// entry, exact, its codes where the memory's target has them; a source without codes never
    /// gets the memory's markup.
    @Test func theTaggedEntryServesACodedSourceAndCodesNeverLeakIntoPlainOnes() throws {
        let tmx = try TMKitProcess.file("tagged.tmx", Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>
        <tu><tuv xml:lang="en"><seg>Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> now</seg></tuv><tuv xml:lang="ko"><seg>지금 <bpt i="1">&lt;b&gt;</bpt>여기<ept i="1">&lt;/b&gt;</ept>를 누르십시오</seg></tuv></tu>
        <tu><tuv xml:lang="en"><seg>Click here now</seg></tuv><tuv xml:lang="ko"><seg>지금 여기를 누르십시오(태그 없음)</seg></tuv></tu>
        <tu><tuv xml:lang="en"><seg>Insert <ph>&lt;img/&gt;</ph> image</seg></tuv><tuv xml:lang="ko"><seg><ph>&lt;img/&gt;</ph> 이미지 삽입</seg></tuv></tu>
        </body></tmx>
        """.utf8))
        let tm = TMKitProcess.temporaryDirectory().appendingPathComponent("memory.sqlite").path
        #expect(try TMKitProcess.run(["tm", "import", tmx.path, "--tm", tm]).status == 0)
        let dir = TMKitProcess.temporaryDirectory()
        try Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" target-language="ko" datatype="plaintext"><body>
        <trans-unit id="1"><source>Click <g id="1">here</g> now</source></trans-unit>
        <trans-unit id="2"><source>Insert image</source></trans-unit>
        </body></file></xliff>
        """.utf8).write(to: dir.appendingPathComponent("a.xlf"))
        let out = TMKitProcess.temporaryDirectory().appendingPathComponent("out")
        let r = try TMKitProcess.run(["pretranslate", dir.path, "-o", out.path, "--tm", tm, "--min-score", "50"])
        #expect(r.status == 0, "\(r.stderr)")
        let xlf = try String(contentsOf: out.appendingPathComponent("a.xlf"), encoding: .utf8)
        #expect(xlf.contains("<target state=\"translated\" state-qualifier=\"exact-match\">지금 <g id=\"1\">여기</g>를 누르십시오</target>"), "\(xlf)")
        #expect(xlf.contains(">이미지 삽입</target>") && !xlf.contains("&lt;img/&gt; 이미지"), "\(xlf)")
    }

    @Test func pretranslatesAFolderAndWritesTheReport() throws {
        let tm = try Self.memory()
        let dir = try Self.inputs()
        let out = TMKitProcess.temporaryDirectory().appendingPathComponent("out")
        let report = out.deletingLastPathComponent().appendingPathComponent("report.json")
        let r = try TMKitProcess.run(["pretranslate", dir.path, "-o", out.path, "--tm", tm, "--report", report.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "tmkit: skipped: \(dir.path)/notes.bin: not a kind of file tmkit pre-translates (XLIFF, PO, text, Markdown)\n")
        #expect(r.stdout.contains("repetitions"))
        #expect(r.stdout.contains("no match"))
        let written = (FileManager.default.subpaths(atPath: out.path) ?? []).sorted()
        #expect(written == ["docs", "docs/a.txt.xlf", "po", "po/ko.po", "ui", "ui/b.xlf"])
        let b = try String(contentsOf: out.appendingPathComponent("ui/b.xlf"), encoding: .utf8)
        #expect(b.contains("<target state=\"translated\" state-qualifier=\"exact-match\">파일을 엽니다.</target>"))
        let po = try String(contentsOf: out.appendingPathComponent("po/ko.po"), encoding: .utf8)
        #expect(po.contains("#, c-format\nmsgid \"Print %s pages\"\nmsgstr \"%s 페이지 인쇄\""))
        #expect(po.contains("#, fuzzy\n#| msgid \"Save the document before closing.\"\nmsgid \"Save the document before closing it.\"\nmsgstr \"닫기 전에 문서를 저장합니다.\""))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let total = try #require(json["total"] as? [String: Any])
        let bands = try #require(total["bands"] as? [[String: Any]])
        #expect(bands.map { $0["band"] as! String } == ["repetitions", "101", "100", "95-99", "85-94", "75-84", "50-74", "no match"])
        func band(_ name: String) -> (Int, Int) {
            let b = bands.first { $0["band"] as? String == name }!
            return (b["segments"] as! Int, b["words"] as! Int)
        }
        // a.txt: 2 exact + 1 repetition; ko.po: 1 exact, 1 fuzzy; b.xlf: 1 repetition, 1 no match.
        #expect(band("repetitions") == (2, 6))
        #expect(band("100") == (3, 11))
        #expect(band("no match") == (1, 4))
        #expect(total["segments"] as? Int == 7)
        #expect((json["files"] as? [[String: Any]])?.count == 3)
        #expect(json["wordCount"] as? String != nil)
    }

    @Test func theOutputIsTheSameWithOneThreadOrTwoAndFromRunToRun() throws {
        let tm = try Self.memory()
        let dir = try Self.inputs()
        var text = ""
        for i in 0..<300 { text += "Open the file number \(i % 40). Save the document before closing it \(i % 7).\n\n" }
        try Data(text.utf8).write(to: dir.appendingPathComponent("docs/long.txt"))
        var runs: [[String: Data]] = []
        for threads in ["1", "2", "2"] {
            let out = TMKitProcess.temporaryDirectory()
            let r = try TMKitProcess.run(["pretranslate", dir.path, "-o", out.path, "--tm", tm, "--threads", threads])
            #expect(r.status == 0, "\(r.stderr)")
            var files: [String: Data] = [:]
            for p in FileManager.default.subpaths(atPath: out.path) ?? [] where p.contains(".") {
                files[p] = FileManager.default.contents(atPath: out.appendingPathComponent(p).path)
            }
            runs.append(files)
        }
        #expect(runs[0].count == 4)
        #expect(runs[0] == runs[1] && runs[1] == runs[2])
    }

    @Test func koreanTextIsPretranslatedIntoEnglish() throws {
        let tsv = try TMKitProcess.file("koen.tsv", Data("source\ttarget\n유럽 안보 협상이 길어지고 있다.\tEuropean security talks are dragging on.\n".utf8))
        let tm = TMKitProcess.temporaryDirectory().appendingPathComponent("m.sqlite").path
        #expect(try TMKitProcess.run(["tm", "import", tsv.path, "--tm", tm, "--source-lang", "ko", "--target-lang", "en"]).status == 0)
        let doc = try TMKitProcess.file("기사.txt", Data("유럽 안보 협상이 길어지고 있다. 트럼프에 대응했다.\n".utf8))
        let out = TMKitProcess.temporaryDirectory()
        let report = out.appendingPathComponent("r.json")
        let r = try TMKitProcess.run(["pretranslate", doc.path, "-o", out.path, "--tm", tm, "--report", report.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("(ko → en)"))
        let xlf = try String(contentsOf: out.appendingPathComponent("기사.txt.xlf"), encoding: .utf8)
        #expect(xlf.contains("srcLang=\"ko\" trgLang=\"en\""))
        #expect(xlf.contains("<target>European security talks are dragging on.</target>"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let total = try #require(json["total"] as? [String: Any])
        // Eojeol: 5 + 2 words.
        #expect(total["words"] as? Int == 7)
    }

    @Test func aMalformedFileIsReportedWithItsPositionAndTheOthersStillRun() throws {
        let tm = try Self.memory()
        let dir = try Self.inputs(broken: true)
        let out = TMKitProcess.temporaryDirectory()
        let r = try TMKitProcess.run(["pretranslate", dir.path, "-o", out.path, "--tm", tm])
        #expect(r.status == 1)
        #expect(r.stderr.contains("tmkit: \(dir.path)/ui/broken.xlf:4:"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("ui/b.xlf").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("ui/broken.xlf").path))
    }

    @Test func analyzePrintsTheSameReportAndWritesNothing() throws {
        let tm = try Self.memory()
        let dir = try Self.inputs()
        let before = (FileManager.default.subpaths(atPath: dir.path) ?? []).sorted()
        let r = try TMKitProcess.run(["analyze", dir.path, "--tm", tm])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\ntotal\n"))
        #expect(r.stdout.contains("repetitions          2         6"))
        #expect((FileManager.default.subpaths(atPath: dir.path) ?? []).sorted() == before)
    }

    @Test func glossaryTermsBecomeNotes() throws {
        let tm = try Self.memory()
        let dir = try Self.inputs()
        let glossary = try TMKitProcess.file("terms.tsv", Data("document\t문서\nfile\t파일\n".utf8))
        let out = TMKitProcess.temporaryDirectory()
        let r = try TMKitProcess.run(["pretranslate", dir.appendingPathComponent("ui/b.xlf").path, "-o", out.path, "--tm", tm, "--glossary", glossary.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("glossary terms found: 1"))
        let b = try String(contentsOf: out.appendingPathComponent("b.xlf"), encoding: .utf8)
        #expect(b.contains("<note from=\"tmkit-glossary\" annotates=\"source\">file → 파일</note>"))
    }

    @Test func clearErrorsForAMissingMemoryAndBadOptions() throws {
        let dir = try Self.inputs()
        let r = try TMKitProcess.run(["pretranslate", dir.path, "-o", "/tmp/x", "--tm", "/nonexistent/m.sqlite"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("tmkit: /nonexistent/m.sqlite: no translation memory"))
        let bad = try TMKitProcess.run(["analyze", dir.path, "--min-score", "120"])
        #expect(bad.status != 0 && bad.stderr.contains("--min-score"))
        let lang = try TMKitProcess.run(["analyze", dir.path, "--source-lang", "xx"])
        #expect(lang.status == 1 && lang.stderr.contains("--source-lang xx"))
    }

    /// Ctrl-C while outputs are being written leaves only complete outputs. (Session 3 saw one
    /// dot-temporary file, empty, on a fresh clone: the temporary was created through Foundation,
    /// which makes a second temporary of its own, and registered only afterwards, and the main
    /// thread went on creating files after the handler had cleaned up. AtomicFile now creates,
    /// renames and cleans up under one lock the interrupt exit never gives back.)
    @Test func anInterruptLeavesNoHalfWrittenFile() throws {
        let tm = try Self.memory()
        let dir = TMKitProcess.temporaryDirectory()
        var text = ""
        for i in 0..<40 { text += "Open the file number \(i). Save the document before closing \(i).\n\n" }
        for i in 0..<400 { try Data(text.utf8).write(to: dir.appendingPathComponent("doc\(i).txt")) }
        let out = TMKitProcess.temporaryDirectory()
        let p = Process()
        p.executableURL = TMKitProcess.binary
        p.arguments = ["pretranslate", dir.path, "-o", out.path, "--tm", tm]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until some outputs are written, then interrupt.
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning && Date() < deadline && ((try? FileManager.default.contentsOfDirectory(atPath: out.path))?.count ?? 0) < 5 {
            usleep(2000)
        }
        if p.isRunning { p.interrupt() }
        p.waitUntilExit()
        #expect(p.terminationStatus == 130 || p.terminationStatus == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!names.contains { $0.hasPrefix(".") }, "temporary files left: \(names.filter { $0.hasPrefix(".") })")
        for name in names {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasSuffix("</xliff>\n"), "\(name) is incomplete")
        }
    }
}
