import TMCore

/// One pair of parallel texts to learn from: a source sentence and its translation.
public struct SentencePair: Sendable, Hashable {
    public var source: String
    public var target: String
    /// Where the pair was read (for evidence and messages).
    public var location: SourceLocation?

    public init(source: String, target: String, location: SourceLocation? = nil) {
        self.source = source
        self.target = target
        self.location = location
    }
}
