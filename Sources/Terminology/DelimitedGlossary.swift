import Foundation
import TMCore

/// OmegaT's glossary layout: one entry a line, `source<TAB>target<TAB>comment` (UTF-8; lines
/// starting with `#` are comments). The CSV variant separates with commas and quotes fields
/// with `"` when needed. tmkit's statistics, when present, go into the comment as
/// `tmkit-alignment: score=0.930 count=12 sourceCount=14 targetCount=15`, after the note.
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

    static func read(data: Data, file: String, separator: Character, sourceLanguage: LanguageTag, targetLanguage: LanguageTag) throws -> Glossary {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw TerminologyError.unreadable(file: file, reason: "not valid UTF-8")
        }
        var glossary = Glossary(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, title: (file as NSString).lastPathComponent)
        var lineNumber = 0
        for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var scalars = rawLine
            if scalars.last == "\r" { scalars = scalars.dropLast() }
            let line = Substring(String(String.UnicodeScalarView(scalars)))
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = separator == "," ? try csvFields(line, file: file, line: lineNumber) : line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else {
                throw TerminologyError.badLine(file: file, line: lineNumber, reason: "expected source and target separated by \(separator == "," ? "a comma" : "a tab")")
            }
            let source = fields[0].trimmingCharacters(in: .whitespaces), target = fields[1].trimmingCharacters(in: .whitespaces)
            guard !source.isEmpty, !target.isEmpty else {
                throw TerminologyError.badLine(file: file, line: lineNumber, reason: "empty \(source.isEmpty ? "source" : "target") term")
            }
            var entry = GlossaryEntry(source: source, target: target)
            if fields.count > 2 {
                let (note, score, stats) = StatisticsNote.parse(comment: fields[2...].joined(separator: String(separator)))
                entry.note = note
                if let score { entry.score = score }
                entry.statistics = stats
            }
            glossary.entries.append(entry)
        }
        return glossary
    }

    /// Splits one CSV line (RFC 4180 quoting, no newlines inside fields).
    static func csvFields(_ line: Substring, file: String, line number: Int) throws -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quoted {
                if c == "\"" {
                    let next = line.index(after: i)
                    if next < line.endIndex, line[next] == "\"" { current.append("\""); i = next } else { quoted = false }
                } else {
                    current.append(c)
                }
            } else if c == "\"" && current.isEmpty {
                quoted = true
            } else if c == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
            i = line.index(after: i)
        }
        if quoted { throw TerminologyError.badLine(file: file, line: number, reason: "unclosed quote") }
        fields.append(current)
        return fields
    }
}

/// tmkit's statistics note: `tmkit-alignment: score=0.930 count=12 sourceCount=14 targetCount=15`.
enum StatisticsNote {
    /// Splits a comment into the person's note and tmkit's statistics.
    static func parse(comment: String) -> (note: String?, score: Double?, stats: GlossaryEntry.Statistics?) {
        guard let range = comment.range(of: TBXWriter.statisticsPrefix) else {
            let note = comment.trimmingCharacters(in: .whitespaces)
            return (note.isEmpty ? nil : note, nil, nil)
        }
        var note = String(comment[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
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
        let trimmed = note.trimmingCharacters(in: .whitespaces)
        return (trimmed.isEmpty ? nil : trimmed, score, stats)
    }
}
