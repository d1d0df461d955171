import ArgumentParser
import Foundation
import TMCore
import TranslationMemory

/// How the `tm` commands print entries and matches: `tm show`, `tm edit` in full, `tm list`,
/// `tm lookup` and `tm concordance` as blocks.
enum EntryOutput {
    static func date(_ d: Date) -> String { EntryRecord.date(d) }

    /// An entry as JSON (one object, keys sorted).
    static func json(_ e: TMEntry, origins: Bool) -> String {
        JSONOutput.encode(EntryRecord(e, origins: origins))
    }

    /// Entries in full, as `tm show` and `tm edit` print them: text blocks, or JSON (one
    /// object for one entry, else an array).
    static func full(_ entries: [TMEntry], format: OutputFormat) -> String {
        switch format {
        case .json:
            if entries.count == 1 { return json(entries[0], origins: true) + "\n" }
            return "[" + entries.map { json($0, origins: true) }.joined(separator: ",\n") + "]\n"
        case .text:
            return entries.map { full($0) }.joined(separator: "\n")
        }
    }

    /// A text value on continuation lines indented under its label, so multi-line entries stay readable.
    static func indented(_ text: String, by indent: Int) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        let pad = "\n" + String(repeating: " ", count: indent)
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: pad)
    }

    /// Every field of an entry, one per line.
    static func full(_ e: TMEntry) -> String {
        let u = e.unit
        var out = "#\(e.id)  \(u.sourceLanguage.code) -> \(u.targetLanguage.code)  seen \(e.seen)\n"
        func line(_ label: String, _ value: String?) {
            guard let value else { return }
            let head = "  \(label): "
            out += head + indented(value, by: head.count) + "\n"
        }
        line("source", CodedText.display(u.source))
        line("target", CodedText.display(u.target))
        line("context", u.context)
        line("tuid", u.id)
        line("created", u.created.map { date($0) + (u.creator.map { " by \($0)" } ?? "") } ?? u.creator.map { "by \($0)" })
        line("changed", u.changed.map { date($0) + (u.changer.map { " by \($0)" } ?? "") } ?? u.changer.map { "by \($0)" })
        line("imported", e.imported.map(date))
        for n in u.notes { line("note", n) }
        for p in u.properties { line("property \(p.type)", p.value) }
        for o in e.origins { line("from", "\(o.file) (\(o.count)×)") }
        return out
    }

    /// An entry as a short block: id, then source and target.
    static func brief(_ e: TMEntry) -> String {
        let u = e.unit
        return block(head(id: e.id, seen: e.seen, context: u.context),
                     (u.sourceLanguage.code, CodedText.display(u.source)), (u.targetLanguage.code, CodedText.display(u.target)))
    }

    /// Lookup matches as blocks: `SCORE  #ID`, then the source (with its differences from
    /// the query marked, when the lookup computed them) and the target.
    static func matches(_ matches: [TMMatch], minScore: Int) -> String {
        if matches.isEmpty { return "no match of \(minScore) or more\n" }
        return matches.map { m in
            block(head(score: m.score, id: m.id, tuid: m.tuid, context: m.context),
                  (m.sourceLanguage, CodedText.display(m.diff ?? m.source)), (m.targetLanguage, CodedText.display(m.target)))
        }.joined()
    }

    /// The head line of a block: `[SCORE  ]#ID[  seen N][  tuid T][  context C]` (seen only above 1).
    static func head(score: Int? = nil, id: Int64, seen: Int = 1, tuid: String? = nil, context: String? = nil) -> String {
        var head = score.map { "\($0)  " } ?? ""
        head += "#\(id)"
        if seen > 1 { head += "  seen \(seen)" }
        if let tuid { head += "  tuid \(tuid)" }
        if let context { head += "  context \(indented(context, by: 2))" }
        return head
    }

    /// The block every entry-printing command uses (`tm list`, `tm lookup`, `tm concordance`):
    /// a head line, then `  LANG: text` for each side, with the lines of a multi-line text
    /// indented under its first.
    static func block(_ head: String, _ sides: (language: String, text: String)...) -> String {
        var out = head + "\n"
        for side in sides {
            let label = "  \(side.language): "
            out += label + indented(side.text, by: label.count) + "\n"
        }
        return out
    }
}

/// JSON written with Foundation's encoder: keys sorted, slashes and non-ASCII as they are.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// `text` or `json`, for commands that print results or summaries.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }
