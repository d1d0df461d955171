import Foundation

/// Fills translations into a PO file: copies it entry by entry, rewriting only the `msgstr`
/// lines and the `#,` flags of the entries it is told to fill; every other line is kept as it
/// was. The output is UTF-8 (a legacy-charset catalog's header is updated) and written atomically (temporary file, renamed into place).
public enum POWriter {
    /// What to put into one entry.
    public struct Fill: Sendable {
        /// `msgstr`, or `msgstr[0]`, `msgstr[1]`... for a plural entry (forms not given keep their text).
        public var translations: [String]
        /// Whether the entry is marked `fuzzy` (needs review); false clears the flag and any `#|` lines.
        public var fuzzy: Bool
        public init(translations: [String], fuzzy: Bool) {
            self.translations = translations
            self.fuzzy = fuzzy
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
                lines = lines.map { $0.replacingOccurrences(of: "charset=\(charset)", with: "charset=UTF-8") }
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

    static func rewrite(_ entry: POEntry, _ fill: Fill) -> [String] {
        guard let msgstr = entry.msgstrLines else { return entry.lines }
        var head = Array(entry.lines[..<msgstr.lowerBound])
        let tail = Array(entry.lines[msgstr.upperBound...])
        // Flags: add or remove "fuzzy" (kept first, as gettext writes it).
        var flags = entry.flags.filter { $0 != "fuzzy" }
        if fill.fuzzy { flags.insert("fuzzy", at: 0) }
        let flagsText = flags.isEmpty ? nil : "#, " + flags.joined(separator: ", ")
        var drop = Set<Int>()
        if !fill.fuzzy { drop.formUnion(entry.previousLines) }
        if let i = entry.flagsLine {
            if flags == entry.flags { /* unchanged */ } else if let t = flagsText { head[i] = t } else { drop.insert(i) }
        } else if let t = flagsText {
            // Before the first of #| / msgctxt / msgid.
            let at = entry.previousLines.first.flatMap { drop.contains($0) ? nil : $0 }
                ?? head.firstIndex { $0.hasPrefix("msgctxt") || $0.hasPrefix("msgid") } ?? head.count
            head.insert(t, at: at)
            drop = Set(drop.map { $0 >= at ? $0 + 1 : $0 })
        }
        head = head.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
        var forms = entry.msgstr
        for (i, t) in fill.translations.enumerated() {
            if i < forms.count { forms[i] = t } else if entry.isPlural { forms.append(t) }
        }
        var body: [String] = []
        for (i, form) in forms.enumerated() {
            body += string(entry.isPlural ? "msgstr[\(i)]" : "msgstr", form)
        }
        return head + body + tail
    }

    /// A keyword and its string, split after each `\n` as gettext does for multi-line strings.
    static func string(_ keyword: String, _ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for c in value {
            current.append(c)
            if c == "\n" { pieces.append(current); current = "" }
        }
        if !current.isEmpty { pieces.append(current) }
        if pieces.count <= 1 { return ["\(keyword) \"\(escape(value))\""] }
        return ["\(keyword) \"\""] + pieces.map { "\"\(escape($0))\"" }
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
