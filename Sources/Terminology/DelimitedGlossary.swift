import Foundation
import Formats
import TMCore

/// Glossaries as delimited text. Written in OmegaT's glossary layout: one entry a line,
/// `source<TAB>target<TAB>comment` (UTF-8; lines starting with `#` are comments), or as CSV
/// quoted where needed. tmkit's statistics, when present, go into the comment as
/// `tmkit-alignment: score=0.930 count=12 sourceCount=14 targetCount=15`, after the note.
///
/// Read through Formats' one delimited reader (`DelimitedReader`): languages from a header
/// row (`English,Korean`, `source_en,target_ko`, `en,ko`) or else from the script (the Hangul
/// side is Korean), a header never a term, RFC 4180 quoted newlines, `,` `;` or tab in CSV,
/// CP949/EUC-KR decoded with a note, and a row without both terms an error at its line and
/// column. Header columns named `note`/`comment`, `status`, `pos`/`part of speech`,
/// `definition` and `subject`/`domain` fill those fields; other columns become notes.
enum DelimitedGlossary {
    static func write(_ glossary: Glossary, separator: Character) -> String {
        var out = "# tmkit glossary \(glossary.sourceLanguage.code) -> \(glossary.targetLanguage.code): source, target, comment\n"
        for entry in glossary.entries {
            var comment: [String] = []
            if let note = entry.note { comment.append(note) }
            if let s = entry.statistics {
                comment.append("\(TBXWriter.statisticsPrefix) score=\(String(format: "%.3f", entry.score)) count=\(s.count) sourceCount=\(s.sourceCount) targetCount=\(s.targetCount)")
            }
            let fields = [entry.source, entry.target, comment.joined(separator: "; ")]
            out += fields.map { field(String($0), separator) }.joined(separator: String(separator)) + "\n"
        }
        return out
    }

    private static func field(_ s: String, _ separator: Character) -> String {
        let flat = String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
        guard separator == ",", flat.contains(where: { $0 == "," || $0 == "\"" }) else { return flat }
        return "\"" + flat.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The reader for a glossary file: `#` comments, strict rows, languages by script when
    /// the file names none.
    static func reader(_ format: GlossaryFile.Format, fallback: (source: LanguageTag, target: LanguageTag)) -> DelimitedReader {
        DelimitedReader(dialect: format == .csv ? .csv : .tsv, commentPrefix: "#", strict: true, fallbackLanguages: fallback)
    }

    /// Streams the file's rows as concepts (one source term and one target term each), in
    /// file order. Returns the reader's summary (languages, notes such as a CP949 decode).
    @discardableResult
    static func stream(_ path: String, format: GlossaryFile.Format, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                       fallback: (source: LanguageTag, target: LanguageTag) = (.korean, .english),
                       _ body: (Concept) throws -> Void) throws -> ReadSummary {
        let origin = (path as NSString).lastPathComponent
        do {
            return try reader(format, fallback: fallback).read(path, options: ReadOptions(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)) { unit in
                try body(try concept(from: unit, origin: origin))
            }
        } catch let error as FormatError {
            throw TerminologyError.input(error)
        }
    }

    /// Reads the whole file as a term base, rows with the same source term in one concept.
    static func read(_ path: String, format: GlossaryFile.Format, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                     fallback: (source: LanguageTag, target: LanguageTag) = (.korean, .english)) throws -> (base: TermBase, notes: [String]) {
        var concepts: [Concept] = []
        var bySource: [String: Int] = [:]
        let summary = try stream(path, format: format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, fallback: fallback) { c in
            let key = c.terms[0].text
            if let i = bySource[key] { concepts[i].merge(c) } else {
                bySource[key] = concepts.count
                concepts.append(c)
            }
        }
        let (s, t) = (summary.sourceLanguage ?? fallback.source, summary.targetLanguage ?? fallback.target)
        return (TermBase(sourceLanguage: s, targetLanguage: t, title: (path as NSString).lastPathComponent, concepts: concepts), summary.notes)
    }

    /// One row as a concept. A comment with tmkit's statistics makes the target a machine-built
    /// candidate with its evidence; otherwise the terms are a person's (no status stated).
    static func concept(from unit: TranslationUnit, origin: String) throws -> Concept {
        let file = unit.location?.file ?? origin, line = unit.location?.line ?? 0
        var comments = unit.notes
        var concept = Concept()
        var status: TermStatus?
        var pos: PartOfSpeech?
        var definition: String?
        if let context = unit.context { comments.append("context: \(context)") }
        for p in unit.properties {
            let name = p.type.lowercased().filter { $0.isLetter }
            switch name {
            case let n where n.hasPrefix("column"): comments.append(p.value)
            case "status", "administrativestatus":
                guard let s = TermStatus(tbx: p.value) else {
                    throw TerminologyError.badValue(file: file, line: line, column: 1, category: "status", value: p.value,
                                                    reason: "expected preferred, admitted, candidate, deprecated or superseded")
                }
                status = s
            case "pos", "partofspeech":
                guard let v = PartOfSpeech(tbx: p.value) else {
                    throw TerminologyError.badValue(file: file, line: line, column: 1, category: "part of speech", value: p.value,
                                                    reason: "expected noun, verb, adjective, adverb, properNoun or other")
                }
                pos = v
            case "definition": definition = p.value
            case "subject", "subjectfield", "domain": concept.subjectField = p.value
            default: comments.append("\(p.type): \(p.value)")
            }
        }
        let (note, score, stats) = StatisticsNote.parse(comment: comments.joined(separator: "; "))
        let built = stats != nil
        let evidence = stats.map { Evidence(score: score ?? 1, count: $0.count, sourceCount: $0.sourceCount, targetCount: $0.targetCount) }
            ?? (score.map { $0 != 1 ? Evidence(score: $0) : nil } ?? nil)
        let source = Term(language: unit.sourceLanguage, text: unit.source.trimmingSpaces(), status: built ? .candidate : status,
                          partOfSpeech: pos, source: origin,
                          evidence: stats.map { Evidence(score: 1, count: $0.sourceCount, sourceCount: $0.sourceCount) })
        let target = Term(language: unit.targetLanguage, text: unit.target.trimmingSpaces(), status: built ? .candidate : status,
                          partOfSpeech: pos, notes: note.map { [$0] } ?? [], source: origin, evidence: evidence)
        concept.terms = [source, target]
        if let definition { concept.definitions = [Definition(language: unit.sourceLanguage, text: definition)] }
        return concept
    }
}

extension Concept {
    /// Adds the terms of `other` this concept lacks (same language and text), and its
    /// definitions and subject field when this has none.
    mutating func merge(_ other: Concept) {
        for t in other.terms where !terms.contains(where: { $0.language.sameLanguage(as: t.language) && $0.text == t.text }) {
            terms.append(t)
        }
        if definitions.isEmpty { definitions = other.definitions }
        if subjectField == nil { subjectField = other.subjectField }
    }
}

/// tmkit's statistics note: `tmkit-alignment: score=0.930 count=12 sourceCount=14 targetCount=15`.
enum StatisticsNote {
    /// Splits a comment into the person's note and tmkit's statistics.
    static func parse(comment: String) -> (note: String?, score: Double?, stats: GlossaryEntry.Statistics?) {
        guard let range = comment.range(of: TBXWriter.statisticsPrefix) else {
            let note = comment.trimmingSpaces()
            return (note.isEmpty ? nil : note, nil, nil)
        }
        var note = String(comment[..<range.lowerBound]).trimmingSpaces()
        if note.hasSuffix(";") { note.removeLast() }
        var values: [String: String] = [:]
        for part in comment[range.upperBound...].split(separator: " ") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { values[String(kv[0])] = String(kv[1]) }
        }
        let score = values["score"].flatMap(Double.init)
        var stats: GlossaryEntry.Statistics? = nil
        if let c = values["count"].flatMap(Int.init), let sc = values["sourceCount"].flatMap(Int.init), let tc = values["targetCount"].flatMap(Int.init) {
            stats = .init(count: c, sourceCount: sc, targetCount: tc)
        }
        let trimmed = note.trimmingSpaces()
        return (trimmed.isEmpty ? nil : trimmed, score, stats)
    }
}
