import Foundation
import Testing

/// The regression inputs (Tests/FormatsTests/Fixtures/regressions) through the built binary, the
/// way a user meets them: no crash, no hang, a one-line error naming file:line:column and exit 1,
/// or the full text; the store is left as it was when a file fails.
@Suite struct RegressionInputCommandTests {
    static let folder = TMKitProcess.root.appendingPathComponent("Tests/FormatsTests/Fixtures/regressions")

    /// `tmkit ARGS` with `TMKIT_HOME` at `home`.
    static func run(_ arguments: [String], home: URL) throws -> TMKitProcess.Result {
        try TMKitProcess.run(arguments, environment: ["TMKIT_HOME": home.path])
    }

    /// A store in `home` holding one pair (pretranslate needs a memory).
    static func store(in home: URL) throws -> String {
        let store = home.appendingPathComponent("m.sqlite").path
        let good = home.appendingPathComponent("good.tsv")
        try Data("source_en\ttarget_ko\nAbout this game\t이 게임에 대하여\n".utf8).write(to: good)
        #expect(try run(["tm", "import", "--tm", store, good.path], home: home).status == 0)
        return store
    }

    /// (file, nil for read in full / the line the error names)
    static let imports: [(String, Int?)] = [
        ("01_pi_without_data.tmx", nil), ("02_notation_system_only.tmx", nil), ("03_notation_public_only.tmx", nil),
        ("04_element_name_bad_utf8.tmx", 1), ("05_attribute_name_bad_utf8.tmx", 1), ("06_entity_name_bad_utf8.tmx", 1),
        ("07_comment_bad_utf8.tmx", 1), ("08_pi_bad_utf8.tmx", 1), ("09_ndata_entity_ucs4_guard_bypass.tmx", 2),
        ("10_realistic_euckr_file_with_comment.tmx", nil), ("12_xxe_guard_bypass_ebcdic.tmx", 1),
        ("13_xxe_guard_bypass_ucs4.tmx", 3), ("14_xxe_guard_bypass_utf7.tmx", 3),
        ("16_quadratic_entity_reported_as_empty_source.tmx", 8), ("nested_tu.tmx", nil),
    ]

    static let holdNoUnits: Set<String> = ["01_pi_without_data.tmx", "02_notation_system_only.tmx", "03_notation_public_only.tmx"]

    @Test(arguments: imports)
    func tmImport(file: String, errorLine: Int?) throws {
        let home = TMKitProcess.temporaryDirectory()
        let store = home.appendingPathComponent("memory.sqlite").path
        let good = home.appendingPathComponent("good.tsv")
        try Data("source_en\ttarget_ko\nSave the file\t파일 저장\n".utf8).write(to: good)
        #expect(try Self.run(["tm", "import", "--tm", store, good.path], home: home).status == 0)
        let before = try Self.run(["tm", "export", "--tm", store, "-o", home.appendingPathComponent("before.tmx").path], home: home)
        #expect(before.status == 0)

        let path = Self.folder.appendingPathComponent(file).path
        let r = try Self.run(["tm", "import", "--tm", store, path], home: home)
        #expect(r.status == 0 || r.status == 1, "\(file): exit \(r.status) (crash?): \(r.stderr)")
        let after = try TMCommandTests.entries(store)
        if let line = errorLine {
            #expect(r.status == 1, "\(file): \(r.stdout)")
            let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: true)
            #expect(lines.count == 1, "\(file): \(r.stderr)")
            #expect(r.stderr.contains("\(path):\(line):"), "\(file): \(r.stderr)")
            #expect(after == 1, "\(file): the store changed")
        } else if Self.holdNoUnits.contains(file) {
            // Well-formed, read in full, but no unit in it: "nothing imported", one line, exit 1.
            #expect(r.status == 1 && r.stderr.contains("nothing imported"), "\(file): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(file): \(r.stderr)")
            #expect(after == 1)
        } else {
            #expect(r.status == 0, "\(file): \(r.stderr)")
            #expect(after > 1)
        }
    }

    /// 70,000 Hangul syllables without a space (compound splitting used to never finish).
    @Test func aLongHangulRunImports() throws {
        let home = TMKitProcess.temporaryDirectory()
        let store = home.appendingPathComponent("memory.sqlite").path
        let r = try Self.run(["tm", "import", "--tm", store, "--source-lang", "en", "--target-lang", "ko",
                              Self.folder.appendingPathComponent("15_hang_hangul_70k_run.csv").path], home: home)
        #expect(r.status == 0 && r.stdout.contains("read 12, added 12"), "\(r.stdout)\(r.stderr)")
    }

    @Test func nestedUnitsAreAllImported() throws {
        let home = TMKitProcess.temporaryDirectory()
        let store = home.appendingPathComponent("memory.sqlite").path
        let r = try Self.run(["tm", "import", "--tm", store, Self.folder.appendingPathComponent("nested_tu.tmx").path], home: home)
        #expect(r.status == 0 && r.stdout.contains("read 3, added 3"), "\(r.stdout)\(r.stderr)")
    }

    @Test func theLegacyKoreanFileImportsWithANote() throws {
        let home = TMKitProcess.temporaryDirectory()
        let store = home.appendingPathComponent("memory.sqlite").path
        let r = try Self.run(["tm", "import", "--tm", store, Self.folder.appendingPathComponent("10_realistic_euckr_file_with_comment.tmx").path], home: home)
        #expect(r.status == 0 && r.stdout.contains("read 1, added 1"), "\(r.stdout)")
        #expect(r.stderr.contains("read as CP949"))
        let lookup = try Self.run(["tm", "lookup", "--tm", store, "Open"], home: home)
        #expect(lookup.stdout.contains("열기"), "\(lookup.stdout)")
    }

    /// 300 nested groups: every unit comes out, and the output keeps the nesting.
    @Test func pretranslateReadsDeepXLIFFInFull() throws {
        let home = TMKitProcess.temporaryDirectory()
        let out = home.appendingPathComponent("out")
        let input = Self.folder.appendingPathComponent("11_pretranslate_deep300_drops_units.xlf")
        let r = try Self.run(["pretranslate", input.path, "-o", out.path, "--tm", try Self.store(in: home)], home: home)
        #expect(r.status == 0, "\(r.stderr)")
        let written = try String(contentsOf: out.appendingPathComponent(input.lastPathComponent), encoding: .utf8)
        for id in ["t1", "t3", "t4"] { #expect(written.contains("<trans-unit id=\"\(id)\">")) }
        #expect(written.contains("이 게임에 대하여"))
        let original = try String(contentsOf: input, encoding: .utf8)
        let groups = original.components(separatedBy: "<group").count - 1
        #expect(groups > 300 && written.components(separatedBy: "<group").count - 1 == groups)
        // The innermost, empty group is written <group/>.
        #expect(written.components(separatedBy: "</group>").count - 1 == groups - 1)
    }

    /// Every regression input given to pretranslate as an XLIFF: an error on one line, exit 1, or output.
    @Test func pretranslateOfHostileXMLFailsOnOneLine() throws {
        let home = TMKitProcess.temporaryDirectory()
        let store = try Self.store(in: home)
        for name in ["04_element_name_bad_utf8.tmx", "09_ndata_entity_ucs4_guard_bypass.tmx", "13_xxe_guard_bypass_ucs4.tmx",
                     "16_quadratic_entity_reported_as_empty_source.tmx"] {
            let input = home.appendingPathComponent((name as NSString).deletingPathExtension + ".xlf")
            try Data(contentsOf: Self.folder.appendingPathComponent(name)).write(to: input)
            let r = try Self.run(["pretranslate", input.path, "-o", home.appendingPathComponent("out").path,
                                  "--tm", store], home: home)
            #expect(r.status == 1, "\(name): exit \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("\(input.path):"), "\(name): \(r.stderr)")
        }
    }

    /// Control characters XML cannot carry: export says how many entries lost them.
    @Test func tmExportCountsControlCharacters() throws {
        let home = TMKitProcess.temporaryDirectory()
        let store = home.appendingPathComponent("memory.sqlite").path
        let tsv = home.appendingPathComponent("c.tsv")
        try Data("source_en\ttarget_ko\nBell\u{7} here\t종\u{7}소리\nPlain\t보통\n".utf8).write(to: tsv)
        #expect(try Self.run(["tm", "import", "--tm", store, tsv.path], home: home).status == 0)
        let r = try Self.run(["tm", "export", "--tm", store, "-o", home.appendingPathComponent("x.tmx").path], home: home)
        #expect(r.status == 0)
        #expect(r.stderr.contains("1 entries held 2 control characters"), "\(r.stderr)")
    }

    /// Lines as a terminal (or Python's splitlines) sees them: any control character but a tab,
    /// and the Unicode line separators, end a line.
    static func terminalLines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: true) { c in
            c.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 }
        }
    }

    /// Inputs the fuzz harness found (Fixtures/regressions/fuzz): errors quoting a damaged line
    /// carried its control characters (CR, U+001E) to the terminal; each is one line now.
    @Test func fuzzFindingsGiveOneLineErrors() throws {
        let dir = Self.folder.appendingPathComponent("fuzz")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files.count >= 3)
        for name in files {
            let home = TMKitProcess.temporaryDirectory()
            let path = dir.appendingPathComponent(name).path
            let store = try Self.store(in: home)
            let r = try Self.run(["tm", "import", "--tm", store, "--source-lang", "en", "--target-lang", "ko", path], home: home)
            #expect(r.status == 0 || r.status == 1, "\(name): exit \(r.status): \(r.stderr)")
            if r.status == 1 {
                let lines = Self.terminalLines(r.stderr).filter { !$0.hasPrefix("note: ") }
                #expect(lines.count == 1 && lines[0].contains(path), "\(name): \(r.stderr.debugDescription)")
                #expect(try TMCommandTests.entries(store) == 1, "\(name): the store changed")
            }
        }
    }

    /// `.xml` and standard input are recognised by content in every encoding XML allows, and
    /// by the DOCTYPE's root name when the prolog is long; an empty one says so.
    @Test func contentSniffingFindsTMXInAnyEncoding() throws {
        let tmx = """
            <?xml version="1.0" encoding="ENC"?>
            <!DOCTYPE tmx [<!ENTITY note "PAD">]>
            <tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
            <body><tu><tuv xml:lang="en"><seg>Sniffed unit</seg></tuv><tuv xml:lang="ko"><seg>감지된 단위</seg></tuv></tu></body></tmx>
            """
        let long = String(repeating: "x", count: 100_000)
        let cases: [(String, Data)] = [
            ("utf32", tmx.replacingOccurrences(of: "ENC", with: "UTF-32").replacingOccurrences(of: "PAD", with: "p").data(using: .utf32BigEndian)!),
            ("utf32le", tmx.replacingOccurrences(of: "ENC", with: "UTF-32").replacingOccurrences(of: "PAD", with: "p").data(using: .utf32LittleEndian)!),
            ("utf32le-bom", Data([0xFF, 0xFE, 0x00, 0x00]) + tmx.replacingOccurrences(of: "ENC", with: "UTF-32").replacingOccurrences(of: "PAD", with: "p").data(using: .utf32LittleEndian)!),
            ("utf16-no-bom", tmx.replacingOccurrences(of: "ENC", with: "UTF-16LE").replacingOccurrences(of: "PAD", with: "p").data(using: .utf16LittleEndian)!),
            ("long-doctype", Data(tmx.replacingOccurrences(of: "ENC", with: "UTF-8").replacingOccurrences(of: "PAD", with: long).utf8)),
        ]
        for (name, data) in cases {
            let home = TMKitProcess.temporaryDirectory()
            let file = home.appendingPathComponent("\(name).xml")
            try data.write(to: file)
            for args in [[file.path], ["-"]] {
                let store = home.appendingPathComponent("\(name)-\(args[0] == "-" ? "stdin" : "file").sqlite").path
                let r = try TMKitProcess.run(["tm", "import", "--tm", store] + args, stdin: args[0] == "-" ? data : nil)
                #expect(r.status == 0, "\(name) \(args): \(r.stderr)")
                #expect(r.stdout.contains("added 1"), "\(name) \(args): \(r.stdout)")
            }
        }
        let home = TMKitProcess.temporaryDirectory()
        let empty = home.appendingPathComponent("empty.xml")
        try Data().write(to: empty)
        let e = try TMKitProcess.run(["tm", "import", "--tm", home.appendingPathComponent("m.sqlite").path, empty.path])
        #expect(e.status == 1 && e.stderr.contains("empty.xml: file is empty"), "\(e.stderr)")
        // An error in standard input is named once: `<stdin>:LINE:COL`.
        let b = try TMKitProcess.run(["tm", "import", "--tm", home.appendingPathComponent("m2.sqlite").path, "-"], stdin: Data("<tmx><tu".utf8) + Data([0xFF]) + Data("/></tmx>".utf8))
        #expect(b.status == 1 && b.stderr.hasPrefix("tmkit: <stdin>:1:") && !b.stderr.contains("<stdin>: <stdin>"), "\(b.stderr)")
    }
}
