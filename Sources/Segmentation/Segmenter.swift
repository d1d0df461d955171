import TMCore

/// The one analysis of text that every part of tmkit shares: sentences, tokens with kind,
/// script and match key, Korean particles and compounds split, numbers read.
///
/// ```swift
/// let segmenter = Segmenter()
/// for segment in segmenter.analyzeDocument("유럽 트럼프 관세 대응. 트럼프에 대응했다.") {
///     print(segment.tokens.map(\.key))
/// }
/// ```
public struct Segmenter: Sendable {
    /// Known Korean words (user lexicon, system dictionary).
    public var lexicon: KoreanLexicon

    public init(lexicon: KoreanLexicon = .standard) {
        self.lexicon = lexicon
    }

    /// The sentences of `text` (see `SentenceSplitter`).
    public func sentences(in text: String) -> [Substring] {
        SentenceSplitter().sentences(in: text)
    }

    /// Splits a document into sentences and analyses each. Korean stems are first learned
    /// from the whole document, so `트럼프에` splits when `트럼프` stands elsewhere in it.
    public func analyzeDocument(_ text: String) -> [Segment] {
        let sentences = self.sentences(in: text)
        let raw = sentences.map { sentence -> ([Unicode.Scalar], [RawToken]) in
            let scalars = Array(sentence.unicodeScalars)
            return (scalars, RawTokenizer().tokens(scalars))
        }
        var evidence = StemEvidence()
        var seen = Set<String>()
        for (scalars, tokens) in raw {
            for token in tokens where token.kind == .word {
                for run in Self.hangulRuns(scalars, token) where seen.insert(run).inserted {
                    evidence.learn(run)
                }
            }
        }
        var builder = TokenBuilder(analyzer: KoreanAnalyzer(lexicon: lexicon, evidence: evidence))
        return zip(sentences, raw).map { sentence, r in
            if let keyed = Self.withoutAccelerator(r.0) {
                return Segment(text: String(sentence), tokens: keyed.restore(builder.tokens(keyed.scalars, RawTokenizer().tokens(keyed.scalars))))
            }
            return Segment(text: String(sentence), tokens: builder.tokens(r.0, r.1))
        }
    }

    /// Analyses a long text block by block, so memory follows the block, not the text: each
    /// block `next` returns (whole lines, as `TextChunkReader` gives them) is analysed as a
    /// document of its own, stems learned within it, and its segments passed to `body`.
    public func analyzeBlocks(_ next: () throws -> String?, _ body: (Segment) throws -> Void) throws {
        while let block = try next() {
            for segment in analyzeDocument(block) { try body(segment) }
        }
    }

    /// Analyses `text` as one segment (no sentence splitting), with stems learned from
    /// `evidence` (for example a translation memory's) on top of the lexicon.
    /// The forms of `text` itself are learned too (`안보는 안보를` shows the stem `안보`).
    public func analyze(_ text: String, evidence: StemEvidence = StemEvidence()) -> Segment {
        let original = Array(text.unicodeScalars)
        // Keys are made without the accelerator (see `Accelerator`); tokens keep the text's offsets.
        let keyed = Self.withoutAccelerator(original)
        let scalars = keyed?.scalars ?? original
        let raw = RawTokenizer().tokens(scalars)
        var evidence = evidence
        // One Korean word teaches nothing about itself; learning starts at two.
        let runs = raw.lazy.filter { $0.kind == .word }.flatMap { Self.hangulRuns(scalars, $0) }
        if runs.count >= 2 {
            for run in runs where !evidence.seenBare(run) { evidence.learn(run) }
        }
        var builder = TokenBuilder(analyzer: KoreanAnalyzer(lexicon: lexicon, evidence: evidence))
        let tokens = builder.tokens(scalars, raw)
        return Segment(text: text, tokens: keyed?.restore(tokens) ?? tokens)
    }

    /// A text's scalars with its accelerator left out, and the way back to the text's offsets.
    struct Keyed {
        var original: [Unicode.Scalar]
        var scalars: [Unicode.Scalar]
        /// For each kept scalar, its offset in `original`.
        var offsets: [Int]

        /// Tokens of `scalars` with the offsets and text of `original`.
        func restore(_ tokens: [Token]) -> [Token] {
            tokens.map { t in
                var t = t
                let a = t.start < offsets.count ? offsets[t.start] : original.count
                let b = t.end > 0 ? offsets[t.end - 1] + 1 : a
                t.start = a
                t.end = b
                t.text = makeString(original[a..<b])
                return t
            }
        }
    }

    static func withoutAccelerator(_ s: [Unicode.Scalar]) -> Keyed? {
        guard let a = Accelerator.find(in: s) else { return nil }
        var offsets = Array(0..<a.range.lowerBound)
        offsets += Array(a.range.upperBound..<s.count)
        return Keyed(original: s, scalars: offsets.map { s[$0] }, offsets: offsets)
    }

    /// Stems learned from many texts at once, to pass to `analyze(_:evidence:)`.
    public func learnEvidence<S: Sequence>(from texts: S) -> StemEvidence where S.Element == String {
        var evidence = StemEvidence()
        var seen = Set<String>()
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            for token in RawTokenizer().tokens(scalars) where token.kind == .word {
                for run in Self.hangulRuns(scalars, token) where seen.insert(run).inserted {
                    evidence.learn(run)
                }
            }
        }
        return evidence
    }

    /// The runs of Hangul inside a word token, composed into syllables.
    static func hangulRuns(_ s: [Unicode.Scalar], _ token: RawToken) -> [String] {
        var runs: [String] = []
        var i = token.start
        while i < token.end {
            guard Hangul.isHangul(s[i]) else { i += 1; continue }
            var j = i
            while j < token.end, Hangul.isHangul(s[j]) { j += 1 }
            runs.append(makeString(Hangul.composeWithOffsets(s[i..<j]).syllables))
            i = j
        }
        return runs
    }
}
