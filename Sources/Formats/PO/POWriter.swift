import Foundation
import TMCore

/// Fills translations into a PO file: copies it entry by entry, rewriting only the `msgstr`
/// lines and the `#,` flags of the entries it is told to fill; every other line is kept as it
/// was. The output is UTF-8 (a legacy-charset catalog's header is updated) and written atomically (temporary file, renamed into place).
public enum POWriter {
    /// What to put into one entry.
    public struct Fill: Sendable {
        /// `msgstr`, or `msgstr[0]`, `msgstr[1]`... for a plural entry (forms not given keep
        /// their text); nil keeps the msgstr lines as they are (only comments change).
        public var translations: [String]?
        /// Whether the entry is marked `fuzzy` (needs review); false clears the flag and any `#|` lines.
        public var fuzzy: Bool
        /// The strings the translation was made for, written as `#| msgctxt`/`#| msgid`/
        /// `#| msgid_plural` (as msgmerge does) when the entry is fuzzy and has none yet.
        public var previous: Previous?
        /// `#.` comments to add after the entry's own; existing `#.` comments starting with one
        /// of `replacingComments` are removed first (a tool's notes from an earlier run).
        public var comments: [String] = []
        public var replacingComments: [String] = []
        /// For a plural entry: exactly this many `msgstr[n]` forms are written (the catalog's
        /// `nplurals`), extra ones dropped and missing ones added empty.
        public var formCount: Int?

        public struct Previous: Sendable {
            public var context: String?
            public var msgid: String
            public var msgidPlural: String?
            public init(context: String?, msgid: String, msgidPlural: String? = nil) {
                self.context = context
                self.msgid = msgid
                self.msgidPlural = msgidPlural
            }
        }

        public init(translations: [String]?, fuzzy: Bool, previous: Previous? = nil, comments: [String] = [], replacingComments: [String] = []) {
            self.translations = translations
            self.fuzzy = fuzzy
            self.previous = previous
            self.comments = comments
            self.replacingComments = replacingComments
        }
        public init(_ translation: String, fuzzy: Bool = false) { self.init(translations: [translation], fuzzy: fuzzy) }
    }

    /// Counts of a fill run.
    public struct Summary: Sendable, Equatable {
        public var entries = 0
        public var filled = 0
        public var fuzzy = 0
    }

    /// Copies `input` to `output`, calling `fill` for each entry other than the header and
    /// obsolete ones; a nil answer leaves the entry as it was. `input` and `output` may be the same.
    @discardableResult
    public static func fill(_ input: String, to output: String, _ fill: (POEntry) throws -> Fill?) throws -> Summary {
        let parser = try POParser(path: input)
        let out = try AtomicFile(path: output)
        var summary = Summary()
        while let entry = try parser.next() {
            var lines = entry.lines
            if entry.isHeader, let charset = parser.legacyCharset {
                // The output is UTF-8 whatever the input was; say so.
                var header = POHeader(entry.msgstr.first ?? "")
                let language = header.value("Language").flatMap { LanguageTag($0) } ?? .english
                if header.complete(for: language, legacyCharset: charset, needsPlurals: false) { lines = rewrite(entry, header: header) }
            }
            if entry.hasMsgid && !entry.isHeader && !entry.isObsolete {
                summary.entries += 1
                if let f = try fill(entry) {
                    lines = rewrite(entry, f)
                    summary.filled += 1
                    if f.fuzzy { summary.fuzzy += 1 }
                }
            }
            for line in lines { try out.write(line); try out.write("\n") }
        }
        try out.commit()
        return summary
    }

    /// The entry's lines with `fill` applied; lines it does not concern are kept as they were.
    public static func rewrite(_ entry: POEntry, _ fill: Fill) -> [String] {
        guard let keyword = entry.keywordLine else { return entry.lines }
        var comments = Array(entry.lines[..<keyword])
        let body = Array(entry.lines[keyword...])
        // Comments: the tool's own `#.` lines are replaced; new ones go after the extracted comments.
        if !fill.comments.isEmpty || !fill.replacingComments.isEmpty {
            let stale = Set(comments.indices.filter { i in
                let t = comments[i].drop { $0 == " " || $0 == "\t" }
                return fill.replacingComments.contains { t.hasPrefix($0) }
            })
            var kept: [String] = []
            for (i, line) in comments.enumerated() where !stale.contains(i) { kept.append(line) }
            let at = kept.firstIndex { $0.hasPrefix("#:") || $0.hasPrefix("#,") || $0.hasPrefix("#|") } ?? kept.count
            kept.insert(contentsOf: fill.comments, at: at)
            comments = kept
        }
        guard fill.translations != nil || fill.fuzzy != entry.isFuzzy else { return comments + body }
        // Flags: add or remove "fuzzy" (kept first, as gettext writes it); `#|` lines go with it.
        var flags = entry.flags.filter { $0 != "fuzzy" }
        if fill.fuzzy { flags.insert("fuzzy", at: 0) }
        comments.removeAll { $0.hasPrefix("#,") || (!fill.fuzzy && $0.hasPrefix("#|")) }
        var insert: [String] = flags.isEmpty ? [] : ["#, " + flags.joined(separator: ", ")]
        if fill.fuzzy, let p = fill.previous, !comments.contains(where: { $0.hasPrefix("#|") }) {
            if let c = p.context { insert += string("#| msgctxt", c) }
            insert += string("#| msgid", p.msgid)
            if let plural = p.msgidPlural { insert += string("#| msgid_plural", plural) }
        }
        let flagAt = comments.firstIndex { $0.hasPrefix("#|") } ?? comments.count
        comments.insert(contentsOf: insert, at: flagAt)
        guard let translations = fill.translations, let msgstr = entry.msgstrLines else { return comments + body }
        var forms = entry.msgstr
        for (i, t) in translations.enumerated() {
            if i < forms.count { forms[i] = t } else if entry.isPlural { forms.append(t) }
        }
        if entry.isPlural, let n = fill.formCount {
            forms = Array(forms.prefix(n)) + Array(repeating: "", count: max(0, n - forms.count))
        }
        var strings: [String] = []
        for (i, form) in forms.enumerated() {
            strings += string(entry.isPlural ? "msgstr[\(i)]" : "msgstr", form)
        }
        var out = body
        out.replaceSubrange((msgstr.lowerBound - keyword)..<(msgstr.upperBound - keyword), with: strings)
        return comments + out
    }

    /// The header entry's lines with its msgstr replaced by `header`.
    public static func rewrite(_ entry: POEntry, header: POHeader) -> [String] {
        guard let msgstr = entry.msgstrLines else { return entry.lines }
        var lines = entry.lines
        lines.replaceSubrange(msgstr, with: string("msgstr", header.text, split: true))
        return lines
    }

    /// A keyword and its string, split after each `\n` as gettext does for multi-line strings.
    /// `target` with a leading and trailing newline exactly when `source` has them (msgfmt --check demands it).
    public static func matchingNewlines(_ target: String, like source: String) -> String {
        var t = Substring(target)
        while t.hasPrefix("\n") { t = t.dropFirst() }
        while t.hasSuffix("\n") { t = t.dropLast() }
        var out = String(t)
        if source.hasPrefix("\n") { out = "\n" + out }
        if source.hasSuffix("\n") { out += "\n" }
        return out
    }

    /// `split` writes `keyword ""` first even for one line (as gettext writes the header).
    /// Continuation lines of a `#|` keyword carry the `#| ` prefix.
    public static func string(_ keyword: String, _ value: String, split: Bool = false) -> [String] {
        var pieces: [String] = []
        var current = ""
        for c in value {
            current.append(c)
            if c == "\n" { pieces.append(current); current = "" }
        }
        if !current.isEmpty { pieces.append(current) }
        if pieces.count <= 1 && !split { return ["\(keyword) \"\(escape(value))\""] }
        let prefix = keyword.hasPrefix("#|") ? "#| " : ""
        return ["\(keyword) \"\""] + pieces.map { "\(prefix)\"\(escape($0))\"" }
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
            default:
                if c.value < 0x20 || c.value == 0x7F { out += "\\" + String(c.value, radix: 8).leftPadded(3) } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
