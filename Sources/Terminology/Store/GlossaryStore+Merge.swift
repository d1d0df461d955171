import Foundation
import TMCore

extension GlossaryStore {
    /// Adds the concepts of `file` (see `GlossaryStoring.mergeConceptByConcept`), in one
    /// transaction.
    ///
    /// Into an empty store, the load does not ask the store about every concept. A Bloom filter
    /// of the term texts stored so far says "certainly new" for nearly all of them, so the text
    /// index is dropped during the load and made once at its end, by a sort instead of a random
    /// insert per term (which, past the page cache, made a 1 GB import crawl). A concept the
    /// filter cannot clear (a row for a term seen before, or one of its rare false positives) is
    /// stored as a record only, and its id kept aside. Once the index is made, those concepts
    /// are skipped, merged into an earlier concept or indexed, in file order, as
    /// `mergeConceptByConcept` would have done: the concepts, their order, the merges and the
    /// count are the same (a concept joined to another leaves a gap in the ids).
    @discardableResult
    public func merge(file: String, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                      notes: ((String) -> Void)? = nil) throws -> Int {
        guard try conceptCount() == 0 else {
            return try mergeConceptByConcept(file: file, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, notes: notes)
        }
        guard let format = GlossaryFile.format(of: file) else { throw TerminologyError.unknownFormat(file: file) }
        let current = languages
        var added = 0
        try bulkLoad(withTextIndex: false) {
            try db.execute("CREATE TEMP TABLE IF NOT EXISTS merge_later(id INTEGER PRIMARY KEY); DELETE FROM temp.merge_later")
            let later = try db.statement("INSERT INTO temp.merge_later(id) VALUES(?)")
            var texts = BloomFilter()
            let fallback = (sourceLanguage ?? current?.source ?? .korean, targetLanguage ?? current?.target ?? .english)
            let (s, t, _, remarks) = try streamFile(file, format: format, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                                    fallback: fallback) { c in
                // Both questions `mergeConceptByConcept` asks look up the first term's text.
                let clear = c.terms.first.map { !texts.mayContain(FNV64.hash($0.text)) } ?? true
                for term in c.terms { texts.insert(FNV64.hash(term.text)) }
                if clear {
                    try insert(c)
                    added += 1
                } else {
                    later.bind(1, try insertRecord(c))
                    try later.step()
                    later.reset()
                }
            }
            try db.execute("CREATE INDEX IF NOT EXISTS terms_text ON terms(text)")
            added += try mergeSetAside(merging: format != .tbx)
            if languages == nil { try setLanguages(s, t) }
            remarks.forEach { notes?($0) }
        }
        return added
    }

    /// Settles the concepts `merge(file:)` stored as records only (ids in `temp.merge_later`),
    /// in id order: a concept with the terms of one stored is deleted; with `merging`, one whose
    /// first term is the first term of an earlier concept joins it; any other is indexed.
    /// Returns the concepts added or extended.
    private func mergeSetAside(merging: Bool) throws -> Int {
        var added = 0
        let next = try db.statement("SELECT id FROM temp.merge_later WHERE id > ? ORDER BY id LIMIT 1")
        var last = Int64.min
        while true {
            next.bind(1, last)
            guard try next.step() else { next.reset(); break }
            let id = next.int64(0)
            next.reset()
            last = id
            guard let c = try concept(id) else { continue }
            if try hasConcept(sameTermsAs: c) {
                try delete(id)
                continue
            }
            // The record has no terms yet, so the join cannot find the concept itself.
            if merging, let joined = try joinConcept(withFirstTermOf: c) {
                try delete(id)
                if joined.changed { added += 1 }
            } else {
                try indexTerms(of: c, id: id)
                added += 1
            }
        }
        try db.execute("DELETE FROM temp.merge_later")
        return added
    }
}
