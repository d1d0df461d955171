import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// End-to-end runs of `tmkit align`.
@Suite struct AlignCommandTests {
    static let enMarkdown = """
    # Installing Debian

    Debian runs on many kinds of computers. It comes with more than 59000 packages.

    - Download the image of 650 MB.
    - Write it to a USB stick.

    The installer asks for the language first, and then it asks for the keyboard layout of the computer.
    """
    static let koMarkdown = """
    # 데비안 설치

    데비안은 여러 종류의 컴퓨터에서 실행됩니다. 59000개가 넘는 패키지가 함께 제공됩니다.

    - 650 MB 이미지를 내려받습니다.
    - USB 스틱에 씁니다.

    설치 프로그램은 먼저 언어를 묻습니다. 그런 다음 컴퓨터의 키보드 배치를 묻습니다.
    """

    /// A paragraph added to the English after the translation was made: far too long to be
    /// the translation of any Korean paragraph, or to be merged with one of its neighbours.
    static let untranslated = """
    This paragraph was added to the English guide long after the Korean translation had been finished, \
    which is why it has no counterpart in the Korean document at all; it describes the new graphical \
    installer, the expert mode, the rescue mode, the automated installation with preseeding files, \
    and the many options of the boot menu that advanced users may want to change.
    """

    func pair(_ en: String, _ ko: String, ext: String = "md") throws -> (URL, URL) {
        let dir = TMKitProcess.temporaryDirectory()
        let a = dir.appendingPathComponent("guide.en.\(ext)"), b = dir.appendingPathComponent("guide.ko.\(ext)")
        try Data(en.utf8).write(to: a)
        try Data(ko.utf8).write(to: b)
        return (a, b)
    }

    func rows(_ tsv: String) -> [[String]] {
        tsv.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func alignsAMarkdownPairToTSV() throws {
        let (en, ko) = try pair(Self.enMarkdown, Self.koMarkdown)
        let r = try TMKitProcess.run(["align", en.path, ko.path])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.hasPrefix("source-en\ttarget-ko\tbead\tconfidence\tflagged\n"))
        let beads = rows(r.stdout)
        #expect(beads.allSatisfy { $0.count == 5 })
        #expect(beads.map { $0[2] } == ["1-1", "1-1", "1-1", "1-1", "1-1", "1-2"])
        #expect(beads[0][0] == "Installing Debian" && beads[0][1] == "데비안 설치")
        #expect(beads[3][0] == "Download the image of 650 MB." && beads[3][1] == "650 MB 이미지를 내려받습니다.")
        #expect(beads[5][1] == "설치 프로그램은 먼저 언어를 묻습니다. 그런 다음 컴퓨터의 키보드 배치를 묻습니다.")
        #expect(beads.allSatisfy { Double($0[3])! > 0.5 && $0[4] == "no" })
    }

    @Test func alignsAnHTMLPairByItsTextContent() throws {
        let en = "<html><head><title>x</title></head><body><h1>Debian &amp; you</h1><p>Debian is free.<p>It has 59000 packages.</body></html>"
        let ko = "<html><body><h1>데비안과 당신</h1><div>데비안은 자유롭습니다.</div><p>패키지가 59000개 있습니다.</p></body></html>"
        let (a, b) = try pair(en, ko, ext: "html")
        let r = try TMKitProcess.run(["align", a.path, b.path])
        #expect(r.status == 0)
        let beads = rows(r.stdout)
        #expect(beads.map { [$0[0], $0[1]] } == [["Debian & you", "데비안과 당신"], ["Debian is free.", "데비안은 자유롭습니다."],
                                                 ["It has 59000 packages.", "패키지가 59000개 있습니다."]])
    }

    @Test func writesTMXWithoutTheFlaggedBeads() throws {
        let en = Self.enMarkdown + " \n\n" + Self.untranslated + "\n"
        let (a, b) = try pair(en, Self.koMarkdown)
        let out = a.deletingLastPathComponent().appendingPathComponent("pairs.tmx")
        let r = try TMKitProcess.run(["align", a.path, b.path, "-o", out.path])
        #expect(r.status == 0 && r.stdout.isEmpty)
        let xml = try String(contentsOf: out, encoding: .utf8)
        #expect(xml.components(separatedBy: "<tu ").count - 1 == 6)
        #expect(!xml.contains("graphical installer"))
        #expect(xml.contains("<tuv xml:lang=\"ko\"><seg>650 MB 이미지를 내려받습니다.</seg></tuv>"))
        #expect(xml.contains("srclang=\"en\""))
        #expect(xml.contains("<prop type=\"x-alignment-bead\">1-2</prop>"))
        #expect(xml.contains("<prop type=\"x-document\">\(a.path)</prop>"))
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse() && parser.parserError == nil)
        // The TSV keeps the flagged 1-0 bead.
        let tsv = try TMKitProcess.run(["align", a.path, b.path])
        #expect(rows(tsv.stdout).last == [Self.untranslated, "", "1-0", rows(tsv.stdout).last![3], "yes"])
    }

    @Test func documentsInTheWrongOrderAreAOneLineError() throws {
        let (en, ko) = try pair(Self.enMarkdown, Self.koMarkdown)
        let r = try TMKitProcess.run(["align", ko.path, en.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("tmkit: \(ko.path): the source document should be en"))
        #expect(r.stderr.contains("wrong order"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        // Told the right languages, the same order works.
        let ok = try TMKitProcess.run(["align", ko.path, en.path, "--source-lang", "ko", "--target-lang", "en"])
        #expect(ok.status == 0 && rows(ok.stdout).count == 6)
    }

    @Test func emptyDocumentsAndDocumentsWithoutSentencesAreErrors() throws {
        let (en, _) = try pair(Self.enMarkdown, Self.koMarkdown)
        let empty = try TMKitProcess.file("empty.ko.txt", Data())
        let r = try TMKitProcess.run(["align", en.path, empty.path])
        #expect(r.status == 1)
        #expect(r.stderr == "tmkit: \(empty.path): empty document, nothing to align\n")
        let tags = try TMKitProcess.file("tags.html", Data("<html><body><p> </p><div><img src=x.png></div></body></html>".utf8))
        let r2 = try TMKitProcess.run(["align", tags.path, en.path])
        #expect(r2.status == 1)
        #expect(r2.stderr == "tmkit: \(tags.path): empty document, nothing to align\n")
        let marks = try TMKitProcess.file("marks.txt", Data("* * *\n\n---\n".utf8))
        let r3 = try TMKitProcess.run(["align", en.path, marks.path])
        #expect(r3.status == 1)
        #expect(r3.stderr == "tmkit: \(marks.path): no sentences (no text with letters or digits) to align\n")
        let missing = try TMKitProcess.run(["align", en.path, "/no/such/file.md"])
        #expect(missing.status == 1 && missing.stderr == "tmkit: /no/such/file.md: cannot read: no such file\n")
    }

    @Test func importAddsTheUnflaggedPairsInOneTransaction() throws {
        let home = TMKitProcess.temporaryDirectory()
        let env = ["TMKIT_HOME": home.path]
        let en = Self.enMarkdown + " \n\n" + Self.untranslated + "\n"
        let (a, b) = try pair(en, Self.koMarkdown)
        let r = try TMKitProcess.run(["align", a.path, b.path, "--import"], environment: env)
        #expect(r.status == 0)
        #expect(r.stderr.contains("added 6"))
        let stats = try TMKitProcess.run(["tm", "stats"], environment: env)
        #expect(stats.stdout.contains("entries: 6"))
        let hit = try TMKitProcess.run(["tm", "lookup", "Write it to a USB stick."], environment: env)
        #expect(hit.stdout.contains("USB 스틱에 씁니다."))

        // A failed run imports nothing: wrong order, with --import.
        let bad = try TMKitProcess.run(["align", b.path, a.path, "--import"], environment: env)
        #expect(bad.status == 1)
        #expect(try TMKitProcess.run(["tm", "stats"], environment: env).stdout.contains("entries: 6"))

        // Everything below the threshold is flagged and left out; --import-flagged takes it.
        let other = TMKitProcess.temporaryDirectory().appendingPathComponent("other.sqlite")
        let none = try TMKitProcess.run(["align", a.path, b.path, "--import", "--tm", other.path, "--min-confidence", "1"], environment: env)
        #expect(none.status == 0 && none.stderr.contains("added 0"))
        let all = try TMKitProcess.run(["align", a.path, b.path, "--import", "--import-flagged", "--tm", other.path, "--min-confidence", "1"], environment: env)
        #expect(all.status == 0 && all.stderr.contains("added 6"))
    }

    @Test func anImportIntoSomethingThatIsNotAMemoryFailsAndChangesNothing() throws {
        let (a, b) = try pair(Self.enMarkdown, Self.koMarkdown)
        let notTM = try TMKitProcess.file("notes.sqlite", Data("just some text, not a database\n".utf8))
        let before = try Data(contentsOf: notTM)
        let r = try TMKitProcess.run(["align", a.path, b.path, "--import", "--tm", notTM.path, "-o", a.deletingLastPathComponent().appendingPathComponent("p.tsv").path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("tmkit: "))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: notTM) == before)
    }

    @Test func badOptionsAreOneLineErrors() throws {
        let (a, b) = try pair(Self.enMarkdown, Self.koMarkdown)
        let r = try TMKitProcess.run(["align", a.path, b.path, "--source-lang", "xx"])
        #expect(r.status == 1 && r.stderr == "tmkit: --source-lang: not a language code: xx\n")
        let o = try TMKitProcess.run(["align", a.path, b.path, "-o", "/no/such/dir/p.tsv"])
        #expect(o.status == 1 && o.stderr == "tmkit: /no/such/dir/p.tsv: cannot write: no such directory\n")
        let glossary = try TMKitProcess.file("g.tsv", Data("mirror\n".utf8))
        let g = try TMKitProcess.run(["align", a.path, b.path, "--glossary", glossary.path])
        #expect(g.status == 1 && g.stderr.hasPrefix("tmkit: \(glossary.path):1:7: ") && g.stderr.split(separator: "\n").count == 1)
    }

    static let glossaryEN = """
    The keyring holds the keys that sign the archive and it is updated by a package of its own. \
    The mirror list changes often because volunteers add and remove servers every month. \
    The sources file tells the package manager which of them to use.
    """
    static let glossaryKO = "자원봉사자들이 매달 서버를 추가하고 제거하기 때문에 미러 목록은 자주 바뀝니다. 소스 파일은 패키지 관리자에게 그중 어느 것을 사용할지 알려 줍니다."

    /// Glossary terms (TSV or TBX) are anchors: the same beads, with more confidence.
    @Test func glossaryTermsFromTSVOrTBXRaiseTheConfidence() throws {
        let (a, b) = try pair(Self.glossaryEN, Self.glossaryKO, ext: "txt")
        let plain = rows(try TMKitProcess.run(["align", a.path, b.path]).stdout)
        let tsv = try TMKitProcess.file("terms.tsv", Data("mirror list\t미러 목록\tcomment\nsources file\t소스 파일\n".utf8))
        let tbx = try TMKitProcess.file("terms.tbx", Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <martif type="TBX-Basic" xml:lang="ko"><text><body>
          <termEntry id="t1"><langSet xml:lang="ko"><tig><term>미러 목록</term></tig></langSet><langSet xml:lang="en"><tig><term>mirror list</term></tig></langSet></termEntry>
          <termEntry id="t2"><langSet xml:lang="ko"><tig><term>소스 파일</term></tig></langSet><langSet xml:lang="en"><tig><term>sources file</term></tig></langSet></termEntry>
        </body></text></martif>
        """.utf8))
        for file in [tsv, tbx] {
            let r = try TMKitProcess.run(["align", a.path, b.path, "--glossary", file.path])
            #expect(r.status == 0, "\(r.stderr)")
            let beads = rows(r.stdout)
            #expect(beads.map { $0[2] } == ["1-0", "1-1", "1-1"])
            #expect(beads.count == 3 && plain.count == 3)
            if beads.count == 3 && plain.count == 3 {
                #expect(Double(beads[1][3])! > Double(plain[1][3])! + 0.2)
                #expect(beads[1][4] == "no")
            }
        }
    }
}
