import Formats
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Server-rendered HTML for the web pages. Every value goes through `escape`; the pages load
/// only their own scripts and styles (the Content-Security-Policy forbids inline scripts and
/// other origins, so even a value that slipped through escaping could not run).
enum WebHTML {
    /// `text` safe inside an element or a quoted attribute.
    static func escape(_ text: String) -> String { XMLEscape.markup(text, apostrophes: true) }

    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// The headers every page and asset carries.
    static func headers(contentType: String, cache: Bool = false) -> HTTPFields {
        var h = HTTPFields()
        h[.contentType] = contentType
        h[.contentSecurityPolicy] = contentSecurityPolicy
        h[.init("X-Content-Type-Options")!] = "nosniff"
        h[.init("Referrer-Policy")!] = "same-origin"
        h[.init("X-Frame-Options")!] = "DENY"
        h[.cacheControl] = cache ? "public, max-age=300" : "no-store"
        return h
    }

    static func response(_ html: String, status: HTTPResponse.Status = .ok, cookies: [Cookie] = []) -> Response {
        var h = headers(contentType: "text/html; charset=utf-8")
        for c in cookies { h.append(HTTPField(name: .setCookie, value: c.description)) }
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var h = headers(contentType: "text/plain; charset=utf-8")
        h[.location] = location
        for c in cookies { h.append(HTTPField(name: .setCookie, value: c.description)) }
        return Response(status: .seeOther, headers: h)
    }

    /// Who is logged in, as the header shows it.
    struct Viewer {
        var tokenID: String
        var scope: String
        var label: String?
        var csrf: String
    }

    /// A whole page: header with navigation and logout, then `main`, then the page's scripts.
    static func page(title: String, current: String?, viewer: Viewer?, main: String, scripts: [String] = [],
                     bodyAttributes: [String: String] = [:]) -> String {
        let nav = [("/search", "Search"), ("/review", "Review")].map { path, name in
            "<a href=\"\(path)\"\(current == path ? " aria-current=\"page\"" : "")>\(name)</a>"
        }.joined()
        var header = "<header class=\"top\"><span class=\"brand\">tmkit</span>"
        if let viewer {
            let who = viewer.label.map { "\(escape($0)) · " } ?? ""
            header += "<nav aria-label=\"Pages\">\(nav)</nav>"
                + "<form method=\"post\" action=\"/logout\"><span>\(who)token \(escape(viewer.tokenID)) (\(escape(viewer.scope)))</span>"
                + "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(viewer.csrf))\"><button type=\"submit\">Log out</button></form>"
        }
        header += "</header>"
        let attributes = bodyAttributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
        let scriptTags = (["common.js"] + scripts).map { "<script src=\"/assets/\($0)\" defer></script>" }.joined()
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="csrf-token" content="\(escape(viewer?.csrf ?? ""))">
        <title>\(escape(title)) · tmkit</title>
        <link rel="stylesheet" href="/assets/tmkit.css">
        \(viewer == nil ? "" : scriptTags)
        </head>
        <body\(attributes)>
        <a class="skip" href="#main">Skip to content</a>
        \(header)
        <main id="main">
        \(main)
        </main>
        </body>
        </html>
        """
    }

    /// `<option>`s, with `selected` marked.
    static func options(_ values: [(value: String, label: String)], selected: String?) -> String {
        values.map { v in
            "<option value=\"\(escape(v.value))\"\(v.value == selected ? " selected" : "")>\(escape(v.label))</option>"
        }.joined()
    }
}
