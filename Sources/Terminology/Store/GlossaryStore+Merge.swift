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
    /// count are the same, and so are the ids (numbered again when a concept was joined).
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
        var deleted = false
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
                deleted = true
                continue
            }
            // The record has no terms yet, so the join cannot find the concept itself.
            if merging, let joined = try joinConcept(withFirstTermOf: c) {
                try delete(id)
                deleted = true
                if joined.changed { added += 1 }
            } else {
                try indexTerms(of: c, id: id)
                added += 1
            }
        }
        try db.execute("DELETE FROM temp.merge_later")
        if deleted { try closeIDGaps() }
        return added
    }

    /// Numbers the concepts 1, 2, 3… again in their order, as a load that never set one aside
    /// would have (ids are what a reviewer types: `review approve 2.1`).
    private func closeIDGaps() throws {
        try db.execute("""
            DROP TABLE IF EXISTS temp.renumber;
            CREATE TEMP TABLE renumber(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
            INSERT INTO temp.renumber(old, new) SELECT id, row_number() OVER (ORDER BY id) FROM concepts;
            DELETE FROM temp.renumber WHERE old = new;
            UPDATE concepts SET id = -(SELECT new FROM temp.renumber WHERE old = concepts.id) WHERE id IN (SELECT old FROM temp.renumber);
            UPDATE concepts SET id = -id WHERE id < 0;
            UPDATE terms SET concept = -(SELECT new FROM temp.renumber WHERE old = terms.concept) WHERE concept IN (SELECT old FROM temp.renumber);
            UPDATE terms SET concept = -concept WHERE concept < 0;
            DROP TABLE temp.renumber
            """)
    }
}
