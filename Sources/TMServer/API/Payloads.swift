import Foundation
import PostgresStore
import Terminology
import TMCore
import TranslationMemory

// The JSON bodies of the API, as openapi.json describes them.

/// One match, as lookups answer it (read back by `tm lookup --server`).
public struct MatchPayload: Codable, Sendable {
    public var score: Int
    public var id: Int64
    public var source: String
    public var target: String
    public var sourceLanguage: String
    public var targetLanguage: String
    public var tuid: String?
    public var context: String?
    public var diff: String?

    /// The match it carries.
    public var match: TMMatch {
        TMMatch(score: score, id: id, source: source, target: target, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                tuid: tuid, context: context, diff: diff)
    }

    init(_ m: TMMatch) {
        score = m.score
        id = m.id
        source = m.source
        target = m.target
        sourceLanguage = m.sourceLanguage
        targetLanguage = m.targetLanguage
        tuid = m.tuid
        context = m.context
        diff = m.diff
    }
}

/// A lookup's answer.
public struct LookupPayload: Codable, Sendable {
    public var query: String
    public var matches: [MatchPayload]
}

/// The batch lookup route's body: the queries, and options that override the URL's.
public struct BatchLookupRequest: Codable, Sendable {
    public var queries: [String]
    public var minScore: Int?
    public var limit: Int?
    public var sourceLanguage: String?
    public var targetLanguage: String?

    public init(queries: [String], minScore: Int? = nil, limit: Int? = nil, sourceLanguage: String? = nil, targetLanguage: String? = nil) {
        self.queries = queries
        self.minScore = minScore
        self.limit = limit
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }
}

/// The batch lookup route's answer: one result per query, in order.
public struct BatchLookupPayload: Codable, Sendable {
    public var results: [LookupPayload]
}

/// The concordance route's answer: the entries holding the words, with the hits as
/// `[start, end]` character offsets.
public struct ConcordancePayload: Codable, Sendable {
    public struct Hit: Codable, Sendable {
        var id: Int64
        var source: String
        var target: String
        var sourceLanguage: String
        var targetLanguage: String
        var sourceHits: [[Int]]
        var targetHits: [[Int]]
    }
    public var query: String
    public var hits: [Hit]

    init(query: String, hits: [ConcordanceHit]) {
        self.query = query
        self.hits = hits.map {
            Hit(id: $0.id, source: $0.source, target: $0.target, sourceLanguage: $0.sourceLanguage, targetLanguage: $0.targetLanguage,
                sourceHits: $0.sourceHits.map { [$0.lowerBound, $0.upperBound] }, targetHits: $0.targetHits.map { [$0.lowerBound, $0.upperBound] })
        }
    }

    /// The hits as the stores give them.
    public var concordanceHits: [ConcordanceHit] {
        hits.map { h in
            let ranges = { (pairs: [[Int]]) in pairs.compactMap { $0.count == 2 && $0[0] <= $0[1] ? $0[0]..<$0[1] : nil } }
            return ConcordanceHit(id: h.id, source: h.source, target: h.target, sourceLanguage: h.sourceLanguage,
                                  targetLanguage: h.targetLanguage, sourceHits: ranges(h.sourceHits), targetHits: ranges(h.targetHits))
        }
    }
}

/// A change to an entry: fields left out stay as they are; `"context": null` removes the context.
struct EntryPatch: Decodable, Sendable {
    var source: String?
    var target: String?
    var context: String??

    enum CodingKeys: String, CodingKey { case source, target, context }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        target = try c.decodeIfPresent(String.self, forKey: .target)
        if c.contains(.context) {
            context = .some(try c.decodeNil(forKey: .context) ? nil : try c.decode(String.self, forKey: .context))
        }
    }
}

/// What `stats` answers for a memory.
public struct StatsPayload: Codable, Sendable {
    public struct Pair: Codable, Sendable {
        public var source: String
        public var target: String
        public var entries: Int
    }
    public var memory: String
    public var backend: String
    public var entries: Int
    public var languagePairs: [Pair]
    public var bytes: Int64
    public var indexTerms: Int
    public var schemaVersion: Int
}

struct MemoriesPayload: Codable, Sendable {
    var memories: [String]
}

struct HealthPayload: Codable, Sendable {
    var status: String
    var backend: String
}

struct GlossaryMatchPayload: Codable, Sendable {
    var query: String
    var matches: [GlossaryIndex.Match]
}

/// The spot route's body: the text, the lowest score of a translation shown (default 0) and
/// the most translations shown per term (default 3).
public struct SpotRequest: Codable, Sendable {
    public var text: String
    public var minScore: Double?
    public var maxTranslations: Int?

    public init(text: String, minScore: Double? = nil, maxTranslations: Int? = nil) {
        self.text = text
        self.minScore = minScore
        self.maxTranslations = maxTranslations
    }
}

/// The spot route's answer: the text's sentences and the terms found in them.
public struct SpotPayload: Codable, Sendable {
    public var sentences: [String]
    public var spots: [TermSpotter.Spot]
}

struct TokenRequest: Codable, Sendable {
    var scope: String
    var memory: String?
    var label: String?
}

struct TokenPayload: Codable, Sendable {
    var id: String
    var scope: String
    var memory: String?
    var label: String?
    var created: Date
    var revoked: Date?
    /// Only in the answer that creates the token.
    var token: String?
}

struct TokensPayload: Codable, Sendable {
    var tokens: [TokenPayload]
}

/// Weblate's tmserver answers.
struct WeblateLanguages: Codable, Sendable {
    var sourceLanguages: [String]
    var targetLanguages: [String]
}

struct WeblateUnit: Codable, Sendable {
    var source: String
    var target: String
    var quality: Int
    var rank: Int
}
