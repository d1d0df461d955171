import Foundation
import Segmentation
import TMCore

/// Lexical evidence that two pieces of text are translations of each other.
///
/// Each sentence gets a set of anchor keys: numbers by value (`280억` and `28 billion` share
/// `#28000000000`), Latin-script words that the translation keeps (`Debian`, `apt-get`),
/// names matched by transliteration (`트럼프` and `Trump` share the skeleton `n:TLMP`), glossary
/// terms (`g:<entry>`) and punctuation such as quotes, question marks and a closing colon.
/// Only keys that occur in both documents are kept. A key found on both sides of a bead
/// lowers its cost by `match` nats; a key on one side only raises it by `miss` nats.
/// Both are scaled by the key's rarity, so `Debian` in every sentence counts for little.
public struct AnchorKind: Sendable, Hashable {
    public var match: Double
    public var miss: Double

    public init(match: Double, miss: Double) {
        self.match = match
        self.miss = miss
    }

    public static let number = AnchorKind(match: 2.5, miss: 1.0)
    public static let word = AnchorKind(match: 1.5, miss: 0.3)
    public static let name = AnchorKind(match: 2.0, miss: 0.2)
    public static let glossary = AnchorKind(match: 2.0, miss: 0.4)
    public static let punctuation = AnchorKind(match: 0.6, miss: 0.3)
    /// Paragraph roles (heading, list item, code) at the paragraph level.
    public static let role = AnchorKind(match: 1.0, miss: 0.5)
}

/// A glossary term pair, for glossary anchors.
public struct GlossaryPair: Sendable, Hashable {
    public var source: String
    public var target: String

    public init(source: String, target: String) {
        self.source = source
        self.target = target
    }
}

/// The anchor keys of one unit (sentence or paragraph) as interned ids, and their weights.
struct AnchorVector: Sendable {
    /// Sorted, distinct key ids.
    var ids: [Int32]
    /// Sum of the miss weights of `ids`.
    var miss: Double

    static let empty = AnchorVector(ids: [], miss: 0)
}

/// Interned keys with their weights.
struct AnchorTable: Sendable {
    /// match + 2 * miss, per id: the change in cost when a key moves from unmatched on both
    /// sides to matched.
    var gain: [Double] = []
    var miss: [Double] = []

    func vector(_ ids: [Int32]) -> AnchorVector {
        AnchorVector(ids: ids, miss: ids.reduce(0) { $0 + miss[Int($1)] })
    }

    /// Sum of `gain` over the ids both vectors hold.
    @inline(__always)
    func shared(_ a: [Int32], _ b: [Int32]) -> Double {
        var i = 0, j = 0, sum = 0.0
        while i < a.count && j < b.count {
            let x = a[i], y = b[j]
            if x == y { sum += gain[Int(x)]; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
        }
        return sum
    }

    /// Sum of `weights` over the ids all three vectors hold.
    @inline(__always)
    func shared3(_ a: [Int32], _ b: [Int32], _ c: [Int32], weights: [Double]) -> Double {
        var i = 0, j = 0, k = 0, sum = 0.0
        while i < a.count && j < b.count && k < c.count {
            let x = a[i], y = b[j], z = c[k]
            if x == y && y == z { sum += weights[Int(x)]; i += 1; j += 1; k += 1; continue }
            let m = max(x, y, z)
            if x < m { i += 1 }
            if y < m { j += 1 }
            if z < m { k += 1 }
        }
        return sum
    }

    /// Sum of `miss` over the ids both vectors hold.
    @inline(__always)
    func sharedMiss(_ a: [Int32], _ b: [Int32]) -> Double {
        var i = 0, j = 0, sum = 0.0
        while i < a.count && j < b.count {
            let x = a[i], y = b[j]
            if x == y { sum += miss[Int(x)]; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
        }
        return sum
    }
}

/// Builds anchor keys for the sentences of both documents.
struct AnchorExtractor {
    var segmenter: Segmenter
    var glossary: [GlossaryPair]
    var sourceLanguage: LanguageTag
    var targetLanguage: LanguageTag

    /// Raw keys (strings) per sentence, before interning.
    func keys(of sentences: [String], language: LanguageTag, side: Side) -> [[String: AnchorKind]] {
        let isKorean = language.language == "ko"
        let transliterator = isKorean ? try? Transliterator(id: "Hangul-Latin") : nil
        var skeletonCache: [String: String] = [:]
        // One analysis of the whole document (Korean stems learned from all of it). The
        // sentences came from the same splitter, so each line gives back one sentence; if
        // not, each sentence is analysed on its own with the document's stems.
        var segments = segmenter.analyzeDocument(sentences.joined(separator: "\n"))
        let evidence = glossary.isEmpty && segments.count == sentences.count ? StemEvidence() : segmenter.learnEvidence(from: sentences)
        if segments.count != sentences.count || zip(segments, sentences).contains(where: { $0.text != $1 }) {
            segments = sentences.map { segmenter.analyze($0, evidence: evidence) }
        }
        let terms = glossaryIndex(side: side, evidence: evidence)
        return zip(sentences, segments).map { sentence, segment in
            var keys: [String: AnchorKind] = [:]
            var contentKeys: [String] = []
            for (index, token) in segment.tokens.enumerated() {
                switch token.kind {
                case .number:
                    keys["#" + token.key] = .number
                    contentKeys.append(token.key)
                case .word:
                    contentKeys.append(token.key)
                    if token.script == .latin {
                        if token.key.count >= 2 { keys["w:" + token.key] = .word }
                        if !isKorean, let first = token.text.unicodeScalars.first, first.properties.isUppercase,
                           token.text.count >= 3, !(index == 0 && Self.functionWords.contains(token.key)) {
                            let skeleton = NameSkeleton.of(token.text)
                            if skeleton.count >= 2 { keys["n:" + skeleton] = .name }
                        }
                    } else if token.script == .hangul, let tr = transliterator, token.key.unicodeScalars.count >= 2 {
                        let skeleton: String
                        if let cached = skeletonCache[token.key] {
                            skeleton = cached
                        } else {
                            skeleton = NameSkeleton.of(tr(token.key))
                            skeletonCache[token.key] = skeleton
                        }
                        if skeleton.count >= 2 { keys["n:" + skeleton] = .name }
                    }
                case .placeholder:
                    keys["t:" + token.key] = .word
                case .punctuation:
                    if let p = Self.punctuationKey(token.text) { keys[p] = .punctuation }
                default:
                    break
                }
            }
            if let last = sentence.unicodeScalars.last, last == ":" || last == "：" { keys["p:colon"] = .punctuation }
            for id in terms.matches(in: contentKeys) { keys["g:\(id)"] = .glossary }
            return keys
        }
    }

    enum Side { case source, target }

    static func punctuationKey(_ text: String) -> String? {
        guard let scalar = text.unicodeScalars.first else { return nil }
        switch scalar {
        case "?", "？": return "p:?"
        case "!", "！": return "p:!"
        case "\"", "“", "”", "«", "»", "「", "」", "『", "』", "„": return "p:quote"
        case "(", ")", "（", "）": return "p:paren"
        case "[", "]": return "p:bracket"
        case "%", "％": return "p:percent"
        default: return nil
        }
    }

    static let functionWords: Set<String> = [
        "the", "this", "that", "these", "those", "it", "its", "in", "on", "at", "for", "if", "when", "what",
        "why", "how", "who", "where", "which", "and", "but", "or", "so", "you", "your", "we", "our", "they",
        "he", "she", "there", "here", "some", "many", "most", "all", "any", "each", "do", "does", "is", "are",
        "can", "will", "to", "from", "with", "as", "by", "of", "not", "no", "yes", "also", "however", "then",
        "now", "see", "note", "please", "one", "other", "such", "after", "before", "since", "while", "because",
        "although", "only", "more", "less", "both", "either", "neither", "every", "about", "into", "over",
        "under", "between", "through", "during", "without", "within", "again", "once", "even", "still", "just",
        "first", "last", "new", "use", "using", "make", "take", "get", "let", "may", "might", "should", "would",
        "could", "must", "have", "has", "had", "was", "were", "be", "been", "being", "an", "my", "his", "her",
        "their", "them", "us", "me", "him", "i", "a", "than", "very", "well", "much", "few", "own", "same",
    ]

    /// Glossary terms of one side, by the match keys of their words.
    func glossaryIndex(side: Side, evidence: StemEvidence) -> GlossaryIndex {
        var index = GlossaryIndex()
        for (id, pair) in glossary.enumerated() {
            let text = side == .source ? pair.source : pair.target
            let keys = segmenter.analyze(text, evidence: evidence).contentKeys
            if !keys.isEmpty { index.add(keys, id: id) }
        }
        return index
    }
}

/// Glossary terms as sequences of match keys, found in a sentence's sequence of keys.
struct GlossaryIndex {
    private var byFirst: [String: [(keys: [String], id: Int)]] = [:]

    mutating func add(_ keys: [String], id: Int) {
        byFirst[keys[0], default: []].append((keys, id))
    }

    func matches(in keys: [String]) -> [Int] {
        guard !byFirst.isEmpty else { return [] }
        var found: [Int] = []
        for i in keys.indices {
            guard let candidates = byFirst[keys[i]] else { continue }
            for c in candidates where i + c.keys.count <= keys.count && Array(keys[i..<(i + c.keys.count)]) == c.keys {
                found.append(c.id)
            }
        }
        return found
    }
}
