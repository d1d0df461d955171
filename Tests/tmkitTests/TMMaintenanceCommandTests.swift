import Foundation
import Testing

/// End-to-end runs of the maintenance commands: show, edit, delete, list, memory, reindex, stats.
@Suite struct TMMaintenanceCommandTests {
    static func json(_ r: TMKitProcess.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: r.stdoutData)
    }

    /// A home folder with the TMCommandTests pairs imported into the default memory.
    static func home() throws -> (env: [String: String], dir: URL) {
        let dir = TMKitProcess.temporaryDirectory()
        let file = dir.appendingPathComponent("pairs.tsv")
        try Data(TMCommandTests.tsv.utf8).write(to: file)
        let env = ["TMKIT_HOME": dir.appendingPathComponent("home").path]
        let r = try TMKitProcess.run(["tm", "import", file.path], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        return (env, dir)
    }

    @Test func showEditDeleteKeepLookupsConsistent() throws {
        let (env, _) = try Self.home()
        let show = try TMKitProcess.run(["tm", "show", "--format", "json", "#3"], environment: env)
        #expect(show.status == 0, "\(show.stderr)")
        let entry = try #require(try Self.json(show) as? [String: Any])
        #expect(entry["source"] as? String == "Save the file")
        #expect(entry["seen"] as? Int == 2)
        #expect((entry["origins"] as? [[String: Any]])?.first?["count"] as? Int == 2)
        let text = try TMKitProcess.run(["tm", "show", "3"], environment: env)
        #expect(text.stdout.contains("source: Save the file") && text.stdout.contains("seen 2"), "\(text.stdout)")

        let edit = try TMKitProcess.run(["tm", "edit", "3", "--source", "Save the document", "--user", "kim"], environment: env)
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout.contains("changed: ") && edit.stdout.contains("by kim"), "\(edit.stdout)")
        for args in [["tm", "lookup", "--format", "json", "Save the document"], ["tm", "lookup", "--format", "json", "--exhaustive", "Save the document"]] {
            let r = try TMKitProcess.run(args, environment: env)
            let m = try #require(try Self.json(r) as? [[String: Any]])
            #expect(m.first?["score"] as? Int == 100 && m.first?["id"] as? String == "3", "\(args)")
        }
        let conc = try TMKitProcess.run(["tm", "concordance", "document"], environment: env)
        #expect(conc.stdout.contains("#3"), "\(conc.stdout)")

        let delete = try TMKitProcess.run(["tm", "delete", "3"], environment: env)
        #expect(delete.status == 0 && delete.stdout.contains("deleted 1 entry"), "\(delete.stdout)\(delete.stderr)")
        let after = try TMKitProcess.run(["tm", "lookup", "--format", "json", "--min-score", "60", "Save the document"], environment: env)
        #expect(try Self.json(after) as? [[String: Any]] == nil || (try Self.json(after) as? [[String: Any]])?.isEmpty == true)
        let none = try TMKitProcess.run(["tm", "concordance", "document"], environment: env)
        #expect(!none.stdout.contains("#3"))
    }

    @Test func missingIDsAndMemoriesAreOneLineErrorsAndChangeNothing() throws {
        let (env, _) = try Self.home()
        let before = try TMKitProcess.run(["tm", "list", "--format", "json"], environment: env).stdout
        for args in [["tm", "edit", "99", "--target", "x"], ["tm", "delete", "1", "99"], ["tm", "show", "99"],
                     ["tm", "list", "--memory", "nobody"], ["tm", "memory", "remove", "nobody"],
                     ["tm", "memory", "rename", "nobody", "x"], ["tm", "import", "--memory", "nobody", "x.tsv"]] {
            let r = try TMKitProcess.run(args, environment: env)
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
        #expect(try TMKitProcess.run(["tm", "list", "--format", "json"], environment: env).stdout == before)
    }

    @Test func listFiltersAndFilteredExport() throws {
        let (env, dir) = try Self.home()
        let list = try TMKitProcess.run(["tm", "list", "--format", "json", "--text", "file", "--origin", "pairs.tsv"], environment: env)
        let rows = try #require(try Self.json(list) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["1", "2", "3"])
        let ko = try TMKitProcess.run(["tm", "list", "--source-lang", "ko"], environment: env)
        #expect(ko.stdout == "no entries\n")
        let bad = try TMKitProcess.run(["tm", "list", "--since", "yesterday"], environment: env)
        #expect(bad.status != 0)
        let out = dir.appendingPathComponent("tab.tmx").path
        let export = try TMKitProcess.run(["tm", "export", "--text", "tab", "-o", out, "--format", "json"], environment: env)
        #expect(export.status == 0, "\(export.stderr)")
        #expect((try Self.json(export) as? [String: Any])?["exported"] as? Int == 1)
        let tmx = try String(contentsOfFile: out, encoding: .utf8)
        #expect(tmx.contains("Open the file in a new tab") && !tmx.contains("new window"))
    }

    @Test func deleteByImportAndReimportIsIdempotent() throws {
        let (env, dir) = try Self.home()
        let file = dir.appendingPathComponent("pairs.tsv").path
        let again = try TMKitProcess.run(["tm", "import", "--format", "json", file], environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        let report = try #require(try Self.json(again) as? [String: Any])
        let files = try #require(report["files"] as? [[String: Any]])
        #expect(files.first?["added"] as? Int == 0 && files.first?["reimport"] as? Bool == true)
        let stats = try TMKitProcess.run(["tm", "stats", "--format", "json"], environment: env)
        let s = try #require(try Self.json(stats) as? [String: Any])
        #expect(s["entries"] as? Int == 4)
        #expect((s["origins"] as? [[String: Any]])?.first?["units"] as? Int == 5)
        let undo = try TMKitProcess.run(["tm", "delete", "--origin", "pairs.tsv"], environment: env)
        #expect(undo.status == 0 && undo.stdout.contains("deleted 4 entries"), "\(undo.stdout)\(undo.stderr)")
        let none = try TMKitProcess.run(["tm", "delete", "--origin", "pairs.tsv"], environment: env)
        #expect(none.status == 1)
    }

    @Test func namedMemoriesAndMerge() throws {
        let (env, dir) = try Self.home()
        #expect(try TMKitProcess.run(["tm", "memory", "create", "client-a"], environment: env).status == 0)
        #expect(try TMKitProcess.run(["tm", "memory", "create", "client-a"], environment: env).status == 1)
        let tsv = dir.appendingPathComponent("a.tsv")
        try Data("source\ttarget\nEmpty Trash\t휴지통 비우기\n".utf8).write(to: tsv)
        let imp = try TMKitProcess.run(["tm", "import", "--memory", "client-a", "--source-lang", "en", "--target-lang", "ko", tsv.path], environment: env)
        #expect(imp.status == 0, "\(imp.stderr)")
        let list = try TMKitProcess.run(["tm", "memory", "list", "--format", "json"], environment: env)
        let memories = try #require(try Self.json(list) as? [[String: Any]])
        #expect(memories.map { $0["name"] as? String } == ["default", "client-a"])
        let merge = try TMKitProcess.run(["tm", "memory", "merge", "client-a", "--into", "default"], environment: env)
        #expect(merge.status == 0, "\(merge.stderr)")
        let m = try TMKitProcess.run(["tm", "lookup", "--format", "json", "--min-score", "80", "Empty the trash"], environment: env)
        let matches = try #require(try Self.json(m) as? [[String: Any]])
        #expect(matches.first?["source"] as? String == "Empty Trash")
        #expect(try TMKitProcess.run(["tm", "memory", "rename", "client-a", "client-b"], environment: env).status == 0)
        #expect(try TMKitProcess.run(["tm", "stats", "--memory", "client-b"], environment: env).status == 0)
        #expect(try TMKitProcess.run(["tm", "memory", "remove", "client-b"], environment: env).status == 0)
        #expect(try TMKitProcess.run(["tm", "stats", "--memory", "client-b"], environment: env).status == 1)
    }

    @Test func oldStoreMigratesWarnsOnceAndReindexes() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let home = dir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        // A store written by tmkit before schema 2 (no provenance, no analysis version).
        let fixture = TMKitProcess.root.appendingPathComponent("Tests/TranslationMemoryTests/Fixtures/schema1.sqlite")
        try FileManager.default.copyItem(at: fixture, to: home.appendingPathComponent("memory.sqlite"))
        let env = ["TMKIT_HOME": home.path]
        let queries = dir.appendingPathComponent("q.txt")
        try Data("Settings\nOpen the file\n".utf8).write(to: queries)
        let r = try TMKitProcess.run(["tm", "lookup", "--queries", queries.path], environment: env)
        #expect(r.status == 0)
        #expect(r.stderr.components(separatedBy: "tm reindex").count == 2, "\(r.stderr)")
        let re = try TMKitProcess.run(["tm", "reindex", "--format", "json"], environment: env)
        #expect(re.status == 0, "\(re.stderr)")
        #expect((try Self.json(re) as? [String: Any])?["rebuilt"] as? Bool == true)
        let quiet = try TMKitProcess.run(["tm", "lookup", "Settings"], environment: env)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test func importSniffsXMLAndStdinAndExitsOneWhenNothingImported() throws {
        let (env, dir) = try Self.home()
        let xml = dir.appendingPathComponent("export.xml")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- exported -->
            <tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
            <body><tu><tuv xml:lang="en"><seg>Close the window</seg></tuv><tuv xml:lang="ko"><seg>창 닫기</seg></tuv></tu></body></tmx>
            """.utf8).write(to: xml)
        let a = try TMKitProcess.run(["tm", "import", xml.path], environment: env)
        #expect(a.status == 0 && a.stdout.contains("added 1"), "\(a.stdout)\(a.stderr)")
        let b = try TMKitProcess.run(["tm", "import", "--source-lang", "en", "--target-lang", "ko", "-"],
                                     stdin: Data("source\ttarget\nMinimize the window\t창 최소화\n".utf8), environment: env)
        #expect(b.status == 0 && b.stdout.contains("<stdin>: read 1, added 1"), "\(b.stdout)\(b.stderr)")
        let empty = dir.appendingPathComponent("empty.tsv")
        try Data("source\ttarget\nHello\t\n".utf8).write(to: empty)
        let c = try TMKitProcess.run(["tm", "import", "--source-lang", "en", "--target-lang", "ko", empty.path], environment: env)
        #expect(c.status == 1)
        #expect(c.stderr.contains("nothing imported") && c.stderr.contains("empty target"), "\(c.stderr)")
    }

    /// Every command that prints entries as text keeps the lines of a multi-line entry under its first.
    @Test func multiLineEntriesStayIndentedInEveryTextLayout() throws {
        let dir = TMKitProcess.temporaryDirectory()
        let file = dir.appendingPathComponent("lines.tsv")
        try Data("source\ttarget\nFirst line of the notice\\nsecond line\t알림 첫 줄\\n둘째 줄\n".utf8).write(to: file)
        let store = dir.appendingPathComponent("m.sqlite").path
        #expect(try TMKitProcess.run(["tm", "import", "--tm", store, "--source-lang", "en", "--target-lang", "ko", file.path]).status == 0)
        for args in [["lookup", "First line of the notice second line"], ["concordance", "second"], ["list"], ["show", "1"]] {
            let r = try TMKitProcess.run(["tm"] + args + ["--tm", store])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            let lines = r.stdout.split(separator: "\n")
            // Each text line is either a head (no indent) or indented under a label; no line of
            // the entry starts at column 0.
            for marker in ["second line", "둘째 줄"] {
                let line = try #require(lines.first { $0.contains(marker.split(separator: " ")[0]) && !$0.contains(":") }, "\(args): \(r.stdout)")
                #expect(line.hasPrefix("      "), "\(args): not indented: \(line)")
            }
        }
    }
}
