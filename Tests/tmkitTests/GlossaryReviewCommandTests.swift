import Foundation
import Testing

/// End-to-end runs of the glossary's review commands, the compile cache and the search path,
/// as a terminologist would use them: one TMKIT_HOME across the calls.
@Suite struct GlossaryReviewCommandTests {
    /// A built glossary's shape: candidates with tmkit's statistics.
    static let built = """
    # tmkit glossary ko -> en: source, target, comment
    설정\tsettings\ttmkit-alignment: score=0.950 count=20 sourceCount=22 targetCount=21
    설정\tsetting up\ttmkit-alignment: score=0.400 count=2 sourceCount=22 targetCount=3
    폴더\tfolder\ttmkit-alignment: score=0.900 count=30 sourceCount=30 targetCount=31
    파일에 파일\tfile\ttmkit-alignment: score=0.820 count=4 sourceCount=5 targetCount=40
    바탕 화면\tdesktop\ttmkit-alignment: score=0.700 count=6 sourceCount=6 targetCount=6

    """

    struct Home {
        let dir = TMKitProcess.temporaryDirectory()
        var env: [String: String] { ["TMKIT_HOME": dir.path, "TMKIT_USER": "kim"] }
        func run(_ args: [String]) throws -> TMKitProcess.Result { try TMKitProcess.run(args, environment: env) }
        /// `review list` lines as fields.
        func list(_ args: [String] = []) throws -> [[String]] {
            let r = try run(["glossary", "review", "list"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        }
    }

    static func imported() throws -> Home {
        let home = Home()
        let file = home.dir.appendingPathComponent("built.tsv")
        try Data(built.utf8).write(to: file)
        let r = try home.run(["glossary", "import", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        return home
    }

    @Test func listFiltersAndSorts() throws {
        let home = try Self.imported()
        let byScore = try home.list(["--status", "candidate"])
        #expect(byScore.map { $0[5] } == ["settings", "folder", "file", "desktop", "setting up"])
        #expect(byScore[0] == ["1.1", "candidate", "0.950", "20", "설정", "settings"])
        #expect(try home.list(["--sort", "frequency", "--limit", "2"]).map { $0[5] } == ["folder", "settings"])
        #expect(try home.list(["--min-score", "0.8", "--max-score", "0.92"]).map { $0[5] } == ["folder", "file"])
        #expect(try home.list(["--min-count", "6", "--sort", "term"]).map { $0[4] } == ["바탕 화면", "설정", "폴더"])
        let bad = try home.run(["glossary", "review", "list", "--status", "approvedish"])
        #expect(bad.status == 1 && bad.stderr == "tmkit: unknown status 'approvedish' (expected preferred, admitted, candidate, deprecated or superseded)\n")
    }

    @Test func showGivesTheEvidence() throws {
        let home = try Self.imported()
        let r = try home.run(["glossary", "review", "show", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1.1 [en] settings  candidate  score 0.950  seen 20 (source 22, target 21)"), "\(r.stdout)")
        #expect(r.stdout.contains("1.2 [en] setting up  candidate  score 0.400  seen 2"))
        #expect(r.stdout.contains("source: built.tsv"))
        let missing = try home.run(["glossary", "review", "show", "99"])
        #expect(missing.status == 1 && missing.stderr.contains("concept 99"))
    }

    @Test func approveRejectDeprecateAndEditOneOrManyWithUserAndDate() throws {
        let home = try Self.imported()
        let one = try home.run(["glossary", "review", "approve", "1.1", "--preferred"])
        #expect(one.status == 0 && one.stderr.contains("1 term preferred"), "\(one.stderr)")
        let many = try home.run(["glossary", "review", "approve", "--status", "candidate", "--min-score", "0.8"])
        #expect(many.status == 0 && many.stderr.contains("2 terms admitted"), "\(many.stderr)")
        #expect(try home.run(["glossary", "review", "reject", "3.1"]).stderr.contains("1 term removed"))
        #expect(try home.run(["glossary", "review", "deprecate", "1.2"]).stderr.contains("1 term deprecated"))
        let edit = try home.run(["glossary", "review", "edit", "4.1", "--text", "desktop screen", "--pos", "noun", "--status", "admitted", "--note", "UI"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let rows = try home.list(["--sort", "id"])
        #expect(rows.map { [$0[0], $0[1], $0[5]] } == [["1.1", "preferred", "settings"], ["1.2", "deprecated", "setting up"],
                                                       ["2.1", "admitted", "folder"], ["4.1", "admitted", "desktop screen"]])
        // Concept 3 (the junk `파일에 파일`) lost its only translation and went.
        #expect(try home.run(["glossary", "review", "show", "3"]).status == 1)
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let show = try home.run(["glossary", "review", "show", "4"]).stdout
        #expect(show.contains("4.1 [en] desktop screen  admitted, noun"), "\(show)")
        #expect(show.contains("modification \(today)") && show.contains(" kim: edited"), "\(show)")
        // Look-ups see the review: the preferred translation first, the deprecated one marked.
        let lookup = try home.run(["glossary", "lookup", "설정을", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: lookup.stdoutData) as? [[String: Any]])
        #expect(json.map { $0["target"] as? String } == ["settings", "setting up"])
        #expect(json.map { $0["status"] as? String } == ["preferred", "deprecated"])
        // Nothing named, nothing changed: a usage error.
        #expect(try home.run(["glossary", "review", "approve"]).status != 0)
        let tbx = home.dir.appendingPathComponent("reviewed.tbx").path
        #expect(try home.run(["glossary", "export", tbx]).status == 0)
        let xml = try String(contentsOfFile: tbx, encoding: .utf8)
        #expect(xml.contains("preferredTerm-admn-sts") && xml.contains("deprecatedTerm-admn-sts") && xml.contains("<transacNote type=\"responsibility\">kim</transacNote>"))
    }

    @Test func aNamedGlossaryIsCompiledOnceAndRebuiltWhenItChanges() throws {
        let home = Home()
        let file = home.dir.appendingPathComponent("terms.csv")
        try Data("English,Korean\nfolder,폴더\n".utf8).write(to: file)
        let before = try home.run(["glossary", "paths", "--glossary", file.path])
        #expect(before.stdout.contains("(not compiled yet)"))
        let first = try home.run(["glossary", "lookup", "--glossary", file.path, "폴더를"])
        #expect(first.status == 0 && first.stdout.hasPrefix("폴더\tfolder\t"), "\(first.stderr)")
        let after = try home.run(["glossary", "paths", "--glossary", file.path])
        #expect(!after.stdout.contains("not compiled") && after.stdout.contains(home.dir.path + "/cache/glossaries/terms.csv-"))
        try Data("English,Korean\nfolder,폴더\ndesktop,바탕 화면\n".utf8).write(to: file)
        let changed = try home.run(["glossary", "lookup", "--glossary", file.path, "바탕 화면"])
        #expect(changed.status == 0 && changed.stdout.hasPrefix("바탕 화면\tdesktop\t"), "\(changed.stderr)")
        // Batch look-ups from stdin, one line of answers per term.
        let batch = try TMKitProcess.run(["glossary", "lookup", "--glossary", file.path, "-"], stdin: Data("folder\n폴더\n".utf8), environment: home.env)
        #expect(batch.stdout.split(separator: "\n").count == 2, "\(batch.stdout) \(batch.stderr)")
    }

    @Test func theShippedGlossaryIsFoundFromAnotherFolder() throws {
        let elsewhere = TMKitProcess.temporaryDirectory()
        let seed = TMKitProcess.root.appendingPathComponent("seeds/002_19ba1f540136ba9f.txt").path
        let r = try TMKitProcess.run(["glossary", "spot", seed], directory: elsewhere)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("warning"), "\(r.stderr)")
        #expect(r.stdout.contains("["), "no term was marked: \(r.stdout.prefix(200))")
        let paths = try TMKitProcess.run(["glossary", "paths"], directory: elsewhere)
        #expect(paths.stdout.contains("shipped\t" + TMKitProcess.root.path + "/Glossary/seeds.tbx") || paths.stdout.contains("Glossary/seeds.tbx"))
        let none = try TMKitProcess.run(["glossary", "lookup", "안보", "--glossary", elsewhere.appendingPathComponent("missing.tbx").path], directory: elsewhere)
        #expect(none.status == 1 && none.stderr.contains("missing.tbx"))
    }
}
