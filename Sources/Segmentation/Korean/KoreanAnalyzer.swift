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
        for length in 1...min(KoreanSuffixes.maxLength, n - 1) {
            let text = String(String.UnicodeScalarView(word[(n - length)...]))
            guard let suffix = KoreanSuffixes.byText[text] else { continue }
            let stemLength = n - length
            guard stemLength >= suffix.minStem, suffix.attaches(after: word[stemLength - 1]) else { continue }
            if KoreanSuffixes.afterDerivationOnly.contains(text) {
                guard stemLength >= 3, KoreanSuffixes.derivations.contains(word[stemLength - 1]) else { continue }
            }
            cuts.append(Cut(stemLength: stemLength, suffix: suffix))
        }
        return cuts
    }

    /// The pieces of one Hangul word (all scalars Hangul syllables).
    public func split(_ word: String) -> [Piece] {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 2, scalars.allSatisfy(Hangul.isSyllable) else { return [Piece(text: word, role: .stem)] }
        let whole = analyzeStem(scalars[...])
        var best = (cost: whole.cost, pieces: whole.pieces)
        for cut in Self.suffixCuts(scalars) {
            let stem = analyzeStem(scalars[..<cut.stemLength])
            var cost: Double
            if cut.suffix.strong {
                cost = stem.cost - 0.5
            } else if stem.known {
                // A weak particle after a one-syllable stem needs the text's own evidence:
                // the dictionary alone would split 모든 into 모 + 든.
                if cut.stemLength == 1 && !evidence.isStem(String(scalars[0]), syllables: 1) { continue }
                cost = stem.cost + 0.3
            } else if cut.stemLength >= 2, KoreanSuffixes.guessable.contains(cut.suffix.text), !endsInKnownWord(scalars) {
                // An unknown stem of two or more syllables before a common particle, when the
                // word does not end in a known word (정상회의 ends in 회의): 바이든이, 명령어의.
                cost = 1.9
            } else {
                continue
            }
            // Among equal cuts the longer suffix wins (`협상` + `에서는`, not `협상에서` + `는`).
            cost -= 0.01 * Double(cut.suffix.text.unicodeScalars.count)
            if cost < best.cost - 1e-9 {
                let role: Piece.Role = cut.suffix.kind == .particle ? .particle : .ending
                best = (cost, stem.pieces + [Piece(text: cut.suffix.text, role: role)])
            }
        }
        return best.pieces
    }

    /// A stem analysed: its pieces (compound parts, derivational suffix), whether it is known,
    /// and its cost.
    private func analyzeStem(_ s: ArraySlice<Unicode.Scalar>) -> (pieces: [Piece], known: Bool, cost: Double) {
        let text = String(String.UnicodeScalarView(s))
        // A derivation on a known stem of two or more syllables: 장기화, 가능성, 사람들.
        if s.count >= 3, let last = s.last, KoreanSuffixes.derivations.contains(last) {
            let core = s.dropLast()
            if isKnown(core) || evidence.seenBare(String(String.UnicodeScalarView(core))) {
                return (piecesOfKnown(core) + [Piece(text: String(last), role: .ending)], true, 1)
            }
        }
        if isKnown(s) { return ([Piece(text: text, role: .stem)], true, 1) }
        // A compound costs a little more than a known word, so a known stem with a weak
        // particle (`명령어` + `의`) beats a compound of lexicon words (`명령` + `어의`).
        if let parts = compound(s) { return (parts.map { Piece(text: $0, role: .stem) }, true, 1 + 0.4 * Double(parts.count - 1)) }
        return ([Piece(text: text, role: .stem)], false, 2)
    }

    /// Whether the last two syllables of `word` form a known word.
    private func endsInKnownWord(_ word: [Unicode.Scalar]) -> Bool {
        guard word.count >= 2 else { return false }
        let tail = word[(word.count - 2)...]
        return isKnown(tail)
    }

    private func piecesOfKnown(_ s: ArraySlice<Unicode.Scalar>) -> [Piece] {
        let text = String(String.UnicodeScalarView(s))
        if isKnown(s) { return [Piece(text: text, role: .stem)] }
        if let parts = compound(s) { return parts.map { Piece(text: $0, role: .stem) } }
        return [Piece(text: text, role: .stem)]
    }

    private func isKnown(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        let text = String(String.UnicodeScalarView(s))
        return lexicon.contains(text) || evidence.isStem(text, syllables: s.count)
    }

    /// Whether `s` can be a compound part: two or more syllables, known or seen standing alone.
    private func isPart(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard s.count >= 2 else { return false }
        return isKnown(s) || evidence.seenBare(String(String.UnicodeScalarView(s)))
    }

    /// The fewest known parts (each of two or more syllables) that make up `s`, if any; at
    /// least two parts.
    private func compound(_ s: ArraySlice<Unicode.Scalar>) -> [String]? {
        let n = s.count
        guard n >= 4 else { return nil }
        let base = s.startIndex
        // best[i]: fewest parts covering s[base..<base+i], with the previous cut.
        var best = [Int](repeating: Int.max, count: n + 1)
        var previous = [Int](repeating: -1, count: n + 1)
        best[0] = 0
        for end in 2...n {
            for start in stride(from: end - 2, through: 0, by: -1) where best[start] != Int.max && (start > 0 || end < n) {
                if best[start] + 1 < best[end], isPart(s[(base + start)..<(base + end)]) {
                    best[end] = best[start] + 1
                    previous[end] = start
                }
            }
        }
        guard best[n] != Int.max, best[n] >= 2 else { return nil }
        var parts: [String] = []
        var end = n
        while end > 0 {
            let start = previous[end]
            parts.append(String(String.UnicodeScalarView(s[(base + start)..<(base + end)])))
            end = start
        }
        return parts.reversed()
    }
}
