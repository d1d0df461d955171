import Foundation
import TMCore

/// The user's own glossary, `$TMKIT_HOME/glossary.tbx`. Every change is written atomically,
/// so a failed edit or import leaves the file as it was.
public struct UserGlossary: Sendable {
    public let path: String

    public init(path: String = TMKitHome.path + "/glossary.tbx") {
        self.path = path
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The glossary, or an empty one in the given languages when there is no file yet.
    public func load(sourceLanguage: LanguageTag = .korean, targetLanguage: LanguageTag = .english) throws -> Glossary {
        guard exists else { return Glossary(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, title: "tmkit user glossary") }
        return try GlossaryFile.read(path).pairs(includeUnusable: true)
    }

    /// Adds an entry (or updates the note of the same pair). Terms are oriented to the
    /// glossary's languages by script: a Hangul term goes to the Korean side.
    @discardableResult
    public func add(source: String, target: String, note: String?, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil) throws -> Glossary {
        let (sl, tl) = Self.languages(source: source, target: target, sourceLanguage, targetLanguage)
        var glossary = try load(sourceLanguage: sl, targetLanguage: tl)
        var (s, t) = (source, target)
        if glossary.sourceLanguage.sameLanguage(as: tl) && !glossary.targetLanguage.sameLanguage(as: tl) { (s, t) = (t, s) }
        if let i = glossary.entries.firstIndex(where: { $0.source == s && $0.target == t }) {
            if let note { glossary.entries[i].note = note }
        } else {
            glossary.entries.append(GlossaryEntry(source: s, target: t, score: 1, note: note))
        }
        try GlossaryFile.write(glossary, to: path, format: .tbx)
        return glossary
    }

    /// Removes the entries for `term` (either side), or only the pair with `translation`.
    /// Returns how many were removed; throws `notFound` when none.
    @discardableResult
    public func remove(term: String, translation: String? = nil) throws -> Int {
        var glossary = try load()
        let before = glossary.entries.count
        let fold = { (s: String) in s.lowercased() }
        glossary.entries.removeAll { e in
            let forward = fold(e.source) == fold(term) && translation.map { fold(e.target) == fold($0) } ?? true
            let backward = fold(e.target) == fold(term) && translation.map { fold(e.source) == fold($0) } ?? true
            return forward || backward
        }
        let removed = before - glossary.entries.count
        guard removed > 0 else { throw TerminologyError.notFound(source: term, target: translation) }
        try GlossaryFile.write(glossary, to: path, format: .tbx)
        return removed
    }

    /// Merges the entries of `file` (TBX, TSV, CSV) into the user glossary. The file is read
    /// completely first: if it is bad, the glossary is not touched. Returns entries added.
    @discardableResult
    public func importFile(_ file: String, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil) throws -> Int {
        let current = try? load()
        let incoming = try GlossaryFile.read(file, sourceLanguage: sourceLanguage ?? current?.sourceLanguage ?? .korean,
                                             targetLanguage: targetLanguage ?? current?.targetLanguage ?? .english).pairs(includeUnusable: true)
        var glossary = try current ?? load(sourceLanguage: incoming.sourceLanguage, targetLanguage: incoming.targetLanguage)
        let swap = glossary.sourceLanguage.sameLanguage(as: incoming.targetLanguage) && glossary.targetLanguage.sameLanguage(as: incoming.sourceLanguage)
        var known = Set(glossary.entries.map { $0.source + "\u{1}" + $0.target })
        var added = 0
        for var e in incoming.entries {
            if swap {
                (e.source, e.target) = (e.target, e.source)
                e.examples = e.examples.map { .init(source: $0.target, target: $0.source) }
            }
            guard known.insert(e.source + "\u{1}" + e.target).inserted else { continue }
            glossary.entries.append(e)
            added += 1
        }
        try GlossaryFile.write(glossary, to: path, format: .tbx)
        return added
    }

    static func languages(source: String, target: String, _ s: LanguageTag?, _ t: LanguageTag?) -> (LanguageTag, LanguageTag) {
        if let s, let t { return (s, t) }
        let hangul = { (x: String) in x.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } }
        if hangul(source) && !hangul(target) { return (.korean, .english) }
        if hangul(target) && !hangul(source) { return (.english, .korean) }
        return (s ?? .korean, t ?? .english)
    }
}
