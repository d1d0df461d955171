import Foundation
import Testing
@testable import TMServer

/// The web pages' login, session cookie and CSRF rules over real HTTP (curl), without a browser.
@Suite(.serialized) struct WebSessionTests {
    struct Answer {
        var status: Int
        var headers: [String]
        var body: String
        func header(_ name: String) -> [String] {
            headers.compactMap { h in
                guard let colon = h.firstIndex(of: ":"), h[..<colon].lowercased() == name.lowercased() else { return nil }
                return h[h.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// curl with the response headers kept.
    static func curl(_ method: String, _ url: String, _ extra: [String] = [], body: String? = nil) throws -> Answer {
        var args = ["-s", "-S", "-g", "-i", "-X", method, "--max-time", "60"]
        args += extra
        if let body { args += ["--data-binary", body] }
        args.append(url)
        let r = try Tool.run(args, executable: "/usr/bin/curl")
        let text = r.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        let parts = text.components(separatedBy: "\n\n")
        let head = parts.first?.split(separator: "\n").map(String.init) ?? []
        let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        return Answer(status: status, headers: Array(head.dropFirst()), body: parts.dropFirst().joined(separator: "\n\n"))
    }

    struct Fixture {
        var folder: String
        var server: ServerProcess
        var read: String
        var write: String
        var url: String { server.url }
    }

    static func start() throws -> Fixture {
        let folder = Tool.temporaryDirectory()
        let backend = ["--tm", "default=\(folder)/default.sqlite", "--tokens", "\(folder)/tokens.json"]
        let tsv = try Tool.tsv([("Save the file", "파일 저장"), ("Open the <b>file</b>", "<script>alert(1)</script> 파일 열기")], in: folder)
        _ = try Tool.run(["tm", "import", tsv, "--tm", "\(folder)/default.sqlite"], environment: ["TMKIT_HOME": folder + "/home"])
        let glossary = try Tool.glossaryStore(home: folder + "/home")
        let read = try Tool.token("read", backend: backend)
        let write = try Tool.token("write", backend: backend)
        let server = try ServerProcess(backend + ["--glossary", "built=\(glossary)"], environment: ["TMKIT_HOME": folder + "/home"])
        return Fixture(folder: folder, server: server, read: read, write: write)
    }

    static func session(_ f: Fixture, _ token: String) throws -> (cookie: String, csrf: String) {
        let login = try curl("POST", f.url + "/login", ["-H", "Content-Type: application/x-www-form-urlencoded"],
                             body: "token=\(token)&next=%2Freview")
        let set = try #require(login.header("Set-Cookie").first)
        let cookie = String(set.split(separator: ";")[0])
        let page = try curl("GET", f.url + "/review", ["-H", "Cookie: \(cookie)"])
        let csrf = try #require(page.body.firstMatch(of: /name="csrf-token" content="([0-9a-f]+)"/)?.1)
        return (cookie, String(csrf))
    }

    @Test func loginSetsAStrictHttpOnlyCookieAndPagesNeedIt() throws {
        let f = try Self.start()
        defer { f.server.stop() }
        let anonymous = try Self.curl("GET", f.url + "/search?q=x")
        #expect(anonymous.status == 303)
        #expect(anonymous.header("Location").first?.hasPrefix("/login?next=") == true)
        let bad = try Self.curl("POST", f.url + "/login", body: "token=tmk_0000_ffff")
        #expect(bad.status == 401)
        #expect(bad.header("Set-Cookie").isEmpty)
        let login = try Self.curl("POST", f.url + "/login", body: "token=\(f.read)&next=%2F%2Fevil.example%2F")
        #expect(login.status == 303)
        #expect(login.header("Location") == ["/search"], "an off-site next is not followed")
        let cookie = try #require(login.header("Set-Cookie").first)
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), "\(cookie)")
        let page = try Self.curl("GET", f.url + "/search", ["-H", "Cookie: \(cookie.split(separator: ";")[0])"])
        #expect(page.status == 200)
        #expect(page.header("Content-Security-Policy").first?.contains("script-src 'self'") == true)
        let out = try Self.curl("POST", f.url + "/logout", ["-H", "Cookie: \(cookie.split(separator: ";")[0])"])
        #expect(out.header("Set-Cookie").first?.contains("Max-Age=0") == true)
    }

    @Test func writesNeedTheCSRFTokenTheSameOriginAndAWriteToken() throws {
        let f = try Self.start()
        defer { f.server.stop() }
        let list = try HTTP.get(f.url + "/api/v1/glossaries/built/review?limit=1", token: f.write)
        let row = try #require((list.object["rows"] as? [[String: Any]])?.first, "\(list.text)")
        let change = "{\"concept\": \"\(row["concept"]!)\", \"translation\": \"\(row["translation"]!)\", \"action\": \"approve\"}"
        let json = ["-H", "Content-Type: application/json"]
        let w = try Self.session(f, f.write)
        let noCSRF = try Self.curl("POST", f.url + "/api/v1/glossaries/built/review", json + ["-H", "Cookie: \(w.cookie)"], body: change)
        #expect(noCSRF.status == 403, "\(noCSRF.body)")
        let wrong = try Self.curl("POST", f.url + "/api/v1/glossaries/built/review",
                                  json + ["-H", "Cookie: \(w.cookie)", "-H", "X-CSRF-Token: \(String(repeating: "0", count: 64))"], body: change)
        #expect(wrong.status == 403)
        let crossSite = try Self.curl("POST", f.url + "/api/v1/glossaries/built/review",
                                      json + ["-H", "Cookie: \(w.cookie)", "-H", "X-CSRF-Token: \(w.csrf)", "-H", "Origin: http://evil.example"], body: change)
        #expect(crossSite.status == 403)
        let ok = try Self.curl("POST", f.url + "/api/v1/glossaries/built/review",
                               json + ["-H", "Cookie: \(w.cookie)", "-H", "X-CSRF-Token: \(w.csrf)", "-H", "Origin: \(f.url)"], body: change)
        #expect(ok.status == 200, "\(ok.body)")
        #expect(ok.body.contains("\"status\":\"admitted\""), "\(ok.body)")
        let r = try Self.session(f, f.read)
        let readOnly = try Self.curl("POST", f.url + "/api/v1/glossaries/built/review", json + ["-H", "Cookie: \(r.cookie)", "-H", "X-CSRF-Token: \(r.csrf)"], body: change)
        #expect(readOnly.status == 403, "\(readOnly.body)")
        // A bearer token needs no CSRF token (no browser sends it by itself).
        let bearer = try HTTP.request("POST", f.url + "/api/v1/glossaries/built/review/bulk", token: f.write,
                                      json: ["action": "approve", "minScore": 0.99, "dryRun": true])
        #expect(bearer.status == 200, "\(bearer.text)")
    }

    @Test func escapingAndCSRFDerivation() {
        #expect(WebHTML.escape("<script>\"a\" & 'b'</script>") == "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;")
        let a = WebSession.csrfToken(for: "tmk_a"), b = WebSession.csrfToken(for: "tmk_b")
        #expect(a != b && a.count == 64)
        #expect(WebSession.csrfMatches(a, secret: "tmk_a"))
        #expect(!WebSession.csrfMatches(b, secret: "tmk_a"))
        #expect(!WebSession.csrfMatches(nil, secret: "tmk_a"))
        #expect(WebPages.safeNext("/review?glossary=x") == "/review?glossary=x")
        for bad in ["//evil.example", "https://evil.example", "/\\evil", "/login", nil] as [String?] {
            #expect(WebPages.safeNext(bad) == "/search", "\(bad ?? "nil")")
        }
    }
}
