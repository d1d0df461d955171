import Foundation
import Testing

/// End-to-end runs of `tmkit glossary ...`.
@Suite struct GlossaryCommandTests {
    /// Entries of a TSV glossary as (source, target) in file order.
    static func pairs(_ tsv: String) -> [(String, String)] {
        tsv.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(f[0]), String(f[1]))
        }
    }

    static func best(_ pairs: [(String, String)], _ source: String) -> String? { pairs.first { $0.0 == source }?.1 }

    /// The seeds glossary: rebuilt from seeds/titles.ko-en.tsv, it matches the shipped one and
    /// has the pairs the titles show.
    @Test func seedsGlossaryRebuildsAndHasTheClearPairs() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let built = dir.appendingPathComponent("seeds.tbx").path
        let r = try TMKitProcess.run(["glossary", "build", "seeds/titles.ko-en.tsv", "--source-lang", "ko", "--target-lang", "en", "-o", built])
        #expect(r.status == 0, "\(r.stderr)")
        let rebuilt = try String(contentsOfFile: built, encoding: .utf8)
        let shipped = try String(contentsOf: TMKitProcess.root.appendingPathComponent("Glossary/seeds.tbx"), encoding: .utf8)
        // The shipped file is built with Debian's hunspell-ko installed (as .ci/run installs it);
        // without that dictionary some Korean compounds split differently, so only the clear
        // pairs below are checked then.
        let hunspell = ["/usr/share/hunspell/ko.dic", "/usr/share/hunspell/ko_KR.dic", "/usr/share/myspell/dicts/ko.dic"]
        if hunspell.contains(where: { FileManager.default.fileExists(atPath: $0) }), ProcessInfo.processInfo.environment["TMKIT_NO_SYSTEM_LEXICON"] != "1" {
            #expect(rebuilt == shipped, "Glossary/seeds.tbx is out of date: rebuild it with tmkit glossary build")
        }
        let export = try TMKitProcess.run(["glossary", "export", "--glossary", built, dir.appendingPathComponent("s.tsv").path])
        #expect(export.status == 0)
        let entries = Self.pairs(try String(contentsOf: dir.appendingPathComponent("s.tsv"), encoding: .utf8))
        #expect(Self.best(entries, "안보") == "security")
        #expect(Self.best(entries, "트럼프") == "Trump")
        #expect(Self.best(entries, "푸틴") == "Putin")
        #expect(Self.best(entries, "바이든") == "Biden")
        #expect(Self.best(entries, "우크라이나") == "Ukraine")
        #expect(Self.best(entries, "유럽")?.hasPrefix("Europe") == true)
        #expect(Self.best(entries, "280억") == "28 billion")
        #expect(Self.best(entries, "유럽안보") == "European security")
        #expect(Self.best(entries, "협상 장기화") == "prolonged negotiations")
        #expect(Self.best(entries, "휴전") == "ceasefire")
        #expect(Self.best(entries, "대응") == "response")
        #expect(Self.best(entries, "협상") == "negotiations")
        #expect(Self.best(entries, "장기화") == "prolonged")
    }

    /// `spot` leaves out the aligner's unsure candidates unless asked for them.
    @Test func spotHidesLowScoreCandidatesByDefault() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let path = dir.appendingPathComponent("g.tsv").path
        let tsv = "# tmkit glossary ko -> en: source, target, comment\n"
            + "협상\tnegotiations\ttmkit-alignment: score=0.900 count=2 sourceCount=2 targetCount=2\n"
            + "구축\tto\ttmkit-alignment: score=0.300 count=1 sourceCount=1 targetCount=1\n"
        try tsv.write(toFile: path, atomically: true, encoding: .utf8)
        let spot = try TMKitProcess.run(["glossary", "spot", "We went to negotiations.", "--glossary", path])
        #expect(spot.status == 0, "\(spot.stderr)")
        #expect(spot.stdout.contains("[negotiations => 협상]"))
        #expect(!spot.stdout.contains("[to => "))
        let all = try TMKitProcess.run(["glossary", "spot", "We went to negotiations.", "--glossary", path, "--min-score", "0"])
        #expect(all.stdout.contains("[to => 구축]"))
        let bad = try TMKitProcess.run(["glossary", "spot", "x", "--glossary", path, "--min-score", "2"])
        #expect(bad.status != 0)
    }

    @Test func lookupFindsInflectedFormsAndPrintsJSON() throws {
        let r = try TMKitProcess.run(["glossary", "lookup", "안보를", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        #expect(json.first?["source"] as? String == "안보")
        #expect(json.first?["target"] as? String == "security")
        #expect((json.first?["score"] as? Double ?? 0) > 0)
        let text = try TMKitProcess.run(["glossary", "lookup", "Putin"])
        #expect(text.stdout.hasPrefix("Putin\t푸틴\t"))
        let none = try TMKitProcess.run(["glossary", "lookup", "zzzzqqq"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no entry"))
    }

    @Test func addRemoveAndSpotWithTheUserGlossary() throws {
        let home = TMKitProcess.temporaryDirectory().path
        let env = ["TMKIT_HOME": home]
        #expect(try TMKitProcess.run(["glossary", "add", "휴전", "truce", "--note", "older usage"], environment: env).status == 0)
        #expect(FileManager.default.fileExists(atPath: home + "/glossary.sqlite"))
        let look = try TMKitProcess.run(["glossary", "lookup", "휴전을", "--format", "json"], environment: env)
        #expect(look.stdout.contains("\"target\": \"truce\""))
        let spot = try TMKitProcess.run(["glossary", "spot", "트럼프는 휴전을 원한다."], environment: env)
        #expect(spot.status == 0)
        #expect(spot.stdout.contains("[트럼프 => Trump]"))
        #expect(spot.stdout.contains("[휴전 => "))
        #expect(try TMKitProcess.run(["glossary", "remove", "휴전", "truce"], environment: env).status == 0)
        let gone = try TMKitProcess.run(["glossary", "remove", "휴전", "truce"], environment: env)
        #expect(gone.status == 1)
    }

    @Test func failedImportKeepsTheUserGlossary() throws {
        let home = TMKitProcess.temporaryDirectory().path
        let env = ["TMKIT_HOME": home]
        #expect(try TMKitProcess.run(["glossary", "add", "안보", "security"], environment: env).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: home + "/glossary.sqlite"))
        let bad = try TMKitProcess.file("bad.tbx", Data("<?xml version=\"1.0\"?>\n<tbx>\n  <text><body>\n    <conceptEntry>\n".utf8))
        let r = try TMKitProcess.run(["glossary", "import", bad.path], environment: env)
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.tbx:"))
        #expect(r.stderr.contains("malformed XML"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: home + "/glossary.sqlite")) == before)
        // A good import then an export round trip through TSV.
        let good = try TMKitProcess.file("good.tsv", Data("휴전\tceasefire\t\n".utf8))
        #expect(try TMKitProcess.run(["glossary", "import", good.path], environment: env).status == 0)
        let out = TMKitProcess.temporaryDirectory().appendingPathComponent("all.tsv")
        #expect(try TMKitProcess.run(["glossary", "export", out.path], environment: env).status == 0)
        #expect(Self.pairs(try String(contentsOf: out, encoding: .utf8)).map { $0.0 } == ["안보", "휴전"])
    }

    @Test func buildRejectsContradictingLanguagesAndCountsEmptyPairs() throws {
        let tsv = try TMKitProcess.file("p.tsv", Data("source_en\ttarget_ko\nOpen the file\t파일 열기\nEmpty\t\nClose the file\t파일 닫기\n".utf8))
        let out = TMKitProcess.temporaryDirectory().appendingPathComponent("g.tbx")
        let wrong = try TMKitProcess.run(["glossary", "build", tsv.path, "--source-lang", "ja", "--target-lang", "ko", "-o", out.path])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("p.tsv"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // A failed build leaves an existing glossary as it was.
        try Data("keep me".utf8).write(to: out)
        let again = try TMKitProcess.run(["glossary", "build", tsv.path, "--source-lang", "ja", "--target-lang", "ko", "-o", out.path])
        #expect(again.status == 1)
        #expect(try String(contentsOf: out, encoding: .utf8) == "keep me")
        try FileManager.default.removeItem(at: out)
        let ok = try TMKitProcess.run(["glossary", "build", tsv.path, "-o", out.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("1 pairs with an empty side skipped"))
        let tbx = try String(contentsOf: out, encoding: .utf8)
        #expect(tbx.contains("<term>file</term>"))
        #expect(tbx.contains("<term>파일</term>"))
        // An English -> Korean glossary looked up from English: direction source-target.
        let look = try TMKitProcess.run(["glossary", "lookup", "Files", "--glossary", out.path, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: look.stdoutData) as? [[String: Any]])
        #expect(json.first?["target"] as? String == "파일")
        #expect(json.first?["direction"] as? String == "source-target")
    }

    @Test func buildsFromATranslationMemory() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let store = dir.appendingPathComponent("memory.sqlite").path
        let imported = try TMKitProcess.run(["tm", "import", "--tm", store, "seeds/titles.ko-en.tsv"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let out = dir.appendingPathComponent("tm.tsv").path
        let r = try TMKitProcess.run(["glossary", "build", "--tm", store, "--source-lang", "ko", "--target-lang", "en", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let entries = Self.pairs(try String(contentsOfFile: out, encoding: .utf8))
        #expect(Self.best(entries, "안보") == "security")
        #expect(Self.best(entries, "푸틴") == "Putin")
        let missing = try TMKitProcess.run(["glossary", "build", "--tm", dir.appendingPathComponent("none.sqlite").path, "-o", out])
        #expect(missing.status == 1)
    }
}
