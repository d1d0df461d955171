import Foundation
import TMCore
import Testing
@testable import Terminology

/// Glossaries as TSV/CSV, read through Formats' delimited reader.
@Suite struct DelimitedGlossaryTests {
    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-dg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
    static func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }

    /// (source language, source, target language, target) of each concept's first two terms.
    static func pairs(_ base: TermBase) -> [[String]] {
        base.concepts.map { c in c.terms.flatMap { [$0.language.code, $0.text] } }
    }

    @Test func omegaTTSVRoundTrip() throws {
        let g = Glossary(sourceLanguage: .english, targetLanguage: .korean, entries: [
            GlossaryEntry(source: "file name", target: "파일 이름", score: 0.912, note: "UI", statistics: .init(count: 12, sourceCount: 14, targetCount: 15)),
            GlossaryEntry(source: "desktop", target: "바탕 화면"),
        ])
        let text = DelimitedGlossary.write(g, separator: "\t")
        let lines = text.split(separator: "\n")
        #expect(lines[1] == "file name\t파일 이름\tUI; tmkit-alignment: score=0.912 count=12 sourceCount=14 targetCount=15")
        #expect(lines[2] == "desktop\t바탕 화면\t")
        let back = try GlossaryFile.read(try Self.file("g.txt", text))
        #expect(back.pairs().entries == g.entries)
        #expect(back.concepts[0].terms[1].status == .candidate && back.concepts[1].terms[1].status == nil)
    }

    @Test func readsOmegaTGlossaryWithCommentsAndCSVQuotes() throws {
        let g = try GlossaryFile.read(try Self.file("o.txt", "# OmegaT glossary\nprint\t인쇄\tverb in menus\r\n\nhorizontal\t가로\n"))
        #expect(g.pairs().entries.map { [$0.source, $0.target, $0.note ?? ""] } == [["print", "인쇄", "verb in menus"], ["horizontal", "가로", ""]])
        #expect(g.sourceLanguage == .english && g.targetLanguage == .korean)
        let c = try GlossaryFile.read(try Self.file("o.csv", "\"Save, as\",\"다른 이름으로 \"\"저장\"\"\",note\n"))
        #expect(c.concepts.first?.terms.map(\.text) == ["Save, as", "다른 이름으로 \"저장\""])
    }

    @Test(arguments: [
        ("English,Korean,Notes\nfile,파일,menus\n", "en"),
        ("source_en,target_ko\nfile,파일\n", "en"),
        ("en,ko\nfile,파일\n", "en"),
        ("Korean,English\n파일,file\n", "ko"),
        ("ko\ten\n파일\tfile\n", "ko"),
    ])
    func languagesComeFromTheHeaderAndTheHeaderIsNoTerm(text: String, source: String) throws {
        let name = text.contains("\t") ? "h.tsv" : "h.csv"
        let base = try GlossaryFile.read(try Self.file(name, text))
        #expect(base.sourceLanguage.code == source)
        #expect(base.concepts.count == 1)
        let terms = Set(base.concepts[0].terms.map { "\($0.language.code):\($0.text)" })
        #expect(terms == ["en:file", "ko:파일"])
        if text.hasPrefix("English") { #expect(base.concepts[0].terms[1].notes == ["menus"]) }
    }

    @Test func withoutAHeaderTheHangulSideIsKorean() throws {
        let en = try GlossaryFile.read(try Self.file("s.tsv", "file\t파일\nfolder\t폴더\n"))
        #expect(en.sourceLanguage == .english && en.targetLanguage == .korean)
        let ko = try GlossaryFile.read(try Self.file("s.csv", "파일,file\n"))
        #expect(ko.sourceLanguage == .korean && ko.concepts[0].terms[1].language == .english)
    }

    @Test func quotedNewlinesSemicolonsAndTabsInCSV() throws {
        let multi = try GlossaryFile.read(try Self.file("m.csv", "English,Korean,Notes\n\"print\",\"인쇄\",\"first line\nsecond line\"\nsave,저장,\n"))
        #expect(multi.concepts.count == 2)
        #expect(multi.concepts[0].terms[1].notes == ["first line\nsecond line"])
        let semi = try GlossaryFile.read(try Self.file("s.csv", "English;Korean\nSave, as;다른 이름으로 저장\n"))
        #expect(semi.concepts.map { $0.terms.map(\.text) } == [["Save, as", "다른 이름으로 저장"]])
        let tabs = try GlossaryFile.read(try Self.file("t.csv", "en\tko\nfile\t파일\n"))
        #expect(tabs.concepts.map { $0.terms.map(\.text) } == [["file", "파일"]])
    }

    @Test func cp949IsDecodedWithANote() throws {
        // "English,Korean,Notes\nfile,파일,메뉴\nsettings,설정,\n" in CP949, as Excel writes it.
        let bytes: [UInt8] = [69, 110, 103, 108, 105, 115, 104, 44, 75, 111, 114, 101, 97, 110, 44, 78, 111, 116, 101, 115, 10, 102, 105, 108, 101, 44, 198, 196, 192, 207, 44, 184, 222, 180, 186, 10, 115, 101, 116, 116, 105, 110, 103, 115, 44, 188, 179, 193, 164, 44, 10]
        let path = try Self.file("excel.csv", bytes)
        var notes: [String] = []
        let base = try GlossaryFile.read(path, notes: { notes.append($0) })
        #expect(Self.pairs(base) == [["en", "file", "ko", "파일"], ["en", "settings", "ko", "설정"]])
        #expect(base.concepts[0].terms[1].notes == ["메뉴"])
        #expect(notes.count == 1 && notes[0].contains("CP949"))
    }

    @Test func rowsWithTheSameSourceTermAreOneConcept() throws {
        let base = try GlossaryFile.read(try Self.file("d.tsv", "설정\tsettings\n파일\tfile\n설정\tsetup\n"))
        #expect(base.concepts.map { $0.terms.map(\.text) } == [["설정", "settings", "setup"], ["파일", "file"]])
    }

    @Test func statusAndPartOfSpeechColumnsAreRead() throws {
        let base = try GlossaryFile.read(try Self.file("p.csv", "Korean,English,Status,POS,Definition\n설정,settings,preferred,noun,Where options live\n"))
        let c = try #require(base.concepts.first)
        #expect(c.terms.map(\.status) == [.preferred, .preferred] && c.terms[0].partOfSpeech == .noun)
        #expect(c.definitions.map(\.text) == ["Where options live"])
        #expect {
            _ = try GlossaryFile.read(try Self.file("q.csv", "Korean,English,Status\n설정,settings,approvedish\n"))
        } throws: { "\($0)".contains(":2:") && "\($0)".contains("'approvedish'") }
    }

    @Test(arguments: [
        ("print\t인쇄\nno tab here\n", "b.txt", ":2:"),
        ("print\t인쇄\n\t인쇄\n", "b.tsv", ":2:1:"),
        ("en,ko\nfile,\"파일\n", "b.csv", ":2:1:"),
        ("en,ko\nfile,\"파일\"x\n", "b.csv", ":2:"),
    ])
    func malformedRowsNameFileLineAndColumn(text: String, name: String, position: String) throws {
        let path = try Self.file(name, text)
        #expect {
            _ = try GlossaryFile.read(path)
        } throws: { error in
            error is TerminologyError && "\(error)".hasPrefix(path + position)
        }
    }
}
