import Formats
import Foundation
import TMCore

/// A gettext PO (or POT) file, read with Formats' `POParser`. Filling an entry replaces only
/// its `msgstr` lines and, for a fuzzy match, adds the `fuzzy` flag and the matched source as
/// `#| msgid` (as msgmerge does); glossary terms become `#. tmkit-glossary:` comments. Every
/// other line is written back as it was. Plural entries get every form the target language
/// has (`msgstr[0]` alone for Korean); the header gets the target's `Language` and
/// `Plural-Forms` when a template leaves them open, and says UTF-8 (the output always is).
/// A fill whose format directives would fail `msgfmt --check` is marked fuzzy.
final class PODocument: PretranslatableDocument {
    static let glossaryPrefix = "#. tmkit-glossary: "
    static let repairPrefix = "#. tmkit-repair: "

    let file: String
    let newline: String
    let entries: [POEntry]
    let legacyCharset: String?
    /// Entries behind `segments`, by index into `entries`.
    let segmentEntries: [Int]
    let segments: [DocumentSegment]
    let declaredSource: LanguageTag? = nil
    let declaredTarget: LanguageTag?
    /// The header's plural forms, when it declares real ones.
    let declaredPlurals: POPluralForms?

    init(data: Data, file: String) throws {
        self.file = file
        do {
            // An empty catalog is valid (msgfmt accepts it): no entries.
            let parser = data.isEmpty ? nil : try POParser(data: data, file: file)
            entries = try parser?.entries() ?? []
            legacyCharset = parser?.legacyCharset
        } catch let error as FormatError {
            throw PretranslationError(error, file: file)
        }
        newline = data.range(of: Data([0x0D, 0x0A])) != nil ? "\r\n" : "\n"
        var segs: [DocumentSegment] = []
        var idx: [Int] = []
        var header: POHeader?
        var headerLine = 1
        for (i, e) in entries.enumerated() {
            if e.isHeader {
                header = POHeader(e.msgstr.first ?? "")
                headerLine = e.line
                continue
            }
            guard e.hasMsgid, !e.isObsolete, !e.msgid.isEmpty else { continue }
            segs.append(DocumentSegment(source: e.msgid, context: e.context, isTranslated: e.isTranslated, pluralSource: e.msgidPlural))
            idx.append(i)
        }
        segments = segs
        segmentEntries = idx
        // A Language the header names must be a language, as `tm import` requires (a template's is empty).
        if let code = header?.value("Language"), !code.allSatisfy(\.isWhitespace) {
            do {
                declaredTarget = try LanguageCheck.tag(code, file: file, line: headerLine, column: 1)
            } catch let error as FormatError {
                throw PretranslationError(error, file: file)
            }
        } else {
            declaredTarget = nil
        }
        declaredPlurals = header?.pluralForms
    }

    func outputPath(for relativePath: String) -> String {
        relativePath.lowercased().hasSuffix(".pot") ? String(relativePath.dropLast(4)) + ".po" : relativePath
    }

    func pluralForms(target: LanguageTag) -> Int {
        (declaredPlurals ?? POPluralForms(language: target))?.count ?? 2
    }

    // MARK: writing

    func rendered(_ results: [SegmentResult], languages: LanguagePair) throws -> Data {
        var byEntry: [Int: Int] = [:]
        for (k, i) in segmentEntries.enumerated() { byEntry[i] = k }
        let forms = pluralForms(target: languages.target)
        var out: [String] = []
        for (i, e) in entries.enumerated() {
            if e.isHeader {
                var header = POHeader(e.msgstr.first ?? "")
                let changed = header.complete(for: languages.target, legacyCharset: legacyCharset,
                                              needsPlurals: entries.contains(where: \.isPlural))
                out += changed ? POWriter.rewrite(e, header: header) : e.lines
            } else if let k = byEntry[i] {
                out += rewrite(e, segments[k], results[k], forms: forms)
            } else {
                out += e.lines
            }
        }
        return out.isEmpty ? Data() : Data((out.joined(separator: newline) + newline).utf8)
    }

    /// The entry's lines with its result applied.
    private func rewrite(_ e: POEntry, _ segment: DocumentSegment, _ result: SegmentResult, forms: Int) -> [String] {
        let hasOwn = e.extractedComments.contains { $0.hasPrefix("tmkit-") }
        let fill = segment.isTranslated || !segment.isFillable ? nil : result.fill
        // An untranslated plural entry gets as many forms as the target has (a template has two).
        let reshape = e.isPlural && !e.isTranslated && e.msgstr.count != forms
        if fill == nil && result.terms.isEmpty && !hasOwn && !reshape { return e.lines }
        var comments = result.terms.map { Self.glossaryPrefix + $0.noteText.replacingOccurrences(of: "\n", with: " ") }
        var write = POWriter.Fill(translations: reshape ? e.msgstr : nil, fuzzy: e.isFuzzy, comments: [],
                                  replacingComments: [Self.glossaryPrefix, Self.repairPrefix])
        if reshape { write.formCount = forms }
        if let fill {
            // Each form is checked against the string msgfmt checks it against: msgid for the
            // singular of a language with several forms, msgid_plural for the others.
            var targets: [(source: String, target: String)] = []
            if let plural = e.msgidPlural {
                let other = result.pluralFill ?? fill
                for n in 0..<forms {
                    let source = n == 0 && forms > 1 ? e.msgid : plural
                    let match = n == 0 && forms > 1 ? fill : other
                    targets.append((source, POWriter.matchingNewlines(match.target, like: source)))
                }
            } else {
                targets = [(e.msgid, POWriter.matchingNewlines(fill.target, like: e.msgid))]
            }
            var fuzzy = result.score < 100
            if !targets.allSatisfy({ POFormatCheck.passes($0.source, $0.target, flags: e.flags) }) { fuzzy = true }
            write.translations = targets.map(\.target)
            write.fuzzy = fuzzy
            write.previous = .init(context: e.context, msgid: fill.source, msgidPlural: result.pluralFill?.source)
            if let note = fill.repairNote { comments.append(Self.repairPrefix + note) }
        }
        write.comments = comments
        return POWriter.rewrite(e, write)
    }
}

extension PretranslationError {
    /// A Formats error about `file`, as pre-translation reports it.
    init(_ error: FormatError, file: String) {
        switch error {
        case let .malformed(f, line, column, reason): self = .malformed(file: f, line: line, column: column, reason: reason)
        case let .invalidUTF8InLine(f, line, column): self = .malformed(file: f, line: line, column: column, reason: "invalid UTF-8")
        default:
            self = .unreadable(file: file, reason: error.description.replacingOccurrences(of: "\(file): cannot read: ", with: "")
                .replacingOccurrences(of: "\(file): ", with: ""))
        }
    }
}
