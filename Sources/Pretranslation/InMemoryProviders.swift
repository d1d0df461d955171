import Foundation
import Segmentation
import TMCore

/// A match provider over pairs held in memory: exact matches by normalized text (101 when
/// the context matches too), fuzzy matches by edit distance over match keys. For tests and
/// small memories; the translation memory store is the real one.
public struct InMemoryMatchProvider: MatchProvider, Sendable {
    public struct Entry: Sendable, Hashable {
        public var source: String
        public var target: String
        public var context: String?
        public var id: String?
        public init(source: String, target: String, context: String? = nil, id: String? = nil) {
            self.source = source
            self.target = target
            self.context = context
            self.id = id
        }
    }

    private let entries: [Entry]
    private let keys: [[String]]
    private let exact: [String: [Int]]
    private let segmenter: Segmenter

    public init(_ entries: [Entry], segmenter: Segmenter = Segmenter()) {
        self.entries = entries
        self.segmenter = segmenter
        keys = entries.map { segmenter.analyze($0.source).keys }
        var exact: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() { exact[Pretranslator.normalized(e.source), default: []].append(i) }
        self.exact = exact
    }

    public func bestMatch(for segment: String, context: String?, languages: LanguagePair, minScore: Int) -> PretranslationMatch? {
        if let hits = exact[Pretranslator.normalized(segment)] {
            // The same context, then none, then another (the first of equals).
            let i = hits.max { Self.rank(entries[$0], context) < Self.rank(entries[$1], context) || (Self.rank(entries[$0], context) == Self.rank(entries[$1], context) && $0 > $1) }!
            let e = entries[i]
            let same = context != nil && e.context == context
            return PretranslationMatch(score: same ? 101 : 100, source: e.source, target: e.target, id: e.id)
        }
        let query = segmenter.analyze(segment).keys
        var best: (score: Int, index: Int)?
        for (i, k) in keys.enumerated() {
            let longest = max(k.count, query.count)
            guard longest > 0 else { continue }
            let score = min(99, Int((100 * (1 - Double(Self.distance(query, k)) / Double(longest))).rounded(.down)))
            if score >= minScore, score > (best?.score ?? -1) ||
                (score == best!.score && Self.rank(entries[i], context) > Self.rank(entries[best!.index], context)) { best = (score, i) }
        }
        guard let best else { return nil }
        let e = entries[best.index]
        return PretranslationMatch(score: best.score, source: e.source, target: e.target, id: e.id)
    }

    private static func rank(_ e: Entry, _ context: String?) -> Int {
        let c = e.context.flatMap { $0.isEmpty ? nil : $0 }, q = context.flatMap { $0.isEmpty ? nil : $0 }
        if c == q { return 2 }
        return c == nil ? 1 : 0
    }

    /// Levenshtein distance over tokens.
    static func distance(_ a: [String], _ b: [String]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A term spotter over a list of terms held in memory: a term is found where its match keys
/// stand in a row in the segment's (so `negotiations` finds `negotiation`, `안보를` finds `안보`).
/// Terms are indexed by their first key; the longest term wins where terms overlap.
public struct InMemoryTermSpotter: TermSpotter, Sendable {
    public struct Term: Sendable, Hashable {
        public var term: String
        public var translations: [String]
        public init(_ term: String, _ translations: [String]) {
            self.term = term
            self.translations = translations
        }
    }

    /// Terms by their first match key, longest first.
    private let index: [String: [(term: Term, keys: [String])]]
    private let segmenter: Segmenter
    public let count: Int

    public init(_ terms: [Term], segmenter: Segmenter = Segmenter()) {
        self.segmenter = segmenter
        var index: [String: [(term: Term, keys: [String])]] = [:]
        var merged: [String: Int] = [:]
        var list: [(term: Term, keys: [String])] = []
        for t in terms {
            let keys = segmenter.analyze(t.term).contentKeys
            guard !keys.isEmpty else { continue }
            let id = keys.joined(separator: " ")
            if let i = merged[id] {
                for tr in t.translations where !list[i].term.translations.contains(tr) { list[i].term.translations.append(tr) }
            } else {
                merged[id] = list.count
                list.append((t, keys))
            }
        }
        for entry in list { index[entry.keys[0], default: []].append(entry) }
        for k in index.keys { index[k]!.sort { $0.keys.count > $1.keys.count } }
        self.index = index
        count = list.count
    }

    public func terms(in segment: String, languages: LanguagePair) -> [SpottedTerm] {
        guard !index.isEmpty else { return [] }
        let content = segmenter.analyze(segment).tokens.filter { $0.kind.isContent }
        let keys = content.map(\.key)
        let scalars = Array(segment.unicodeScalars)
        var found: [SpottedTerm] = []
        var seen = Set<String>()
        var i = 0
        while i < keys.count {
            var advanced = false
            for (term, tk) in index[keys[i]] ?? [] where i + tk.count <= keys.count && Array(keys[i..<(i + tk.count)]) == tk {
                let from = content[i].start
                let to = min(content[i + tk.count - 1].end, scalars.count)
                if seen.insert(term.term).inserted {
                    var surface = String.UnicodeScalarView()
                    surface.append(contentsOf: scalars[from..<to])
                    found.append(SpottedTerm(term: term.term, translations: term.translations, surface: String(surface)))
                }
                i += tk.count
                advanced = true
                break
            }
            if !advanced { i += 1 }
        }
        return found
    }
}
