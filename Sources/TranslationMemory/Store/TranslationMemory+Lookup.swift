import Foundation
import SQLiteKit
import Segmentation
import TMCore

/// How to look up a text.
public struct LookupOptions: Sendable {
    /// Matches below this score are dropped.
    public var minScore = 75
    public var limit = 5
    /// The language of the query; default: Korean if the query has Hangul, else the store's other language.
    public var sourceLanguage: LanguageTag?
    /// The language of the translations wanted; default: the other side of each entry.
    public var targetLanguage: LanguageTag?
    /// With a context (such as a PO msgctxt), an exact match with the same context scores 101.
    public var context: String?
    /// Candidates the index passes to the scorer.
    public var candidates = 48
    /// Score every entry instead of using the index (slow; for checking the index).
    public var exhaustive = false
    /// Below 75, also make the wide index pass when the narrow one found nothing of 75 or more
    /// (off: the narrow pass only, as lookups were before it; for benchmarks).
    public var widePass = true
    /// Also compute the marked difference of each match's source from the query.
    public var withDiff = false

    public init(minScore: Int = 75, limit: Int = 5, sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil,
                context: String? = nil, exhaustive: Bool = false, withDiff: Bool = false) {
        self.minScore = minScore
        self.limit = limit
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.context = context
        self.exhaustive = exhaustive
        self.withDiff = withDiff
    }
}

/// One match: `source` is the side in the query's language, `target` the other side.
public struct TMMatch: Sendable, Hashable {
    public var score: Int
    /// The entry's id in the store.
    public var id: Int64
    public var source: String
    public var target: String
    public var sourceLanguage: String
    public var targetLanguage: String
    /// The unit's own id (TMX tuid), if it had one.
    public var tuid: String?
    public var context: String?
    /// How many times the imports saw this entry.
    public var seen: Int = 1
    /// The entry's date (changed, else created, else imported), as seconds since 1970.
    public var date: Int64?
    /// `source` with `[-words not in the query-]` and `{+query words missing+}` marked (with `withDiff`).
    public var diff: String?
}

extension TMMatch {
    /// How well an entry's context suits a query's at equal score: 2 the same (no context
    /// counts as the same as none), 1 none, 0 another.
    public static func contextRank(_ context: String?, query: String?) -> Int {
        let c = context.flatMap { $0.isEmpty ? nil : $0 }, q = query.flatMap { $0.isEmpty ? nil : $0 }
        if c == q { return 2 }
        return c == nil ? 1 : 0
    }
}

extension TranslationMemory {
    /// The best matches for `text`, best first.
    public func lookup(_ text: String, options: LookupOptions = LookupOptions()) throws -> [TMMatch] {
        defer { db.releaseAll() }
        warnIfStale()
        let language = try queryLanguage(for: text, options: options)
        let query = AnalyzedSide(segmenter.analyze(text))
        let scorer = FuzzyScorer(query: query, text: text)
        var matches: [TMMatch] = []
        let consider: (Candidate) -> Void = { c in
            guard LanguageTag(c.sideLanguage)?.language == language else { return }
            if let t = options.targetLanguage, LanguageTag(c.otherLanguage)?.sameLanguage(as: t) != true { return }
            var score = scorer.score(c.side, text: c.sideText)
            if score == 100, let ctx = options.context, c.context == ctx { score = 101 }
            guard score >= options.minScore else { return }
            matches.append(TMMatch(
                score: score, id: c.id, source: c.sideText, target: c.otherText, sourceLanguage: c.sideLanguage,
                targetLanguage: c.otherLanguage, tuid: c.tuid, context: c.context, seen: c.seen, date: c.date,
                diff: options.withDiff ? scorer.diff(c.side, text: c.sideText) : nil))
        }
        if options.exhaustive {
            try forEachCandidate(consider)
        } else {
            var scored = Set<Int64>()
            for sideID in try candidates(query: query, text: text, language: language, breadth: .narrow(options.candidates)) {
                scored.insert(sideID)
                if let c = try candidate(sideID) { consider(c) }
            }
            // Low thresholds: when nothing of 75 or more turned up, the best match shares mostly
            // common words with the query; a wider pass reads their postings too.
            if options.widePass, options.minScore < Self.widenBelow, (matches.map(\.score).max() ?? 0) < Self.widenBelow {
                for sideID in try candidates(query: query, text: text, language: language, breadth: .wide)
                where scored.insert(sideID).inserted {
                    if let c = try candidate(sideID) { consider(c) }
                }
            }
        }
        // Equal scores: the query's context first, then entries without one, then other contexts;
        // then the more frequent translation, the more recent, the older entry.
        let rank = { (m: TMMatch) -> Int in TMMatch.contextRank(m.context, query: options.context) }
        matches.sort { ($0.score, rank($0), $0.seen, $0.date ?? 0, -$0.id) > ($1.score, rank($1), $1.seen, $1.date ?? 0, -$1.id) }
        var seen = Set<[String]>()
        var out: [TMMatch] = []
        for m in matches where seen.insert([m.source, m.target]).inserted {
            out.append(m)
            if out.count == options.limit { break }
        }
        return out
    }

    func queryLanguage(for text: String, options: LookupOptions) throws -> String {
        if let l = options.sourceLanguage { return l.language }
        let stored = try storedLanguages().map { LanguageTag($0)?.language ?? $0 }
        if text.unicodeScalars.contains(where: { $0.value >= 0xAC00 && $0.value <= 0xD7A3 }) { return "ko" }
        let others = stored.filter { $0 != "ko" && $0 != options.targetLanguage?.language }
        if others.contains("en") { return "en" }
        return others.first ?? "en"
    }

    /// Language codes present in the store.
    public func storedLanguages() throws -> [String] {
        (try meta("languages") ?? "").split(separator: " ").map(String.init)
    }

    /// An entry seen from one side.
    struct Candidate {
        var id: Int64
        var side: AnalyzedSide
        var sideText: String
        var sideLanguage: String
        var otherText: String
        var otherLanguage: String
        var tuid: String?
        var context: String?
        var seen: Int
        var date: Int64?
    }

    /// The reusable score accumulator, grown to hold `sides` side ids.
    func accumulator(sides: Int) -> Accumulator {
        scratch.grow(to: sides)
        return scratch
    }

    private static let entryColumns = """
        id, source_lang, target_lang, source, target, source_tokens, target_tokens, tuid, context, seen,
        coalesce(changed, created, imported)
        """

    func candidate(_ sideID: Int64) throws -> Candidate? {
        let s = try db.statement("SELECT \(Self.entryColumns) FROM entry WHERE id = ?")
        s.bind(1, sideID >> 1)
        guard try s.step() else { return nil }
        return try candidate(s, side: Int(sideID & 1))
    }

    func candidate(_ s: SQLiteStatement, side: Int) throws -> Candidate {
        let src = side == 0
        let id = s.int64(0)
        let analysis: AnalyzedSide
        do {
            analysis = try s.withBlob(src ? 5 : 6) { raw throws(AnalyzedSide.Damaged) in try AnalyzedSide(decoding: raw) }
        } catch {
            throw TranslationMemoryError.damagedEntry(path: path, id: id)
        }
        return Candidate(
            id: id,
            side: analysis,
            sideText: s.string(src ? 3 : 4) ?? "", sideLanguage: s.string(src ? 1 : 2) ?? "",
            otherText: s.string(src ? 4 : 3) ?? "", otherLanguage: s.string(src ? 2 : 1) ?? "",
            tuid: s.string(7), context: s.string(8), seen: s.int(9), date: s.isNull(10) ? nil : s.int64(10))
    }

    /// Every entry from both sides (the brute-force scan).
    func forEachCandidate(_ body: (Candidate) -> Void) throws {
        let s = try db.statement("SELECT \(Self.entryColumns) FROM entry ORDER BY id")
        while try s.step() {
            body(try candidate(s, side: 0))
            body(try candidate(s, side: 1))
        }
    }

    /// Side ids worth scoring: entries with the same keys (exact and near-exact), then those
    /// sharing the most, and rarest, index terms, weighted by IDF and length similarity.
    /// Below this best score, a lookup with a lower threshold makes the wide pass.
    static let widenBelow = 75

    /// How much of the index a lookup reads.
    enum Breadth {
        /// Rare terms only, a few candidates: enough for matches of 75 and more.
        case narrow(Int)
        /// Common terms too, many candidates: for the best of weaker matches.
        case wide
    }

    func candidates(query: AnalyzedSide, text: String, language: String, breadth: Breadth) throws -> [Int64] {
        var result: [Int64] = []
        var seen = Set<Int64>()
        let keysHash = query.keysHash
        for (column, side) in [("source_khash", Int64(0)), ("target_khash", Int64(1))] {
            let s = try db.statement("SELECT id FROM entry WHERE \(column) = ? LIMIT 50")
            s.bind(1, keysHash)
            while try s.step() {
                let id = s.int64(0) * 2 + side
                if seen.insert(id).inserted { result.append(id) }
            }
        }
        let terms = IndexTerms.terms(of: query, text: text, language: language)
        guard !terms.isEmpty else { return result }
        let sides = Double(max(1, (try db.integer("SELECT max(id) FROM entry") ?? 0) * 2))
        let dfStatement = try db.statement("SELECT sum(count) FROM posting WHERE term = ?")
        var withDF: [(term: Int64, df: Int)] = []
        for term in terms {
            dfStatement.reset()
            dfStatement.bind(1, term)
            if try dfStatement.step() {
                let df = dfStatement.int(0)
                if df > 0 { withDF.append((term, df)) }
            }
        }
        withDF.sort { $0.df < $1.df }
        // Terms too common to be worth reading are skipped (unless they are the rarest the
        // query has); the total postings read per lookup are bounded.
        let maxDF: Int, budget: Int, limit: Int
        switch breadth {
        case let .narrow(n): (maxDF, budget, limit) = (max(2_000, Int(sides / 200)), 24_000, n)
        case .wide: (maxDF, budget, limit) = (max(20_000, Int(sides / 4)), 600_000, 320)
        }
        var used = 0
        let scratch = accumulator(sides: Int(sides) + 2)
        defer { scratch.clear() }
        let postings = try db.statement("SELECT ids FROM posting WHERE term = ?")
        for (index, entry) in withDF.enumerated() {
            if index > 0 && (entry.df > maxDF || used + entry.df > budget) { break }
            used += entry.df
            let idf = Float(log(1 + sides / Double(entry.df)))
            postings.reset()
            postings.bind(1, entry.term)
            while try postings.step() {
                postings.withBlob(0) { raw in
                    let b = raw.bindMemory(to: UInt8.self)
                    var i = 0
                    var side: UInt64 = 0
                    while i < b.count {
                        side &+= Varint.read(b, &i)
                        let n = b[i]
                        i += 1
                        scratch.add(Int(side), idf, terms: n)
                    }
                }
            }
        }
        guard !scratch.touched.isEmpty else { return result }
        let nQ = Float(terms.count)
        var best: Float = 0
        for id in scratch.touched where scratch.weight[id] > best { best = scratch.weight[id] }
        let floor = best * 0.3
        var ranked: [(Float, Int64)] = []
        ranked.reserveCapacity(256)
        for id in scratch.touched where scratch.weight[id] >= floor {
            let nE = Float(max(1, scratch.terms[id]))
            ranked.append((scratch.weight[id] * min(nQ, nE) / max(nQ, nE), Int64(id)))
        }
        // Ties broken by id, so the candidates never depend on the order postings were read in.
        ranked.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        for (_, id) in ranked.prefix(limit) where seen.insert(id).inserted { result.append(id) }
        return result
    }
}

/// Per-side candidate weights for one lookup: flat arrays indexed by side id (no hashing),
/// reused across lookups; only the touched slots are reset afterwards.
final class Accumulator {
    private(set) var weight = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private(set) var terms = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private(set) var capacity = 0
    var touched: [Int] = []

    deinit {
        weight.deallocate()
        terms.deallocate()
    }

    func grow(to n: Int) {
        guard n > capacity else { return }
        let target = max(n, capacity * 3 / 2)
        let w = UnsafeMutablePointer<Float>.allocate(capacity: target)
        w.initialize(repeating: 0, count: target)
        w.update(from: weight, count: capacity)
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: target)
        t.initialize(repeating: 0, count: target)
        t.update(from: terms, count: capacity)
        weight.deallocate()
        terms.deallocate()
        weight = w
        terms = t
        capacity = target
    }

    @inline(__always)
    func add(_ side: Int, _ w: Float, terms n: UInt8) {
        guard side < capacity else { return }
        if weight[side] == 0 { touched.append(side) }
        weight[side] += w
        terms[side] = n
    }

    func clear() {
        for i in touched { weight[i] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}
