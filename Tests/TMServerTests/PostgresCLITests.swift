import Foundation
import Testing

/// `tmkit tm import/lookup/concordance/stats/export --database` against a real PostgreSQL
/// cluster of the test's own: the same output as on a SQLite memory of the same pairs, and the
/// same tables `tmkit serve --database` serves.
@Suite(.serialized) struct PostgresCLITests {
    @Test func tmCommandsReadAndWriteThePostgresMemory() throws {
        if let why = PostgresCluster.unavailable {
            print("SKIP PostgreSQL tests: \(why)")
            if ProcessInfo.processInfo.environment["TMKIT_REQUIRE_POSTGRES"] == "1" { Issue.record(Comment(rawValue: "PostgreSQL tests did not run: \(why)")) }
            return
        }
        let pg = try PostgresCluster.primary()
        defer { pg.destroy() }
        let folder = Tool.temporaryDirectory()
        let env = ["TMKIT_HOME": folder + "/home"]
        let tsv = try Tool.tsv(SQLiteServerTests.pairs, in: folder)
        let database = ["--database", pg.url]
        let sqlite = ["--tm", folder + "/m.sqlite"]

        let imported = try Tool.run(["tm", "import", tsv] + database, environment: env)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("added \(SQLiteServerTests.pairs.count)"), "\(imported.stdout)")
        #expect(try Tool.run(["tm", "import", tsv] + sqlite, environment: env).status == 0)
        let again = try Tool.run(["tm", "import", tsv, "--format", "json"] + database, environment: env)
        let total = ((try? JSONSerialization.jsonObject(with: Data(again.stdout.utf8))) as? [String: Any])?["total"] as? [String: Any]
        #expect(total?["added"] as? Int == 0 && total?["duplicates"] as? Int == SQLiteServerTests.pairs.count, "importing again adds nothing: \(again.stdout)")

        // The same matches and scores as the SQLite memory of the same pairs.
        for query in ["Open the file in a new windows", "파일을 저장", "Close all the windows", "바탕 화면 배경"] {
            let a = try Tool.run(["tm", "lookup", query, "--format", "json", "--min-score", "40"] + sqlite, environment: env)
            let b = try Tool.run(["tm", "lookup", query, "--format", "json", "--min-score", "40"] + database, environment: env)
            #expect(b.status == a.status, "\(query): \(b.stderr)")
            #expect(Self.pairs(b.stdout, "score", "target") == Self.pairs(a.stdout, "score", "target"), "\(query): \(b.stdout) vs \(a.stdout)")
        }
        let queries = folder + "/queries.txt"
        try "Save the file\nClose all windows\n".write(toFile: queries, atomically: true, encoding: .utf8)
        let batch = try Tool.run(["tm", "lookup", "--queries", queries] + database, environment: env)
        #expect(batch.stdout.split(separator: "\n").count == 2 && batch.stdout.contains("파일 저장"), "\(batch.stdout)")

        let c1 = try Tool.run(["tm", "concordance", "file", "--format", "json"] + sqlite, environment: env)
        let c2 = try Tool.run(["tm", "concordance", "file", "--format", "json"] + database, environment: env)
        #expect(Set(Self.pairs(c2.stdout, "source", "target")) == Set(Self.pairs(c1.stdout, "source", "target")) && !Self.pairs(c2.stdout, "source", "target").isEmpty, "\(c2.stdout)")

        let stats = try Tool.run(["tm", "stats"] + database, environment: env)
        #expect(stats.status == 0 && stats.stdout.contains("entries: \(SQLiteServerTests.pairs.count)\n"), "\(stats.stdout) \(stats.stderr)")

        let tmx = folder + "/out.tmx"
        let exported = try Tool.run(["tm", "export", "-o", tmx] + database, environment: env)
        #expect(exported.status == 0 && exported.stdout.contains("exported \(SQLiteServerTests.pairs.count) entries"), "\(exported.stdout) \(exported.stderr)")
        let back = try Tool.run(["tm", "import", tmx, "--tm", folder + "/back.sqlite"], environment: env)
        #expect(back.stdout.contains("added \(SQLiteServerTests.pairs.count)"), "the TMX reads back whole: \(back.stdout)")

        // A server on the same database finds what the CLI imported.
        let token = try Tool.token("read", backend: database)
        let server = try ServerProcess(database)
        defer { server.stop() }
        let look = try HTTP.get(server.url + "/api/v1/memories/default/lookup?q=" + HTTP.quote("Save the file"), token: token)
        #expect((look.object["matches"] as? [[String: Any]])?.first?["target"] as? String == "파일 저장", "\(look.text)")

        // Bad input: one line, non-zero exit, nothing stored.
        let bad = folder + "/bad.tmx"
        try "<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"en\"><seg>x</seg></tuv>".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try Tool.run(["tm", "import", bad] + database, environment: env)
        #expect(refused.status != 0 && refused.stderr.contains("bad.tmx"), "\(refused.stderr)")
        #expect(try Tool.run(["tm", "stats"] + database, environment: env).stdout.contains("entries: \(SQLiteServerTests.pairs.count)\n"))
        let both = try Tool.run(["tm", "stats"] + database + sqlite, environment: env)
        #expect(both.status != 0 && both.stderr.contains("not both"), "\(both.stderr)")
        let missing = try Tool.run(["tm", "stats", "--memory", "nope"] + database, environment: env)
        #expect(missing.status != 0 && missing.stderr.contains("nope"), "\(missing.stderr)")
        let lookupMissing = try Tool.run(["tm", "lookup", "Save the file", "--memory", "nope"] + database, environment: env)
        #expect(lookupMissing.status != 0 && lookupMissing.stderr.contains("no memory named 'nope'"), "\(lookupMissing.stderr)")
    }

    /// Two fields of each object of a JSON array, as strings.
    static func pairs(_ json: String, _ a: String, _ b: String) -> [String] {
        let objects = ((try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]]) ?? []
        return objects.map { "\($0[a] ?? "")|\($0[b] ?? "")" }
    }
}
