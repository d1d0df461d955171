/// A term and its translation found in parallel text, with the evidence for it.
public struct TermPair: Sendable, Hashable, Codable {
    /// A sentence pair the term pair was seen in.
    public struct Example: Sendable, Hashable, Codable {
        public var source: String
        public var target: String
        public init(source: String, target: String) {
            self.source = source
            self.target = target
        }
    }

    public var source: String
    public var target: String
    /// 0...1; higher is surer. Candidates for one source term are ranked by it.
    public var score: Double
    /// Occurrences of the source term aligned to this target.
    public var count: Int
    /// Occurrences of the source term in the corpus.
    public var sourceCount: Int
    /// Occurrences of the target term in the corpus.
    public var targetCount: Int
    /// Whether the two sound alike (names, loanwords).
    public var transliteration: Bool
    /// Up to three sentence pairs that show the pair.
    public var examples: [Example]

    public init(source: String, target: String, score: Double, count: Int, sourceCount: Int, targetCount: Int,
                transliteration: Bool = false, examples: [Example] = []) {
        self.source = source
        self.target = target
        self.score = score
        self.count = count
        self.sourceCount = sourceCount
        self.targetCount = targetCount
        self.transliteration = transliteration
        self.examples = examples
    }
}

/// The result of aligning a corpus.
public struct TermAlignment: Sendable {
    /// Term pairs, grouped by source term (alphabetical), best translation first.
    public var terms: [TermPair]
    /// Pairs aligned.
    public var pairsUsed: Int
    /// Pairs skipped because a side was empty.
    public var pairsSkippedEmpty: Int
    /// Pairs skipped because a side had more than `TermAligner.maxTokens` words.
    public var pairsSkippedLong: Int
    /// Pairs skipped because their Korean stood on the other language's side.
    public var pairsSkippedSwapped: Int = 0
}
