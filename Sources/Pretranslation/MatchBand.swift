/// The bands an analysis counts segments and words in, as CAT tools bill them.
public enum MatchBand: String, Sendable, CaseIterable, Codable {
    case repetition = "repetitions"
    case context = "101"
    case exact = "100"
    case fuzzy95 = "95-99"
    case fuzzy85 = "85-94"
    case fuzzy75 = "75-84"
    case fuzzy50 = "50-74"
    case noMatch = "no match"

    /// The band of a match score (nil: no match at or above 50).
    public init(score: Int?) {
        guard let s = score else { self = .noMatch; return }
        switch s {
        case 101...: self = .context
        case 100: self = .exact
        case 95...99: self = .fuzzy95
        case 85...94: self = .fuzzy85
        case 75...84: self = .fuzzy75
        case 50...74: self = .fuzzy50
        default: self = .noMatch
        }
    }

    /// The lowest score analysis looks for.
    public static let lowestScore = 50
}
