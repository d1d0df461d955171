import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import Terminology

/// The web pages of `tmkit serve`: `/search` (the memory, live as you type) and `/review` (a
/// built glossary's candidates), with `/login`, `/logout` and `/assets/…`. The pages are
/// rendered here with every value escaped; their scripts call the JSON API with the session
/// (see `WebSessionMiddleware`), so a page can do exactly what its token allows.
struct WebPages: Sendable {
    let config: ServerConfiguration
    let auth: Authorizer
    init(config: ServerConfiguration) {
        self.config = config
        auth = Authorizer(tokens: config.tokens)
    }

    /// The glossary `name` under review: one named at start, else one of the database's (made
    /// after the server started, maybe; opening one that is not there is a 404), else nil.
    func review(named name: String) -> GlossaryReview? {
        if let g = config.glossaries.first(where: { $0.name == name }) { return GlossaryReview(g) }
        if let database = config.glossaryDatabase { return GlossaryReview(ServedGlossary(name: name, database: database)) }
        return nil
    }

    /// The names of the glossaries that can be reviewed: those named at start, then the
    /// database's as they are now.
    func reviewNames() async throws -> [String] {
        var names: [String] = []
        for g in config.glossaries where !names.contains(g.name) { names.append(g.name) }
        if let database = config.glossaryDatabase {
            names += try await APIHandlers.offThread { try database.names() }.filter { !names.contains($0) }
        }
        return names
    }

    /// Adds the pages, the assets and the review API. The session middleware goes on the router
    /// first, so the API routes added after it accept the pages' session cookie.
    static func register(on router: Router<BasicRequestContext>, _ config: ServerConfiguration) {
        router.add(middleware: WebSessionMiddleware<BasicRequestContext>())
        let pages = WebPages(config: config)
        pages.addPageRoutes(to: router)
        pages.addReviewRoutes(to: router)
    }

    /// The logged-in token and its secret, or nil (no cookie, or a revoked or unknown token).
    func viewer(_ request: Request) async -> (token: APIToken, secret: String)? {
        guard let secret = WebSession.secret(request) else { return nil }
        guard let token = try? await auth.check(request, .read, secret: secret) else { return nil }
        return (token, secret)
    }

    func htmlViewer(_ v: (token: APIToken, secret: String)) -> WebHTML.Viewer {
        WebHTML.Viewer(tokenID: v.token.id, scope: v.token.scope.rawValue, label: v.token.label, csrf: WebSession.csrfToken(for: v.secret))
    }

    /// Where to go after logging in: a path on this server only.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.contains("\r"), !next.contains("\n"), !next.hasPrefix("/login") else { return "/search" }
        return next
    }

    func loginRedirect(_ request: Request) -> Response {
        let here = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        let next = here.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/search"
        return WebHTML.redirect("/login?next=\(next)")
    }

    func addPageRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in
            await viewer(request) == nil ? WebHTML.redirect("/login") : WebHTML.redirect("/search")
        }
        router.get("/assets/:name") { _, context in
            try WebAssets.response(try context.parameters.require("name"))
        }
        router.get("/login") { request, _ in
            if await viewer(request) != nil { return WebHTML.redirect(Self.safeNext(request.query("next"))) }
            return WebHTML.response(Self.loginPage(next: Self.safeNext(request.query("next")), error: nil))
        }
        router.post("/login") { request, _ in
            guard WebSession.sameOrigin(request) else {
                return WebHTML.response(Self.loginPage(next: "/search", error: "This form must be sent from this server's own page."), status: .forbidden)
            }
            let form = try await Self.form(request)
            let next = Self.safeNext(form["next"])
            let secret = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                _ = try await auth.check(request, .read, secret: secret.isEmpty ? "-" : secret)
                return WebHTML.redirect(next, cookies: [try WebSession.cookie(secret, secure: WebSession.isSecure(request))])
            } catch let e as APIError {
                return WebHTML.response(Self.loginPage(next: next, error: e.status == .unauthorized ? "That token is unknown or revoked." : e.message),
                                        status: e.status)
            } catch {
                return WebHTML.response(Self.loginPage(next: next, error: "That is not a token."), status: .unauthorized)
            }
        }
        let logout: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            WebHTML.redirect("/login", cookies: [WebSession.expiredCookie(secure: WebSession.isSecure(request))])
        }
        router.post("/logout", use: logout)
        router.get("/logout", use: logout)
        router.get("/search") { request, _ in
            guard let v = await viewer(request) else { return loginRedirect(request) }
            return try await searchPage(request, v)
        }
        router.get("/review") { request, _ in
            guard let v = await viewer(request) else { return loginRedirect(request) }
            return try await reviewPage(request, v)
        }
    }

    /// An `application/x-www-form-urlencoded` body (at most 16 KiB).
    static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: 16 << 10)
        } catch {
            throw APIError(.contentTooLarge, "form body is over the limit of 16 KiB")
        }
        var out: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let key = parts.first { out[decode(key)] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return out
    }

    static func loginPage(next: String, error: String?) -> String {
        let message = error.map { "<p class=\"status error\" role=\"alert\">\(WebHTML.escape($0))</p>" } ?? ""
        return WebHTML.page(title: "Log in", current: nil, viewer: nil, main: """
        <form class="login" method="post" action="/login">
        <h1>Log in to tmkit</h1>
        \(message)
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required autofocus spellcheck="false">
        <input type="hidden" name="next" value="\(WebHTML.escape(next))">
        <p class="hint">A token comes from <code>tmkit serve token create --scope read|write</code>. Reviewing needs a write token.</p>
        <button class="primary" type="submit">Log in</button>
        </form>
        """)
    }
}
