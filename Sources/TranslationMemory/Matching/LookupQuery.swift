import Foundation
import Segmentation
import TMCore

/// Everything in a lookup that does not depend on where entries are stored: the query's
/// analysis, its index terms, which postings are worth reading, the ranking of candidates
/// and their scores. The SQLite store and the PostgreSQL store (PostgresStore) both fetch
/// rows and hand them here, so a lookup gives the same matches and scores on either.
package struct LookupQuery {
    package let text: String
    /// The query's language (ISO 639 code, no region).
    package let language: String
    package let options: LookupOptions
    let analyzed: AnalyzedSide
    let scorer: FuzzyScorer
    /// Hash of the query's match keys: entries with the same hash are near-exact matches.
    package let keysHash: Int64
    /// The query's index terms.
    package let terms: [Int64]

    /// Exact-key candidates read per side before the index.
    package static let exactLimit = 50

    package init(_ text: String, options: LookupOptions, storedLanguages: [String], segmenter: Segmenter) {
        self.text = text
        self.options = options
        language = Self.language(of: text, options: options, storedLanguages: storedLanguages)
        analyzed = AnalyzedSide(segmenter.analyze(text))
        scorer = FuzzyScorer(query: analyzed, text: text)
        keysHash = analyzed.keysHash
        terms = IndexTerms.terms(of: analyzed, text: text, language: language)
    }

    /// The query's language: the option, else Korean for Hangul text, else English or the store's other language.
    package static func language(of text: String, options: LookupOptions, storedLanguages: [String]) -> String {
        if let l = options.sourceLanguage { return l.language }
        let stored = storedLanguages.map { LanguageTag($0)?.language ?? $0 }
        if text.unicodeScalars.contains(where: { $0.value >= 0xAC00 && $0.value <= 0xD7A3 }) { return "ko" }
        let others = stored.filter { $0 != "ko" && $0 != options.targetLanguage?.language }
        if others.contains("en") { return "en" }
        return others.first ?? "en"
    }

    /// Below this best score, a lookup with a lower threshold makes the wide pass.
    package static let widenBelow = 75

    /// How much of the index a lookup reads.
    package enum Breadth: Sendable {
        /// Rare terms only, a few candidates: enough for matches of 75 and more.
        case narrow(Int)
        /// Common terms too, for the best of weaker matches, which may share only common words
        /// with the query: `limit` candidates, of which `byOverlap` are those sharing the largest
        /// share of terms with the query whatever their rarity, and the rest those of the most
        /// IDF weight that have at least `floor` of the best candidate's.
        case wide(limit: Int, floor: Float, byOverlap: Int)

        /// Most frequent term read (except the rarest), postings read in all, candidates kept,
        /// the least share of the best candidate's weight a candidate must have, and how many
        /// candidates are chosen by overlap.
        func bounds(sides: Double) -> (maxDF: Int, budget: Int, limit: Int, floor: Float, byOverlap: Int) {
            switch self {
            case let .narrow(n): (max(2_000, Int(sides / 200)), 24_000, n, 0.3, 0)
            case let .wide(n, floor, overlap): (max(20_000, Int(sides / 4)), 600_000, n, floor, min(n, overlap))
            }
        }
    }

    /// The wide pass of this lookup's options.
    package var wide: Breadth {
        .wide(limit: options.wideCandidates, floor: options.wideFloor, byOverlap: options.wideByOverlap)
    }

    /// Whether a lookup should make the wide pass after the narrow one found `matches`: with a
    /// threshold below `widenBelow` and nothing of `widenBelow` or more, the best match shares
    /// mostly common words with the query, so the postings of those are read too.
    package func needsWidePass(after matches: [TMMatch]) -> Bool {
        options.widePass && options.minScore < Self.widenBelow && (matches.map(\.score).max() ?? 0) < Self.widenBelow
    }

    /// The terms whose postings are read, rarest first, with their IDF: terms too common to be
    /// worth reading are skipped (unless they are the rarest the query has), and the total
    /// postings read per lookup are bounded by `breadth`. `sides` is twice the highest entry id.
    package func termsToRead(documentFrequencies: [Int64: Int], sides: Double, breadth: Breadth) -> [(term: Int64, idf: Float)] {
        var withDF: [(term: Int64, df: Int)] = []
        for term in terms {
            if let df = documentFrequencies[term], df > 0 { withDF.append((term, df)) }
        }
        withDF.sort { $0.df < $1.df }
        let (maxDF, budget, _, _, _) = breadth.bounds(sides: sides)
        var used = 0
        var out: [(term: Int64, idf: Float)] = []
        for (index, entry) in withDF.enumerated() {
            if index > 0 && (entry.df > maxDF || used + entry.df > budget) { break }
            used += entry.df
            out.append((entry.term, Float(log(1 + sides / Double(entry.df)))))
        }
        return out
    }

    /// Adds one posting block of a term (delta-varint side ids, each followed by its term count).
    package static func accumulate(_ block: UnsafeRawBufferPointer, idf: Float, into scratch: Accumulator) {
        let b = block.bindMemory(to: UInt8.self)
        var i = 0
        var side: UInt64 = 0
        while i < b.count {
            side &+= Varint.read(b, &i)
            let n = b[i]
            i += 1
            scratch.add(Int(side), idf, terms: n)
        }
    }

    /// The best side ids of the accumulated weights for `breadth`, weighted by length similarity
    /// (and, for the wide pass's overlap share, those sharing the largest share of terms, ties
    /// by weight); ties broken by id, so candidates never depend on the order postings were read
    /// in. `sides` is twice the highest entry id.
    package func ranked(_ scratch: Accumulator, breadth: Breadth, sides: Double) -> [Int64] {
        guard !scratch.touched.isEmpty else { return [] }
        let (_, _, limit, share, overlapLimit) = breadth.bounds(sides: sides)
        let nQ = Float(terms.count)
        var best: Float = 0
        for id in scratch.touched where scratch.weight[id] > best { best = scratch.weight[id] }
        let floor = best * share
        var byWeight = TopCandidates(limit: limit - overlapLimit)
        var byOverlap = TopCandidates(limit: overlapLimit)
        for id in scratch.touched {
            let w = scratch.weight[id]
            let nE = Float(max(1, scratch.terms[id]))
            if w >= floor { byWeight.add(w * min(nQ, nE) / max(nQ, nE), Int64(id)) }
            if overlapLimit > 0 { byOverlap.add(Float(scratch.shared[id]) / max(nQ, nE) + 0.001 * w / best, Int64(id)) }
        }
        guard overlapLimit > 0 else { return byWeight.ids }
        var out = byWeight.ids
        var seen = Set(out)
        for id in byOverlap.ids where seen.insert(id).inserted { out.append(id) }
        return out
    }

    /// The match an entry seen from one side makes, or nil when it is filtered out or scores too low.
    package func match(_ c: StoredCandidate) -> TMMatch? {
        guard LanguageTag(c.sideLanguage)?.language == language else { return nil }
        if let t = options.targetLanguage, LanguageTag(c.otherLanguage)?.sameLanguage(as: t) != true { return nil }
        var score = scorer.score(c.side, text: c.sideText)
        if score == 100, let ctx = options.context, c.context == ctx { score = 101 }
        guard score >= options.minScore else { return nil }
        return TMMatch(
            score: score, id: c.id, source: c.sideText, target: c.otherText, sourceLanguage: c.sideLanguage,
            targetLanguage: c.otherLanguage, tuid: c.tuid, context: c.context, seen: c.seen, date: c.date,
            diff: options.withDiff ? scorer.diff(c.side, text: c.sideText) : nil)
    }

    /// Best first, one match per distinct source and target, at most `options.limit`. Equal
    /// scores: the query's context first, then entries without one, then other contexts; then
    /// the more frequent translation, the more recent, the older entry.
    package func best(_ matches: [TMMatch]) -> [TMMatch] {
        let rank = { (m: TMMatch) -> Int in TMMatch.contextRank(m.context, query: options.context) }
        let sorted = matches.sorted {
            ($0.score, rank($0), $0.seen, $0.date ?? 0, -$0.id) > ($1.score, rank($1), $1.seen, $1.date ?? 0, -$1.id)
        }
        var seen = Set<[String]>()
        var out: [TMMatch] = []
        for m in sorted where seen.insert([m.source, m.target]).inserted {
            out.append(m)
            if out.count == options.limit { break }
        }
        return out
    }
}

/// An entry seen from one side, as a store hands it to `LookupQuery`.
package struct StoredCandidate {
    package var id: Int64
    var side: AnalyzedSide
    package var sideText: String
    package var sideLanguage: String
    package var otherText: String
    package var otherLanguage: String
    package var tuid: String?
    package var context: String?
    /// How many times the imports saw the entry.
    package var seen: Int
    /// Changed, else created, else imported, in seconds since 1970.
    package var date: Int64?

    init(id: Int64, side: AnalyzedSide, sideText: String, sideLanguage: String, otherText: String, otherLanguage: String,
         tuid: String?, context: String?, seen: Int, date: Int64?) {
        self.id = id
        self.side = side
        self.sideText = sideText
        self.sideLanguage = sideLanguage
        self.otherText = otherText
        self.otherLanguage = otherLanguage
        self.tuid = tuid
        self.context = context
        self.seen = seen
        self.date = date
    }

    /// A candidate from stored columns; `tokens` is the side's stored analysis blob. Nil when the blob is damaged.
    package init?(id: Int64, tokens: UnsafeRawBufferPointer, sideText: String, sideLanguage: String, otherText: String,
                  otherLanguage: String, tuid: String?, context: String?, seen: Int, date: Int64?) {
        guard let side = try? AnalyzedSide(decoding: tokens) else { return nil }
        self.init(id: id, side: side, sideText: sideText, sideLanguage: sideLanguage,
                  otherText: otherText, otherLanguage: otherLanguage, tuid: tuid, context: context, seen: seen, date: date)
    }
}
