/// The best translation-memory match for one segment.
public struct PretranslationMatch: Sendable, Hashable {
    /// 0–100; 101 is an exact match whose context matches too.
    public var score: Int
    /// The memory's source text.
    public var source: String
    /// The memory's target text.
    public var target: String
    /// The entry's id in its memory, if known.
    public var id: String?
    /// Where the match comes from (written as `origin` in XLIFF).
    public var origin: String
    /// For a repaired fill: the score of the match as the memory gave it (`score` is the repaired one).
    public var originalScore: Int?
    /// For a repaired fill: what was patched (`number 5 → 6`, `term 파일 → 폴더`...).
    public var repairs: [String] = []
    /// For a repaired fill: the target as the memory has it (`target` is the repaired one).
    public var originalTarget: String?
    /// The new source's inline codes that could not be placed in the target and were appended.
    public var unplacedCodes = 0
    /// Whether the fill was repaired (patched to fit the new source).
    public var isRepaired: Bool { originalScore != nil && !repairs.isEmpty }

    /// `repaired: 87 → 100; number 5 → 6`, for a note or comment; nil when not repaired.
    public var repairNote: String? {
        guard let originalScore, !repairs.isEmpty else { return nil }
        return "repaired \(originalScore) → \(score): " + repairs.joined(separator: "; ")
    }

    public init(score: Int, source: String, target: String, id: String? = nil, origin: String = "tmkit") {
        self.score = score
        self.source = source
        self.target = target
        self.id = id
        self.origin = origin
    }
}

/// A glossary term found in a segment.
public struct SpottedTerm: Sendable, Hashable {
    /// The term as the glossary has it.
    public var term: String
    /// Its translations, preferred first.
    public var translations: [String]
    /// The text of the segment where it was found.
    public var surface: String

    public init(term: String, translations: [String], surface: String) {
        self.term = term
        self.translations = translations
        self.surface = surface
    }

    /// `term → t1; t2`, as written in notes.
    public var noteText: String {
        translations.isEmpty ? term : "\(term) → \(translations.joined(separator: "; "))"
    }
}

/// Finds the best translation-memory match for a segment. One instance serves one thread;
/// `Pretranslator` asks its factory for one per worker.
public protocol MatchProvider {
    /// The best match from `languages.source` to `languages.target` scoring at least `minScore`, or nil.
    func bestMatch(for segment: String, context: String?, languages: LanguagePair, minScore: Int) throws -> PretranslationMatch?
}

/// Finds glossary terms in a segment. One instance serves all threads.
public protocol TermSpotter: Sendable {
    /// The terms of `languages.source` found in `segment`, in text order, each once, with
    /// their translations into `languages.target`.
    func terms(in segment: String, languages: LanguagePair) throws -> [SpottedTerm]

    /// Called once before the first `terms(in:languages:)` with the segments of the batch, so
    /// a spotter that reads a store can fetch what they need in a few queries. The default
    /// does nothing.
    func prepare(_ segments: [String]) throws
}

extension TermSpotter {
    public func prepare(_ segments: [String]) throws {}
}

/// A spotter that finds nothing (no glossary).
public struct NoTermSpotter: TermSpotter {
    public init() {}
    public func terms(in segment: String, languages: LanguagePair) -> [SpottedTerm] { [] }
}
