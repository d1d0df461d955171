/// Stems learned from the text being processed: a form seen bare and with particles, or
/// with several different particles, is a stem (`트럼프` from `트럼프` and `트럼프에`).
public struct StemEvidence: Sendable {
    /// For each candidate stem, the distinct suffixes it was seen with (`""` = bare).
    private var suffixes: [String: Set<String>] = [:]

    public init() {}

    /// Learns from every Hangul word form in `forms` (each counted once).
    public init<S: Sequence>(forms: S) where S.Element == String {
        for form in Set(forms) { learn(form) }
    }

    /// Records the candidate splits of one word form.
    public mutating func learn(_ form: String) {
        let scalars = Array(form.unicodeScalars)
        guard scalars.allSatisfy(Hangul.isSyllable) else { return }
        suffixes[form, default: []].insert("")
        for cut in KoreanAnalyzer.suffixCuts(scalars) {
            let stem = String(String.UnicodeScalarView(scalars[..<cut.stemLength]))
            suffixes[stem, default: []].insert(cut.suffix.text)
        }
    }

    /// Whether `stem` has enough evidence: two distinct suffixes (or bare and one), three for
    /// a one-syllable stem.
    public func isStem(_ stem: String, syllables: Int) -> Bool {
        guard let seen = suffixes[stem] else { return false }
        return seen.count >= (syllables == 1 ? 3 : 2)
    }

    /// Whether `word` was seen standing alone.
    public func seenBare(_ word: String) -> Bool { suffixes[word]?.contains("") ?? false }

    public var isEmpty: Bool { suffixes.isEmpty }
}
