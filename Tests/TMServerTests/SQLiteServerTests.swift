import Foundation
import Testing

/// `tmkit serve` on SQLite memories, over real HTTP: every route, tokens, limits, Weblate's client.
@Suite(.serialized) struct SQLiteServerTests {
    static let pairs: [(String, String)] = [
        ("Open the file in a new window", "새 창에서 파일 열기"),
        ("Open the file in a new tab", "새 탭에서 파일 열기"),
        ("Save the file", "파일 저장"),
        ("Change the desktop background", "바탕 화면 배경을 바꿉니다"),
        ("Close all windows", "모든 창 닫기"),
    ]

    /// A server with two memories (`default` with the pairs, `other` with one secret pair) and its tokens.
    struct Fixture {
        var folder: String
        var server: ServerProcess
        var backend: [String]
        var admin: String
        var read: String
        var write: String
        var otherOnly: String
        var url: String { server.url }
    }

    static func start(extra: [String] = []) throws -> Fixture {
        let folder = Tool.temporaryDirectory()
        let backend = ["--tm", "default=\(folder)/default.sqlite", "--tm", "other=\(folder)/other.sqlite", "--tokens", "\(folder)/tokens.json"]
        let admin = try Tool.token("admin", backend: backend)
        let read = try Tool.token("read", backend: backend)
        let write = try Tool.token("write", backend: backend)
        let otherOnly = try Tool.token("admin", memory: "other", backend: backend)
        let server = try ServerProcess(backend + extra, environment: ["TMKIT_HOME": folder + "/home"])
        let tsv = try Tool.tsv(pairs, in: folder)
        let r = try HTTP.request("POST", server.url + "/api/v1/memories/default/import?filename=pairs.tsv", token: write, file: tsv)
        #expect(r.status == 200, "\(r.text)")
        let secret = try Tool.tsv([("The launch code is 0000", "발사 코드는 0000입니다")], in: folder, name: "secret.tsv")
        let s = try HTTP.request("POST", server.url + "/api/v1/memories/other/import?filename=secret.tsv", token: otherOnly, file: secret)
        #expect(s.status == 200, "\(s.text)")
        return Fixture(folder: folder, server: server, backend: backend, admin: admin, read: read, write: write, otherOnly: otherOnly)
    }

    @Test func tokenCreatePrintsTheTokenAloneOnItsLastLine() throws {
        let folder = Tool.temporaryDirectory()
        let r = try Tool.run(["serve", "token", "create", "--scope", "read", "--tokens", folder + "/t.json"])
        #expect(r.status == 0)
        #expect(r.lastLine.hasPrefix("tmk_") && !r.lastLine.contains(" "))
        let stored = try String(contentsOfFile: folder + "/t.json", encoding: .utf8)
        #expect(!stored.contains(r.lastLine), "the token file holds the secret itself")
        let bad = try Tool.run(["serve", "token", "create", "--scope", "root", "--tokens", folder + "/t.json"])
        #expect(bad.status != 0)
    }

    @Test func lookupConcordanceStatsExportAndBatch() throws {
        let f = try Self.start()
        defer { f.server.stop() }
        let lookup = try HTTP.get(f.url + "/api/v1/memories/default/lookup?q=" + HTTP.quote("Open the file in a new windows"), token: f.read)
        #expect(lookup.status == 200)
        let matches = lookup.object["matches"] as? [[String: Any]] ?? []
        #expect(matches.first?["target"] as? String == "새 창에서 파일 열기")
        #expect((matches.first?["score"] as? Int ?? 0) >= 80)

        let korean = try HTTP.get(f.url + "/api/v1/memories/default/lookup?q=" + HTTP.quote("파일 저장") + "&targetLanguage=en", token: f.read)
        #expect((korean.object["matches"] as? [[String: Any]])?.first?["target"] as? String == "Save the file")

        let batch = try HTTP.request("POST", f.url + "/api/v1/memories/default/lookup", token: f.read,
                                     json: ["queries": ["Save the file", "Close all windows", "nothing like it at all"], "minScore": 60])
        #expect(batch.status == 200)
        let results = batch.object["results"] as? [[String: Any]] ?? []
        #expect(results.count == 3)
        #expect((results[0]["matches"] as? [[String: Any]])?.first?["score"] as? Int == 100)
        #expect((results[2]["matches"] as? [[String: Any]])?.isEmpty == true)

        let conc = try HTTP.get(f.url + "/api/v1/memories/default/concordance?q=file", token: f.read)
        #expect((conc.object["hits"] as? [[String: Any]])?.count == 3)

        let stats = try HTTP.get(f.url + "/api/v1/memories/default/stats", token: f.read)
        #expect(stats.object["entries"] as? Int == 5)
        #expect(stats.object["backend"] as? String == "sqlite")

        let export = try HTTP.get(f.url + "/api/v1/memories/default/export", token: f.read)
        #expect(export.status == 200)
        #expect(export.text.hasPrefix("<?xml"))
        #expect(export.text.components(separatedBy: "</tu>").count - 1 == 5)
        #expect(!export.text.contains("launch code"), "another memory's entries leaked into the export")

        let memories = try HTTP.get(f.url + "/api/v1/memories", token: f.read)
        #expect(memories.object["memories"] as? [String] == ["default", "other"])
        let health = try HTTP.get(f.url + "/health")
        #expect(health.status == 200)
        let doc = try HTTP.get(f.url + "/openapi.json")
        #expect(doc.object["openapi"] as? String == "3.1.0")
    }

    @Test func anUploadedTMXKeepsItsInlineCodes() throws {
        let f = try Self.start()
        defer { f.server.stop() }
        let tmx = f.folder + "/coded.tmx"
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>
        <tu><tuv xml:lang="en"><seg>Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> now<ph>{1}</ph></seg></tuv>
        <tuv xml:lang="ko"><seg>지금 <bpt i="1">&lt;b&gt;</bpt>여기<ept i="1">&lt;/b&gt;</ept>를 누르십시오<ph>{1}</ph></seg></tuv></tu>
        </body></tmx>
        """.write(toFile: tmx, atomically: true, encoding: .utf8)
        let r = try HTTP.request("POST", f.url + "/api/v1/memories/other/import?filename=coded.tmx", token: f.otherOnly, file: tmx)
        #expect(r.status == 200, "\(r.text)")
        let export = try HTTP.get(f.url + "/api/v1/memories/other/export", token: f.otherOnly)
        #expect(export.text.contains("<bpt i=\"1\">&lt;b&gt;</bpt>여기<ept i=\"1\">&lt;/b&gt;</ept>"), "\(export.text)")
        #expect(export.text.contains("<ph>{1}</ph>"), "\(export.text)")
    }

    @Test func tokensScopesAndMemories() throws {
        let f = try Self.start()
        defer { f.server.stop() }
        let lookupURL = f.url + "/api/v1/memories/default/lookup?q=Save"
        #expect(try HTTP.get(lookupURL).status == 401)
        #expect(try HTTP.get(lookupURL, token: "tmk_00000000_deadbeef").status == 401)
        #expect(try HTTP.request("GET", lookupURL, headers: ["Authorization: Basic Zm9vOmJhcg=="]).status == 401)
        // read may not import, write may not manage tokens.
        let tsv = try Tool.tsv([("Print", "인쇄")], in: f.folder, name: "more.tsv")
        #expect(try HTTP.request("POST", f.url + "/api/v1/memories/default/import?filename=more.tsv", token: f.read, file: tsv).status == 403)
        #expect(try HTTP.get(f.url + "/api/v1/tokens", token: f.write).status == 403)
        // A token of memory `other` never sees `default`, and `default` tokens' lists don't show its data.
        let other = try HTTP.get(lookupURL, token: f.otherOnly)
        #expect(other.status == 404)
        #expect(!other.text.contains("파일"))
        let mems = try HTTP.get(f.url + "/api/v1/memories", token: f.otherOnly)
        #expect(mems.object["memories"] as? [String] == ["other"])
        let weblate = try HTTP.get(f.url + "/tmserver/en/ko/unit/" + HTTP.quote("Save the file"), token: f.otherOnly)
        #expect(weblate.status == 200)
        #expect(weblate.array.isEmpty, "a token of memory 'other' saw matches from 'default'")
        #expect(try HTTP.get(f.url + "/tmserver/en/ko/unit/launch?memory=default", token: f.otherOnly).status == 404)
        // Tokens made over the API work at once and stop when revoked.
        let made = try HTTP.request("POST", f.url + "/api/v1/tokens", token: f.admin, json: ["scope": "read", "label": "api"])
        #expect(made.status == 201)
        let secret = try #require(made.object["token"] as? String)
        let id = try #require(made.object["id"] as? String)
        #expect(try HTTP.get(lookupURL, token: secret).status == 200)
        let list = try HTTP.get(f.url + "/api/v1/tokens", token: f.admin)
        #expect(!list.text.contains(secret))
        #expect(try HTTP.request("DELETE", f.url + "/api/v1/tokens/" + id, token: f.admin).status == 204)
        #expect(try HTTP.get(lookupURL, token: secret).status == 401)
        // Revoking through the CLI while the server runs.
        let revoke = try Tool.run(["serve", "token", "revoke", String(f.read.split(separator: "_")[1])] + f.backend)
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(try HTTP.get(lookupURL, token: f.read).status == 401)
    }

    @Test func limitsAnswerJSONErrors() throws {
        let f = try Self.start(extra: ["--max-upload-mb", "1", "--max-query-length", "50", "--max-batch", "3"])
        defer { f.server.stop() }
        let long = String(repeating: "word ", count: 20)
        let tooLong = try HTTP.get(f.url + "/api/v1/memories/default/lookup?q=" + HTTP.quote(long), token: f.read)
        #expect(tooLong.status == 400)
        #expect((tooLong.object["error"] as? [String: Any])?["message"] as? String != nil)
        let batch = try HTTP.request("POST", f.url + "/api/v1/memories/default/lookup", token: f.read, json: ["queries": ["a", "b", "c", "d"]])
        #expect(batch.status == 400)
        let big = f.folder + "/big.tsv"
        try Data(("source_en\ttarget_ko\n" + String(repeating: "Some text to pad the file\t파일을 채우는 글\n", count: 40_000)).utf8).write(to: URL(fileURLWithPath: big))
        let upload = try HTTP.request("POST", f.url + "/api/v1/memories/default/import?filename=big.tsv", token: f.write, file: big)
        #expect(upload.status == 413)
        let huge = try HTTP.request("POST", f.url + "/api/v1/memories/default/lookup", token: f.read,
                                    json: ["queries": [String(repeating: "x", count: 2 << 20)]])
        #expect(huge.status == 413)
        #expect(try HTTP.get(f.url + "/api/v1/memories/default/lookup?q=Save&limit=100000", token: f.read).status == 400)
        let notJSON = try HTTP.request("POST", f.url + "/api/v1/memories/default/lookup", token: f.read, headers: ["Content-Type: application/json"])
        #expect(notJSON.status == 400)
        // Still serving after all that.
        #expect(try HTTP.get(f.url + "/api/v1/memories/default/lookup?q=Save", token: f.read).status == 200)
    }

    @Test func badUploadsAreRefusedWithTheFileAndPositionAndStoreNothing() throws {
        let f = try Self.start()
        defer { f.server.stop() }
        let bad = f.folder + "/broken.tmx"
        try Data("""
            <?xml version="1.0"?>
            <tmx version="1.4"><header srclang="en"/><body>
            <tu><tuv xml:lang="en"><seg>Fresh text</seg></tuv><tuv xml:lang="ko"><seg>새 글</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>Broken
            """.utf8).write(to: URL(fileURLWithPath: bad))
        let r = try HTTP.request("POST", f.url + "/api/v1/memories/default/import?filename=broken.tmx", token: f.write, file: bad)
        #expect(r.status == 400)
        let message = (r.object["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains("broken.tmx:"), "\(message)")
        #expect(!message.contains("tmkit-serve-"), "the message names the server's temporary file: \(message)")
        let stats = try HTTP.get(f.url + "/api/v1/memories/default/stats", token: f.read)
        #expect(stats.object["entries"] as? Int == 5)
        let noName = try HTTP.request("POST", f.url + "/api/v1/memories/default/import", token: f.write, file: bad)
        #expect(noName.status == 400)
        let badLanguage = try HTTP.get(f.url + "/api/v1/memories/default/lookup?q=Save&sourceLanguage=zz-top", token: f.read)
        #expect(badLanguage.status == 400)
    }

    @Test func weblateTmserverClient() throws {
        let f = try Self.start()
        defer { f.server.stop() }
        let script = Tool.root.appendingPathComponent("Tests/TMServerTests/Fixtures/weblate_tmserver_client.py").path
        // Weblate sends no token header: the token goes in the configured URL.
        let base = f.url + "/t/" + f.read + "/tmserver/"
        let r = try Tool.run(["python3", script, base, "en", "ko_KR", "Open the file in a new windows"], executable: "/usr/bin/env")
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let languages = out["languages"] as? [[String]] ?? []
        #expect(languages.contains(["en", "ko"]))
        let translations = out["translations"] as? [[String: Any]] ?? []
        #expect(translations.first?["text"] as? String == "새 창에서 파일 열기")
        #expect(translations.first?["service"] as? String == "tmserver")
        // Korean to English, a slash and a question mark in the text, Weblate's ko_kr code.
        let k = try Tool.run(["python3", script, base, "ko_KR", "en", "파일 저장"], executable: "/usr/bin/env")
        let kout = try #require(try JSONSerialization.jsonObject(with: Data(k.stdout.utf8)) as? [String: Any])
        #expect((kout["translations"] as? [[String: Any]])?.first?["text"] as? String == "Save the file")
        let odd = try HTTP.get(f.url + "/tmserver/en/ko/unit/" + HTTP.quote("Save/the file?"), token: f.read)
        #expect(odd.status == 200)
        #expect(odd.array.first?["target"] as? String == "파일 저장")
        #expect(odd.array.first?["rank"] as? Int == 1)
        // Without the token, Weblate's call is refused.
        let anonymous = try Tool.run(["python3", script, f.url + "/tmserver", "en", "ko", "Save the file"], executable: "/usr/bin/env")
        #expect(anonymous.stdout.contains("401"))
    }

    @Test func sigtermFinishesTheImportInFlight() throws {
        guard let corpus = Tool.corpusPairs(6_000) else {
            print("SKIP sigtermFinishesTheImportInFlight: ../shared/corpus/dev_pairs.tsv not found")
            return
        }
        let f = try Self.start()
        let tsv = try Tool.tsv(corpus, in: f.folder, name: "corpus.tsv")
        nonisolated(unsafe) var answer: HTTPAnswer?
        let done = DispatchSemaphore(value: 0)
        let url = f.url, token = f.write
        Thread {
            answer = try? HTTP.request("POST", url + "/api/v1/memories/default/import?filename=corpus.tsv", token: token, file: tsv)
            done.signal()
        }.start()
        usleep(400_000)
        let status = f.server.stop()
        done.wait()
        #expect(status == 0, "\(f.server.stderr)")
        #expect(answer?.status == 200, "\(answer?.text ?? "no answer")")
        #expect(answer?.object["added"] as? Int ?? 0 > 5_000)
        // The store holds the whole file, and a new server serves it.
        let again = try ServerProcess(f.backend, environment: ["TMKIT_HOME": f.folder + "/home"])
        defer { again.stop() }
        let stats = try HTTP.get(again.url + "/api/v1/memories/default/stats", token: f.read)
        #expect(stats.object["entries"] as? Int == 5 + (answer?.object["added"] as? Int ?? -1))
    }

    @Test func glossaryLookupAndSpot() throws {
        let folder = Tool.temporaryDirectory()
        let glossary = folder + "/ui.tsv"
        try "source_ko\ttarget_en\n바탕 화면\tdesktop\n파일\tfile\n".write(toFile: glossary, atomically: true, encoding: .utf8)
        let backend = ["--tm", "default=\(folder)/m.sqlite", "--tokens", "\(folder)/tokens.json"]
        let token = try Tool.token("read", backend: backend)
        let server = try ServerProcess(backend + ["--glossary", "ui=" + glossary], environment: ["TMKIT_HOME": folder + "/home"])
        defer { server.stop() }
        let names = try HTTP.get(server.url + "/api/v1/glossaries", token: token)
        #expect(names.object["glossaries"] as? [String] == ["ui"])
        let look = try HTTP.get(server.url + "/api/v1/glossaries/ui/lookup?q=" + HTTP.quote("파일을"), token: token)
        #expect(look.status == 200, "\(look.text)")
        #expect((look.object["matches"] as? [[String: Any]])?.first?["target"] as? String == "file")
        let spot = try HTTP.request("POST", server.url + "/api/v1/glossaries/ui/spot", token: token, json: ["text": "바탕 화면에 파일을 놓습니다."])
        #expect(spot.status == 200)
        #expect((spot.object["spots"] as? [[String: Any]])?.count == 2, "\(spot.text)")
        #expect(try HTTP.get(server.url + "/api/v1/glossaries/nope/lookup?q=x", token: token).status == 404)
        #expect(try HTTP.get(server.url + "/api/v1/glossaries/ui/lookup?q=x").status == 401)
    }
}
