import Foundation
import Segmentation
import TMCore

/// The part of glossary stores that given texts can match, read through the stores' key
/// index instead of loading every term: for the texts' Korean words, the glossary words inside
/// them (what the analyser consults); then, in batched queries, the terms whose keys occur in
/// the texts, with the other terms of their concepts. So spotting in a page costs a few
/// queries whatever the glossary's size, and spots exactly what an index of the whole
/// glossary would.
///
/// What was read is cached (a batch of documents asks each key once; `prepare` fetches a
/// whole batch up front). Thread-safe: the stores are used under a lock.
public final class GlossaryTextIndex: @unchecked Sendable {
    typealias Row = GlossaryStore.IndexedTerm

    private struct Part {
        var name: String
        var store: any GlossaryStoring
        var sourceLanguage: LanguageTag?
        /// Hit rows by key; an empty list is a key known to be absent.
        var byKey: [String: [Row]] = [:]
        /// Every term of the concepts read.
        var concepts: [Int64: [Row]] = [:]
    }

    private let lock = NSLock()
    private var parts: [Part]
    private var segmenter: Segmenter
    private var checkedRuns = Set<String>()
    private let longestTerm: Int
    /// Keys remembered as absent before the cache is emptied (a long batch keeps memory bounded).
    private static let absentLimit = 200_000
    private var absent = 0

    /// `lexicon`: the analyser's lexicon before the glossaries' words are added to it.
    public init(stores: [(name: String, store: any GlossaryStoring)], lexicon: KoreanLexicon = .standard) throws {
        parts = stores.map { Part(name: $0.name, store: $0.store, sourceLanguage: $0.store.languages?.source) }
        var longest = 1
        for (_, store) in stores { longest = max(longest, try store.longestTerm()) }
        longestTerm = longest
        segmenter = Segmenter(lexicon: lexicon)
    }

    /// Terms in all stores (not only those read).
    public func termCount() -> Int {
        lock.lock()
        defer { lock.unlock() }
        return parts.reduce(0) { $0 + ((try? $1.store.termCount()) ?? 0) }
    }

    /// Reads what `texts` need now, in a few batched queries (before many `index(for:)` calls).
    public func prepare(_ texts: [String]) throws { _ = try index(for: texts) }

    /// An index holding every glossary term whose key occurs in `texts` (and the rest of
    /// those terms' concepts), with an analyser that knows the glossary words in them.
    public func index(for texts: [String]) throws -> GlossaryIndex {
        let segmenter = try learnWords(of: texts)
        var keys = Set<String>()
        for text in texts {
            for sentence in segmenter.sentences(in: text) {
                TermSpotter.candidateKeys(String(sentence), segmenter: segmenter, longestTerm: longestTerm, into: &keys)
            }
        }
        let sources = try rows(for: keys)
        return GlossaryIndex(sources: sources, segmenter: segmenter, longestTerm: longestTerm)
    }

    /// Adds the glossary words inside the texts' Hangul runs to the analyser's lexicon; returns
    /// the analyser. Words only ever join the lexicon, and each is a part of some text's words,
    /// so a text already seen is analysed the same afterwards.
    private func learnWords(of texts: [String]) throws -> Segmenter {
        var runs = Set<String>()
        for text in texts { runs.formUnion(GlossaryStore.hangulRuns(text)) }
        lock.lock()
        defer { lock.unlock() }
        runs.subtract(checkedRuns)
        guard !runs.isEmpty else { return segmenter }
        var found = Set<String>()
        for part in parts { found.formUnion(try part.store.lexiconWords(inRuns: runs)) }
        let new = found.filter { !segmenter.lexicon.contains($0) }
        if !new.isEmpty {
            var lexicon = segmenter.lexicon
            for w in new { lexicon.add(w) }
            segmenter = Segmenter(lexicon: lexicon)
        }
        checkedRuns.formUnion(runs)
        return segmenter
    }

    /// The cached or queried rows for `keys`, as index sources (one per store, in order).
    private func rows(for keys: Set<String>) throws -> [GlossaryIndex.Source] {
        lock.lock()
        defer { lock.unlock() }
        if absent > Self.absentLimit {
            for i in parts.indices { parts[i].byKey = parts[i].byKey.filter { !$0.value.isEmpty } }
            absent = 0
        }
        var sources: [GlossaryIndex.Source] = []
        for i in parts.indices {
            let missing = keys.filter { parts[i].byKey[$0] == nil }
            if !missing.isEmpty {
                var hits: [String: [Row]] = [:]
                for row in try parts[i].store.terms(withKeys: missing) { hits[row.key, default: []].append(row) }
                let concepts = Set(hits.values.joined().map(\.concept)).filter { parts[i].concepts[$0] == nil }
                for row in try parts[i].store.terms(ofConcepts: concepts) { parts[i].concepts[row.concept, default: []].append(row) }
                for key in missing {
                    parts[i].byKey[key] = hits[key] ?? []
                    if hits[key] == nil { absent += 1 }
                }
            }
            var source = GlossaryIndex.Source(name: parts[i].name, sourceLanguage: parts[i].sourceLanguage)
            var concepts = Set<Int64>()
            for key in keys { for row in parts[i].byKey[key] ?? [] { concepts.insert(row.concept) } }
            for id in concepts.sorted() { for row in parts[i].concepts[id] ?? [] { source.append(row) } }
            sources.append(source)
        }
        return sources
    }
}
