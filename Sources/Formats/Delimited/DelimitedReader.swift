import Foundation
import TMCore

/// Reads two-column parallel text: TSV (tab-separated, with the `\\` `\t` `\n` `\r` escapes of
/// the corpus files) or CSV (RFC 4180 quoting, newlines inside quoted fields included; the
/// separator is the first line's most frequent of `,` `;` and tab, so semicolon CSV and
/// tab-separated `.csv` files read too).
///
/// Without a header the first column is the source and the second the target. A header may name
/// them (`source`/`target`, `source_en`/`target_ko`, bare codes `en`/`ko`, or language names
/// `English`/`Korean`); a header is never data. `id`, `context` and `note` columns fill those
/// fields and other columns become properties. Rows with an empty side are skipped and counted
/// (errors naming line and column when `strict`).
///
/// A file that is not UTF-8 but clearly CP949/EUC-KR (Excel's default for Korean) is read as
/// CP949, with a note in the summary.
public struct DelimitedReader: TranslationUnitReader {
    public enum Dialect: Sendable { case tsv, csv }
    public var dialect: Dialect
    /// Lines starting with this are comments (OmegaT glossaries use `#`); nil: none.
    public var commentPrefix: Character?
    /// Rows with too few columns or an empty side are errors rather than skipped.
    public var strict: Bool
    /// The languages when neither the options nor a header say: the side written in Hangul is
    /// the Korean one (by the first data row), the other the pair's other language.
    public var fallbackLanguages: (source: LanguageTag, target: LanguageTag)?

    public init(dialect: Dialect = .tsv, commentPrefix: Character? = nil, strict: Bool = false,
                fallbackLanguages: (source: LanguageTag, target: LanguageTag)? = nil) {
        self.dialect = dialect
        self.commentPrefix = commentPrefix
        self.strict = strict
        self.fallbackLanguages = fallbackLanguages
    }

    public func read(_ path: String, options: ReadOptions, _ body: (TranslationUnit) throws -> Void) throws -> ReadSummary {
        let lines = try LineSource(path: path)
        var summary = ReadSummary()
        if let charset = XMLEncodingGuess.legacyKorean(Array(try lines.peek(XMLEncodingGuess.sniffLength))),
           let transcoder = Transcoder(from: charset) {
            lines.transcoder = transcoder
            summary.notes.append("\(path): not UTF-8; read as \(charset) (EUC-KR)")
        }
        var layout: DelimitedLayout?
        var delimiter: Character = ","
        var units = (source: LanguageTag.english, target: LanguageTag.english)
        var languagesKnown = false
        while let (fields, columns, line) = try nextRecord(lines, delimiter: &delimiter, first: layout == nil) {
            if layout == nil {
                let l = try DelimitedLayout.detect(fields, columns: columns, file: path, options: options)
                layout = l
                if let s = l.sourceLanguage, let t = l.targetLanguage {
                    units = (s, t)
                    languagesKnown = true
                } else if fallbackLanguages == nil {
                    throw FormatError.missingLanguage(file: path, side: l.sourceLanguage == nil ? "source" : "target")
                }
                if l.hasHeader { continue }
            }
            guard var l = layout else { continue }
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            guard l.sourceColumn < fields.count, l.targetColumn < fields.count else {
                if strict {
                    throw FormatError.malformed(file: path, line: line, column: (columns.last ?? 1) + (fields.last?.count ?? 0),
                                                reason: "expected at least \(max(l.sourceColumn, l.targetColumn) + 1) columns (source and target), found \(fields.count)")
                }
                summary.skip("too few columns")
                continue
            }
            if !languagesKnown, let fallback = fallbackLanguages {
                units = Self.languagesByScript(source: fields[l.sourceColumn], target: fields[l.targetColumn], known: l, fallback: fallback)
                l.sourceLanguage = units.source
                l.targetLanguage = units.target
                layout = l
                languagesKnown = true
            }
            if summary.sourceLanguage == nil {
                summary.sourceLanguage = units.source
                summary.targetLanguage = units.target
            }
            let source = fields[l.sourceColumn], target = fields[l.targetColumn]
            for (text, side, index) in [(source, "source", l.sourceColumn), (target, "target", l.targetColumn)] where text.allSatisfy(\.isWhitespace) {
                if strict { throw FormatError.malformed(file: path, line: line, column: columns[index], reason: "empty \(side) term") }
            }
            if source.allSatisfy(\.isWhitespace) { summary.skip("empty source"); continue }
            if target.allSatisfy(\.isWhitespace) { summary.skip("empty target"); continue }
            var unit = TranslationUnit(source: source, target: target, sourceLanguage: units.source, targetLanguage: units.target,
                                       location: SourceLocation(file: path, line: line, column: 1))
            let cell: (Int?) -> String? = { i in
                guard let i, i < fields.count, !fields[i].isEmpty else { return nil }
                return fields[i]
            }
            unit.id = cell(l.idColumn)
            unit.context = cell(l.contextColumn)
            unit.notes = l.noteColumns.compactMap(cell)
            unit.properties = l.propertyColumns.compactMap { c in cell(c.index).map { .init(type: c.name, value: $0) } }
            if !l.hasHeader && fields.count > 2 {
                unit.properties = (2..<fields.count).compactMap { i in cell(i).map { .init(type: "column\(i + 1)", value: $0) } }
            }
            summary.read += 1
            try body(unit)
        }
        if layout == nil { throw FormatError.empty(file: path) }
        if summary.sourceLanguage == nil && languagesKnown {
            summary.sourceLanguage = units.source
            summary.targetLanguage = units.target
        }
        return summary
    }

    /// The languages of a file that names none, from its first row: the side in Hangul is
    /// Korean; a language a header did name is kept.
    static func languagesByScript(source: String, target: String, known: DelimitedLayout,
                                  fallback: (source: LanguageTag, target: LanguageTag)) -> (source: LanguageTag, target: LanguageTag) {
        let hangul = { (s: String) in s.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) || (0x3131...0x318E).contains($0.value) } }
        let korean = LanguageTag.korean
        let other = fallback.source.sameLanguage(as: korean) ? fallback.target : fallback.source
        var pair = fallback
        if hangul(source) && !hangul(target) { pair = (korean, other) }
        if hangul(target) && !hangul(source) { pair = (other, korean) }
        return (known.sourceLanguage ?? pair.source, known.targetLanguage ?? pair.target)
    }

    /// The next record's fields, their columns, and the line it starts on.
    private func nextRecord(_ lines: LineSource, delimiter: inout Character, first: Bool) throws -> ([String], [Int], Int)? {
        switch dialect {
        case .tsv:
            guard let line = try nextDataLine(lines) else { return nil }
            let (f, c) = DelimitedFields.splitTSV(line)
            return (f, c, lines.lineNumber)
        case .csv:
            guard var line = try nextDataLine(lines) else { return nil }
            let start = lines.lineNumber
            if first { delimiter = DelimitedFields.detectDelimiter(line) }
            var record = DelimitedFields.CSVRecord()
            while true {
                let (done, error) = DelimitedFields.feedCSV(line, into: &record, delimiter: delimiter)
                if let (column, reason) = error {
                    throw FormatError.malformed(file: lines.file, line: lines.lineNumber, column: column, reason: reason)
                }
                if done { return (record.fields, record.columns, start) }
                guard let next = try lines.nextLine() else {
                    throw FormatError.malformed(file: lines.file, line: start, column: 1, reason: "quoted field not closed before the end of the file")
                }
                line = next
            }
        }
    }

    /// The next line that is not a comment.
    private func nextDataLine(_ lines: LineSource) throws -> String? {
        while let line = try lines.nextLine() {
            if let commentPrefix, line.first == commentPrefix { continue }
            return line
        }
        return nil
    }
}
