import Foundation
import Testing

/// End-to-end runs of `tmkit tm ...` with the built binary.
@Suite struct TMCommandTests {
    static let tsv = """
        id\tsource_en\ttarget_ko
        t1\tOpen the file in a new window\t새 창에서 파일 열기
        t2\tOpen the file in a new tab\t새 탭에서 파일 열기
        t3\tSave the file\t파일 저장
        t4\tChange the desktop background\t바탕 화면 배경을 바꿉니다
        t5\tSave the file\t파일 저장

        """

    static func storeWithPairs() throws -> (dir: URL, store: String) {
        let dir = TMKitProcess.temporaryDirectory()
        let file = dir.appendingPathComponent("pairs.tsv")
        try Data(tsv.utf8).write(to: file)
        let store = dir.appendingPathComponent("memory.sqlite").path
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("read 5, added 4, duplicates 1, skipped 0"), "\(r.stdout)")
        return (dir, store)
    }

    static func entries(_ store: String) throws -> Int {
        let r = try TMKitProcess.run(["tm", "stats", "--tm", store])
        let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("entries: ") }
        return Int(line?.dropFirst("entries: ".count) ?? "") ?? -1
    }

    @Test func importThenLookupJSON() throws {
        let (_, store) = try Self.storeWithPairs()
        let r = try TMKitProcess.run(["tm", "lookup", "--tm", store, "--format", "json", "Open the file in a new window"])
        #expect(r.status == 0)
        let matches = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        #expect(matches.count == 2)
        #expect(matches[0]["score"] as? Int == 100)
        #expect(matches[0]["source"] as? String == "Open the file in a new window")
        #expect(matches[0]["target"] as? String == "새 창에서 파일 열기")
        #expect(matches[0]["id"] is String)
        #expect((matches[1]["score"] as? Int ?? 0) < 100)
    }

    @Test func textOutputMarksDifferences() throws {
        let (_, store) = try Self.storeWithPairs()
        let r = try TMKitProcess.run(["tm", "lookup", "--tm", store, "Open the big file in a new window"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("{+big+}"), "\(r.stdout)")
        #expect(r.stdout.contains("새 창에서 파일 열기"))
    }

    @Test func koreanLookupAndSpacingVariant() throws {
        let (_, store) = try Self.storeWithPairs()
        let r = try TMKitProcess.run(["tm", "lookup", "--tm", store, "--format", "json", "바탕화면 배경을 바꿉니다"])
        let matches = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        #expect(matches.first?["target"] as? String == "Change the desktop background")
        #expect((matches.first?["score"] as? Int ?? 0) >= 95)
    }

    @Test func queriesFilePrintsOneJSONArrayPerLineInOrder() throws {
        let (dir, store) = try Self.storeWithPairs()
        let queries = dir.appendingPathComponent("q.txt")
        try Data("Save the file\nsomething unrelated entirely\nOpen the file in a new tab\n".utf8).write(to: queries)
        let r = try TMKitProcess.run(["tm", "lookup", "--tm", store, "--queries", queries.path])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3)
        let arrays = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [[String: Any]] }
        #expect(arrays[0].first?["target"] as? String == "파일 저장")
        #expect(arrays[1].isEmpty)
        #expect(arrays[2].first?["target"] as? String == "새 탭에서 파일 열기")
    }

    @Test func malformedTMXExitsWithPositionAndStoreIsUnchanged() throws {
        let (dir, store) = try Self.storeWithPairs()
        let bad = dir.appendingPathComponent("bad.tmx")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" o-tmf="x" datatype="plaintext" creationtool="t" creationtoolversion="1"/>
            <body><tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="ko"><seg>안녕</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>Bye</seg></tuv>
            </body></tmx>

            """.utf8).write(to: bad)
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, bad.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(bad.path):5:"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing from this file was imported"))
        #expect(try Self.entries(store) == 4)
        let hello = try TMKitProcess.run(["tm", "lookup", "--tm", store, "--format", "json", "Hello"])
        #expect(hello.stdout == "[]\n")
    }

    @Test func externalEntityIsRefused() throws {
        let (dir, store) = try Self.storeWithPairs()
        let secret = dir.appendingPathComponent("secret.txt")
        try Data("TOP SECRET".utf8).write(to: secret)
        let xxe = dir.appendingPathComponent("xxe.tmx")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://\(secret.path)">]>
            <tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" o-tmf="x" datatype="plaintext" creationtool="t" creationtoolversion="1"/>
            <body><tu><tuv xml:lang="en"><seg>Leak &xxe;</seg></tuv><tuv xml:lang="ko"><seg>유출 &xxe;</seg></tuv></tu></body></tmx>

            """.utf8).write(to: xxe)
        // Refused before parsing: exit 1, one line naming the file and the declaration's position.
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, xxe.path])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(xxe.path):2:") && r.stderr.contains(": refused: external entity 'xxe' is not allowed"), "\(r.stderr)")
        #expect(!r.stderr.contains("TOP SECRET") && !r.stdout.contains("TOP SECRET"))
        #expect(try Self.entries(store) == 4)
        let out = dir.appendingPathComponent("out.tmx")
        #expect(try TMKitProcess.run(["tm", "export", "--tm", store, "-o", out.path]).status == 0)
        #expect(try !String(contentsOf: out, encoding: .utf8).contains("TOP SECRET"))
        #expect(try !String(contentsOf: out, encoding: .utf8).contains("Leak"))
    }

    @Test func foreignStoreIsRefusedUnchanged() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let notes = dir.appendingPathComponent("notes.sqlite")
        let content = Data("plain text, not a database\n".utf8)
        try content.write(to: notes)
        let pairs = dir.appendingPathComponent("pairs.tsv")
        try Data(Self.tsv.utf8).write(to: pairs)
        let r = try TMKitProcess.run(["tm", "import", "--tm", notes.path, pairs.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("not a tmkit translation memory"))
        #expect(try Data(contentsOf: notes) == content)
    }

    @Test func unknownLanguageCodeIsAnError() throws {
        let (dir, store) = try Self.storeWithPairs()
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, "--source-lang", "qq", dir.appendingPathComponent("pairs.tsv").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("qq"))
    }

    @Test func utf16TMXWithLangAndNoSrclangImports() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let tmx = """
            <?xml version="1.0" encoding="UTF-16"?>
            <tmx version="1.1"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
            <body><tu><tuv lang="EN-US"><seg>Print the page</seg></tuv><tuv lang="KO-KR"><seg>페이지 인쇄</seg></tuv></tu></body></tmx>

            """
        var data = Data([0xFF, 0xFE])
        data.append(tmx.data(using: .utf16LittleEndian)!)
        let file = dir.appendingPathComponent("legacy.tmx")
        try data.write(to: file)
        let store = dir.appendingPathComponent("m.sqlite").path
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("added 1"), "\(r.stdout)")
        let l = try TMKitProcess.run(["tm", "lookup", "--tm", store, "--format", "json", "Print the page"])
        #expect(l.stdout.contains("페이지 인쇄"))
    }

    @Test func exportRoundTrip() throws {
        let (dir, store) = try Self.storeWithPairs()
        let out = dir.appendingPathComponent("out.tmx")
        let e = try TMKitProcess.run(["tm", "export", "--tm", store, "-o", out.path])
        #expect(e.status == 0, "\(e.stderr)")
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.contains("<tmx version=\"1.4\">"))
        #expect(text.contains("tuid=\"t4\""))
        let copy = dir.appendingPathComponent("copy.sqlite").path
        let i = try TMKitProcess.run(["tm", "import", "--tm", copy, out.path])
        #expect(i.status == 0, "\(i.stderr)")
        #expect(i.stdout.contains("read 4, added 4, duplicates 0"), "\(i.stdout)")
        let a = try TMKitProcess.run(["tm", "lookup", "--tm", store, "--format", "json", "--min-score", "0", "--limit", "10", "file"])
        let b = try TMKitProcess.run(["tm", "lookup", "--tm", copy, "--format", "json", "--min-score", "0", "--limit", "10", "file"])
        func pairs(_ r: TMKitProcess.Result) throws -> Set<[String]> {
            let m = try JSONSerialization.jsonObject(with: r.stdoutData) as! [[String: Any]]
            return Set(m.map { [$0["source"] as! String, $0["target"] as! String, "\($0["score"]!)"] })
        }
        #expect(try pairs(a) == pairs(b))
        #expect(try !pairs(a).isEmpty)
    }

    @Test func concordanceMarksHits() throws {
        let (_, store) = try Self.storeWithPairs()
        let r = try TMKitProcess.run(["tm", "concordance", "--tm", store, "files"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Save the [[file]]"), "\(r.stdout)")
        let k = try TMKitProcess.run(["tm", "concordance", "--tm", store, "파일을"])
        #expect(k.stdout.contains("[[파일]] 저장"), "\(k.stdout)")
    }

    @Test func killedImportLeavesTheStoreAsItWas() throws {
        let (dir, store) = try Self.storeWithPairs()
        let big = dir.appendingPathComponent("big.tsv")
        var text = "id\tsource_en\ttarget_ko\n"
        for i in 0..<200_000 { text += "b\(i)\tGenerated sentence number \(i) for the import\t생성된 문장 \(i)번\n" }
        try Data(text.utf8).write(to: big)
        let process = Process()
        process.executableURL = TMKitProcess.binary
        process.arguments = ["tm", "import", "--tm", store, big.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(1_500_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try Self.entries(store) == 4)
        let r = try TMKitProcess.run(["tm", "lookup", "--tm", store, "--format", "json", "Generated sentence number 5 for the import"])
        #expect(r.status == 0)
        #expect(r.stdout == "[]\n")
        let again = try TMKitProcess.run(["tm", "import", "--tm", store, dir.appendingPathComponent("pairs.tsv").path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("duplicates 5"), "\(again.stdout)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: TMKitProcess.root.appendingPathComponent("../shared/corpus/dev.tmx").path)))
    func devTMXImportsWithEveryUnitAccountedFor() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let store = dir.appendingPathComponent("m.sqlite").path
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, "../shared/corpus/dev.tmx"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = r.stdout
        func number(_ label: String) -> Int {
            let range = line.range(of: label + " ")!
            return Int(line[range.upperBound...].prefix { $0.isNumber })!
        }
        #expect(number("read") == 115_989)
        #expect(number("read") == number("added") + number("duplicates") + number("skipped"))
        #expect(try Self.entries(store) == number("added"))
    }
    static let po = """
        msgid ""
        msgstr ""
        "Language: ko\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"

        msgctxt "menu"
        msgid "Open"
        msgstr "열기"

        msgctxt "button"
        msgid "Open"
        msgstr "열기(버튼)"

        #, fuzzy
        msgid "Close the window"
        msgstr "창 닫기"

        msgid "Quit"
        msgstr ""

        """

    @Test func poImportSkipsFuzzyAndKeepsContext() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let file = dir.appendingPathComponent("ko.po")
        try Data(Self.po.utf8).write(to: file)
        let store = dir.appendingPathComponent("m.sqlite").path
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, "--source-lang", "en", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("added 2"), "\(r.stdout)")
        #expect(r.stdout.contains("fuzzy"), "\(r.stdout)")
        let ctx = try TMKitProcess.run(["tm", "lookup", "--tm", store, "--format", "json", "--context", "button", "Open"])
        let m = try #require(try JSONSerialization.jsonObject(with: ctx.stdoutData) as? [[String: Any]])
        #expect(m.first?["score"] as? Int == 101)
        #expect(m.first?["target"] as? String == "열기(버튼)")
        #expect(m.dropFirst().first?["score"] as? Int == 100)
        let fuzzy = try TMKitProcess.run(["tm", "import", "--tm", store, "--source-lang", "en", "--include-fuzzy", file.path])
        #expect(fuzzy.stdout.contains("added 1, duplicates 2"), "\(fuzzy.stdout)")
    }
    @Test(arguments: ["1.2", "2.0"])
    func xliffImports(version: String) throws {
        let doc = version == "1.2" ? """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
              <file original="ui.txt" source-language="en" target-language="ko" datatype="plaintext">
                <body>
                  <trans-unit id="1"><source>Open the file</source><target>파일 열기</target></trans-unit>
                  <trans-unit id="2"><source>Close the window</source><target>창 닫기</target></trans-unit>
                </body>
              </file>
            </xliff>

            """ : """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="ko">
              <file id="f1">
                <unit id="1"><segment><source>Open the file</source><target>파일 열기</target></segment></unit>
                <unit id="2"><segment><source>Close the window</source><target>창 닫기</target></segment></unit>
              </file>
            </xliff>

            """
        let dir = TMKitProcess.temporaryDirectory()
        let file = dir.appendingPathComponent("ui.xlf")
        try Data(doc.utf8).write(to: file)
        let store = dir.appendingPathComponent("m.sqlite").path
        let r = try TMKitProcess.run(["tm", "import", "--tm", store, file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("read 2, added 2"), "\(r.stdout)")
        let l = try TMKitProcess.run(["tm", "lookup", "--tm", store, "--format", "json", "창 닫기"])
        #expect(l.stdout.contains("Close the window"))
    }
}
