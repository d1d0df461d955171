/// A piece of text (usually a sentence) analysed into tokens.
public struct Segment: Sendable, Hashable, Codable {
    /// The text in its original form.
    public var text: String
    public var tokens: [Token]

    public init(text: String, tokens: [Token]) {
        self.text = text
        self.tokens = tokens
    }

    /// The match keys of the content tokens (words and numbers), in order.
    public var contentKeys: [String] { tokens.filter { $0.kind.isContent }.map(\.key) }

    /// The match keys of every token that is not punctuation, in order.
    public var keys: [String] { tokens.filter { $0.kind != .punctuation }.map(\.key) }
}
