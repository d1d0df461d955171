import Foundation
import TMCore

/// Reads two-column parallel text: TSV (tab-separated, with the `\\` `\t` `\n` `\r` escapes of
/// the corpus files) or CSV (RFC 4180 quoting; `;` when the first line has it but no comma).
///
/// Without a header the first column is the source and the second the target. A header may name
/// them (`source`/`target`, `source_en`/`target_ko`, or bare codes `en`/`ko`); `id`, `context` and
/// `note` columns fill those fields and other columns become properties. Rows with an empty side
/// are skipped and counted.
public struct DelimitedReader: TranslationUnitReader {
    public enum Dialect: Sendable { case tsv, csv }
    public var dialect: Dialect

    public init(dialect: Dialect = .tsv) { self.dialect = dialect }

    public func read(_ path: String, options: ReadOptions, _ body: (TranslationUnit) throws -> Void) throws -> ReadSummary {
        let lines = try LineSource(path: path)
        var summary = ReadSummary()
        var layout: DelimitedLayout?
        var delimiter: Character = ","
        var units = (source: LanguageTag.english, target: LanguageTag.english)
        while let (fields, columns, line) = try nextRecord(lines, delimiter: &delimiter, first: layout == nil) {
            if layout == nil {
                let l = try DelimitedLayout.detect(fields, columns: columns, file: path, options: options)
                guard let s = l.sourceLanguage else { throw FormatError.missingLanguage(file: path, side: "source") }
                guard let t = l.targetLanguage else { throw FormatError.missingLanguage(file: path, side: "target") }
                units = (s, t)
                summary.sourceLanguage = s
                summary.targetLanguage = t
                layout = l
                if l.hasHeader { continue }
            }
            guard let l = layout else { continue }
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            guard l.sourceColumn < fields.count, l.targetColumn < fields.count else {
                summary.skip("too few columns")
                continue
            }
            let source = fields[l.sourceColumn], target = fields[l.targetColumn]
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
        return summary
    }

    /// The next record's fields, their columns, and the line it starts on.
    private func nextRecord(_ lines: LineSource, delimiter: inout Character, first: Bool) throws -> ([String], [Int], Int)? {
        switch dialect {
        case .tsv:
            guard let line = try lines.nextLine() else { return nil }
            let (f, c) = DelimitedFields.splitTSV(line)
            return (f, c, lines.lineNumber)
        case .csv:
            guard var line = try lines.nextLine() else { return nil }
            let start = lines.lineNumber
            if first && !line.contains(",") && line.contains(";") { delimiter = ";" }
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
}
