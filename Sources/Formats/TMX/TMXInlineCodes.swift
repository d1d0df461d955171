/// Turns markup tags in unit text into TMX inline elements: a tag closed later in the same
/// segment becomes a paired `bpt`/`ept` (same `i`), a self-closing or unpaired tag a `ph` or `it`.
enum TMXInlineCodes {
    enum Piece: Equatable { case text(String), open(String, name: String), close(String, name: String), empty(String) }

    /// Splits text into plain runs and tags (`<b>`, `</b>`, `<br/>`, `<a href="x">`).
    static func pieces(_ s: String) -> [Piece] {
        var out: [Piece] = []
        var text = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "<", let end = s[i...].firstIndex(of: ">"), let tag = tag(String(s[i...end])) {
                if !text.isEmpty { out.append(.text(text)); text = "" }
                out.append(tag)
                i = s.index(after: end)
            } else {
                text.append(s[i])
                i = s.index(after: i)
            }
        }
        if !text.isEmpty { out.append(.text(text)) }
        return out
    }

    private static func tag(_ raw: String) -> Piece? {
        var body = raw.dropFirst().dropLast()
        let closing = body.first == "/"
        if closing { body = body.dropFirst() }
        let selfClosing = body.last == "/"
        guard let first = body.first, first.isLetter else { return nil }
        let name = String(body.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == ":" || $0 == "_" })
        guard !body.contains("<"), !(closing && selfClosing) else { return nil }
        if closing { return body.count == name.count ? .close(raw, name: name) : nil }
        return selfClosing ? .empty(raw) : .open(raw, name: name)
    }

    /// The segment content for `s` with tags as inline elements (already escaped).
    static func encode(_ s: String) -> String {
        let parts = pieces(s)
        // Pair opens with closes by name, innermost first.
        var partner = [Int: Int]()
        var stack: [(Int, String)] = []
        for (k, p) in parts.enumerated() {
            switch p {
            case let .open(_, name): stack.append((k, name))
            case let .close(_, name):
                if let j = stack.lastIndex(where: { $0.1 == name }) {
                    partner[stack[j].0] = k
                    partner[k] = stack[j].0
                    stack.removeSubrange(j...)
                }
            default: break
            }
        }
        var out = ""
        var next = 1
        var ids = [Int: Int]()
        for (k, p) in parts.enumerated() {
            switch p {
            case let .text(t): out += XMLEscape.escape(t).text
            case let .empty(raw): out += "<ph>\(XMLEscape.escape(raw).text)</ph>"
            case let .open(raw, _):
                if partner[k] != nil {
                    ids[k] = next
                    out += "<bpt i=\"\(next)\">\(XMLEscape.escape(raw).text)</bpt>"
                    next += 1
                } else {
                    out += "<it pos=\"begin\">\(XMLEscape.escape(raw).text)</it>"
                }
            case let .close(raw, _):
                if let j = partner[k], let i = ids[j] {
                    out += "<ept i=\"\(i)\">\(XMLEscape.escape(raw).text)</ept>"
                } else {
                    out += "<it pos=\"end\">\(XMLEscape.escape(raw).text)</it>"
                }
            }
        }
        return out
    }
}
