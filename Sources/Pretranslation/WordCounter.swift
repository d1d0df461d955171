/// Counts words the way CAT tools do for English and Korean: a word is a run of
/// non-space characters holding at least one letter or digit, so punctuation standing
/// alone does not count, `don't` and `e-mail` count once, and a Korean eojeol
/// (`트럼프에게`) counts once, as Trados and memoQ count Korean.
public enum WordCounter {
    /// What `words` means, for report headers.
    public static let method = "words: space-delimited runs with a letter or digit (Korean: eojeol); characters: non-space"

    /// Words in `text`.
    public static func words(_ text: String) -> Int {
        var count = 0
        var counted = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                counted = false
                continue
            }
            if !counted && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) {
                count += 1
                counted = true
            }
        }
        return count
    }

    /// Non-space characters (grapheme clusters) in `text`.
    public static func characters(_ text: String) -> Int {
        text.reduce(0) { $0 + ($1.isWhitespace ? 0 : 1) }
    }
}
