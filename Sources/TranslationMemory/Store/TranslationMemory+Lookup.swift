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
    /// Candidates the wide pass passes to the scorer.
    public var wideCandidates = 1_000
    /// The wide pass keeps candidates whose index weight is at least this share of the best's,
    /// so entries sharing only common words with the query stay in when another shares a rare one.
    public var wideFloor: Float = 0.1
    /// How many of the wide pass's candidates are those sharing the largest share of index
    /// terms with the query, however common, without the floor (the rest are chosen by IDF
    /// weight): the edit score of a weak match follows the words it shares, not their rarity.
    public var wideByOverlap = 250
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

    public init(score: Int, id: Int64, source: String, target: String, sourceLanguage: String, targetLanguage: String,
                tuid: String? = nil, context: String? = nil, seen: Int = 1, date: Int64? = nil, diff: String? = nil) {
        self.score = score
        self.id = id
        self.source = source
        self.target = target
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.tuid = tuid
        self.context = context
        self.seen = seen
        self.date = date
        self.diff = diff
    }
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
        let query = LookupQuery(text, options: options, storedLanguages: try storedLanguages(), segmenter: segmenter)
        var matches: [TMMatch] = []
        if options.exhaustive {
            try forEachCandidate { if let m = query.match($0) { matches.append(m) } }
        } else {
            var scored = Set<Int64>()
            for sideID in try candidates(query, breadth: .narrow(options.candidates)) {
                scored.insert(sideID)
                if let c = try candidate(sideID), let m = query.match(c) { matches.append(m) }
            }
            // Low thresholds: when nothing of 75 or more turned up, the best match shares mostly
            // common words with the query; a wider pass reads their postings too.
            if query.needsWidePass(after: matches) {
                for sideID in try candidates(query, breadth: query.wide) where scored.insert(sideID).inserted {
                    if let c = try candidate(sideID), let m = query.match(c) { matches.append(m) }
                }
            }
        }
        return query.best(matches)
    }

    func queryLanguage(for text: String, options: LookupOptions) throws -> String {
        LookupQuery.language(of: text, options: options, storedLanguages: try storedLanguages())
    }

    /// Language codes present in the store.
    public func storedLanguages() throws -> [String] {
        (try meta("languages") ?? "").split(separator: " ").map(String.init)
    }

    /// An entry seen from one side.
    typealias Candidate = StoredCandidate

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
    func candidates(_ query: LookupQuery, breadth: LookupQuery.Breadth) throws -> [Int64] {
        var result: [Int64] = []
        var seen = Set<Int64>()
        for (column, side) in [("source_khash", Int64(0)), ("target_khash", Int64(1))] {
            let s = try db.statement("SELECT id FROM entry WHERE \(column) = ? LIMIT \(LookupQuery.exactLimit)")
            s.bind(1, query.keysHash)
            while try s.step() {
                let id = s.int64(0) * 2 + side
                if seen.insert(id).inserted { result.append(id) }
            }
        }
        guard !query.terms.isEmpty else { return result }
        let sides = Double(max(1, (try db.integer("SELECT max(id) FROM entry") ?? 0) * 2))
        let dfStatement = try db.statement("SELECT sum(count) FROM posting WHERE term = ?")
        var dfs: [Int64: Int] = [:]
        for term in query.terms {
            dfStatement.reset()
            dfStatement.bind(1, term)
            if try dfStatement.step() { dfs[term] = dfStatement.int(0) }
        }
        let scratch = accumulator(sides: Int(sides) + 2)
        defer { scratch.clear() }
        let postings = try db.statement("SELECT ids FROM posting WHERE term = ?")
        for (term, idf) in query.termsToRead(documentFrequencies: dfs, sides: sides, breadth: breadth) {
            postings.reset()
            postings.bind(1, term)
            while try postings.step() {
                postings.withBlob(0) { LookupQuery.accumulate($0, idf: idf, into: scratch) }
            }
        }
        for id in query.ranked(scratch, breadth: breadth, sides: sides) where seen.insert(id).inserted { result.append(id) }
        return result
    }
}

/// Per-side candidate weights for one lookup: flat arrays indexed by side id (no hashing),
/// reused across lookups; only the touched slots are reset afterwards.
package final class Accumulator {
    package init() {}

    /// The summed IDF of the query terms each side shares.
    private(set) var weight = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    /// Each side's own count of index terms.
    private(set) var terms = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    /// How many of the query's terms (of those read) each side shares.
    private(set) var shared = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private(set) var capacity = 0
    var touched: [Int] = []

    deinit {
        weight.deallocate()
        terms.deallocate()
        shared.deallocate()
    }

    package func grow(to n: Int) {
        guard n > capacity else { return }
        let target = max(n, capacity * 3 / 2)
        let w = UnsafeMutablePointer<Float>.allocate(capacity: target)
        w.initialize(repeating: 0, count: target)
        w.update(from: weight, count: capacity)
        weight.deallocate()
        weight = w
        terms = Self.grown(terms, from: capacity, to: target)
        shared = Self.grown(shared, from: capacity, to: target)
        capacity = target
    }

    private static func grown(_ old: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> UnsafeMutablePointer<UInt8> {
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: to)
        new.initialize(repeating: 0, count: to)
        new.update(from: old, count: from)
        old.deallocate()
        return new
    }

    @inline(__always)
    func add(_ side: Int, _ w: Float, terms n: UInt8) {
        guard side < capacity else { return }
        if weight[side] == 0 { touched.append(side) }
        weight[side] += w
        terms[side] = n
        if shared[side] < 255 { shared[side] += 1 }
    }

    package func clear() {
        for i in touched {
            weight[i] = 0
            shared[i] = 0
        }
        touched.removeAll(keepingCapacity: true)
    }
}
