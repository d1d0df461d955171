/// Splits the lines of a PO file into entries, with errors naming line and column.
struct POParser {
    let file: String
    let lines: [String]

    private enum Field { case context, id, plural, str(Int) }

    func entries() throws -> [PODocument.Entry] {
        var result: [PODocument.Entry] = []
        var current: PODocument.Entry?
        var field: Field?
        var sawStr = false

        func finish(_ lineIndex: Int) throws {
            guard let e = current else { return }
            if !e.obsolete {
                if e.keywordLine == nil {
                    // Comments only (for example at the end of the file): kept as they are.
                } else if e.msgstr.isEmpty {
                    throw PretranslationError.malformed(file: file, line: e.keywordLine! + 1, column: 1, reason: "msgid without msgstr")
                }
            }
            if e.keywordLine != nil || e.obsolete { result.append(e) }
            current = nil
            field = nil
            sawStr = false
        }

        for (n, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty {
                try finish(n)
                continue
            }
            if trimmed.hasPrefix("#") {
                if sawStr { try finish(n) }
                if current == nil { current = PODocument.Entry(first: n, last: n) }
                if field != nil && !trimmed.hasPrefix("#~") && !sawStr {
                    throw PretranslationError.malformed(file: file, line: n + 1, column: 1, reason: "comment inside an entry (msgstr expected)")
                }
                current!.last = n
                if trimmed.hasPrefix("#~") {
                    current!.obsolete = true
                } else if trimmed.hasPrefix("#,") {
                    current!.flags += trimmed.dropFirst(2).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
                continue
            }
            let column = line.count - trimmed.count + 1
            if trimmed.hasPrefix("\"") {
                guard let f = field, current != nil else {
                    throw PretranslationError.malformed(file: file, line: n + 1, column: column, reason: "string without a keyword")
                }
                let s = try string(trimmed, line: n + 1, column: column)
                append(s, to: f, in: &current!)
                current!.last = n
                if case .str(0) = f, let r = current!.msgstrLines { current!.msgstrLines = r.lowerBound...n }
                continue
            }
            guard let (keyword, rest) = splitKeyword(trimmed) else {
                throw PretranslationError.malformed(file: file, line: n + 1, column: column, reason: "expected msgctxt, msgid, msgstr, a string or a comment")
            }
            let f: Field
            switch keyword {
            case "msgctxt": f = .context
            case "msgid": f = .id
            case "msgid_plural": f = .plural
            case "msgstr": f = .str(0)
            default:
                guard keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"), let k = Int(keyword.dropFirst(7).dropLast()) else {
                    throw PretranslationError.malformed(file: file, line: n + 1, column: column, reason: "unknown keyword \(keyword)")
                }
                f = .str(k)
            }
            switch f {
            case .context, .id:
                if sawStr { try finish(n) }
                if current == nil { current = PODocument.Entry(first: n, last: n) }
                if current!.keywordLine == nil { current!.keywordLine = n }
                if case .id = f, current!.msgid != "" || field.map({ if case .id = $0 { return true } else { return false } }) == true {
                    throw PretranslationError.malformed(file: file, line: n + 1, column: column, reason: "duplicate msgid")
                }
            case .plural, .str:
                guard current?.keywordLine != nil else {
                    throw PretranslationError.malformed(file: file, line: n + 1, column: column, reason: "\(keyword) without msgid")
                }
                if case .str = f { sawStr = true }
            }
            let valueColumn = column + keyword.count + (rest.count - rest.drop { $0 == " " || $0 == "\t" }.count)
            let s = try string(rest.drop { $0 == " " || $0 == "\t" }, line: n + 1, column: valueColumn)
            if case .str(let k) = f {
                if current!.msgstr[k] != nil {
                    throw PretranslationError.malformed(file: file, line: n + 1, column: column, reason: "duplicate \(keyword)")
                }
                current!.msgstr[k] = ""
                if k == 0 && keyword == "msgstr" { current!.msgstrLines = n...n }
            }
            append(s, to: f, in: &current!)
            field = f
            current!.last = n
        }
        try finish(lines.count)
        return result
    }

    private func append(_ s: String, to field: Field, in e: inout PODocument.Entry) {
        switch field {
        case .context: e.context = (e.context ?? "") + s
        case .id: e.msgid += s
        case .plural: e.plural = (e.plural ?? "") + s
        case .str(let k): e.msgstr[k, default: ""] += s
        }
    }

    private func splitKeyword(_ s: Substring) -> (String, Substring)? {
        guard let end = s.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\"" }) else { return nil }
        let keyword = String(s[..<end])
        guard keyword.hasPrefix("msg") else { return nil }
        return (keyword, s[end...])
    }

    /// Decodes one quoted PO string (`s` starts at the opening quote).
    private func string(_ s: Substring, line: Int, column: Int) throws -> String {
        guard s.first == "\"" else {
            throw PretranslationError.malformed(file: file, line: line, column: column, reason: "expected a quoted string")
        }
        var out = ""
        var i = s.index(after: s.startIndex)
        var col = column + 1
        while i < s.endIndex {
            let c = s[i]
            if c == "\"" {
                let after = s[s.index(after: i)...]
                if !after.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    let spaces = after.prefix { $0 == " " || $0 == "\t" }.count
                    throw PretranslationError.malformed(file: file, line: line, column: col + 1 + spaces, reason: "text after the closing quote")
                }
                return out
            }
            if c == "\\" {
                let j = s.index(after: i)
                guard j < s.endIndex else { break }
                switch s[j] {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                case "\"": out += "\""
                case "\\": out += "\\"
                case "a": out += "\u{07}"
                case "b": out += "\u{08}"
                case "f": out += "\u{0C}"
                case "v": out += "\u{0B}"
                default:
                    throw PretranslationError.malformed(file: file, line: line, column: col, reason: "invalid escape \\\(s[j])")
                }
                i = s.index(after: j)
                col += 2
                continue
            }
            out.append(c)
            i = s.index(after: i)
            col += 1
        }
        throw PretranslationError.malformed(file: file, line: line, column: column, reason: "string not closed (missing \")")
    }
}

/// Writing PO strings.
enum POString {
    /// `keyword "value"`, split after each `\n` as gettext does when the value has several lines.
    static func lines(keyword: String, _ value: String, header: Bool = false) -> [String] {
        let pieces = splitAfterNewlines(value)
        if pieces.count <= 1 && !header { return ["\(keyword) \"\(escape(value))\""] }
        let prefix = keyword.hasPrefix("#|") ? "#| " : ""
        return ["\(keyword) \"\""] + pieces.map { "\(prefix)\"\(escape($0))\"" }
    }

    static func splitAfterNewlines(_ s: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for c in s {
            current.append(c)
            if c == "\n" { pieces.append(current); current = "" }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `target` with a leading and trailing newline exactly when `source` has them (msgfmt --check demands it).
    static func matchNewlines(_ target: String, like source: String) -> String {
        var t = target
        while t.hasPrefix("\n") { t.removeFirst() }
        while t.hasSuffix("\n") { t.removeLast() }
        if source.hasPrefix("\n") { t = "\n" + t }
        if source.hasSuffix("\n") { t += "\n" }
        return t
    }
}

/// The format-string check msgfmt --check makes, so that a filled entry that would fail it
/// is marked fuzzy instead (fuzzy entries are not checked).
enum POFormatCheck {
    /// Whether `source` and `target` have the same directives, for the format flags in `flags`.
    static func sameDirectives(_ source: String, _ target: String, flags: [String]) -> Bool {
        let formats = flags.filter { $0.hasSuffix("-format") && !$0.hasPrefix("no-") }
        for f in formats {
            switch f {
            case "python-brace-format":
                if braces(source) != braces(target) { return false }
            default:
                if printf(source) != printf(target) { return false }
            }
        }
        return true
    }

    /// printf directives (`%s`, `%1$d`, `%(name)s`, `%.2f`), sorted (positions may move).
    static func printf(_ s: String) -> [String] {
        var out: [String] = []
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            guard chars[i] == "%" else { i += 1; continue }
            var j = i + 1
            if j < chars.count && chars[j] == "%" { i = j + 1; continue }
            if j < chars.count && chars[j] == "(" {
                while j < chars.count && chars[j] != ")" { j += 1 }
                j += 1
            }
            while j < chars.count && "0123456789$-+ #'.*hlLqjztI".contains(chars[j]) { j += 1 }
            if j < chars.count && chars[j].isLetter {
                out.append(String(chars[i...j]))
                i = j + 1
            } else {
                i = j
            }
        }
        return out.sorted()
    }

    static func braces(_ s: String) -> [String] {
        var out: [String] = []
        var current: String?
        for c in s {
            if c == "{" { current = "" } else if c == "}", let cur = current { out.append(cur); current = nil } else { current?.append(c) }
        }
        return out.sorted()
    }
}
