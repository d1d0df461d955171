import Foundation
import TMCore

/// The user's own glossary: a glossary store, `$TMKIT_HOME/glossary.sqlite`. An older
/// `$TMKIT_HOME/glossary.tbx` beside it is imported on first use (and left where it is). Every
/// change is a transaction, so a failed edit or import leaves the store as it was.
public struct UserGlossary: Sendable {
    public let path: String

    public init(path: String = TMKitHome.path + "/glossary.sqlite") {
        self.path = path
    }

    /// The TBX file older tmkit versions kept the user's glossary in.
    public var legacyPath: String { (path as NSString).deletingPathExtension + ".tbx" }

    public var exists: Bool {
        FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: legacyPath)
    }

    /// Who is making changes: `$TMKIT_USER`, else `$USER`, else "tmkit".
    public static var currentUser: String {
        let env = ProcessInfo.processInfo.environment
        return env["TMKIT_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? env["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "tmkit"
    }

    /// Opens the store (creating it, and importing the legacy TBX, when missing).
    public func open(readOnly: Bool = false, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil) throws -> GlossaryStore {
        if !FileManager.default.fileExists(atPath: path) {
            let store = try GlossaryStore(path: path)
            if FileManager.default.fileExists(atPath: legacyPath) {
                try store.importTermBase(try GlossaryFile.read(legacyPath), user: nil)
            }
            if store.languages == nil, let s = sourceLanguage, let t = targetLanguage { try store.setLanguages(s, t) }
            if readOnly { return try GlossaryStore(path: path, create: false, readOnly: true) }
            return store
        }
        return try GlossaryStore(path: path, create: false, readOnly: readOnly)
    }

    /// The glossary as pairs, or an empty one in the given languages when there is none yet.
    public func load(sourceLanguage: LanguageTag = .korean, targetLanguage: LanguageTag = .english) throws -> Glossary {
        guard exists else { return Glossary(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, title: "tmkit user glossary") }
        return try open().termBase().pairs(includeUnusable: true)
    }

    /// Adds a term pair (or, when the pair is there, updates its note). Terms are oriented to
    /// the glossary's languages by script: a Hangul term goes to the Korean side. The new
    /// concept's terms are admitted, made by the current user. Returns the number of concepts.
    @discardableResult
    public func add(source: String, target: String, note: String?, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                    status: TermStatus? = nil) throws -> Int {
        let (sl, tl) = Self.languages(source: source, target: target, sourceLanguage, targetLanguage)
        let store = try open(sourceLanguage: sl, targetLanguage: tl)
        let (gs, gt) = store.languages ?? (sl, tl)
        var (s, t) = (source, target)
        if gs.sameLanguage(as: tl) && !gt.sameLanguage(as: tl) { (s, t) = (t, s) }
        let user = Self.currentUser
        try store.transaction {
            if store.languages == nil { try store.setLanguages(gs, gt) }
            if let found = try store.concept(containing: s, language: gs),
               found.1.terms.contains(where: { $0.language.sameLanguage(as: gt) && $0.text == t }) {
                let id = found.0
                var concept = found.1
                if let note {
                    if let i = concept.terms.firstIndex(where: { $0.language.sameLanguage(as: gt) && $0.text == t }) {
                        concept.terms[i].notes = [note]
                        concept.terms[i].transactions.append(.now(.modification, user: user, note: "note"))
                    }
                    try store.replace(id, with: concept)
                }
                return
            }
            let origin = [Transaction.now(.origination, user: user)]
            try store.insert(Concept(terms: [
                Term(language: gs, text: s, status: status ?? .admitted, source: user, transactions: origin),
                Term(language: gt, text: t, status: status ?? .admitted, notes: note.map { [$0] } ?? [], source: user, transactions: origin),
            ]))
        }
        return try store.conceptCount()
    }

    /// Removes the concepts with `term` (either language), or only the `translation` term of
    /// them. Returns how many terms or concepts were removed; throws `notFound` when none.
    @discardableResult
    public func remove(term: String, translation: String? = nil) throws -> Int {
        guard exists else { throw TerminologyError.notFound(source: term, target: translation) }
        let store = try open()
        let fold = { (s: String) in s.lowercased() }
        return try store.transaction {
            var removed = 0
            var hits: [(Int64, Concept)] = []
            try store.forEachConcept { id, c in
                if c.terms.contains(where: { fold($0.text) == fold(term) }) { hits.append((id, c)) }
            }
            for (id, var c) in hits {
                if let translation {
                    let before = c.terms.count
                    c.terms.removeAll { fold($0.text) == fold(translation) }
                    guard c.terms.count < before else { continue }
                    removed += before - c.terms.count
                    if c.languages.count < 2 { try store.delete(id) } else { try store.replace(id, with: c) }
                } else {
                    try store.delete(id)
                    removed += 1
                }
            }
            guard removed > 0 else { throw TerminologyError.notFound(source: term, target: translation) }
            return removed
        }
    }

    /// Adds the concepts of `file` (TBX, TSV, CSV) to the user's glossary, streamed into the
    /// store in one transaction: if the file is bad, nothing changes, and memory does not grow
    /// with the file. Concepts already there (same terms) are skipped; a delimited row for a
    /// term the glossary has joins that term's concept. Returns concepts added or extended;
    /// `notes` hears remarks on how the file was read (a CP949 decode).
    @discardableResult
    public func importFile(_ file: String, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                           notes: ((String) -> Void)? = nil) throws -> Int {
        guard let format = GlossaryFile.format(of: file) else { throw TerminologyError.unknownFormat(file: file) }
        let existed = FileManager.default.fileExists(atPath: path)
        do {
            return try importFile(file, format: format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, notes: notes)
        } catch {
            // A first import that failed leaves no empty store behind.
            if !existed { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
            throw error
        }
    }

    private func importFile(_ file: String, format: GlossaryFile.Format, sourceLanguage: LanguageTag?, targetLanguage: LanguageTag?,
                            notes: ((String) -> Void)?) throws -> Int {
        let store = try open()
        let current = store.languages
        var added = 0
        try store.bulkLoad {
            let fallback = (sourceLanguage ?? current?.source ?? .korean, targetLanguage ?? current?.target ?? .english)
            let (s, t, _, remarks) = try store.streamFile(file, format: format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                                          fallback: fallback) { c in
                // Asked of the store's text index, so memory does not grow with the file.
                guard try !store.hasConcept(sameTermsAs: c) else { return }
                if format == .tbx { try store.insert(c) } else { try store.insertMerging(c) }
                added += 1
            }
            if store.languages == nil { try store.setLanguages(s, t) }
            remarks.forEach { notes?($0) }
        }
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

extension GlossaryStore {
    /// Whether a stored concept has exactly the terms of `concept` (language and text, in any
    /// order): one query of the text index and one per concept sharing a term text.
    public func hasConcept(sameTermsAs concept: Concept) throws -> Bool {
        guard let first = concept.terms.first else { return false }
        let signature = Self.signature(concept.terms.map { ($0.language, $0.text) })
        let s = try db.statement("SELECT DISTINCT concept FROM terms WHERE text = ?")
        s.bind(1, first.text)
        var ids: [Int64] = []
        while try s.step() { ids.append(s.int64(0)) }
        s.reset()
        for id in ids {
            let terms = try siblings(of: id)
            if Self.signature(terms.map { ($0.language, $0.text) }) == signature { return true }
        }
        return false
    }

    /// The sorted language:text pairs of a concept's terms.
    static func signature(_ terms: [(LanguageTag, String)]) -> [String] {
        terms.map { $0.0.language + ":" + $0.1 }.sorted()
    }

    /// The first concept with a term `text` in `language` (exact text), with its id.
    public func concept(containing text: String, language: LanguageTag) throws -> (Int64, Concept)? {
        let s = try db.statement("SELECT concept, lang FROM terms WHERE text = ?")
        s.bind(1, text)
        var ids: [Int64] = []
        while try s.step() {
            if let l = s.string(1).flatMap(LanguageTag.init), l.sameLanguage(as: language) { ids.append(s.int64(0)) }
        }
        s.reset()
        for id in ids { if let c = try concept(id) { return (id, c) } }
        return nil
    }
}
