import Foundation
import Testing

/// The built `tmkit` against a real PostgreSQL cluster: `glossary import/lookup/spot/add/remove/
/// export/review --database`, the same output as on a SQLite glossary store of the same file;
/// `tmkit serve --database` serving the database's glossaries; `glossary lookup --server` and
/// `tm lookup --server` through a running server (the same output as local look-ups); and
/// `pretranslate --database` filling from the PostgreSQL memory as `--tm` does from SQLite.
@Suite(.serialized) struct PostgresGlossaryCLITests {
    static func skipped() -> Bool {
        guard let why = PostgresCluster.unavailable else { return false }
        print("SKIP PostgreSQL tests: \(why)")
        if ProcessInfo.processInfo.environment["TMKIT_REQUIRE_POSTGRES"] == "1" { Issue.record(Comment(rawValue: "PostgreSQL tests did not run: \(why)")) }
        return true
    }

    /// The JSON array of a look-up, without the glossary's name (which says where it came from).
    static func matches(_ json: String) -> [String] {
        let objects = ((try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]]) ?? []
        return objects.map { o in
            o.filter { $0.key != "glossary" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
    }

    @Test func glossaryCommandsOnTheDatabaseMatchTheSQLiteStore() throws {
        if Self.skipped() { return }
        let pg = try PostgresCluster.primary()
        defer { pg.destroy() }
        let folder = Tool.temporaryDirectory()
        let env = ["TMKIT_HOME": folder + "/home"]
        let seeds = Tool.root.appendingPathComponent("Glossary/seeds.tbx").path
        let db = ["--database", pg.url, "--name", "team"]

        let imported = try Tool.run(["glossary", "import", seeds] + db, environment: env)
        #expect(imported.status == 0 && imported.stderr.contains("glossary 'team'") && imported.stderr.contains("30 concepts added"), "\(imported.stderr)")
        let store = try Tool.glossaryStore(home: folder + "/home")
        let sqlite = ["--glossary", store]
        let again = try Tool.run(["glossary", "import", seeds] + db, environment: env)
        #expect(again.stderr.contains("0 concepts added"), "importing again adds nothing: \(again.stderr)")

        for term in ["안보의", "유럽안보를", "Negotiations", "European", "협상", "유롭", "Ceasfire"] {
            let a = try Tool.run(["glossary", "lookup", term, "--format", "json"] + sqlite, environment: env)
            let b = try Tool.run(["glossary", "lookup", term, "--format", "json"] + db, environment: env)
            #expect(a.status == b.status, "\(term): \(b.stderr)")
            #expect(Self.matches(b.stdout) == Self.matches(a.stdout), "\(term): \(b.stdout) vs \(a.stdout)")
        }
        let text = "유럽안보를 위한 협상 장기화, 트럼프 관세 대응"
        let spotA = try Tool.run(["glossary", "spot", text, "--format", "json"] + sqlite, environment: env)
        let spotB = try Tool.run(["glossary", "spot", text, "--format", "json", "--database", pg.url], environment: env)
        #expect(spotB.status == 0 && spotB.stdout == spotA.stdout && spotA.stdout.contains("translations"), "\(spotB.stdout) \(spotB.stderr) vs \(spotA.stdout)")

        // Changes: add, review, remove, then export and read back.
        let added = try Tool.run(["glossary", "add", "휴전", "truce", "--note", "news"] + db, environment: env)
        #expect(added.status == 0 && added.stderr.contains("31 concepts"), "\(added.stderr)")
        let truce = try Tool.run(["glossary", "lookup", "휴전을", "--format", "json", "--no-fuzzy"] + db, environment: env)
        #expect(truce.stdout.contains("\"target\": \"truce\""), "\(truce.stdout)")
        let listed = try Tool.run(["glossary", "review", "list", "--status", "candidate", "--sort", "id", "--limit", "1"] + db, environment: env)
        let ref = try #require(listed.stdout.split(separator: "\t").first.map(String.init), "\(listed.stderr)")
        let approved = try Tool.run(["glossary", "review", "approve", ref] + db, environment: env)
        #expect(approved.status == 0 && approved.stderr.contains("1 term admitted"), "\(approved.stderr)")
        let shown = try Tool.run(["glossary", "review", "show", ref] + db, environment: env)
        #expect(shown.stdout.contains("admitted") && shown.stdout.contains("modification"), "\(shown.stdout)")
        let removed = try Tool.run(["glossary", "remove", "truce", "--format", "json"] + db, environment: env)
        #expect(removed.status == 0 && removed.stdout.contains("\"removed\": 1"), "\(removed.stdout) \(removed.stderr)")
        let tbx = folder + "/team.tbx"
        let exported = try Tool.run(["glossary", "export", tbx] + db, environment: env)
        #expect(exported.status == 0 && exported.stderr.contains("30 concepts"), "\(exported.stderr)")
        let back = try Tool.run(["glossary", "lookup", "유럽", "--format", "json", "--glossary", tbx], environment: env)
        let original = try Tool.run(["glossary", "lookup", "유럽", "--format", "json"] + db, environment: env)
        #expect(Self.matches(back.stdout) == Self.matches(original.stdout) && !back.stdout.contains("truce"), "\(back.stdout)")

        // Errors: one line naming what is wrong, exit 1.
        let missing = try Tool.run(["glossary", "lookup", "안보", "--database", pg.url, "--name", "nope"], environment: env)
        #expect(missing.status == 1 && missing.stderr.contains("no glossary named 'nope'") && missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        let bad = folder + "/bad.tbx"
        try "<tbx><text><body><conceptEntry id=\"1\"><langSec xml:lang=\"ko\">".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try Tool.run(["glossary", "import", bad, "--database", pg.url, "--name", "broken"], environment: env)
        #expect(refused.status == 1 && refused.stderr.contains("bad.tbx"), "\(refused.stderr)")
        #expect(try pg.psql("SELECT count(*) FROM tmkit_glossary WHERE name = 'broken'") == "0", "a failed first import leaves no glossary")
        let stray = try Tool.run(["glossary", "add", "휴전", "truce", "--name", "team"], environment: env)
        #expect(stray.status != 0 && stray.stderr.contains("--name needs --database"), "\(stray.stderr)")
        let down = try Tool.run(["glossary", "lookup", "안보", "--database", "postgres://tmkit@127.0.0.1:\(Tool.freePort())/postgres"], environment: env)
        #expect(down.status == 1 && down.stderr.contains("not reachable"), "\(down.stderr)")
    }

    @Test func serverAndServerClientsOnTheDatabase() throws {
        if Self.skipped() { return }
        let pg = try PostgresCluster.primary()
        defer { pg.destroy() }
        let folder = Tool.temporaryDirectory()
        let env = ["TMKIT_HOME": folder + "/home"]
        let seeds = Tool.root.appendingPathComponent("Glossary/seeds.tbx").path
        let database = ["--database", pg.url]
        #expect(try Tool.run(["glossary", "import", seeds, "--name", "team"] + database, environment: env).status == 0)
        let tsv = try Tool.tsv(SQLiteServerTests.pairs, in: folder)
        #expect(try Tool.run(["tm", "import", tsv] + database, environment: env).status == 0)
        #expect(try Tool.run(["tm", "import", tsv, "--tm", folder + "/m.sqlite"], environment: env).status == 0)

        let read = try Tool.token("read", backend: database)
        let write = try Tool.run(["serve", "token", "create", "--scope", "write", "--label", "kim"] + database)
        let server = try ServerProcess(database, environment: env)
        defer { server.stop() }
        let listed = try HTTP.get(server.url + "/api/v1/glossaries", token: read)
        #expect((listed.object["glossaries"] as? [String]) == ["team"], "\(listed.text)")

        // The server's glossary routes read and change the database's glossary.
        let looked = try HTTP.get(server.url + "/api/v1/glossaries/team/lookup?q=" + HTTP.quote("안보의"), token: read)
        #expect(looked.status == 200 && looked.text.contains("security"), "\(looked.text)")
        let version = try HTTP.get(server.url + "/api/v1/glossaries/team/review/version", token: read)
        #expect(version.status == 200, "\(version.text)")
        let changed = try HTTP.request("POST", server.url + "/api/v1/glossaries/team/status", token: write.lastLine,
                                       json: ["action": "approve", "status": "candidate", "minScore": 0.9])
        #expect(changed.status == 200 && (changed.object["count"] as? Int ?? 0) > 0, "\(changed.text)")
        let cli = try Tool.run(["glossary", "review", "list", "--status", "candidate", "--min-score", "0.9", "--name", "team"] + database, environment: env)
        #expect(cli.status == 0 && cli.stdout.isEmpty, "the CLI sees the server's change: \(cli.stdout) \(cli.stderr)")
        // The review page's API reads the database's glossary and sees its version move.
        let moved = try HTTP.get(server.url + "/api/v1/glossaries/team/review/version", token: read)
        #expect(moved.status == 200 && "\(moved.object["version"] ?? "")" != "\(version.object["version"] ?? "")", "\(moved.text) \(version.text)")
        let page = try HTTP.get(server.url + "/api/v1/glossaries/team/review?status=approved", token: read)
        #expect(page.status == 200 && (page.object["total"] as? Int ?? 0) >= (changed.object["count"] as? Int ?? 1), "\(page.text.prefix(300))")
        // A second server on the database serves the same glossary, with the first one's change.
        let second = try ServerProcess(database, environment: env)
        defer { second.stop() }
        let seen = try HTTP.get(second.url + "/api/v1/glossaries/team/review?status=candidate&minScore=0.9", token: read)
        #expect(seen.status == 200 && seen.object["total"] as? Int == 0, "\(seen.text.prefix(300))")
        // A glossary made after the server started is served too.
        #expect(try Tool.run(["glossary", "add", "휴전", "truce", "--name", "later"] + database, environment: env).status == 0)
        let later = try HTTP.get(server.url + "/api/v1/glossaries/later/lookup?q=" + HTTP.quote("휴전"), token: read)
        #expect(later.status == 200 && later.text.contains("truce"), "\(later.text)")
        let laterReview = try HTTP.get(server.url + "/api/v1/glossaries/later/review?status=any", token: read)
        #expect(laterReview.status == 200 && laterReview.text.contains("truce"), "the review API serves it too: \(laterReview.text.prefix(300))")
        #expect(try HTTP.get(server.url + "/api/v1/glossaries/nope/lookup?q=x", token: read).status == 404)

        // `--server`: the same output as the local look-ups.
        let remote = ["--server", server.url, "--token", read]
        for term in ["안보의", "Negotiations", "유롭"] {
            let a = try Tool.run(["glossary", "lookup", term, "--format", "json", "--name", "team"] + database, environment: env)
            let b = try Tool.run(["glossary", "lookup", term, "--format", "json", "--name", "team"] + remote, environment: env)
            #expect(b.status == a.status && b.stdout == a.stdout, "\(term): \(b.stdout) \(b.stderr) vs \(a.stdout)")
        }
        let ambiguous = try Tool.run(["glossary", "lookup", "안보"] + remote, environment: env)
        #expect(ambiguous.status == 1 && ambiguous.stderr.contains("team, later"), "two glossaries: name one: \(ambiguous.stderr)")
        for query in ["Open the file in a new windows", "파일을 저장"] {
            let a = try Tool.run(["tm", "lookup", query, "--format", "json", "--min-score", "40", "--tm", folder + "/m.sqlite"], environment: env)
            let b = try Tool.run(["tm", "lookup", query, "--format", "json", "--min-score", "40", "--server", server.url], environment: env.merging(["TMKIT_TOKEN": read]) { $1 })
            #expect(b.status == 0 && PostgresCLITests.pairs(b.stdout, "score", "target") == PostgresCLITests.pairs(a.stdout, "score", "target"), "\(query): \(b.stdout) \(b.stderr)")
            let textA = try Tool.run(["tm", "lookup", query, "--min-score", "40"] + database, environment: env)
            let textB = try Tool.run(["tm", "lookup", query, "--min-score", "40"] + remote, environment: env)
            #expect(textB.stdout == textA.stdout && !textA.stdout.isEmpty, "\(textB.stdout) vs \(textA.stdout)")
        }

        // The other memory and glossary commands through the server, beside --database.
        let queries = folder + "/queries.txt"
        try "Open the file in a new windows\n파일을 저장\nSomething else entirely\n".write(toFile: queries, atomically: true, encoding: .utf8)
        let batchA = try Tool.run(["tm", "lookup", "--queries", queries, "--min-score", "40"] + database, environment: env)
        let batchB = try Tool.run(["tm", "lookup", "--queries", queries, "--min-score", "40"] + remote, environment: env)
        #expect(batchB.status == 0 && batchB.stdout == batchA.stdout && !batchA.stdout.isEmpty, "\(batchB.stdout) \(batchB.stderr) vs \(batchA.stdout)")
        let concA = try Tool.run(["tm", "concordance", "file", "--format", "json"] + database, environment: env)
        let concB = try Tool.run(["tm", "concordance", "file", "--format", "json"] + remote, environment: env)
        #expect(concB.status == 0 && concB.stdout == concA.stdout && concA.stdout.contains("source_hits"), "\(concB.stdout) \(concB.stderr)")
        let statsB = try Tool.run(["tm", "stats"] + remote, environment: env)
        #expect(statsB.status == 0 && statsB.stdout.contains("entries: \(SQLiteServerTests.pairs.count)") && statsB.stdout.contains(server.url), "\(statsB.stdout) \(statsB.stderr)")
        let spotA = try Tool.run(["glossary", "spot", "유럽 안보 협상의 장기화", "--format", "json", "--name", "team"] + database, environment: env)
        let spotB = try Tool.run(["glossary", "spot", "유럽 안보 협상의 장기화", "--format", "json", "--name", "team"] + remote, environment: env)
        #expect(spotB.status == 0 && spotB.stdout == spotA.stdout && spotA.stdout.contains("security"), "\(spotB.stdout) \(spotB.stderr) vs \(spotA.stdout)")
        // An import through the server is one transaction on the database; a read token may not.
        let more = folder + "/more.tsv"
        try "source_en\ttarget_ko\nPrint the page\t페이지 인쇄\nSave the file\t파일 저장\n".write(toFile: more, atomically: true, encoding: .utf8)
        let refused = try Tool.run(["tm", "import", more] + remote, environment: env)
        #expect(refused.status == 1 && refused.stderr.contains("403"), "\(refused.stderr)")
        let imported = try Tool.run(["tm", "import", more, "--server", server.url, "--token", write.lastLine], environment: env)
        #expect(imported.status == 0 && imported.stdout.hasPrefix(more + ": read 2, added 1, duplicates 1"), "\(imported.stdout) \(imported.stderr)")
        let broken = folder + "/broken.tmx"
        try "<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"en\"><seg>x</seg></tuv>".write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try Tool.run(["tm", "import", broken, more, "--server", server.url, "--token", write.lastLine], environment: env)
        #expect(bad.status == 1 && bad.stderr.contains("broken.tmx") && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        #expect(bad.stdout.contains("1 of 2 files imported"), "\(bad.stdout)")
        let exported = folder + "/out.tmx"
        let export = try Tool.run(["tm", "export", "-o", exported] + remote, environment: env)
        #expect(export.status == 0 && export.stdout == "\(exported): exported \(SQLiteServerTests.pairs.count + 1) entries\n", "\(export.stdout) \(export.stderr)")
        let tmx = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(tmx.contains("<seg>Print the page</seg>") && tmx.contains("</tmx>"), "\(tmx.prefix(400))")
        let both = try Tool.run(["tm", "stats", "--server", server.url] + database, environment: env)
        #expect(both.status != 0 && both.stderr.contains("not both"), "\(both.stderr)")

        // Errors name the URL, on one line, exit 1.
        let noToken = try Tool.run(["tm", "lookup", "Save the file", "--server", server.url], environment: env.merging(["TMKIT_TOKEN": ""]) { $1 })
        #expect(noToken.status == 1 && noToken.stderr.contains(server.url) && noToken.stderr.contains("401")
                && noToken.stderr.split(separator: "\n").count == 1, "\(noToken.stderr)")
        let gone = "http://127.0.0.1:\(Tool.freePort())"
        let unreachable = try Tool.run(["glossary", "lookup", "안보", "--name", "team", "--server", gone, "--token", read], environment: env)
        #expect(unreachable.status == 1 && unreachable.stderr.contains(gone) && unreachable.stderr.contains("cannot reach")
                && unreachable.stderr.split(separator: "\n").count == 1, "\(unreachable.stderr)")
        let notURL = try Tool.run(["tm", "lookup", "x", "--server", "ftp:/nowhere"], environment: env)
        #expect(notURL.status != 0 && notURL.stderr.contains("ftp:/nowhere"), "\(notURL.stderr)")
    }

    @Test func pretranslateFillsFromThePostgresMemory() throws {
        if Self.skipped() { return }
        let pg = try PostgresCluster.primary()
        defer { pg.destroy() }
        let folder = Tool.temporaryDirectory()
        let env = ["TMKIT_HOME": folder + "/home"]
        let tsv = try Tool.tsv(SQLiteServerTests.pairs, in: folder)
        #expect(try Tool.run(["tm", "import", tsv, "--database", pg.url], environment: env).status == 0)
        #expect(try Tool.run(["tm", "import", tsv, "--tm", folder + "/m.sqlite"], environment: env).status == 0)
        let doc = folder + "/doc.txt"
        try "Save the file.\n\nOpen the file in a new windows.\n\nSomething else entirely.\n".write(toFile: doc, atomically: true, encoding: .utf8)
        let a = try Tool.run(["pretranslate", doc, "-o", folder + "/a", "--tm", folder + "/m.sqlite", "--min-score", "50"], environment: env)
        let b = try Tool.run(["pretranslate", doc, "-o", folder + "/b", "--database", pg.url, "--min-score", "50"], environment: env)
        #expect(a.status == 0 && b.status == 0, "\(b.stderr)")
        #expect(b.stdout == a.stdout, "the same analysis: \(b.stdout) vs \(a.stdout)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder + "/a")
        let name = try #require(written.first, "pretranslate wrote nothing: \(a.stderr)")
        #expect(written.count == 1, "\(written)")
        let outA = try String(contentsOfFile: folder + "/a/" + name, encoding: .utf8)
        let outB = try String(contentsOfFile: folder + "/b/" + name, encoding: .utf8)
        #expect(outB == outA && outA.contains("파일 저장"), "\(outB)")
        let missing = try Tool.run(["pretranslate", doc, "-o", folder + "/c", "--database", pg.url, "--memory", "nope"], environment: env)
        #expect(missing.status == 1 && missing.stderr.contains("no memory named 'nope'"), "\(missing.stderr)")
        let both = try Tool.run(["pretranslate", doc, "-o", folder + "/c", "--database", pg.url, "--tm", folder + "/m.sqlite"], environment: env)
        #expect(both.status != 0 && both.stderr.contains("not both"), "\(both.stderr)")
    }
}
