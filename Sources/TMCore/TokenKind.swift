/// What a token is. Raw values are the names used in JSON output.
public enum TokenKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A word or word part: an English word, a Korean stem, a compound part.
    case word
    /// A number; its match key is its value (`280억` -> `28000000000`).
    case number
    /// A Korean particle (`에`, `를`, `에서는`) split from its stem.
    case particle
    /// A Korean verbal ending or derivational suffix (`했다`, `습니다`, `화`) split from its stem.
    case ending
    case punctuation
    case symbol
    /// A placeholder or inline tag that must survive translation: `%s`, `%1$d`, `{0}`, `<b>`, `&amp;`.
    case placeholder

    /// Whether the token carries meaning for matching (words and numbers).
    public var isContent: Bool { self == .word || self == .number }
}
