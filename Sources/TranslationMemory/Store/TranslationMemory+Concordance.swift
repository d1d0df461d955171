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

    public init(id: Int64, source: String, target: String, sourceLanguage: String, targetLanguage: String,
                sourceHits: [Range<Int>], targetHits: [Range<Int>]) {
        self.id = id
        self.source = source
        self.target = target
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.sourceHits = sourceHits
        self.targetHits = targetHits
    }
}

extension TranslationMemory {
    /// Entries whose source or target contains every word of `text`, oldest first. Words are
    /// compared by match key (`negotiations` finds `negotiation`); Korean words without their
    /// trailing particles are found in Korean text with spaces ignored, so `안보를` finds `안보는`
    /// and `바탕화면` finds `바탕 화면`.
    public func concordance(_ text: String, limit: Int = 20) throws -> [ConcordanceHit] {
        defer { db.releaseAll() }
        warnIfStale()
        let query = AnalyzedSide(segmenter.analyze(text))
        let concordance = ConcordanceQuery(text, segmenter: segmenter)
        let keys = concordance.keys
        guard !keys.isEmpty else { return [] }
        var hits: [ConcordanceHit] = []
        var seen = Set<Int64>()
        let languages = Set(try storedLanguages().map { LanguageTag($0)?.language ?? $0 })
        let hangul = text.unicodeScalars.contains { $0.value >= 0xAC00 && $0.value <= 0xD7A3 }
        if hangul, languages.contains("ko") {
            try spacingVariants(of: text, query: query, limit: limit, into: &hits, seen: &seen)
        }
        for language in languages.sorted() where !(hangul && language == "ko") {
            // The rarest key's postings are the candidates; each is checked for all keys.
            let dfStatement = try db.statement("SELECT sum(count) FROM posting WHERE term = ?")
            var rarest: (Int64, Int)?
            var missing = false
            for key in keys {
                let term = ConcordanceQuery.term(language: language, key: key)
                dfStatement.reset()
                dfStatement.bind(1, term)
                let df = try dfStatement.step() ? dfStatement.int(0) : 0
                if df == 0 { missing = true; break }
                if rarest == nil || df < rarest!.1 { rarest = (term, df) }
            }
            guard !missing, let (term, _) = rarest else { continue }
            let sides = try postingSides(of: term)
            for sideID in sides {
                guard let c = try candidate(sideID), !seen.contains(c.id), let hit = concordance.hit(c, sideID: sideID) else { continue }
                seen.insert(c.id)
                hits.append(hit)
                if hits.count >= limit { return hits }
            }
        }
        return hits
    }

    /// Korean words written with other spacing (`바탕화면` / `바탕 화면`): entries whose Hangul
    /// text, spaces ignored, contains each query word without its trailing particles.
    private func spacingVariants(
        of text: String, query: AnalyzedSide, limit: Int, into hits: inout [ConcordanceHit], seen: inout Set<Int64>
    ) throws {
        let scalars = Array(text.unicodeScalars)
        var needles: [[Unicode.Scalar]] = []
        var word: [StoredToken] = []
        func close() {
            while let last = word.last, last.kind == .particle || last.kind == .punctuation { word.removeLast() }
            if let first = word.first, let last = word.last {
                let n = scalars[first.start..<last.end].filter { $0 != " " }
                if n.contains(where: { $0.value >= 0xAC00 && $0.value <= 0xD7A3 }) { needles.append(Array(n)) }
            }
            word.removeAll()
        }
        for t in query.tokens {
            if let last = word.last, last.end < t.start { close() }
            word.append(t)
        }
        close()
        guard !needles.isEmpty, needles.allSatisfy({ $0.count >= 2 }) else { return }
        // The rarest Hangul bigram of the needles gives the candidates.
        let df = try db.statement("SELECT sum(count) FROM posting WHERE term = ?")
        var rarest: (Int64, Int)?
        for needle in needles {
            for bigram in IndexTerms.hangulBigrams(String(String.UnicodeScalarView(needle))) {
                let term = IndexTerms.hash("ko", "h", bigram)
                df.reset()
                df.bind(1, term)
                let n = try df.step() ? df.int(0) : 0
                if n == 0 { return }
                if rarest == nil || n < rarest!.1 { rarest = (term, n) }
            }
        }
        guard let (term, _) = rarest else { return }
        let sides = try postingSides(of: term)
        for sideID in sides where hits.count < limit {
            guard let c = try candidate(sideID), !seen.contains(c.id) else { continue }
            let entry = Array(c.sideText.unicodeScalars)
            var offsets: [Int] = []
            var packed: [Unicode.Scalar] = []
            for (i, u) in entry.enumerated() where u != " " {
                packed.append(u)
                offsets.append(i)
            }
            var ranges: [Range<Int>] = []
            for needle in needles {
                guard let at = Self.find(needle, in: packed) else { ranges = []; break }
                ranges.append(offsets[at]..<(offsets[at + needle.count - 1] + 1))
            }
            guard !ranges.isEmpty else { continue }
            seen.insert(c.id)
            let fromSource = sideID & 1 == 0
            hits.append(ConcordanceHit(
                id: c.id,
                source: fromSource ? c.sideText : c.otherText, target: fromSource ? c.otherText : c.sideText,
                sourceLanguage: fromSource ? c.sideLanguage : c.otherLanguage,
                targetLanguage: fromSource ? c.otherLanguage : c.sideLanguage,
                sourceHits: fromSource ? ranges : [], targetHits: fromSource ? [] : ranges))
        }
    }

    static func find(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar]) -> Int? {
        guard needle.count <= hay.count else { return nil }
        outer: for i in 0...(hay.count - needle.count) {
            for j in needle.indices where hay[i + j] != needle[j] { continue outer }
            return i
        }
        return nil
    }

    /// Every side id in the posting blocks of `term`, in block order.
    func postingSides(of term: Int64) throws -> [Int64] {
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
        return sides
    }
}
