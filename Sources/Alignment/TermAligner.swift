import Foundation
import Segmentation
import TMCore

/// Builds term pairs from parallel text: single words and multi-word terms, each with a
/// score, counts and example pairs.
///
/// Evidence combined: IBM Model 1 word alignment trained by EM over the whole corpus in both
/// directions and symmetrized (grow-diag-final-and); transliteration similarity through ICU's
/// `Hangul-Latin` (`푸틴` ~ `Putin`) and equal number values (`280억` ~ `28 billion`) as priors;
/// quoted spans kept together when both sides quote the same number of spans; and, for ranking,
/// association (Dice) and lexical translation probabilities. Everything works on the match keys
/// of `Segmenter`, so `안보를` counts as `안보` and `negotiations` as `negotiation`; surface forms
/// come from the text, particles excluded (`파일을` gives `파일`).
///
/// ```swift
/// let aligner = TermAligner(options: .init(sourceLanguage: .korean, targetLanguage: .english))
/// let result = try aligner.align([SentencePair(source: "유럽안보", target: "European security")])
/// ```
public struct TermAligner: Sendable {
    public struct Options: Sendable {
        public var sourceLanguage: LanguageTag
        public var targetLanguage: LanguageTag
        /// Source terms seen fewer times are left out.
        public var minCount: Int
        /// Longest source term, in words.
        public var maxWords: Int
        /// Translations kept per source term.
        public var maxTranslations: Int
        /// Example pairs kept per term pair.
        public var maxExamples: Int
        /// EM iterations per direction.
        public var iterations: Int
        /// Worker threads (results do not depend on it).
        public var threads: Int
        /// Multi-word source terms seen fewer times than this need structural evidence: they
        /// fill a quoted span or are one written word (`유럽안보`). For tiny corpora, where
        /// statistics cannot tell a term from two neighbouring words.
        public var phraseEvidenceBelow: Int = 0
        /// Translations scoring below this (0...1, the estimated chance of being right) are left out.
        public var minScore: Double = 0

        public init(sourceLanguage: LanguageTag, targetLanguage: LanguageTag, minCount: Int = 2, maxWords: Int = 3,
                    maxTranslations: Int = 3, maxExamples: Int = 3, iterations: Int = 5, threads: Int = 0) {
            self.sourceLanguage = sourceLanguage
            self.targetLanguage = targetLanguage
            self.minCount = minCount
            self.maxWords = maxWords
            self.maxTranslations = maxTranslations
            self.maxExamples = maxExamples
            self.iterations = iterations
            self.threads = threads > 0 ? threads : Parallel.defaultThreads
        }
    }

    /// The HMM's jump model needs data; below this many pairs IBM Model 1 alone is used.
    public static let hmmMinimumPairs = 1000

    /// The diagonal prior's strength for tiny corpora (fast_align's default); larger ones learn
    /// Korean-English order from the HMM instead.
    static let tinyDiagonal: Float = Float(TermExtractor.experiment["TMKIT_DIAGONAL"] ?? "") ?? 4

    /// Below this many pairs (a few titles) statistics say little: translations are scored by
    /// sound, by words always seen together, and by elimination (`ForcedLinks`).
    public static let tinyCorpus = 20

    /// Pairs with more content words than this on a side are skipped.
    public static let maxTokens = 250
    /// Pairs with a side longer than this many UTF-8 bytes are skipped unread (as over-long).
    public static let maxBytes = 64 * maxTokens

    public var options: Options
    public var segmenter: Segmenter

    public init(options: Options, segmenter: Segmenter = Segmenter()) {
        self.options = options
        self.segmenter = segmenter
    }

    /// Aligns `pairs` and returns the term pairs found. Pairs with an empty side are skipped
    /// and counted. Throws when the corpus's scripts contradict the languages of the options.
    public func align(_ pairs: [SentencePair], progress: ((String) -> Void)? = nil) throws -> TermAlignment {
        var usable: [SentencePair] = []
        usable.reserveCapacity(pairs.count)
        var skippedEmpty = 0, skippedHuge = 0
        for pair in pairs {
            if pair.source.allSatisfy(\.isWhitespace) || pair.target.allSatisfy(\.isWhitespace) {
                skippedEmpty += 1
            } else if pair.source.utf8.count > Self.maxBytes || pair.target.utf8.count > Self.maxBytes {
                // Far over the word limit: skipped before analysis costs time and memory.
                skippedHuge += 1
            } else {
                usable.append(pair)
            }
        }
        guard !usable.isEmpty else { throw AlignmentError.emptyCorpus(skipped: skippedEmpty + skippedHuge) }
        try LanguageCheck.verify(usable, source: options.sourceLanguage, target: options.targetLanguage)
        // A minority of pairs the other way round (Korean on the English side only) are skipped.
        let before = usable.count
        usable.removeAll { LanguageCheck.isSwapped($0, source: options.sourceLanguage, target: options.targetLanguage) }
        let skippedSwapped = before - usable.count
        guard !usable.isEmpty else { throw AlignmentError.emptyCorpus(skipped: skippedEmpty + skippedHuge + skippedSwapped, swapped: skippedSwapped) }

        let clock = ContinuousClock()
        var last = clock.now
        let timing = TermExtractor.experiment["TMKIT_TIMING"] != nil
        func lap(_ what: String) {
            guard timing else { return }
            let now = clock.now
            FileHandle.standardError.write(Data("timing \(what): \(now - last)\n".utf8))
            last = now
        }
        progress?("analysing \(usable.count) pairs")
        let analyzed = analyze(usable)
        var corpus = AlignmentCorpus(pairs: analyzed.pairs, texts: analyzed.texts)
        let skippedLong = corpus.dropLong(limit: Self.maxTokens)
        lap("analysis")

        progress?("training word alignment")
        var aligner = WordAligner(pairs: corpus.pairs)
        lap("cells")
        Priors.apply(to: &aligner, corpus: corpus, tiny: corpus.pairs.count < Self.hmmMinimumPairs)
        lap("priors")
        aligner.train(pairs: corpus.pairs, sourceVocabulary: corpus.source.count, targetVocabulary: corpus.target.count,
                      options: .init(iterations: Int(TermExtractor.experiment["TMKIT_IBM_ITERS"] ?? "") ?? options.iterations,
                                     hmmIterations: corpus.pairs.count >= Self.hmmMinimumPairs ? Int(TermExtractor.experiment["TMKIT_HMM_ITERS"] ?? "") ?? 3 : 0,
                                     threads: options.threads, diagonalStrength: corpus.pairs.count < Self.tinyCorpus ? Self.tinyDiagonal : 0))

        lap("em")
        progress?("extracting terms")
        let extractor = TermExtractor(options: options)
        let terms = extractor.extract(corpus: corpus, aligner: aligner)
        lap("extract")
        return TermAlignment(terms: terms, pairsUsed: corpus.pairs.count, pairsSkippedEmpty: skippedEmpty, pairsSkippedLong: skippedLong + skippedHuge,
                             pairsSkippedSwapped: skippedSwapped)
    }

    /// Analyses both sides of every pair, stems learned from each side's whole text.
    private func analyze(_ pairs: [SentencePair]) -> (pairs: [(AnalyzedSide, AnalyzedSide)], texts: [SentencePair]) {
        let segmenter = self.segmenter
        let sourceEvidence = segmenter.learnEvidence(from: pairs.lazy.map(\.source))
        let targetEvidence = segmenter.learnEvidence(from: pairs.lazy.map(\.target))
        let shards = Parallel.map(count: pairs.count, threads: options.threads) { range in
            range.map { p in
                (AnalyzedSide(segmenter.analyze(pairs[p].source, evidence: sourceEvidence)),
                 AnalyzedSide(segmenter.analyze(pairs[p].target, evidence: targetEvidence)))
            }
        }
        return (shards.flatMap { $0 }, pairs)
    }
}

/// The analysed corpus with its two vocabularies.
struct AlignmentCorpus: Sendable {
    var pairs: [(AnalyzedSide, AnalyzedSide)]
    var texts: [SentencePair]
    var source = Vocabulary()
    var target = Vocabulary()
    /// Per vocabulary id: whether the word is a number.
    var sourceIsNumber: [Bool] = [false]
    var targetIsNumber: [Bool] = [false]

    init(pairs: [(AnalyzedSide, AnalyzedSide)], texts: [SentencePair]) {
        self.pairs = pairs
        self.texts = texts
        for p in pairs.indices {
            var (s, t) = self.pairs[p]
            s.ids = s.keys.indices.map { k in Self.intern(s.keys[k], number: s.numbers[k], &source, &sourceIsNumber) }
            t.ids = t.keys.indices.map { k in Self.intern(t.keys[k], number: t.numbers[k], &target, &targetIsNumber) }
            s.keys = []; s.numbers = []; t.keys = []; t.numbers = []
            self.pairs[p] = (s, t)
        }
        trimParticles()
    }

    /// Counts words that are a frequent word plus a particle as that word (`ParticleTrimmer`).
    private mutating func trimParticles() {
        var sourceFrequency = [Int](repeating: 0, count: source.count)
        var targetFrequency = [Int](repeating: 0, count: target.count)
        for (s, t) in pairs {
            for id in s.ids { sourceFrequency[Int(id)] += 1 }
            for id in t.ids { targetFrequency[Int(id)] += 1 }
        }
        let sourceMap = ParticleTrimmer.remap(&source, frequency: sourceFrequency)
        let targetMap = ParticleTrimmer.remap(&target, frequency: targetFrequency)
        for p in pairs.indices {
            var (s, t) = pairs[p]
            s.trim = s.ids.map { sourceMap[Int($0)].trim }
            s.ids = s.ids.map { sourceMap[Int($0)].id }
            t.trim = t.ids.map { targetMap[Int($0)].trim }
            t.ids = t.ids.map { targetMap[Int($0)].id }
            pairs[p] = (s, t)
        }
    }

    private static func intern(_ key: String, number: Bool, _ vocabulary: inout Vocabulary, _ isNumber: inout [Bool]) -> Int32 {
        let before = vocabulary.count
        let id = vocabulary.id(key)
        if vocabulary.count > before { isNumber.append(number) }
        return id
    }

    /// Removes pairs with too many content words on a side; returns how many.
    mutating func dropLong(limit: Int) -> Int {
        let before = pairs.count
        var keptPairs: [(AnalyzedSide, AnalyzedSide)] = []
        var keptTexts: [SentencePair] = []
        for (p, pair) in pairs.enumerated() where pair.0.count <= limit && pair.1.count <= limit {
            keptPairs.append(pair)
            keptTexts.append(texts[p])
        }
        pairs = keptPairs
        texts = keptTexts
        return before - pairs.count
    }
}

/// Checks that the scripts of the corpus agree with the languages of the options.
enum LanguageCheck {
    static func verify(_ pairs: [SentencePair], source: LanguageTag, target: LanguageTag) throws {
        guard source.language != target.language else { return }
        var sourceHangul = 0, targetHangul = 0
        for pair in pairs {
            if pair.source.unicodeScalars.contains(where: isHangul) { sourceHangul += 1 }
            if pair.target.unicodeScalars.contains(where: isHangul) { targetHangul += 1 }
        }
        let n = pairs.count
        let location = pairs.first?.location.map { "\($0.file)" } ?? "input"
        // Korean on one side means most of that side's texts contain Hangul.
        if source.language == "ko", sourceHangul * 2 < n, targetHangul * 2 >= n {
            throw AlignmentError.languageMismatch(where: location, side: "source", expected: source.code, found: "\(target.code) (the sides look swapped)")
        }
        if target.language == "ko", targetHangul * 2 < n, sourceHangul * 2 >= n {
            throw AlignmentError.languageMismatch(where: location, side: "target", expected: target.code, found: "\(source.code) (the sides look swapped)")
        }
        if source.language == "ko", sourceHangul == 0 {
            throw AlignmentError.languageMismatch(where: location, side: "source", expected: "ko", found: "no Korean text")
        }
        if target.language == "ko", targetHangul == 0 {
            throw AlignmentError.languageMismatch(where: location, side: "target", expected: "ko", found: "no Korean text")
        }
        if source.language != "ko", target.language != "ko" { return }
        let other = source.language == "ko" ? targetHangul : sourceHangul
        if other * 2 > n {
            let side = source.language == "ko" ? "target" : "source"
            let expected = source.language == "ko" ? target.code : source.code
            throw AlignmentError.languageMismatch(where: location, side: side, expected: expected, found: "Korean")
        }
    }

    /// Whether a pair between Korean and another language has its Korean on the wrong side only.
    static func isSwapped(_ pair: SentencePair, source: LanguageTag, target: LanguageTag) -> Bool {
        guard source.language != target.language, source.language == "ko" || target.language == "ko" else { return false }
        let (korean, other) = source.language == "ko" ? (pair.source, pair.target) : (pair.target, pair.source)
        return !korean.unicodeScalars.contains(where: isHangul) && other.unicodeScalars.contains(where: isHangul)
    }

    static func isHangul(_ s: Unicode.Scalar) -> Bool {
        (0xAC00...0xD7A3).contains(s.value) || (0x1100...0x11FF).contains(s.value) || (0x3130...0x318F).contains(s.value)
    }
}
