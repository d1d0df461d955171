/// A Korean particle or ending that may close a word, with the conditions it attaches under.
struct KoreanSuffix: Sendable, Hashable {
    enum Attachment: Sendable, Hashable {
        case any
        /// After a syllable with a final consonant (`을`, `은`, `이`, `과`).
        case afterConsonant
        /// After a syllable without one (`를`, `는`, `가`, `와`).
        case afterVowel
        /// After a vowel or ㄹ (`로`).
        case afterVowelOrRieul
        /// After a consonant other than ㄹ (`으로`).
        case afterConsonantNotRieul
    }

    let text: String
    let kind: Kind
    let attachment: Attachment
    /// Strong suffixes are rarely the end of a plain noun, so they split even from an
    /// unknown stem; weak ones (`의`, `에`, `도`, `이`) split only from a known stem.
    let strong: Bool
    /// The fewest syllables the stem must have.
    let minStem: Int

    enum Kind: Sendable, Hashable { case particle, ending, derivation }

    /// Whether the suffix may follow a stem ending in `last`.
    func attaches(after last: Unicode.Scalar) -> Bool {
        guard Hangul.isSyllable(last) else { return attachment == .any }
        switch attachment {
        case .any: return true
        case .afterConsonant: return Hangul.hasFinal(last)
        case .afterVowel: return !Hangul.hasFinal(last)
        case .afterVowelOrRieul: return !Hangul.hasFinal(last) || Hangul.endsInRieul(last)
        case .afterConsonantNotRieul: return Hangul.hasFinal(last) && !Hangul.endsInRieul(last)
        }
    }
}
