import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The browser session of the web pages. It keeps no state on the server (several servers may
/// share one database): the session cookie carries the API token itself, marked `HttpOnly`
/// (page scripts cannot read it) and `SameSite=Strict` (other sites' pages cannot send it).
/// Writes also need the session's CSRF token, derived from the token by HMAC, which the pages
/// embed and send back in `X-CSRF-Token`.
enum WebSession {
    static let cookieName = "tmkit_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    /// Twelve hours; the cookie ends with the browser session too if the browser prefers.
    static let maxAge = 12 * 3600

    /// The token a request's session cookie carries, if any.
    static func secret(_ request: Request) -> String? {
        guard let value = request.cookies[cookieName]?.value, !value.isEmpty else { return nil }
        return value
    }

    /// The CSRF token of the session whose API token is `secret`.
    static func csrfToken(for secret: String) -> String {
        let key = SymmetricKey(data: SHA256.hash(data: Data(("tmkit-csrf-key:" + secret).utf8)))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("tmkit-csrf".utf8), using: key)
        return Data(mac).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `presented` is the session's CSRF token (compared in constant time).
    static func csrfMatches(_ presented: String?, secret: String) -> Bool {
        guard let presented else { return false }
        let expected = Array(csrfToken(for: secret).utf8), given = Array(presented.utf8)
        guard expected.count == given.count else { return false }
        var diff: UInt8 = 0
        for (a, b) in zip(expected, given) { diff |= a ^ b }
        return diff == 0
    }

    /// The `Set-Cookie` that starts a session (`secure` when the page came over HTTPS).
    static func cookie(_ secret: String, secure: Bool) throws -> Cookie {
        try Cookie.validated(name: cookieName, value: secret, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The `Set-Cookie` that ends it.
    static func expiredCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Whether the request came over HTTPS (directly or through a proxy that says so).
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    /// False when the request names an origin (Origin, else Referer) other than its own host:
    /// a cross-site form or script. Requests that name none (curl, old browsers) pass; the
    /// CSRF token still guards them.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let named = request.headers[.origin] ?? request.headers[.referer] else { return true }
        guard let host = request.head.authority, let url = URLComponents(string: named), let h = url.host else { return false }
        let authority = url.port.map { "\(h):\($0)" } ?? h
        return authority.lowercased() == host.lowercased()
    }
}

/// Lets the pages call the JSON API with their session: a request to `/api/` that carries the
/// session cookie and no `Authorization` header goes on with the cookie's token as its bearer
/// token. Anything but GET/HEAD must also carry the session's CSRF token and come from the
/// server's own origin; otherwise it is refused with 403 before any route sees it. Requests with
/// their own `Authorization` header are left as they are.
struct WebSessionMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/"), request.headers[.authorization] == nil,
              let secret = WebSession.secret(request) else {
            return try await next(request, context)
        }
        if request.method != .get && request.method != .head {
            guard WebSession.sameOrigin(request) else {
                throw APIError(.forbidden, "cross-site request refused: the page must come from this server")
            }
            guard WebSession.csrfMatches(request.headers[WebSession.csrfHeader], secret: secret) else {
                throw APIError(.forbidden, "missing or wrong CSRF token (X-CSRF-Token): reload the page")
            }
        }
        var head = request.head
        head.headerFields[.authorization] = "Bearer \(secret)"
        return try await next(Request(head: head, body: request.body), context)
    }
}
