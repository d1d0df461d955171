import Foundation
import Segmentation
import TMCore

/// A glossary store, whatever holds it: a SQLite file (`GlossaryStore`, the embedded default)
/// or a named glossary in PostgreSQL (`PostgresGlossary`, shared by a team's servers). A store
/// keeps concepts whole (`ConceptCodec` records) and an index of their terms by match key;
/// everything above those primitives (keys, look-up and ranking, spotting, review, merging
/// imports) is written once, here and in `GlossaryLookup`/`GlossaryTextIndex`, so both stores
/// give the same matches and scores.
///
/// Not thread-safe: one instance per thread (or under a lock).
public protocol GlossaryStoring: AnyObject {
    /// Names the store in messages: its path, or the database and the glossary's name.
    var location: String { get }
    var title: String { get }
    /// The default direction (set by the first import).
    var languages: (source: LanguageTag, target: LanguageTag)? { get }
    func setLanguages(_ source: LanguageTag, _ target: LanguageTag) throws

    func conceptCount() throws -> Int
    func termCount() throws -> Int
    /// Longest term, in content tokens (for spotting).
    func longestTerm() throws -> Int

    /// Runs `body` in one transaction (nested calls join the outer one); writers are serialized,
    /// so a change read and written inside it loses nothing to another writer.
    func transaction<T>(_ body: () throws -> T) throws -> T
    /// Runs `body`, which adds many concepts, in one transaction, keys made once at the end.
    func bulkLoad<T>(_ body: () throws -> T) throws -> T
    /// Adds a concept; returns its id.
    @discardableResult func insert(_ concept: Concept) throws -> Int64
    /// Replaces concept `id` (re-indexing its terms).
    func replace(_ id: Int64, with concept: Concept) throws
    func delete(_ id: Int64) throws

    /// Concept `id`, or nil.
    func concept(_ id: Int64) throws -> Concept?
    /// Every concept with its id, in id order.
    func forEachConcept(_ body: (Int64, Concept) throws -> Void) throws

    /// Every Korean word of the glossary (the analyser's lexicon for its terms).
    func lexiconWords() throws -> [String]
    /// The glossary's Korean words inside the Hangul runs `runs` (see `GlossaryStore.lexiconCandidates`).
    func lexiconWords(inRuns runs: some Sequence<String>) throws -> Set<String>
    /// The terms whose match key is one of `keys`.
    func terms(withKeys keys: some Collection<String>) throws -> [GlossaryStore.IndexedTerm]
    /// Every term of the concepts `ids`, by concept in position order.
    func terms(ofConcepts ids: some Collection<Int64>) throws -> [GlossaryStore.IndexedTerm]
    /// Terms whose key has a length (in code points) in `range`, by length, concept and position.
    func terms(keyLength range: ClosedRange<Int>, _ body: (GlossaryStore.IndexedTerm) throws -> Void) throws
    /// The concepts with a term whose text is exactly `text` (only first terms with
    /// `firstOnly`), with that term's language, by concept.
    func concepts(withTermText text: String, firstOnly: Bool) throws -> [(concept: Int64, language: LanguageTag)]
    /// Adds the concepts of `file`; see the default, `mergeConceptByConcept`.
    @discardableResult
    func merge(file: String, sourceLanguage: LanguageTag?, targetLanguage: LanguageTag?, notes: ((String) -> Void)?) throws -> Int
}

extension GlossaryStoring {
    /// The key of `text` with the lexicon words inside its words (which give the same key as
    /// the whole lexicon).
    public func key(_ text: String) throws -> (joined: String, count: Int) {
        let words = try lexiconWords(inRuns: GlossaryStore.hangulRuns(text))
        return TermKeyer(lexicon: KoreanLexicon(words: words)).key(text)
    }

    /// The terms of concept `id`, in order.
    public func siblings(of id: Int64) throws -> [GlossaryStore.IndexedTerm] { try terms(ofConcepts: [id]) }

    /// The terms whose match key is `key`, by concept and position, each with the other terms
    /// of its concept.
    public func terms(withKey key: String) throws -> [(hit: GlossaryStore.IndexedTerm, siblings: [GlossaryStore.IndexedTerm])] {
        let hits = try terms(withKeys: [key]).sorted { ($0.concept, $0.position) < ($1.concept, $1.position) }
        let byConcept = Dictionary(grouping: try terms(ofConcepts: Set(hits.map(\.concept))), by: \.concept)
        return hits.map { ($0, byConcept[$0.concept] ?? []) }
    }

    /// The whole store as a term base.
    public func termBase() throws -> TermBase {
        let (s, t) = languages ?? (.korean, .english)
        var base = TermBase(sourceLanguage: s, targetLanguage: t, title: title)
        try forEachConcept { _, c in base.concepts.append(c) }
        return base
    }

    /// Whether a stored concept has exactly the terms of `concept` (language and text, in any
    /// order): one query of the text index and one per concept sharing a term text.
    public func hasConcept(sameTermsAs concept: Concept) throws -> Bool {
        guard let first = concept.terms.first else { return false }
        let signature = GlossaryStore.signature(concept.terms.map { ($0.language, $0.text) })
        var seen = Set<Int64>()
        for (id, _) in try concepts(withTermText: first.text, firstOnly: false) where seen.insert(id).inserted {
            if GlossaryStore.signature(try siblings(of: id).map { ($0.language, $0.text) }) == signature { return true }
        }
        return false
    }

    /// The first concept with a term `text` in `language` (exact text), with its id.
    public func concept(containing text: String, language: LanguageTag) throws -> (Int64, Concept)? {
        for (id, l) in try concepts(withTermText: text, firstOnly: false) where l.sameLanguage(as: language) {
            if let c = try concept(id) { return (id, c) }
        }
        return nil
    }

    /// Inserts `concept`, or, when a concept whose first term has the same language and text
    /// is stored, adds the terms it lacks to that one (a delimited file's rows for one term).
    /// Returns the concept's id.
    @discardableResult
    public func insertMerging(_ concept: Concept) throws -> Int64 {
        try joinConcept(withFirstTermOf: concept)?.id ?? insert(concept)
    }

    /// Adds the terms `concept` has and the stored concept whose first term has the language
    /// and text of `concept`'s first term lacks. Returns nil when no concept has that first
    /// term, else its id and whether it changed (it is written only then).
    func joinConcept(withFirstTermOf concept: Concept) throws -> (id: Int64, changed: Bool)? {
        guard let first = concept.terms.first,
              let id = try concepts(withTermText: first.text, firstOnly: true).first(where: { $0.language.sameLanguage(as: first.language) })?.concept,
              var existing = try self.concept(id) else { return nil }
        let before = existing
        existing.merge(concept)
        guard existing != before else { return (id, false) }
        try replace(id, with: existing)
        return (id, true)
    }

    /// Streams the concepts of `file` to `body`; returns its languages, title and notes. The
    /// file is read and parsed on a second thread, ahead of `body` (which stores), so the two
    /// halves of an import run side by side (`Pipeline`).
    func streamFile(_ file: String, format: GlossaryFile.Format, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                    fallback: (LanguageTag, LanguageTag), _ body: (Concept) throws -> Void) throws -> (LanguageTag, LanguageTag, String, [String]) {
        try Pipeline.run(produce: { emit in
            try GlossaryFile.read(file, format: format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, fallback: fallback, emit)
        }, consume: body)
    }
}

extension GlossaryFile {
    /// The concepts of `file`, in order, to `body`, on the calling thread; returns its
    /// languages, title and notes.
    static func read(_ file: String, format: GlossaryFile.Format, sourceLanguage: LanguageTag?, targetLanguage: LanguageTag?,
                     fallback: (LanguageTag, LanguageTag), _ body: (Concept) throws -> Void) throws -> (LanguageTag, LanguageTag, String, [String]) {
        switch format {
        case .tbx:
            let header = try TBXReader.stream(file, body)
            let (s, t) = try TBXReader.languages(header, file: file, sourceLanguage, targetLanguage)
            return (s, t, header.title ?? (file as NSString).lastPathComponent, [])
        case .tsv, .csv:
            let summary = try DelimitedGlossary.stream(file, format: format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                                       fallback: fallback, body)
            return (summary.sourceLanguage ?? fallback.0, summary.targetLanguage ?? fallback.1, (file as NSString).lastPathComponent, summary.notes)
        }
    }
}

extension GlossaryStoring {
    /// Adds the concepts of `file` (TBX, TSV, CSV), streamed into the store in one transaction
    /// (`bulkLoad`): if the file is bad, nothing changes. Concepts already there (same terms)
    /// are skipped; a delimited row for a term the glossary has joins that term's concept. The
    /// store takes the file's languages when it has none. Returns concepts added or extended
    /// (so importing a file again returns 0);
    /// `notes` hears remarks on how the file was read (a CP949 decode).
    @discardableResult
    public func merge(file: String, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                      notes: ((String) -> Void)? = nil) throws -> Int {
        try mergeConceptByConcept(file: file, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, notes: notes)
    }

    /// `merge(file:)` asking the store about each concept as it comes (two indexed queries).
    public func mergeConceptByConcept(file: String, sourceLanguage: LanguageTag?, targetLanguage: LanguageTag?,
                                      notes: ((String) -> Void)?) throws -> Int {
        guard let format = GlossaryFile.format(of: file) else { throw TerminologyError.unknownFormat(file: file) }
        let current = languages
        var added = 0
        try bulkLoad {
            let fallback = (sourceLanguage ?? current?.source ?? .korean, targetLanguage ?? current?.target ?? .english)
            let (s, t, _, remarks) = try streamFile(file, format: format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                                    fallback: fallback) { c in
                // Asked of the store's text index, so memory does not grow with the file.
                guard try !hasConcept(sameTermsAs: c) else { return }
                if format != .tbx, let joined = try joinConcept(withFirstTermOf: c) {
                    if joined.changed { added += 1 }
                } else {
                    try insert(c)
                    added += 1
                }
            }
            if languages == nil { try setLanguages(s, t) }
            remarks.forEach { notes?($0) }
        }
        return added
    }

    /// Adds the pair `source` -> `target` in the store's languages (a Hangul term goes to the
    /// Korean side), admitted and made by `user`, or, when the pair is there, sets its note.
    /// A store without languages takes `languages`. Returns the number of concepts.
    @discardableResult
    public func addPair(source: String, target: String, note: String?, languages fallback: (LanguageTag, LanguageTag), user: String,
                        status: TermStatus? = nil) throws -> Int {
        try transaction {
            if languages == nil { try setLanguages(fallback.0, fallback.1) }
            let (gs, gt) = languages ?? fallback
            var (s, t) = (source, target)
            if gs.sameLanguage(as: fallback.1) && !gt.sameLanguage(as: fallback.1) { (s, t) = (t, s) }
            if let found = try concept(containing: s, language: gs),
               found.1.terms.contains(where: { $0.language.sameLanguage(as: gt) && $0.text == t }) {
                var concept = found.1
                if let note, let i = concept.terms.firstIndex(where: { $0.language.sameLanguage(as: gt) && $0.text == t }) {
                    concept.terms[i].notes = [note]
                    concept.terms[i].transactions.append(.now(.modification, user: user, note: "note"))
                    try replace(found.0, with: concept)
                }
                return
            }
            let origin = [Transaction.now(.origination, user: user)]
            try insert(Concept(terms: [
                Term(language: gs, text: s, status: status ?? .admitted, source: user, transactions: origin),
                Term(language: gt, text: t, status: status ?? .admitted, notes: note.map { [$0] } ?? [], source: user, transactions: origin),
            ]))
        }
        return try conceptCount()
    }

    /// Removes the concepts with `term` (either language, any case), or only the `translation`
    /// term of them. Returns how many terms or concepts were removed; throws `notFound` when none.
    @discardableResult
    public func remove(term: String, translation: String? = nil) throws -> Int {
        let fold = { (s: String) in s.lowercased() }
        return try transaction {
            var removed = 0
            var hits: [(Int64, Concept)] = []
            try forEachConcept { id, c in
                if c.terms.contains(where: { fold($0.text) == fold(term) }) { hits.append((id, c)) }
            }
            for (id, var c) in hits {
                if let translation {
                    let before = c.terms.count
                    c.terms.removeAll { fold($0.text) == fold(translation) }
                    guard c.terms.count < before else { continue }
                    removed += before - c.terms.count
                    if c.languages.count < 2 { try delete(id) } else { try replace(id, with: c) }
                } else {
                    try delete(id)
                    removed += 1
                }
            }
            guard removed > 0 else { throw TerminologyError.notFound(source: term, target: translation) }
            return removed
        }
    }
}
