import ArgumentParser
import Foundation
import TMCore
import TranslationMemory

/// How `tm show`, `tm list` and `tm edit` print entries.
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
        var head = "#\(e.id)"
        if e.seen > 1 { head += "  seen \(e.seen)" }
        if let c = u.context { head += "  context \(indented(c, by: 2))" }
        return block(head, (u.sourceLanguage.code, CodedText.display(u.source)), (u.targetLanguage.code, CodedText.display(u.target)))
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

/// The filters `tm list`, `tm export` and `tm delete` share.
struct TMFilterOptions: ParsableArguments {
    @Option(name: .customLong("source-lang"), help: "Only entries with this source language (en also matches en-US).")
    var sourceLanguage: String?

    @Option(name: .customLong("target-lang"), help: "Only entries with this target language.")
    var targetLanguage: String?

    @Option(help: "Only entries dated on or after this day (YYYY-MM-DD, UTC); the date is the changed, else created, else imported date.")
    var since: String?

    @Option(help: "Only entries dated before this day (YYYY-MM-DD, UTC).")
    var until: String?

    @Option(help: "Only entries created or last changed by this user.")
    var user: String?

    @Option(help: "Only entries imported from this file (a path, or the end of one, such as memory.tmx).")
    var origin: String?

    @Option(help: "Only entries with this property: TYPE or TYPE=VALUE.")
    var property: String?

    @Option(help: "Only entries whose source or target contains this text.")
    var text: String?

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, Self.day(value) == nil { throw ValidationError("\(flag) \(value): expected a date such as 2024-05-31.") }
        }
        if let p = property, p.isEmpty || p.hasPrefix("=") { throw ValidationError("--property \(p): expected TYPE or TYPE=VALUE.") }
    }

    static func day(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }

    var filter: TMFilter {
        var f = TMFilter(
            sourceLanguage: languageOption(sourceLanguage, "--source-lang"),
            targetLanguage: languageOption(targetLanguage, "--target-lang"),
            since: since.flatMap(Self.day), until: until.flatMap(Self.day), user: user, origin: origin, text: text)
        if let p = property {
            let parts = p.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            f.propertyType = String(parts[0])
            f.propertyValue = parts.count > 1 ? String(parts[1]) : nil
        }
        return f
    }
}

/// `text` or `json`, for commands that print results or summaries.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }
