import Foundation
import Segmentation
import TMCore

/// A look-up result, oriented from the query: `source` is the term that matched, `target`
/// its translation (a term of the same concept in the other language).
public struct GlossaryMatch: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case exact, inflected, fuzzy }
    public var source: String
    public var target: String
    /// 0...1: how well the query matched times how sure the pair is.
    public var score: Double
    public var kind: Kind
    public var note: String?
    /// Which glossary the concept is in.
    public var glossary: String
    /// Whether the query matched a term in the glossary's source language (else its target).
    public var fromSource: Bool = true
    /// The translation's status (candidate for machine-built, unreviewed terms).
    public var status: TermStatus = .admitted
    /// The matched term's own status (a deprecated term looked up is shown as such).
    public var termStatus: TermStatus = .admitted
    /// How often the aligner saw the pair (0 for terms a person made).
    public var frequency: Int = 0
    /// The concept's id in its glossary store.
    public var concept: Int64 = 0

    /// Whether this may be offered as the translation (spot, pretranslate): neither side is
    /// deprecated or superseded.
    public var isUsable: Bool { status.isUsable && termStatus.isUsable }
}

/// The matching rules shared by the in-memory index and the stores: which sibling terms are
/// translations, how they score, and how they are ranked.
enum MatchRules {
    /// Pairs for the terms `hits` found by key, each with its concept's terms.
    static func matches(query folded: String, hits: [(hit: GlossaryStore.IndexedTerm, siblings: [GlossaryStore.IndexedTerm])],
                        glossary: String, sourceLanguage: LanguageTag?, kind: GlossaryMatch.Kind? = nil, quality: Double? = nil) -> [GlossaryMatch] {
        var out: [GlossaryMatch] = []
        for (hit, siblings) in hits {
            let fromSource = sourceLanguage.map { hit.language.sameLanguage(as: $0) } ?? true
            let exact = KeyNormalizer.fold(hit.text) == folded
            let k = kind ?? (exact ? .exact : .inflected)
            let q = quality ?? (exact ? 1.0 : 0.95)
            for t in siblings where !t.language.sameLanguage(as: hit.language) {
                // Both sides of a concept can share a key (280억 / 28 billion): keep one direction.
                if t.key == hit.key && !fromSource { continue }
                let pair = min(hit.score, t.score)
                out.append(GlossaryMatch(source: hit.text, target: t.text, score: round(q * pair), kind: k,
                                         note: t.note ?? hit.note, glossary: glossary, fromSource: fromSource,
                                         status: t.status, termStatus: hit.status, frequency: max(t.frequency, 0), concept: hit.concept))
            }
        }
        return out
    }

    /// Best first: by status (preferred, admitted, candidate, deprecated, superseded; the
    /// worse of the two terms), then by score weighted by how often the pair was seen (so a
    /// phrase aligned once does not outrank a term aligned fifty times), then shorter first.
    /// Duplicates (same term and translation from several glossaries) are dropped.
    static func ranked(_ matches: [GlossaryMatch]) -> [GlossaryMatch] {
        var seen = Set<String>()
        let sorted = matches.sorted { a, b in
            let ra = max(a.status.rank, a.termStatus.rank), rb = max(b.status.rank, b.termStatus.rank)
            if ra != rb { return ra < rb }
            if a.kind != b.kind { return kindRank(a.kind) < kindRank(b.kind) }
            let wa = weight(a), wb = weight(b)
            if wa != wb { return wa > wb }
            if a.target.count != b.target.count { return a.target.count < b.target.count }
            return a.target < b.target
        }
        return sorted.filter { seen.insert($0.source + "\u{1}" + $0.target).inserted }
    }

    static func kindRank(_ k: GlossaryMatch.Kind) -> Int {
        switch k { case .exact: 0; case .inflected: 1; case .fuzzy: 2 }
    }

    static func weight(_ m: GlossaryMatch) -> Double {
        guard m.frequency > 0 else { return m.score }
        return m.score * Double(m.frequency) / Double(m.frequency + 1)
    }

    static func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// Fuzzy similarity of two keys, or nil when too far apart.
    static func similarity(_ q: [Unicode.Scalar], _ k: [Unicode.Scalar]) -> Double? {
        guard abs(k.count - q.count) <= max(2, q.count / 2) else { return nil }
        let d = TMCore.editDistance(q, k)
        let s = 1 - Double(d) / Double(max(q.count, k.count))
        guard s >= 0.5, d <= max(1, q.count / 2) else { return nil }
        return s
    }

    /// The key lengths a fuzzy look-up for a key of `n` code points has to scan.
    static func fuzzyRange(_ n: Int) -> ClosedRange<Int> {
        let slack = max(2, n / 2)
        return max(1, n - slack)...(n + slack)
    }

    /// Forms of `word` with a trailing Korean particle removed (the segmentation's inventory).
    static func particleStems(_ word: String) -> [String] { KoreanAnalyzer.particleStems(word) }
}
