import Segmentation
import TMCore

/// The store-independent half of a concordance search: the query's keys, the index term of
/// each key, and the check that an entry's side holds every key. The SQLite store and the
/// PostgreSQL store (PostgresStore) both use it.
package struct ConcordanceQuery {
    /// Match keys of the query's content words (or of all its words when it has none).
    package let keys: Set<String>

    package init(_ text: String, segmenter: Segmenter) {
        let query = AnalyzedSide(segmenter.analyze(text))
        var keys = Set(query.tokens.filter { $0.kind.isContent || $0.kind == .placeholder }.map(\.key))
        if keys.isEmpty { keys = Set(query.matchTokens.map(\.key)) }
        self.keys = keys
    }

    /// The index term of a word key in `language`.
    package static func term(language: String, key: String) -> Int64 { IndexTerms.hash(language, "w", key) }

    /// The hit an entry seen from the side `sideID` makes, or nil when that side lacks a key.
    package func hit(_ c: StoredCandidate, sideID: Int64) -> ConcordanceHit? {
        let ranges = c.side.tokens.filter { keys.contains($0.key) }
        guard Set(ranges.map(\.key)) == keys else { return nil }
        let fromSource = sideID & 1 == 0
        let hitRanges = ranges.map { $0.start..<$0.end }
        return ConcordanceHit(
            id: c.id,
            source: fromSource ? c.sideText : c.otherText, target: fromSource ? c.otherText : c.sideText,
            sourceLanguage: fromSource ? c.sideLanguage : c.otherLanguage,
            targetLanguage: fromSource ? c.otherLanguage : c.sideLanguage,
            sourceHits: fromSource ? hitRanges : [], targetHits: fromSource ? [] : hitRanges)
    }
}
