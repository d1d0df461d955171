/// Stems learned from the text being processed: a form seen bare and with particles, or
/// with several different particles, is a stem (`트럼프` from `트럼프` and `트럼프에`).
public struct StemEvidence: Sendable {
    /// For each candidate stem, the distinct suffixes it was seen with (`""` = bare).
    private(set) var suffixes: [String: Set<String>] = [:]

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
        // Only the cut with the longest suffix counts: `파일이고` is evidence for `파일` + `이고`,
        // not for a stem `파일이` + `고`.
        if let cut = KoreanAnalyzer.suffixCuts(scalars).min(by: { $0.stemLength < $1.stemLength }) {
            let stem = makeString(scalars[..<cut.stemLength])
            suffixes[stem, default: []].insert(cut.suffix.text)
        } else if let (stem, ending) = Self.fusedEnding(scalars) {
            // Endings fused into the last syllable: 대한 and 대해 are evidence for 대하;
            // 만듭니다 and 연 for 만들 and 열 too (ㄹ drops before ㄴ and ㅂ).
            suffixes[stem, default: []].insert(ending)
            if ending == "ㄴ" || ending == "ㅂ니다", let last = stem.unicodeScalars.last, let l = Self.withRieul(last) {
                suffixes[makeString(stem.unicodeScalars.dropLast() + [l]), default: []].insert(ending)
            }
        }
    }

    /// A verb form whose ending is fused into its last syllable, as (stem, ending): `-ㄴ`,
    /// `-ㄹ`, `-ㅁ` (대한, 바꿀), `-ㅂ니다` (합니다) and `-여` contracted into 해 (대해).
    static func fusedEnding(_ w: [Unicode.Scalar]) -> (String, String)? {
        guard let last = w.last, Hangul.isSyllable(last) else { return nil }
        var n = w.count
        var ending = ""
        if n >= 3, w[n - 2] == "니", w[n - 1] == "다", Hangul.finalIndex(w[n - 3]) == 17 {
            n -= 2
            ending = "ㅂ니다"
        }
        let syllable = w[n - 1]
        let final = Hangul.finalIndex(syllable)
        if ending.isEmpty {
            if syllable == "해" {
                return (makeString(w[..<(n - 1)] + ["하"]), "여")
            }
            switch final {
            case 4: ending = "ㄴ"
            case 8: ending = "ㄹ"
            case 16: ending = "ㅁ"
            default: return nil
            }
        }
        let open = Unicode.Scalar(syllable.value - final)!
        // The copula fused into 이 (값일, 파일인, 값입니다) is evidence for the noun before it.
        if open == "이" { return n >= 2 ? (makeString(w[..<(n - 1)]), "이다") : nil }
        return (makeString(w[..<(n - 1)] + [open]), ending)
    }

    /// The open syllable with ㄹ added (`드` -> `들`), or nil if it has a final already.
    static func withRieul(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        guard Hangul.isSyllable(s), Hangul.finalIndex(s) == 0 else { return nil }
        return Unicode.Scalar(s.value + 8)
    }

    /// Whether `stem` has enough evidence: two distinct suffixes (or bare and one); for a
    /// one-syllable stem three, or two strong particles (`값을`, `값은`).
    public func isStem(_ stem: String, syllables: Int) -> Bool {
        guard let seen = suffixes[stem] else { return false }
        if syllables > 1 { return seen.count >= 2 }
        if seen.count >= 3 { return true }
        return seen.filter { KoreanSuffixes.byText[$0]?.contains(where: { $0.strong && $0.kind == .particle }) == true }.count >= 2
    }

    /// Whether `stem` was seen with two or more different verb endings (`보기`, `보는`, `볼`):
    /// then it is a verb or adjective stem.
    public func isVerbStem(_ stem: String) -> Bool { endingCount(stem) >= 2 }

    /// How many different verb endings `stem` was seen with.
    public func endingCount(_ stem: String) -> Int {
        guard let seen = suffixes[stem] else { return 0 }
        return seen.filter { Self.fusedEndings.contains($0) || KoreanSuffixes.byText[$0]?.contains(where: { $0.kind == .ending }) == true }.count
    }

    /// Whether `stem` was seen with an ending before which a final ㄹ stays (`만들기`, `만들고`),
    /// which tells 만들 from 만드.
    public func hasUndroppedEnding(_ stem: String) -> Bool {
        undroppedCount(stem) > 0
    }

    /// How many different endings, before which ㄹ stays, `stem` was seen with.
    public func undroppedCount(_ stem: String) -> Int {
        guard let seen = suffixes[stem] else { return 0 }
        return seen.filter { !$0.isEmpty && !Self.rieulDropping.contains($0) }.count
    }

    /// How many different particles `word` was seen with (how much the text uses it as a noun).
    public func particleCount(_ word: String) -> Int {
        guard let seen = suffixes[word] else { return 0 }
        return seen.filter { KoreanSuffixes.byText[$0]?.contains(where: { $0.kind == .particle }) == true }.count
    }

    /// Endings before which a stem's final ㄹ drops (ㄴ, ㅂ, ㅅ, 오).
    static let rieulDropping: Set<String> = ["ㄹ", "는", "ㄴ", "ㅂ니다", "니다", "니까", "세요", "십시오", "시오", "는데", "는지", "는가", "는다", "니"]

    static let fusedEndings: Set<String> = ["ㄴ", "ㄹ", "ㅁ", "ㅂ니다", "여"]

    /// Whether `word` was seen standing alone.
    public func seenBare(_ word: String) -> Bool { suffixes[word]?.contains("") ?? false }

    public var isEmpty: Bool { suffixes.isEmpty }
}
