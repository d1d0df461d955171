/// Splits a Hangul word into stem(s), derivational suffix, and particle or ending:
/// `트럼프에` -> `트럼프` + `에`; `유럽안보` -> `유럽` + `안보`; `극우배제에` -> `극우` + `배제` + `에`.
///
/// Candidates are scored: a known stem (lexicon or learned evidence) costs 1, an unknown one 2;
/// a strong suffix (`를`, `에서`, `했다`) lowers the cost, a weak one (`의`, `에`, `도`) raises it
/// and is only split from a known stem. So words that merely end like a particle (`회의`,
/// `결과`, `도로`, `우크라이나`) stay whole unless the text shows their stem standing alone.
public struct KoreanAnalyzer: Sendable {
    /// A piece of a word: its text and what it is.
    public struct Piece: Sendable, Hashable {
        public enum Role: Sendable, Hashable { case stem, particle, ending }
        public var text: String
        public var role: Role
        /// The match key, when it is not the text (`합니다` -> `하`).
        public var key: String?

        public init(text: String, role: Role, key: String? = nil) {
            self.text = text
            self.role = role
            self.key = key
        }
    }

    public var lexicon: KoreanLexicon
    public var evidence: StemEvidence

    public init(lexicon: KoreanLexicon, evidence: StemEvidence = StemEvidence()) {
        self.lexicon = lexicon
        self.evidence = evidence
    }

    /// A cut of a word into stem and a suffix from the inventory.
    struct Cut {
        let stemLength: Int
        let suffix: KoreanSuffix
    }

    /// Every way `word` ends in a suffix of the inventory that may attach to what precedes it.
    static func suffixCuts(_ word: [Unicode.Scalar]) -> [Cut] {
        var cuts: [Cut] = []
        let n = word.count
        guard n >= 2 else { return cuts }
        guard KoreanSuffixes.lastScalars.contains(word[n - 1]) else { return cuts }
        for length in 1...min(KoreanSuffixes.maxLength, n - 1) {
            guard KoreanSuffixes.firstScalarsByLength[length]?.contains(word[n - length]) == true else { continue }
            let text = makeString(word[(n - length)...])
            guard let suffixes = KoreanSuffixes.byText[text] else { continue }
            let stemLength = n - length
            // 들어, 찾아: the infinitive ending only after a one-syllable stem (단어, 명령어 are nouns).
            if (text == "어" || text == "아") && stemLength != 1 { continue }
            if KoreanSuffixes.afterDerivationOnly.contains(text) {
                guard stemLength >= 3, KoreanSuffixes.derivations.contains(word[stemLength - 1]) else { continue }
            }
            for suffix in suffixes where stemLength >= suffix.minStem && suffix.attaches(after: word[stemLength - 1]) {
                cuts.append(Cut(stemLength: stemLength, suffix: suffix))
            }
        }
        return cuts
    }

    /// Forms of `word` with a trailing particle from the built-in inventory removed, the longest
    /// particle first (`안보의` -> `안보`): for callers that look a word up in a list of terms.
    public static func particleStems(_ word: String) -> [String] {
        let scalars = Array(word.unicodeScalars)
        guard scalars.allSatisfy(Hangul.isSyllable) else { return [] }
        var stems: [String] = []
        for cut in suffixCuts(scalars).filter({ $0.suffix.kind == .particle }).sorted(by: { $0.stemLength < $1.stemLength }) {
            let stem = makeString(scalars[..<cut.stemLength])
            if !stems.contains(stem) { stems.append(stem) }
        }
        return stems
    }

    /// The pieces of one Hangul word (all scalars Hangul syllables).
    public func split(_ word: String) -> [Piece] {
        let scalars = Array(word.unicodeScalars)
        guard scalars.allSatisfy(Hangul.isSyllable), !KoreanSuffixes.functionWords.contains(word) else {
            return [Piece(text: word, role: .stem)]
        }
        if scalars.count == 1 {
            // 할, 볼, 큰: a one-syllable verb form, unless the dictionary knows the word.
            // A dictionary word yields only to a stem the text uses far more as a verb (할 수).
            if let stem = verbStem(scalars),
               !lexicon.contains(word) || (evidence.endingCount(stem) >= 3 * max(1, evidence.endingCount(word)) && evidence.particleCount(word) < 2) {
                return [Piece(text: word, role: .stem, key: stem)]
            }
            return [Piece(text: word, role: .stem)]
        }
        let table = CompoundTable(word: scalars, isPart: isPart)
        let whole = analyzeStem(scalars[...], table)
        var best = (cost: whole.cost, pieces: whole.pieces)
        for cut in Self.suffixCuts(scalars) {
            let stem = analyzeStem(scalars[..<cut.stemLength], table)
            var cost: Double
            if cut.suffix.strong {
                cost = stem.cost - 0.5
            } else if cut.suffix.kind == .ending, evidence.isVerbStem(stemText(scalars, cut)) {
                // A verb stem the text shows with other endings: 보기 is 보 + 기 here, even if
                // the dictionary knows the noun 보기.
                cost = 0.9
            } else if stem.known {
                // A weak particle after a one-syllable stem needs the text's own evidence:
                // the dictionary alone would split 모든 into 모 + 든.
                if cut.stemLength == 1 && !evidence.isStem(String(scalars[0]), syllables: 1) { continue }
                cost = stem.cost + 0.3
            } else if KoreanSuffixes.guessable.contains(cut.suffix.text),
                      cut.stemLength >= 2 ? !endsInKnownWord(scalars) : (scalars.count == 2 && !lexicon.contains(word) && lexicon.contains(String(scalars[0]))) {
                // An unknown stem before a common particle, when the word does not end in a known
                // word (정상회의 ends in 회의): 바이든이, 명령어의; and a known one-syllable noun
                // in a word the dictionary does not know: 값이.
                cost = 1.9
            } else {
                continue
            }
            // Among equal cuts the longer suffix wins (`협상` + `에서는`, not `협상에서` + `는`).
            cost -= 0.01 * Double(cut.suffix.text.unicodeScalars.count)
            if cost < best.cost - 1e-9 {
                let role: Piece.Role = cut.suffix.kind == .particle ? .particle : .ending
                var pieces = stem.pieces
                // ㄹ dropped before 는: 만드는 is 만들 + 는 when the text knows the verb 만들.
                if cut.suffix.text == "는", let last = pieces.last, let open = last.text.unicodeScalars.last,
                   let l = StemEvidence.withRieul(open) {
                    let full = makeString(last.text.unicodeScalars.dropLast() + [l])
                    if evidence.undroppedCount(full) > evidence.undroppedCount(last.text) { pieces[pieces.count - 1].key = full }
                }
                best = (cost, pieces + [Piece(text: cut.suffix.text, role: role)])
            }
        }
        // A fused verb form (대한, 없음): when the word is unknown, or known to the dictionary
        // only while the text uses it as a verb.
        if best.cost >= 1, best.pieces.count == 1, let stem = verbStem(scalars) {
            return [Piece(text: word, role: .stem, key: stem)]
        }
        return best.pieces
    }

    /// The stem of a verb or adjective form whose ending is fused into its last syllable:
    /// `-ㄴ`, `-ㄹ`, `-ㅁ` (`한`, `바꿀`, `없음`) or `-ㅂ니다` (`합니다`, `만듭니다`), when the text
    /// shows that stem with other endings.
    private func verbStem(_ w: [Unicode.Scalar]) -> String? {
        var n = w.count
        var fused: Set<UInt32> = [4, 8, 16]  // ㄴ ㄹ ㅁ
        for tail in ["니다", "니까", "시다", "니"] {
            let t = Array(tail.unicodeScalars)
            if n > t.count, Array(w[(n - t.count)...]) == t, Hangul.finalIndex(w[n - t.count - 1]) == 17 {
                n -= t.count
                fused = [17]  // ㅂ
                break
            }
        }
        if fused.count > 1, n >= 2, w[n - 1] == "다", Hangul.finalIndex(w[n - 2]) == 4 { n -= 1 }  // 한다
        if fused.count > 1, w[n - 1] == "해" {  // 대해 -> 대하
            let stem = makeString(w[..<(n - 1)] + ["하"])
            return n >= 2 && evidence.isVerbStem(stem) ? stem : nil
        }
        guard fused.contains(Hangul.finalIndex(w[n - 1])) else { return nil }
        let last = w[n - 1]
        let open = Unicode.Scalar(last.value - Hangul.finalIndex(last))!
        let plain = makeString(w[..<(n - 1)] + [open])
        // A word the text shows as a stem more than the shorter one (열 with 열기, 열고) keeps
        // its form; 바꿀 (seen with 바꿀지) yields to 바꾸 (바꾸기, 바꾸고, 바꾸는).
        let whole = makeString(w)
        if evidence.endingCount(whole) >= max(evidence.endingCount(plain), 1) && n == w.count { return nil }
        // ㄹ dropped before ㄴ and ㅂ: 만듭니다 and 만든 are 만들 when the text shows 만들기, 만들고.
        let withRieul = makeString(w[..<(n - 1)] + [Unicode.Scalar(open.value + 8)!])
        let plainIsVerb = evidence.isVerbStem(plain) && evidence.hasUndroppedEnding(plain)
        if Hangul.finalIndex(last) != 8, !plainIsVerb, evidence.isVerbStem(withRieul), evidence.hasUndroppedEnding(withRieul) { return withRieul }
        return evidence.isVerbStem(plain) ? plain : nil
    }

    /// A stem analysed: its pieces (compound parts, derivational suffix), whether it is known,
    /// and its cost.
    private func analyzeStem(_ s: ArraySlice<Unicode.Scalar>, _ table: CompoundTable) -> (pieces: [Piece], known: Bool, cost: Double) {
        let text = makeString(s)
        // A derivation on a known stem of two or more syllables: 장기화, 가능성, 사람들. A
        // derived noun (장기화, 중요성, 기술적) is a word of its own, not its stem: 장기 is also
        // "long-term" or "organ". Plural and honorific suffixes (사람들, 고객님) split off.
        if s.count >= 3, let last = s.last, KoreanSuffixes.derivations.contains(last) {
            let core = s.dropLast()
            if isKnown(core) || evidence.seenBare(makeString(core)) {
                var pieces = piecesOfKnown(core, table)
                if KoreanSuffixes.nounDerivations.contains(last) {
                    // A little dearer than a known word, so a compound of known words wins
                    // (`바탕` + `화면`, not `바탕화` + `면`).
                    pieces[pieces.count - 1].text += String(last)
                    return (pieces, true, 1.15)
                }
                return (pieces + [Piece(text: String(last), role: .ending)], true, 1)
            }
        }
        if isKnown(s) { return ([Piece(text: text, role: .stem)], true, 1) }
        // A compound costs a little more than a known word, so a known stem with a weak
        // particle (`명령어` + `의`) beats a compound of lexicon words (`명령` + `어의`).
        if let parts = table.parts(prefix: s.count) { return (parts.map { Piece(text: $0, role: .stem) }, true, 1 + 0.4 * Double(parts.count - 1)) }
        return ([Piece(text: text, role: .stem)], false, 2)
    }

    private func stemText(_ w: [Unicode.Scalar], _ cut: Cut) -> String {
        makeString(w[..<cut.stemLength])
    }

    /// Whether the last two syllables of `word` form a known word.
    private func endsInKnownWord(_ word: [Unicode.Scalar]) -> Bool {
        guard word.count >= 2 else { return false }
        let tail = word[(word.count - 2)...]
        return isKnown(tail)
    }

    private func piecesOfKnown(_ s: ArraySlice<Unicode.Scalar>, _ table: CompoundTable) -> [Piece] {
        let text = makeString(s)
        if isKnown(s) { return [Piece(text: text, role: .stem)] }
        if let parts = table.parts(prefix: s.count) { return parts.map { Piece(text: $0, role: .stem) } }
        return [Piece(text: text, role: .stem)]
    }

    private func isKnown(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        let text = makeString(s)
        return lexicon.contains(text) || evidence.isStem(text, syllables: s.count)
    }

    /// Whether `s` can be a compound part: two or more syllables, known or seen standing alone.
    private func isPart(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard s.count >= 2 else { return false }
        return isKnown(s) || evidence.seenBare(makeString(s))
    }

    /// The longest compound part looked for, in syllables. Dictionary nouns stop at about ten
    /// syllables; the bound keeps compound splitting linear in the length of the word, so a
    /// run of 100,000 syllables without a space is analysed in one pass instead of hanging.
    static let maxPartLength = 16
}

/// The fewest known parts (each of two to `KoreanAnalyzer.maxPartLength` syllables, at least
/// two parts) that make up each prefix of one word. Every stem `split` weighs is a prefix of
/// the word, so one search, built on first use, serves them all.
final class CompoundTable {
    private let word: [Unicode.Scalar]
    private let isPart: (ArraySlice<Unicode.Scalar>) -> Bool
    /// best[i]: fewest parts covering word[..<i] (one part allowed), with the previous cut.
    private var best: [Int] = []
    private var previous: [Int] = []

    init(word: [Unicode.Scalar], isPart: @escaping (ArraySlice<Unicode.Scalar>) -> Bool) {
        self.word = word
        self.isPart = isPart
    }

    private func build() {
        guard best.isEmpty else { return }
        let n = word.count
        best = [Int](repeating: Int.max, count: n + 1)
        previous = [Int](repeating: -1, count: n + 1)
        best[0] = 0
        guard n >= 2 else { return }
        for end in 2...n {
            let first = max(0, end - KoreanAnalyzer.maxPartLength)
            // The largest start among the fewest parts wins ties (the shortest last part).
            for start in stride(from: end - 2, through: first, by: -1) where best[start] != Int.max {
                if best[start] + 1 < best[end], isPart(word[start..<end]) {
                    best[end] = best[start] + 1
                    previous[end] = start
                }
            }
        }
    }

    /// The parts of word[..<length], if it splits into two or more.
    func parts(prefix length: Int) -> [String]? {
        guard length >= 4, length <= word.count else { return nil }
        build()
        // The last part of a compound never starts at 0: that would be the whole stem.
        var count = Int.max, lastStart = -1
        for start in stride(from: length - 2, through: max(1, length - KoreanAnalyzer.maxPartLength), by: -1) where best[start] != Int.max {
            if best[start] + 1 < count, isPart(word[start..<length]) {
                count = best[start] + 1
                lastStart = start
            }
        }
        guard count != Int.max, count >= 2 else { return nil }
        var parts = [makeString(word[lastStart..<length])]
        var end = lastStart
        while end > 0 {
            let start = previous[end]
            parts.append(makeString(word[start..<end]))
            end = start
        }
        return parts.reversed()
    }
}
