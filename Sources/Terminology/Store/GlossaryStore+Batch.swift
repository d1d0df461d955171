import Foundation
import SQLiteKit

extension GlossaryStore {
    /// Batched reads of the term index: each takes its values as one JSON array (`json_each`),
    /// so a thousand keys are one prepared statement and one query.
    static func jsonArray(_ values: some Sequence<String>) -> String {
        var out = "["
        var first = true
        for v in values {
            if !first { out += "," }
            first = false
            out += "\""
            for u in v.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default:
                    if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
                }
            }
            out += "\""
        }
        return out + "]"
    }

    /// The terms whose match key is one of `keys`.
    public func terms(withKeys keys: some Collection<String>) throws -> [IndexedTerm] {
        guard !keys.isEmpty else { return [] }
        let s = try db.statement("SELECT \(Self.columns) FROM terms WHERE key IN (SELECT value FROM json_each(?))")
        s.bind(1, Self.jsonArray(keys))
        defer { s.reset() }
        var out: [IndexedTerm] = []
        while try s.step() { out.append(row(s)) }
        return out
    }

    /// Every term of the concepts `ids`, by concept in position order.
    public func terms(ofConcepts ids: some Collection<Int64>) throws -> [IndexedTerm] {
        guard !ids.isEmpty else { return [] }
        let s = try db.statement("SELECT \(Self.columns) FROM terms WHERE concept IN (SELECT value FROM json_each(?)) ORDER BY concept, position")
        s.bind(1, "[" + ids.map(String.init).joined(separator: ",") + "]")
        defer { s.reset() }
        var out: [IndexedTerm] = []
        while try s.step() { out.append(row(s)) }
        return out
    }

    /// Length in syllables of the longest word of the lexicon (0 when it is empty).
    public func longestLexiconWord() throws -> Int {
        if let v = try meta("lexicon.longest"), let n = Int(v) { return n }
        return Int(try db.integer("SELECT max(length(word)) FROM lexicon") ?? 0)
    }

    /// The glossary's Korean words found inside the Hangul runs `runs` (every substring up to
    /// the longest lexicon word): all the lexicon the analyser consults for those runs, so an
    /// analysis with these words gives the same keys as one with the whole lexicon.
    public func lexiconWords(inRuns runs: some Sequence<String>) throws -> Set<String> {
        let candidates = Self.lexiconCandidates(runs, longest: try longestLexiconWord())
        guard !candidates.isEmpty else { return [] }
        let s = try db.statement("SELECT word FROM lexicon WHERE word IN (SELECT value FROM json_each(?))")
        s.bind(1, Self.jsonArray(candidates))
        defer { s.reset() }
        var out = Set<String>()
        while try s.step() { if let w = s.string(0) { out.insert(w) } }
        return out
    }

    /// Every substring of the Hangul runs `runs` up to `longest` syllables: the words a
    /// lexicon whose longest word is that long could hold inside them.
    package static func lexiconCandidates(_ runs: some Sequence<String>, longest: Int) -> Set<String> {
        guard longest > 0 else { return [] }
        var candidates = Set<String>()
        for run in runs {
            let scalars = Array(run.unicodeScalars)
            for start in scalars.indices {
                for end in (start + 1)...min(scalars.count, start + longest) {
                    candidates.insert(String(String.UnicodeScalarView(scalars[start..<end])))
                }
            }
        }
        return candidates
    }

    /// The maximal runs of Hangul syllables in `text` (what the analyser splits).
    public static func hangulRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if TermKeyer.isSyllable(u) {
                current.append(u)
            } else if !current.isEmpty {
                runs.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { runs.append(String(current)) }
        return runs
    }
}
