import Foundation
import Segmentation
import TMCore

/// Glossaries held in memory for spotting and batch runs: the indexed terms of one or more
/// stores, loaded once (a query of the store's term table, no exchange file read), looked up by
/// match key in either direction, inflected forms included (`안보의`, `안보를` -> `안보`;
/// `Negotiations` -> `negotiation`). Immutable, so one instance serves every thread.
public struct GlossaryIndex: Sendable {
    public typealias Match = GlossaryMatch
    typealias Row = GlossaryStore.IndexedTerm

    struct Source: Sendable {
        var name: String
        var sourceLanguage: LanguageTag?
        var terms: [Row] = []
        var byKey: [String: [Int]] = [:]
        var byConcept: [Int64: [Int]] = [:]

        init(name: String, sourceLanguage: LanguageTag?) {
            self.name = name
            self.sourceLanguage = sourceLanguage
        }

        mutating func append(_ row: Row) {
            let i = terms.count
            terms.append(row)
            byKey[row.key, default: []].append(i)
            byConcept[row.concept, default: []].append(i)
        }
    }

    private(set) var sources: [Source] = []
    /// The segmenter, its lexicon extended with the glossaries' Korean words.
    public let segmenter: Segmenter
    /// Longest key, in content tokens, for spotting.
    private(set) var longestTerm = 1

    /// Loads the terms of `stores` (name, store) in order; earlier ones win ties.
    public init(stores: [(name: String, store: any GlossaryStoring)], lexicon: KoreanLexicon = .standard) throws {
        var lexicon = lexicon
        for (name, store) in stores {
            for w in try store.lexiconWords() { lexicon.add(w) }
            var source = Source(name: name, sourceLanguage: store.languages?.source)
            try store.terms(keyLength: 0...Int.max) { source.append($0) }
            longestTerm = max(longestTerm, try store.longestTerm())
            sources.append(source)
        }
        segmenter = Segmenter(lexicon: lexicon)
    }

    /// An index of the given rows (a part of each store, see `GlossaryTextIndex`).
    init(sources: [Source], segmenter: Segmenter, longestTerm: Int) {
        self.sources = sources
        self.segmenter = segmenter
        self.longestTerm = max(1, longestTerm)
    }

    /// Indexes term bases (compiled into temporary in-memory stores).
    public init(termBases: [(name: String, base: TermBase)], lexicon: KoreanLexicon = .standard) throws {
        var stores: [(name: String, store: any GlossaryStoring)] = []
        for (name, base) in termBases {
            let store = try GlossaryStore(path: ":memory:")
            try store.importTermBase(base, user: nil)
            stores.append((name, store))
        }
        try self.init(stores: stores, lexicon: lexicon)
    }

    /// Indexes glossaries of pairs (one concept per source term).
    public init(_ glossaries: [(name: String, glossary: Glossary)], lexicon: KoreanLexicon = .standard) {
        // An in-memory store cannot fail to open or insert.
        try! self.init(termBases: glossaries.map { ($0.name, TermBase(pairs: $0.glossary)) }, lexicon: lexicon)
    }

    /// Number of terms.
    public var count: Int { sources.reduce(0) { $0 + $1.terms.count } }

    func key(_ term: String) -> String {
        let keys = segmenter.analyze(term).contentKeys
        if keys.isEmpty { return KeyNormalizer.fold(term).filter { !$0.isWhitespace } }
        return keys.joined()
    }

    private func hits(_ source: Source, key: String) -> [(hit: Row, siblings: [Row])] {
        (source.byKey[key] ?? []).map { i in
            let row = source.terms[i]
            return (row, (source.byConcept[row.concept] ?? []).map { source.terms[$0] })
        }
    }

    /// Pairs whose matched term has match key `key`, best first (for spotting).
    public func matches(forKey key: String, query: String = "") -> [Match] {
        var out: [Match] = []
        for s in sources {
            out += MatchRules.matches(query: KeyNormalizer.fold(query), hits: hits(s, key: key), glossary: s.name, sourceLanguage: s.sourceLanguage)
        }
        return MatchRules.ranked(out)
    }

    /// Entries for `term`, best first: exact and inflected matches, else (when `fuzzy`) the
    /// closest terms by edit distance over match keys.
    public func lookup(_ term: String, fuzzy: Bool = true, limit: Int = 10) -> [Match] {
        let query = term.trimmingWhitespace()
        guard !query.isEmpty else { return [] }
        let folded = KeyNormalizer.fold(query)
        var out = matches(forKey: key(query), query: query)
        if out.isEmpty {
            for stem in MatchRules.particleStems(query) {
                out = matches(forKey: key(stem), query: query)
                if !out.isEmpty { break }
            }
        }
        if out.isEmpty && fuzzy {
            let q = Array(key(query).unicodeScalars)
            var found: [Match] = []
            for s in sources {
                for row in s.terms {
                    guard let sim = MatchRules.similarity(q, Array(row.key.unicodeScalars)) else { continue }
                    found += MatchRules.matches(query: folded, hits: [(row, (s.byConcept[row.concept] ?? []).map { s.terms[$0] })],
                                                glossary: s.name, sourceLanguage: s.sourceLanguage, kind: .fuzzy, quality: 0.8 * sim)
                }
            }
            out = MatchRules.ranked(found).sorted { $0.score > $1.score }
        }
        return Array(out.prefix(limit))
    }
}
