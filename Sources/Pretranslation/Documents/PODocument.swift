import Formats
import Foundation
import TMCore

/// A gettext PO (or POT) file. Filling an entry replaces only its `msgstr` lines and, for a
/// fuzzy match, adds the `fuzzy` flag and the matched source as `#| msgid`; glossary terms
/// become `#. tmkit-glossary:` comments. Every other line is written back as it was.
/// Plural entries are analysed but not filled (their forms need a translator).
final class PODocument: PretranslatableDocument {
    static let glossaryPrefix = "#. tmkit-glossary: "

    struct Entry {
        var first: Int
        var last: Int
        var context: String?
        var msgid = ""
        var plural: String?
        var msgstr: [Int: String] = [:]
        /// Lines of `msgstr` (non-plural form), inclusive.
        var msgstrLines: ClosedRange<Int>?
        /// First keyword line (`msgctxt`/`msgid`), where the comments end.
        var keywordLine: Int?
        var flags: [String] = []
        var obsolete = false
        var isHeader: Bool { msgid.isEmpty && context == nil && !obsolete }
        var isTranslated: Bool { msgstr.values.contains { !$0.isEmpty } }
    }

    let file: String
    let lines: [String]
    let newline: String
    let entries: [Entry]
    /// Entries behind `segments`, by index into `entries`.
    let segmentEntries: [Int]
    let segments: [DocumentSegment]
    let declaredSource: LanguageTag? = nil
    let declaredTarget: LanguageTag?

    init(data: Data, file: String) throws {
        self.file = file
        let text: String
        do {
            text = try TextFileReader.decode(data, file: file)
        } catch {
            throw PretranslationError.unreadable(file: file, reason: "\(error)".replacingOccurrences(of: "\(file): ", with: ""))
        }
        newline = text.contains("\r\n") ? "\r\n" : "\n"
        var ls = text.components(separatedBy: newline)
        if ls.last == "" { ls.removeLast() }
        lines = ls
        entries = try POParser(file: file, lines: ls).entries()
        var segs: [DocumentSegment] = []
        var idx: [Int] = []
        var language: LanguageTag?
        for (i, e) in entries.enumerated() {
            if e.isHeader {
                language = Self.headerField("Language", in: e.msgstr[0] ?? "").flatMap { LanguageTag($0) }
                continue
            }
            guard !e.obsolete, !e.msgid.isEmpty else { continue }
            segs.append(DocumentSegment(source: e.msgid, context: e.context, isTranslated: e.isTranslated, isFillable: e.plural == nil))
            idx.append(i)
        }
        segments = segs
        segmentEntries = idx
        declaredTarget = language
    }

    func outputPath(for relativePath: String) -> String {
        relativePath.lowercased().hasSuffix(".pot") ? String(relativePath.dropLast(4)) + ".po" : relativePath
    }

    static func headerField(_ name: String, in header: String) -> String? {
        for line in header.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased() {
                let v = parts[1].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
        }
        return nil
    }

    // MARK: writing

    func rendered(_ results: [SegmentResult], languages: LanguagePair) throws -> Data {
        var replacements: [Int: [String]] = [:]  // entry index -> its new lines
        for (k, result) in results.enumerated() {
            let i = segmentEntries[k]
            let fill = segments[k].isTranslated || !segments[k].isFillable ? nil : result.fill
            if fill == nil && result.terms.isEmpty && !hasOwnComments(entries[i]) { continue }
            replacements[i] = rewrite(entries[i], fill: fill, terms: result.terms)
        }
        if let h = entries.firstIndex(where: \.isHeader) {
            replacements[h] = rewriteHeader(entries[h], language: languages.target)
        }
        var out: [String] = []
        out.reserveCapacity(lines.count + results.count)
        var line = 0
        for (i, e) in entries.enumerated() {
            while line < e.first { out.append(lines[line]); line += 1 }
            if let r = replacements[i] {
                out.append(contentsOf: r)
            } else {
                out.append(contentsOf: lines[e.first...e.last])
            }
            line = e.last + 1
        }
        while line < lines.count { out.append(lines[line]); line += 1 }
        return Data((out.joined(separator: newline) + newline).utf8)
    }

    private func hasOwnComments(_ e: Entry) -> Bool {
        lines[e.first...e.last].contains { $0.hasPrefix(Self.glossaryPrefix) }
    }

    /// The entry's lines with `fill` and `terms` applied.
    private func rewrite(_ e: Entry, fill: PretranslationMatch?, terms: [SpottedTerm]) -> [String] {
        let keyword = e.keywordLine ?? e.first
        var comments = Array(lines[e.first..<keyword]).filter { !$0.hasPrefix(Self.glossaryPrefix) }
        var body = Array(lines[keyword...e.last])
        // Glossary comments go after the translator and extracted comments.
        let termLines = terms.map { Self.glossaryPrefix + $0.noteText.replacingOccurrences(of: "\n", with: " ") }
        let at = comments.firstIndex { $0.hasPrefix("#:") || $0.hasPrefix("#,") || $0.hasPrefix("#|") } ?? comments.count
        comments.insert(contentsOf: termLines, at: at)
        guard let fill, let range = e.msgstrLines else { return comments + body }
        let target = POString.matchNewlines(fill.target, like: e.msgid)
        var fuzzy = fill.score < 100
        if !POFormatCheck.sameDirectives(e.msgid, target, flags: e.flags) { fuzzy = true }
        var flags = e.flags.filter { $0 != "fuzzy" }
        if fuzzy { flags.insert("fuzzy", at: 0) }
        comments.removeAll { $0.hasPrefix("#,") || (!fuzzy && $0.hasPrefix("#|")) }
        let flagAt = comments.firstIndex { $0.hasPrefix("#|") } ?? comments.count
        var insert: [String] = flags.isEmpty ? [] : ["#, " + flags.joined(separator: ", ")]
        if fuzzy && !comments.contains(where: { $0.hasPrefix("#|") }) {
            if let c = e.context { insert += POString.lines(keyword: "#| msgctxt", c) }
            insert += POString.lines(keyword: "#| msgid", fill.source)
        }
        comments.insert(contentsOf: insert, at: flagAt)
        let start = range.lowerBound - keyword
        let end = range.upperBound - keyword
        body.replaceSubrange(start...end, with: POString.lines(keyword: "msgstr", target))
        return comments + body
    }

    /// The header with `Language` set when empty and a `charset=CHARSET` placeholder made UTF-8.
    private func rewriteHeader(_ e: Entry, language: LanguageTag) -> [String] {
        let original = Array(lines[e.first...e.last])
        guard let range = e.msgstrLines, let value = e.msgstr[0] else { return original }
        var fields = value.components(separatedBy: "\n")
        var changed = false
        var hasLanguage = false
        for (i, f) in fields.enumerated() {
            let lower = f.lowercased()
            if lower.hasPrefix("language:") {
                hasLanguage = true
                if f.dropFirst("language:".count).trimmingCharacters(in: .whitespaces).isEmpty {
                    fields[i] = "Language: \(language.code)"
                    changed = true
                }
            } else if lower.hasPrefix("content-type:") && f.contains("charset=CHARSET") {
                fields[i] = f.replacingOccurrences(of: "charset=CHARSET", with: "charset=UTF-8")
                changed = true
            }
        }
        if !hasLanguage {
            let at = fields.last == "" ? fields.count - 1 : fields.count
            fields.insert("Language: \(language.code)", at: at)
            changed = true
        }
        guard changed else { return original }
        let keyword = e.keywordLine ?? e.first
        var body = Array(lines[keyword...e.last])
        body.replaceSubrange((range.lowerBound - keyword)...(range.upperBound - keyword),
                             with: POString.lines(keyword: "msgstr", fields.joined(separator: "\n"), header: true))
        return Array(lines[e.first..<keyword]) + body
    }
}
