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
}
