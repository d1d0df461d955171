import Foundation
import TMCore

/// One entry found by a concordance search, with the code-point ranges of the hits.
public struct ConcordanceHit: Sendable, Hashable {
    public var id: Int64
    public var source: String
    public var target: String
    public var sourceLanguage: String
    public var targetLanguage: String
    /// Code-point ranges in `source` / `target` whose match keys are words of the query.
    public var sourceHits: [Range<Int>]
    public var targetHits: [Range<Int>]
}

extension TranslationMemory {
    /// Entries whose source or target contains every word of `text` (compared by match key,
    /// so `안보를` finds `안보는` and `negotiations` finds `negotiation`), oldest first.
    public func concordance(_ text: String, limit: Int = 20) throws -> [ConcordanceHit] {
        defer { db.releaseAll() }
        let query = AnalyzedSide(segmenter.analyze(text))
        var keys = Set(query.tokens.filter { $0.kind.isContent || $0.kind == .placeholder }.map(\.key))
        if keys.isEmpty { keys = Set(query.matchTokens.map(\.key)) }
        guard !keys.isEmpty else { return [] }
        var hits: [ConcordanceHit] = []
        var seen = Set<Int64>()
        let languages = Set(try storedLanguages().map { LanguageTag($0)?.language ?? $0 })
        for language in languages.sorted() {
            // The rarest key's postings are the candidates; each is checked for all keys.
            let dfStatement = try db.statement("SELECT sum(count) FROM posting WHERE term = ?")
            var rarest: (Int64, Int)?
            var missing = false
            for key in keys {
                let term = IndexTerms.hash(language, "w", key)
                dfStatement.reset()
                dfStatement.bind(1, term)
                let df = try dfStatement.step() ? dfStatement.int(0) : 0
                if df == 0 { missing = true; break }
                if rarest == nil || df < rarest!.1 { rarest = (term, df) }
            }
            guard !missing, let (term, _) = rarest else { continue }
            var sides: [Int64] = []
            let postings = try db.statement("SELECT ids FROM posting WHERE term = ? ORDER BY block")
            postings.bind(1, term)
            while try postings.step() {
                postings.withBlob(0) { raw in
                    let b = raw.bindMemory(to: UInt8.self)
                    var i = 0
                    var side: UInt64 = 0
                    while i < b.count {
                        side &+= Varint.read(b, &i)
                        i += 1
                        sides.append(Int64(side))
                    }
                }
            }
            for sideID in sides {
                guard let c = try candidate(sideID) else { continue }
                let ranges = c.side.tokens.filter { keys.contains($0.key) }
                guard Set(ranges.map(\.key)) == keys, seen.insert(c.id).inserted else { continue }
                let fromSource = sideID & 1 == 0
                let hitRanges = ranges.map { $0.start..<$0.end }
                hits.append(ConcordanceHit(
                    id: c.id,
                    source: fromSource ? c.sideText : c.otherText, target: fromSource ? c.otherText : c.sideText,
                    sourceLanguage: fromSource ? c.sideLanguage : c.otherLanguage,
                    targetLanguage: fromSource ? c.otherLanguage : c.sideLanguage,
                    sourceHits: fromSource ? hitRanges : [], targetHits: fromSource ? [] : hitRanges))
                if hits.count >= limit { return hits }
            }
        }
        return hits
    }
}
