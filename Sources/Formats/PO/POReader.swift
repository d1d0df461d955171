import Foundation
import TMCore

/// Reads gettext PO/POT catalogs: `msgctxt` -> context, `msgid` -> source, `msgstr` (or
/// `msgstr[0]` for plurals) -> target, and `msgid_plural` -> `msgstr[1]` (or the one form) as a
/// pair of its own, `#.` and `#` comments -> notes, `#:` references, other
/// flags and `msgid_plural` -> properties. The header entry gives the target language
/// (`Language:`) when the options do not; the source language is the options', else the header's
/// `X-Source-Language`, else English (gettext's convention for msgids). Fuzzy entries are skipped
/// unless `includeFuzzy`; obsolete (`#~`) and untranslated entries are skipped; all are counted.
public struct POReader: TranslationUnitReader {
    public init() {}

    public func read(_ path: String, options: ReadOptions, _ body: (TranslationUnit) throws -> Void) throws -> ReadSummary {
        let parser = try POParser(path: path)
        var summary = ReadSummary()
        var source = options.sourceLanguage
        var target = options.targetLanguage
        var sawEntry = false
        while let entry = try parser.next() {
            guard entry.hasMsgid || entry.isObsolete else { continue }  // only comments/blank lines
            if entry.isObsolete { summary.skip("obsolete"); continue }
            if entry.isHeader {
                if source == nil, let code = entry.headerField("X-Source-Language"), !code.isEmpty {
                    source = try LanguageCheck.tag(code, file: path, line: entry.line, column: 1)
                }
                if target == nil, let code = entry.headerField("Language"), !code.isEmpty {
                    target = try LanguageCheck.tag(code, file: path, line: entry.line, column: 1)
                }
                continue
            }
            if !sawEntry {
                sawEntry = true
                source = source ?? .english
                guard target != nil else { throw FormatError.missingLanguage(file: path, side: "target") }
                summary.sourceLanguage = source
                summary.targetLanguage = target
            }
            if entry.isFuzzy && !options.includeFuzzy { summary.skip("fuzzy"); continue }
            guard let translation = entry.msgstr.first, !translation.isEmpty else { summary.skip("untranslated"); continue }
            if entry.msgid.allSatisfy(\.isWhitespace) { summary.skip("empty source"); continue }
            if translation.allSatisfy(\.isWhitespace) { summary.skip("empty target"); continue }
            var properties: [TranslationUnit.Property] = []
            if !entry.references.isEmpty { properties.append(.init(type: "x-po-reference", value: entry.references.joined(separator: " "))) }
            let flags = entry.flags.filter { $0 != "fuzzy" }
            if !flags.isEmpty { properties.append(.init(type: "x-po-flags", value: flags.joined(separator: ", "))) }
            if entry.isFuzzy { properties.append(.init(type: "x-po-fuzzy", value: "yes")) }
            if let plural = entry.msgidPlural { properties.append(.init(type: "x-po-msgid-plural", value: plural)) }
            var notes: [String] = []
            if !entry.extractedComments.isEmpty { notes.append(entry.extractedComments.joined(separator: "\n")) }
            if !entry.translatorComments.isEmpty { notes.append(entry.translatorComments.joined(separator: "\n")) }
            let unit = TranslationUnit(
                source: entry.msgid, target: translation, sourceLanguage: source!, targetLanguage: target!,
                context: entry.context, properties: properties, notes: notes,
                location: SourceLocation(file: path, line: entry.line, column: 1))
            summary.read += 1
            try body(unit)
            // The plural form is a pair of its own: msgid_plural with msgstr[1], or with the one
            // form of a language that has one (Korean's msgstr[0]).
            if let plural = entry.msgidPlural, !plural.allSatisfy(\.isWhitespace), entry.msgstr.count <= 2,
               let form = entry.msgstr.last, !form.allSatisfy(\.isWhitespace) {
                var pluralUnit = unit
                pluralUnit.source = plural
                pluralUnit.target = form
                pluralUnit.properties = properties.filter { $0.type != "x-po-msgid-plural" } + [.init(type: "x-po-plural-of", value: entry.msgid)]
                summary.read += 1
                try body(pluralUnit)
            }
        }
        return summary
    }
}
