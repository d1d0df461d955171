import Segmentation
import TMCore

/// Finds glossary terms in text by match key, inflected Korean forms included
/// (`유럽안보를` contains the entry `유럽안보`), longest match first.
public struct TermSpotter: Sendable {
    /// A glossary term found in the text.
    public struct Spot: Sendable, Hashable, Codable {
        /// The text as it stands (particles after the term excluded).
        public var text: String
        /// Code-point offsets in the sentence.
        public var start: Int
        public var end: Int
        /// The sentence the spot is in (0-based).
        public var sentence: Int
        /// The glossary term matched and its translations, best first.
        public var term: String
        public var translations: [String]
        /// The status of each translation (candidate for unreviewed, machine-built ones).
        public var statuses: [TermStatus] = []
        public var score: Double
    }

    public let index: GlossaryIndex
    /// Most translations given per term (the best usable ones).
    public let maxTranslations: Int
    /// Translations scoring below this (0...1; machine-built candidates the aligner was unsure
    /// of) are not offered. Entries a person made score 1.
    public let minScore: Double

    public init(index: GlossaryIndex, maxTranslations: Int = 3, minScore: Double = 0) {
        self.index = index
        self.maxTranslations = max(1, maxTranslations)
        self.minScore = minScore
    }

    /// The keys the spotter asks the index for in `sentence` (analysed by `segmenter`): every
    /// run of up to `longestTerm + 1` content tokens, and the particle stems of single tokens.
    static func candidateKeys(_ sentence: String, segmenter: Segmenter, longestTerm: Int, into keys: inout Set<String>) {
        let segment = segmenter.analyze(sentence)
        let content = segment.tokens.filter { $0.kind.isContent }
        for k in content.indices {
            var key = ""
            for length in 1...min(longestTerm + 1, content.count - k) {
                key += content[k + length - 1].key
                keys.insert(key)
                if length == 1 { keys.formUnion(MatchRules.particleStems(content[k].key)) }
            }
        }
    }

    /// The sentences of `text` and the spots in each.
    public func spot(_ text: String) -> (sentences: [String], spots: [Spot]) {
        let sentences = index.segmenter.sentences(in: text).map(String.init)
        var spots: [Spot] = []
        for (n, sentence) in sentences.enumerated() {
            let segment = index.segmenter.analyze(sentence)
            let content = segment.tokens.indices.filter { segment.tokens[$0].kind.isContent }
            var k = 0
            while k < content.count {
                var matched = false
                for length in stride(from: min(index.longestTerm + 1, content.count - k), through: 1, by: -1) {
                    let tokens = content[k..<(k + length)].map { segment.tokens[$0] }
                    let key = tokens.map(\.key).joined()
                    var hits = index.matches(forKey: key)
                    if hits.isEmpty, length == 1 {
                        for stem in MatchRules.particleStems(tokens[0].key) {
                            hits = index.matches(forKey: stem)
                            if !hits.isEmpty { break }
                        }
                    }
                    // Deprecated and superseded terms are never offered.
                    hits = hits.filter { $0.isUsable && $0.score >= minScore }
                    guard !hits.isEmpty else { continue }
                    let first = tokens.first!.start
                    var last = tokens.last!.end
                    // A derivational suffix glued to the last word belongs to the term (장기화).
                    let after = content[k + length - 1] + 1
                    if after < segment.tokens.count, segment.tokens[after].kind == .ending, segment.tokens[after].start == last,
                       ["화", "성", "기", "지"].contains(segment.tokens[after].text) {
                        last = segment.tokens[after].end
                    }
                    let scalars = Array(sentence.unicodeScalars)
                    let surface = String(String.UnicodeScalarView(scalars[first..<last]))
                    // The term itself (reached through the other side of a concept whose sides
                    // share a key, 280억 / 28 billion) is no translation.
                    let ranked = hits.filter { KeyNormalizer.fold($0.target) != KeyNormalizer.fold(surface) }
                    guard !ranked.isEmpty else { continue }
                    var translations: [String] = []
                    var statuses: [TermStatus] = []
                    for r in ranked where !translations.contains(r.target) && translations.count < maxTranslations {
                        translations.append(r.target)
                        statuses.append(r.status)
                    }
                    spots.append(Spot(text: surface, start: first, end: last, sentence: n,
                                      term: ranked[0].source, translations: translations, statuses: statuses, score: ranked[0].score))
                    k += length
                    matched = true
                    break
                }
                if !matched { k += 1 }
            }
        }
        return (sentences, spots)
    }
}
