import Foundation
import Segmentation
import TMCore

/// Look-ups straight from glossary stores (SQLite or PostgreSQL, the same rules for both): each query is a few indexed queries (the query's
/// key, its particle stems, and for fuzzy suggestions the terms of similar key length), and
/// the analyser learns only the glossary words the query begins with, so a look-up costs the
/// same whatever the glossary's size.
public final class GlossaryLookup {
    public let stores: [(name: String, store: any GlossaryStoring)]

    public init(stores: [(name: String, store: any GlossaryStoring)]) {
        self.stores = stores
    }

    /// Terms in all stores.
    public func termCount() -> Int { stores.reduce(0) { $0 + ((try? $1.store.termCount()) ?? 0) } }

    private func segmenter(for query: String) throws -> Segmenter {
        var lexicon = KoreanLexicon()
        let runs = GlossaryStore.hangulRuns(query)
        for (_, store) in stores { for w in try store.lexiconWords(inRuns: runs) { lexicon.add(w) } }
        return Segmenter(lexicon: lexicon)
    }

    private static func key(_ term: String, _ segmenter: Segmenter) -> String {
        let keys = segmenter.analyze(term).contentKeys
        if keys.isEmpty { return KeyNormalizer.fold(term).filter { !$0.isWhitespace } }
        return keys.joined()
    }

    private func matches(key: String, folded: String) throws -> [GlossaryMatch] {
        var out: [GlossaryMatch] = []
        for (name, store) in stores {
            out += MatchRules.matches(query: folded, hits: try store.terms(withKey: key), glossary: name, sourceLanguage: store.languages?.source)
        }
        return out
    }

    /// Entries for `term`, best first (see `GlossaryIndex.lookup`).
    public func lookup(_ term: String, fuzzy: Bool = true, limit: Int = 10) throws -> [GlossaryMatch] {
        let query = term.trimmingWhitespace()
        guard !query.isEmpty else { return [] }
        let segmenter = try segmenter(for: query)
        let folded = KeyNormalizer.fold(query)
        let key = Self.key(query, segmenter)
        var out = try matches(key: key, folded: folded)
        if out.isEmpty {
            for stem in MatchRules.particleStems(query) {
                out = try matches(key: Self.key(stem, segmenter), folded: folded)
                if !out.isEmpty { break }
            }
        }
        if out.isEmpty && fuzzy {
            let q = Array(key.unicodeScalars)
            guard !q.isEmpty else { return [] }
            var found: [GlossaryMatch] = []
            for (name, store) in stores {
                let source = store.languages?.source
                var near: [(GlossaryStore.IndexedTerm, Double)] = []
                try store.terms(keyLength: MatchRules.fuzzyRange(q.count)) { row in
                    if let sim = MatchRules.similarity(q, Array(row.key.unicodeScalars)) { near.append((row, sim)) }
                }
                // One query for every near term's concept.
                let siblings = Dictionary(grouping: try store.terms(ofConcepts: Set(near.map(\.0.concept))), by: \.concept)
                for (row, sim) in near {
                    found += MatchRules.matches(query: folded, hits: [(row, siblings[row.concept] ?? [])], glossary: name,
                                                sourceLanguage: source, kind: .fuzzy, quality: 0.8 * sim)
                }
            }
            out = MatchRules.ranked(found).sorted { $0.score > $1.score }
        } else {
            out = MatchRules.ranked(out)
        }
        return Array(out.prefix(limit))
    }
}
