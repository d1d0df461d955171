/// One token of an analysed segment.
///
/// `start` and `end` count Unicode scalar values (code points) from the start of the
/// segment's text, so they index the text the way Python strings and most JSON consumers do.
public struct Token: Sendable, Hashable, Codable {
    /// The token as it stands in the text (original form, not normalized).
    public var text: String
    /// Offset of the first code point, from the start of the segment.
    public var start: Int
    /// Offset one past the last code point.
    public var end: Int
    public var kind: TokenKind
    public var script: Script
    /// The match key: NFC, case-folded, lemma or stem; for numbers the value.
    public var key: String

    public init(text: String, start: Int, end: Int, kind: TokenKind, script: Script, key: String) {
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.script = script
        self.key = key
    }
}
