import Foundation

/// Segments, words and characters in one band.
public struct BandCount: Sendable, Hashable, Codable {
    public var segments = 0
    public var words = 0
    public var characters = 0
    public init() {}

    mutating func add(words w: Int, characters c: Int) {
        segments += 1
        words += w
        characters += c
    }

    static func + (a: BandCount, b: BandCount) -> BandCount {
        var r = a
        r.segments += b.segments
        r.words += b.words
        r.characters += b.characters
        return r
    }
}

/// The analysis of one file or of the whole batch.
public struct FileAnalysis: Sendable, Hashable {
    /// The input as given (relative to its folder argument), or "total".
    public var file: String
    /// The output written, relative to the output folder (nil for `analyze`, or when skipped).
    public var output: String?
    public var sourceLanguage: String?
    public var targetLanguage: String?
    /// Counts per band, every band present.
    public var bands: [MatchBand: BandCount] = Dictionary(uniqueKeysWithValues: MatchBand.allCases.map { ($0, BandCount()) })
    /// Glossary term occurrences found (a term found in a repeated segment counts each time).
    public var glossaryTerms = 0
    /// Segments filled from the memory.
    public var filled = 0
    /// Segments the document had already translated (analysed, left as they were).
    public var alreadyTranslated = 0
    /// Fuzzy fills repaired (numbers, placeholders, terms or closing punctuation patched; see `FuzzyRepair`).
    public var repaired = 0

    public init(file: String) { self.file = file }

    public var total: BandCount { bands.values.reduce(BandCount(), +) }

    /// The same analysis, with the output it was written to.
    func writtenTo(_ output: String) -> FileAnalysis {
        var a = self
        a.output = output
        return a
    }

    mutating func merge(_ other: FileAnalysis) {
        for band in MatchBand.allCases { bands[band] = bands[band]! + other.bands[band]! }
        glossaryTerms += other.glossaryTerms
        filled += other.filled
        alreadyTranslated += other.alreadyTranslated
        repaired += other.repaired
    }
}

/// A file the run did not process, and why.
public struct SkippedFile: Sendable, Hashable, Codable {
    public var file: String
    public var reason: String
    /// True for an error (malformed or unreadable file); false for a file of an unknown kind.
    public var isError: Bool
}

/// The report of a pre-translation or analysis run.
public struct AnalysisReport: Sendable {
    public var files: [FileAnalysis] = []
    public var skipped: [SkippedFile] = []
    public var minScore: Int
    public var threads: Int

    public init(minScore: Int, threads: Int) {
        self.minScore = minScore
        self.threads = threads
    }

    /// The whole batch.
    public var total: FileAnalysis {
        var t = FileAnalysis(file: "total")
        for f in files { t.merge(f) }
        return t
    }

    /// Whether any file failed (the exit code is then non-zero).
    public var hasErrors: Bool { skipped.contains { $0.isError } }
}

extension AnalysisReport {
    /// The report as a table, one row per band, a column per file and the total.
    public func table() -> String {
        var out = "Analysis (\(WordCounter.method))\n"
        let rows = files + [total]
        for f in rows {
            let t = f.total
            var header = f.file
            if let s = f.sourceLanguage, let g = f.targetLanguage { header += "  (\(s) → \(g))" }
            if let o = f.output { header += "  → \(o)" }
            out += "\n\(header)\n"
            out += pad("band", 12) + lpad("segments", 10) + lpad("words", 10) + lpad("chars", 10) + lpad("words %", 9) + "\n"
            for band in MatchBand.allCases {
                let c = f.bands[band]!
                let percent = t.words == 0 ? 0 : Double(c.words) * 100 / Double(t.words)
                out += pad(band.rawValue, 12) + lpad("\(c.segments)", 10) + lpad("\(c.words)", 10) + lpad("\(c.characters)", 10)
                    + lpad(String(format: "%.1f", percent), 9) + "\n"
            }
            out += pad("total", 12) + lpad("\(t.segments)", 10) + lpad("\(t.words)", 10) + lpad("\(t.characters)", 10) + lpad("100.0", 9) + "\n"
            out += "glossary terms found: \(f.glossaryTerms); segments filled: \(f.filled)"
            if f.repaired > 0 { out += "; fuzzy fills repaired: \(f.repaired)" }
            if f.alreadyTranslated > 0 { out += "; already translated, left as they were: \(f.alreadyTranslated)" }
            out += "\n"
        }
        for s in skipped {
            out += "\(s.isError ? "error" : "skipped"): \(s.reason)\n"
        }
        return out
    }

    private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
    private func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? " " + s : String(repeating: " ", count: n - s.count) + s }

    /// The report as JSON (stable key order).
    public func json() throws -> Data {
        struct Band: Codable { var band: String; var segments: Int; var words: Int; var characters: Int }
        struct File: Codable {
            var file: String
            var output: String?
            var sourceLanguage: String?
            var targetLanguage: String?
            var bands: [Band]
            var segments: Int
            var words: Int
            var characters: Int
            var glossaryTerms: Int
            var filled: Int
            var alreadyTranslated: Int
            var repaired: Int
        }
        struct Report: Codable {
            var wordCount: String
            var minScore: Int
            var files: [File]
            var total: File
            var skipped: [SkippedFile]
        }
        func file(_ f: FileAnalysis) -> File {
            let t = f.total
            return File(file: f.file, output: f.output, sourceLanguage: f.sourceLanguage, targetLanguage: f.targetLanguage,
                        bands: MatchBand.allCases.map { b in
                            let c = f.bands[b]!
                            return Band(band: b.rawValue, segments: c.segments, words: c.words, characters: c.characters)
                        },
                        segments: t.segments, words: t.words, characters: t.characters, glossaryTerms: f.glossaryTerms,
                        filled: f.filled, alreadyTranslated: f.alreadyTranslated, repaired: f.repaired)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Report(wordCount: WordCounter.method, minScore: minScore, files: files.map(file), total: file(total), skipped: skipped))
        data.append(0x0A)
        return data
    }
}
