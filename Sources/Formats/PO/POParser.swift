import Foundation
/// Reads a PO file entry by entry: comments, `msgctxt`, `msgid`, `msgid_plural`,
/// `msgstr`/`msgstr[n]`, multi-line strings with C escapes, `#~` obsolete entries. Each entry
/// keeps its raw lines (comments and trailing blank lines included) so that writers can copy
/// what they do not change. A legacy charset named in the header (`charset=EUC-KR`, CP949...)
/// is converted to UTF-8 as lines are read. Syntax errors name the file, line and column.
///
/// This is the one PO parser: `POReader` (TM import), `POWriter` and pre-translation's PO
/// documents all read through it.
public final class POParser {
    private let source: LineSource
    private var pending: POEntry?
    /// The keyword the last string belongs to, for continuation lines.
    private enum Field { case context, msgid, plural, msgstr(Int) }
    private var field: Field?
    private var finished = false

    /// The catalog's charset when it is not UTF-8 (lines are converted to UTF-8 as they are read).
    public private(set) var legacyCharset: String?

    /// Reads the file at `path`.
    public convenience init(path: String) throws {
        try self.init(source: try LineSource(path: path))
    }

    /// Reads a catalog already in memory; `file` names it in errors.
    public convenience init(data: Data, file: String) throws {
        try self.init(source: try LineSource(data: data, file: file))
    }

    private init(source: LineSource) throws {
        self.source = source
        let path = source.file
        // The header's "Content-Type: ...; charset=X" comes first; look for it in the first bytes.
        let head = String(decoding: try source.peek(1 << 16).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self)
        if let r = head.range(of: "charset=") {
            let name = String(head[r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." })
            let lower = name.lowercased()
            if !name.isEmpty && lower != "utf-8" && lower != "utf8" && lower != "charset" && lower != "us-ascii" && lower != "ascii" {
                guard let t = Transcoder(from: name) else {
                    throw FormatError.unreadable(file: path, reason: "unknown charset \(name)")
                }
                source.transcoder = t
                legacyCharset = name
            }
        }
    }

    /// Every entry of the catalog, in order.
    public func entries() throws -> [POEntry] {
        var all: [POEntry] = []
        while let e = try next() { all.append(e) }
        return all
    }

    public var file: String { source.file }

    /// The next entry, or nil at the end of the file. Comments and blank lines at the end of
    /// the file come as an entry without a msgid.
    public func next() throws -> POEntry? {
        while let line = try source.nextLine() {
            if let done = try feed(line, number: source.lineNumber) { return try checked(done) }
        }
        if finished { return nil }
        finished = true
        defer { pending = nil }
        return try pending.map(checked)
    }

    /// An entry as it is handed out: a msgid needs a msgstr (msgfmt refuses it otherwise).
    private func checked(_ e: POEntry) throws -> POEntry {
        if e.hasMsgid && !e.isObsolete && e.msgstr.isEmpty {
            throw error(e.line + (e.keywordLine ?? 0), 1, "msgid without msgstr")
        }
        return e
    }

    private func error(_ line: Int, _ column: Int, _ reason: String) -> FormatError {
        .malformed(file: source.file, line: line, column: column, reason: reason)
    }

    /// Takes one line; returns the previous entry when this line starts a new one.
    private func feed(_ raw: String, number: Int) throws -> POEntry? {
        var text = Substring(raw)
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        if trimmed.isEmpty {
            // Blank lines end an entry and stay with it.
            if pending == nil { pending = POEntry(line: number) }
            pending!.lines.append(raw)
            if pending!.hasMsgid { field = nil }
            return nil
        }
        var obsolete = false
        if trimmed.hasPrefix("#~") {
            obsolete = true
            text = trimmed.dropFirst(2).drop { $0 == " " }
            if text.hasPrefix("|") { text = text.dropFirst().drop { $0 == " " } }  // #~| previous
            if text.isEmpty || text.hasPrefix("#") { return appendComment(raw, number: number, obsolete: true) }
        } else if trimmed.hasPrefix("#") {
            return appendComment(raw, number: number, obsolete: false)
        } else {
            text = trimmed
        }
        let column = raw.count - text.count + 1
        var out: POEntry?
        if text.hasPrefix("\"") {
            guard pending != nil, let f = field else { throw error(number, column, "string without a keyword") }
            let s = try string(text, line: number, column: column)
            append(s, to: f)
        } else {
            let keyword = text.prefix { $0 != " " && $0 != "\t" && $0 != "\"" }
            let rest = text.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
            let restColumn = raw.count - rest.count + 1
            guard rest.hasPrefix("\"") else { throw error(number, restColumn, "expected a quoted string after \(keyword)") }
            let s = try string(rest, line: number, column: restColumn)
            switch keyword {
            case "msgctxt", "msgid":
                if let p = pending, p.hasMsgid || (keyword == "msgctxt" && p.context != nil) {
                    out = p
                    pending = nil
                }
                if pending == nil { pending = POEntry(line: number) }
                if pending!.keywordLine == nil { pending!.keywordLine = pending!.lines.count }
                if keyword == "msgctxt" { pending!.context = s; field = .context } else { pending!.msgid = s; pending!.hasMsgid = true; field = .msgid }
            case "msgid_plural":
                guard pending?.hasMsgid == true else { throw error(number, column, "msgid_plural before msgid") }
                pending!.msgidPlural = s
                field = .plural
            default:
                guard pending?.hasMsgid == true else { throw error(number, column, "\(keyword) before msgid") }
                var index = 0
                if keyword == "msgstr" {
                    guard pending!.msgstr.isEmpty else { throw error(number, column, "duplicate msgstr") }
                    guard !pending!.isPlural else { throw error(number, column, "msgstr without [index] in a plural entry") }
                } else if keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"), let n = Int(keyword.dropFirst(7).dropLast()) {
                    guard pending!.isPlural else { throw error(number, column, "\(keyword) in an entry without msgid_plural") }
                    index = n
                } else {
                    throw error(number, column, "unknown keyword '\(keyword)'")
                }
                guard index == pending!.msgstr.count else { throw error(number, column, "msgstr out of order") }
                pending!.msgstr.append(s)
                field = .msgstr(index)
            }
        }
        pending!.isObsolete = pending!.isObsolete || obsolete
        pending!.lines.append(raw)
        if case .msgstr? = field {
            let i = pending!.lines.count - 1
            let start = pending!.msgstrLines?.lowerBound ?? i
            pending!.msgstrLines = start..<(i + 1)
        }
        return out
    }

    private func append(_ s: String, to f: Field) {
        switch f {
        case .context: pending!.context! += s
        case .msgid: pending!.msgid += s
        case .plural: pending!.msgidPlural! += s
        case let .msgstr(i): pending!.msgstr[i] += s
        }
    }

    private func appendComment(_ raw: String, number: Int, obsolete: Bool) -> POEntry? {
        var out: POEntry?
        if let p = pending, p.hasMsgid {
            out = p
            pending = nil
            field = nil
        }
        if pending == nil { pending = POEntry(line: number) }
        let t = raw.drop { $0 == " " || $0 == "\t" }
        let body = { (prefix: Int) in String(t.dropFirst(prefix)).trimmingCharacters(in: .whitespaces) }
        if obsolete {
            pending!.isObsolete = true
        } else if t.hasPrefix("#,") {
            pending!.flags += body(2).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            pending!.flagsLine = pending!.lines.count
        } else if t.hasPrefix("#:") {
            pending!.references += body(2).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        } else if t.hasPrefix("#.") {
            pending!.extractedComments.append(body(2))
        } else if t.hasPrefix("#|") {
            pending!.previousLines.append(pending!.lines.count)
        } else {
            pending!.translatorComments.append(String(t.dropFirst()).trimmingCharacters(in: .whitespaces))
        }
        pending!.lines.append(raw)
        return out
    }

    /// Parses a C string literal starting at `s` (which begins with `"`); only blanks may follow it.
    private func string(_ s: Substring, line: Int, column: Int) throws -> String {
        var out = ""
        var chars = s.dropFirst().makeIterator()
        var col = column
        var closed = false
        while let c = chars.next() {
            col += 1
            if c == "\"" { closed = true; break }
            guard c == "\\" else { out.append(c); continue }
            guard let e = chars.next() else { break }
            col += 1
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "a": out.append("\u{7}")
            case "b": out.append("\u{8}")
            case "f": out.append("\u{C}")
            case "v": out.append("\u{B}")
            case "\\", "\"", "'", "?": out.append(e)
            case "0"..."7":
                var v = Int(String(e))!
                var digits = 1
                var copy = chars
                while digits < 3, let d = copy.next(), let dv = Int(String(d)), dv < 8 { v = v * 8 + dv; digits += 1; chars = copy; col += 1 }
                out.unicodeScalars.append(Unicode.Scalar(UInt8(truncatingIfNeeded: v)))
            case "x":
                var v = 0
                var copy = chars
                while let d = copy.next(), let dv = d.hexDigitValue { v = v * 16 + dv; chars = copy; col += 1 }
                out.unicodeScalars.append(Unicode.Scalar(UInt8(truncatingIfNeeded: v)))
            default:
                throw error(line, col - 1, "unknown escape sequence '\\\(e)'")
            }
        }
        guard closed else { throw error(line, column, "string not closed") }
        var rest = chars
        while let c = rest.next() {
            col += 1
            if c != " " && c != "\t" { throw error(line, col, "unexpected text after the string") }
        }
        return out
    }
}

