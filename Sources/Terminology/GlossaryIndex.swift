import Foundation
import Segmentation
import TMCore

/// Glossaries loaded for lookup: every entry indexed by the match keys of both its terms, so
/// a query finds entries in either direction and inflected forms find their entry
/// (`안보의`, `안보를` -> `안보`; `Negotiations` -> `negotiation`).
public struct GlossaryIndex: Sendable {
    /// A lookup result, oriented from the query: `source` is the term that matched, `target`
    /// its translation.
    public struct Match: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Codable { case exact, inflected, fuzzy }
        public var source: String
        public var target: String
        public var score: Double
        public var kind: Kind
        public var note: String?
        /// Which glossary the entry is in.
        public var glossary: String
        /// Whether the query matched the entry's source term (else its target term).
        public var fromSource: Bool = true
    }

    struct Item: Sendable {
        var entry: GlossaryEntry
        var glossary: String
        var sourceKey: String
        var targetKey: String
    }

    private(set) var items: [Item] = []
    private var byKey: [String: [(item: Int, fromSource: Bool)]] = [:]
    /// The segmenter, its lexicon extended with the glossaries' Korean terms.
    public let segmenter: Segmenter
    /// Longest key, in content tokens, for spotting.
    private(set) var longestTerm = 1

    /// Indexes `glossaries` (name, glossary) in order; earlier ones win ties.
    public init(_ glossaries: [(name: String, glossary: Glossary)], lexicon: KoreanLexicon = .standard) {
        var lexicon = lexicon
        for (_, g) in glossaries {
            for e in g.entries {
                for term in [e.source, e.target] {
                    for word in term.split(separator: " ") where word.unicodeScalars.allSatisfy({ (0xAC00...0xD7A3).contains($0.value) }) {
                        lexicon.add(String(word))
                    }
                }
            }
        }
        segmenter = Segmenter(lexicon: lexicon)
        for (name, g) in glossaries {
            for e in g.entries {
                let s = key(e.source), t = key(e.target)
                let index = items.count
                items.append(Item(entry: e, glossary: name, sourceKey: s.joined, targetKey: t.joined))
                byKey[s.joined, default: []].append((index, true))
                byKey[t.joined, default: []].append((index, false))
                longestTerm = max(longestTerm, s.count, t.count)
            }
        }
    }

    public var count: Int { items.count }

    /// The match key of a term: its content keys joined without spaces (`바탕 화면` = `바탕화면`),
    /// and how many content tokens it has.
    func key(_ term: String) -> (joined: String, count: Int) {
        let keys = segmenter.analyze(term).contentKeys
        if keys.isEmpty { return (KeyNormalizer.fold(term).filter { !$0.isWhitespace }, 1) }
        return (keys.joined(), keys.count)
    }

    /// Entries for `term`, best first: exact and inflected matches, else (when `fuzzy`) the
    /// closest entries by edit distance over match keys.
    public func lookup(_ term: String, fuzzy: Bool = true, limit: Int = 10) -> [Match] {
        let query = term.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { return [] }
        var found: [(Int, Bool)] = byKey[key(query).joined] ?? []
        if found.isEmpty {
            // A particle the analyser left on an unknown word: 안보의 -> 안보.
            for stem in Self.particleStems(query) {
                if let hit = byKey[key(stem).joined] { found = hit; break }
            }
        }
        var out: [Match] = []
        var seen = Set<String>()
        let folded = KeyNormalizer.fold(query)
        for (index, fromSource) in found {
            let item = items[index]
            let matched = fromSource ? item.entry.source : item.entry.target
            let other = fromSource ? item.entry.target : item.entry.source
            // Both sides of an entry can share a key (280억 / 28 billion): keep one direction.
            if !fromSource && item.sourceKey == item.targetKey { continue }
            let exact = KeyNormalizer.fold(matched) == folded
            let quality = exact ? 1.0 : 0.95
            let id = matched + "\u{1}" + other
            guard seen.insert(id).inserted else { continue }
            out.append(Match(source: matched, target: other, score: Self.round(quality * item.entry.score), kind: exact ? .exact : .inflected,
                             note: item.entry.note, glossary: item.glossary, fromSource: fromSource))
        }
        if out.isEmpty && fuzzy { out = suggestions(query) }
        out.sort { $0.score != $1.score ? $0.score > $1.score : false }
        return Array(out.prefix(limit))
    }

    /// Fuzzy suggestions: entries whose key is within a small edit distance of the query's.
    private func suggestions(_ query: String) -> [Match] {
        let q = Array(key(query).joined.unicodeScalars)
        guard !q.isEmpty else { return [] }
        var best: [String: Match] = [:]
        for item in items {
            for fromSource in [true, false] {
                let k = Array((fromSource ? item.sourceKey : item.targetKey).unicodeScalars)
                guard abs(k.count - q.count) <= max(2, q.count / 2) else { continue }
                let d = Self.editDistance(q, k)
                let similarity = 1 - Double(d) / Double(max(q.count, k.count))
                guard similarity >= 0.5, d <= max(1, q.count / 2) else { continue }
                let matched = fromSource ? item.entry.source : item.entry.target
                let other = fromSource ? item.entry.target : item.entry.source
                let score = Self.round(0.8 * similarity * item.entry.score)
                let id = matched + "\u{1}" + other
                if (best[id]?.score ?? -1) < score {
                    best[id] = Match(source: matched, target: other, score: score, kind: .fuzzy, note: item.entry.note, glossary: item.glossary,
                                     fromSource: fromSource)
                }
            }
        }
        return best.values.sorted { $0.score != $1.score ? $0.score > $1.score : $0.source < $1.source }
    }

    /// Forms of `word` with a trailing Korean particle removed (the segmentation's inventory).
    static func particleStems(_ word: String) -> [String] {
        KoreanAnalyzer.particleStems(word)
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        TMCore.editDistance(a, b)
    }

    static func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// Entries whose key (either side) is `key`.
    func items(forKey key: String) -> [(item: Int, fromSource: Bool)] { byKey[key] ?? [] }

    func item(_ i: Int) -> Item { items[i] }
}
