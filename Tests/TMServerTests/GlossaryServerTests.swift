import Foundation
import Testing

/// The glossary routes of `tmkit serve` over real HTTP, on a glossary store made with
/// `tmkit glossary import`: entry show and term edit, approve/deprecate/reject of named terms
/// and in bulk above a score, with read and write tokens; every change is checked through the
/// CLI (`glossary review list/show`, `glossary lookup`) on the same store, and a change the
/// CLI makes is seen through the server.
@Suite(.serialized) struct GlossaryServerTests {
    struct Fixture {
        var home: String
        var store: String
        var server: ServerProcess
        var read: String
        var write: String
        var url: String { server.url + "/api/v1/glossaries/built" }
        var env: [String: String] { ["TMKIT_HOME": home] }

        /// `tmkit ARGS` with the fixture's TMKIT_HOME.
        func cli(_ args: [String]) throws -> Tool.Result { try Tool.run(args, environment: env) }

        /// `glossary review list` lines (ID.N, status, score, count, term, translation).
        func reviewList(_ args: [String] = []) throws -> [[String]] {
            let r = try cli(["glossary", "review", "list", "--store", store, "--sort", "id"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        }

        /// `glossary lookup TERM --glossary STORE` as JSON objects.
        func lookup(_ term: String) throws -> [[String: Any]] {
            let r = try cli(["glossary", "lookup", term, "--glossary", store, "--format", "json", "--no-fuzzy"])
            return ((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [[String: Any]]) ?? []
        }
    }

    static func start() throws -> Fixture {
        let folder = Tool.temporaryDirectory()
        let home = folder + "/home"
        let store = try Tool.glossaryStore(home: home)
        let backend = ["--tm", "default=\(folder)/default.sqlite", "--tokens", "\(folder)/tokens.json"]
        let read = try Tool.token("read", backend: backend)
        let created = try Tool.run(["serve", "token", "create", "--scope", "write", "--label", "kim"] + backend)
        #expect(created.status == 0, "\(created.stderr)")
        let server = try ServerProcess(backend + ["--glossary", "built=\(store)"], environment: ["TMKIT_HOME": home])
        return Fixture(home: home, store: store, server: server, read: read, write: created.lastLine)
    }

    @Test func entryShowAndEditAreTheStoresAndTheCLISeesThem() throws {
        let f = try Self.start()
        defer { f.server.stop() }
        let line = try #require(try f.reviewList(["--status", "candidate"]).first)
        let (ref, term) = (line[0], line[4])
        let parts = ref.split(separator: ".")
        let (id, position) = (String(parts[0]), String(parts[1]))

        let shown = try HTTP.get(f.url + "/entries/\(id)", token: f.read)
        #expect(shown.status == 200, "\(shown.text)")
        let terms = shown.object["terms"] as? [[String: Any]] ?? []
        #expect(terms.contains { $0["ref"] as? String == ref && $0["text"] as? String == line[5] && $0["status"] as? String == "candidate" }, "\(shown.text)")
        #expect(try HTTP.get(f.url + "/entries/999999", token: f.read).status == 404)
        #expect(try HTTP.get(f.url + "/entries/x", token: f.read).status == 400)
        #expect(try HTTP.get(f.url + "/entries/\(id)").status == 401)

        let path = f.url + "/entries/\(id)/terms/\(position)"
        #expect(try HTTP.request("PATCH", path, token: f.read, json: ["text": "edited term"]).status == 403, "a read token cannot edit")
        #expect(try HTTP.request("PATCH", path, token: f.write, json: [String: Any]()).status == 400, "an edit changes something")
        #expect(try HTTP.request("PATCH", path, token: f.write, json: ["text": "  "]).status == 400)
        #expect(try HTTP.request("PATCH", path, token: f.write, json: ["partOfSpeech": "gerund"]).status == 400)
        #expect(try HTTP.request("PATCH", f.url + "/entries/\(id)/terms/99", token: f.write, json: ["text": "x"]).status == 404)
        let edited = try HTTP.request("PATCH", path, token: f.write, json: ["text": "edited term", "partOfSpeech": "noun", "note": "<script>x</script>"])
        #expect(edited.status == 200, "\(edited.text)")
        let now = (edited.object["terms"] as? [[String: Any]])?.first { $0["ref"] as? String == ref }
        #expect(now?["text"] as? String == "edited term")
        #expect(((now?["history"] as? [[String: Any]])?.last?["user"]) as? String == "kim")

        // The CLI reads the same store at once.
        #expect(try f.lookup(term).contains { $0["target"] as? String == "edited term" })
        let show = try f.cli(["glossary", "review", "show", ref, "--store", f.store])
        #expect(show.stdout.contains("edited term") && show.stdout.contains("noun") && show.stdout.contains("kim"), "\(show.stdout)")
    }

    @Test func statusChangesOneAndInBulkGoThroughTheStore() throws {
        let f = try Self.start()
        defer { f.server.stop() }
        let candidates = try f.reviewList(["--status", "candidate"])
        #expect(candidates.count >= 4)
        let (a, d, r) = (candidates[0], candidates[1], candidates[2])
        let status = f.url + "/status"

        #expect(try HTTP.request("POST", status, json: ["action": "approve", "refs": [a[0]]]).status == 401)
        #expect(try HTTP.request("POST", status, token: f.read, json: ["action": "approve", "refs": [a[0]]]).status == 403)
        #expect(try HTTP.request("POST", status, token: f.write, json: ["action": "bless", "refs": [a[0]]]).status == 400)
        #expect(try HTTP.request("POST", status, token: f.write, json: ["action": "approve"]).status == 400, "terms or a filter")
        #expect(try HTTP.request("POST", status, token: f.write, json: ["action": "approve", "refs": ["x.1"]]).status == 400)
        #expect(try HTTP.request("POST", status, token: f.write, json: ["action": "approve", "refs": ["999999.0"]]).status == 404)
        #expect(try HTTP.request("POST", status, token: f.write, json: ["action": "approve", "minScore": 2]).status == 400)
        #expect(try f.reviewList(["--status", "candidate"]).count == candidates.count, "refused changes change nothing")

        for (action, line) in [("approve", a), ("deprecate", d), ("reject", r)] {
            let answer = try HTTP.request("POST", status, token: f.write, json: ["action": action, "refs": [line[0]]])
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer.object["count"] as? Int == 1, "\(answer.text)")
        }
        let after = Dictionary(try f.reviewList().map { ($0[0], $0) }, uniquingKeysWith: { x, _ in x })
        #expect(after[a[0]]?[1] == "admitted")
        #expect(after[d[0]]?[1] == "deprecated")
        #expect(!(after.values.contains { $0[4] == r[4] && $0[5] == r[5] }), "the rejected translation is gone")
        #expect(try f.lookup(a[4]).contains { $0["target"] as? String == a[5] && $0["status"] as? String == "admitted" })
        let show = try f.cli(["glossary", "review", "show", a[0], "--store", f.store])
        #expect(show.stdout.contains("kim") && show.stdout.contains("status admitted"), "\(show.stdout)")

        // Bulk: every candidate scoring at least 0.6, as `review approve --status candidate --min-score 0.6`.
        let high = try f.reviewList(["--status", "candidate", "--min-score", "0.6"])
        let body: [String: Any] = ["action": "approve", "status": "candidate", "minScore": 0.6]
        let dry = try HTTP.request("POST", status, token: f.write, json: body.merging(["dryRun": true]) { $1 })
        #expect(dry.status == 200 && dry.object["count"] as? Int == high.count && high.count > 0, "\(dry.text)")
        #expect(try f.reviewList(["--status", "candidate", "--min-score", "0.6"]).count == high.count, "a dry run changes nothing")
        let bulk = try HTTP.request("POST", status, token: f.write, json: body.merging(["preferred": true]) { $1 })
        #expect(bulk.object["count"] as? Int == high.count, "\(bulk.text)")
        #expect(try f.reviewList(["--status", "candidate", "--min-score", "0.6"]).isEmpty)
        #expect(try f.reviewList(["--status", "preferred"]).count >= high.count)
        #expect(try f.reviewList(["--status", "candidate"]).count == candidates.count - 3 - high.count, "candidates under the score stay")
    }

    @Test func changesTheCLIMakesAreSeenThroughTheServer() throws {
        let f = try Self.start()
        defer { f.server.stop() }
        let line = try #require(try f.reviewList(["--status", "candidate"]).first)
        let deprecate = try f.cli(["glossary", "review", "deprecate", line[0], "--store", f.store])
        #expect(deprecate.status == 0, "\(deprecate.stderr)")
        let id = line[0].split(separator: ".")[0]
        let shown = try HTTP.get(f.url + "/entries/\(id)", token: f.read)
        #expect((shown.object["terms"] as? [[String: Any]])?.first { $0["ref"] as? String == line[0] }?["status"] as? String == "deprecated", "\(shown.text)")
        let look = try HTTP.get(f.url + "/lookup?q=" + HTTP.quote(line[4]) + "&fuzzy=false", token: f.read)
        let matches = look.object["matches"] as? [[String: Any]] ?? []
        #expect(matches.contains { $0["target"] as? String == line[5] && $0["status"] as? String == "deprecated" }, "\(look.text)")
        let review = try HTTP.get(f.url + "/review?status=deprecated", token: f.read)
        #expect((review.object["rows"] as? [[String: Any]])?.contains { $0["ref"] as? String == line[0] } == true, "\(review.text)")
    }

    @Test func aServedTBXIsCompiledLikeTheCLIsAndReadOnly() throws {
        let folder = Tool.temporaryDirectory()
        let home = folder + "/home"
        let tbx = folder + "/built.tbx"
        try FileManager.default.copyItem(atPath: Tool.root.appendingPathComponent("Glossary/seeds.tbx").path, toPath: tbx)
        let backend = ["--tm", "default=\(folder)/default.sqlite", "--tokens", "\(folder)/tokens.json"]
        let write = try Tool.token("write", backend: backend)
        let server = try ServerProcess(backend + ["--glossary", "built=\(tbx)"], environment: ["TMKIT_HOME": home])
        defer { server.stop() }
        let cache = try FileManager.default.contentsOfDirectory(atPath: home + "/cache/glossaries")
        #expect(cache.contains { $0.hasPrefix("built.tbx-") && $0.hasSuffix(".sqlite") }, "compiled into the CLI's cache: \(cache)")
        let rows = try HTTP.get(server.url + "/api/v1/glossaries/built/review?limit=1", token: write)
        let row = try #require((rows.object["rows"] as? [[String: Any]])?.first, "\(rows.text)")
        let refused = try HTTP.request("POST", server.url + "/api/v1/glossaries/built/status", token: write, json: ["action": "approve", "refs": [row["ref"]!]])
        #expect(refused.status == 409, "\(refused.text)")
        #expect(refused.text.contains("tmkit glossary import"), "\(refused.text)")
        let bad = try Tool.run(["serve", "--glossary", folder + "/missing.tbx"] + backend + ["--listen", "127.0.0.1:0"], environment: ["TMKIT_HOME": home])
        #expect(bad.status != 0 && bad.stderr.contains("missing.tbx"), "\(bad.stderr)")
    }
}
