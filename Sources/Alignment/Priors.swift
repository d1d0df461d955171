/// Prior weights of word pairs before EM: names and loanwords that sound alike, and numbers
/// with the same value, are far likelier links than chance.
enum Priors {
    /// Weight of a pair of equal numbers.
    static let number: Float = 50
    /// Weight of the same Latin word on both sides: translations often keep the English in
    /// parentheses beside the real translation, so it is only a hint.
    static let identity: Float = 3
    /// Weight of a transliteration pair at similarity 1 (scaled down to 1 at `threshold`).
    static let transliteration: Float = 30
    static let threshold = 0.6
    /// Weight of a Korean derived noun and an English word derived alike (`장기화` ~ `prolonged`),
    /// for tiny corpora only: strong enough to anchor elimination (`ForcedLinks`).
    static let derivation: Float = 12

    /// English endings that answer each Korean noun derivation: -화 makes a process or state
    /// (`정규화` normalization, `장기화` prolonged), -성 a quality (`호환성` compatibility), -적 an
    /// adjective (`기술적` technical).
    static let derivationEndings: [Character: [String]] = [
        "화": ["ization", "isation", "ification", "ized", "ised", "ified", "ed"],
        "성": ["ity", "ness", "ility"],
        "적": ["al", "ic", "ive"],
    ]

    /// Whether a Hangul word of three or more syllables ends in a noun derivation and the Latin
    /// word in an ending that answers it.
    static func derivesAlike(hangul: String, latin: String) -> Bool {
        guard hangul.count >= 3, let last = hangul.last, let endings = derivationEndings[last] else { return false }
        let word = latin.lowercased()
        return endings.contains { word.count > $0.count + 2 && word.hasSuffix($0) }
    }

    /// `tiny`: the corpus is too small for statistics, so weaker sound evidence counts.
    static func apply(to aligner: inout WordAligner, corpus: AlignmentCorpus, tiny: Bool = false) {
        var similarity = TransliterationSimilarity()
        let sourceHangul = corpus.source.words.map { $0.unicodeScalars.contains(where: LanguageCheck.isHangul) }
        let targetHangul = corpus.target.words.map { $0.unicodeScalars.contains(where: LanguageCheck.isHangul) }
        var latinForms: [Int32: [UInt8]] = [:]
        var hangulForms: [Int32: [UInt8]] = [:]
        for c in 0..<aligner.cellCount {
            let s = aligner.cellSource[c], t = aligner.cellTarget[c]
            guard s != 0, t != 0 else { continue }
            if corpus.sourceIsNumber[Int(s)] || corpus.targetIsNumber[Int(t)] {
                if corpus.sourceIsNumber[Int(s)], corpus.targetIsNumber[Int(t)], corpus.source[s] == corpus.target[t] {
                    aligner.cellPrior[c] = number
                }
                continue
            }
            let (h, l, hWord, lWord): (Int32, Int32, String, String)
            if !sourceHangul[Int(s)], !targetHangul[Int(t)] {
                // The same foreign word or code on both sides (GNU, CD, URL).
                if corpus.source[s] == corpus.target[t] { aligner.cellPrior[c] = identity }
                continue
            } else if sourceHangul[Int(s)] && !targetHangul[Int(t)] {
                (h, l, hWord, lWord) = (s, t, corpus.source[s], corpus.target[t])
            } else if targetHangul[Int(t)] && !sourceHangul[Int(s)] {
                (h, l, hWord, lWord) = (t, s, corpus.target[t], corpus.source[s])
            } else {
                continue
            }
            if tiny, Self.derivesAlike(hangul: hWord, latin: lWord) {
                aligner.cellPrior[c] = derivation
                continue
            }
            let latin: [UInt8]
            if let cached = latinForms[l] { latin = cached } else {
                latin = TransliterationSimilarity.phonetic(lWord)
                latinForms[l] = latin
            }
            guard latin.count >= 2 else { continue }
            let hangul: [UInt8]
            if let cached = hangulForms[h] { hangul = cached } else {
                hangul = similarity.hangulForm(hWord) ?? []
                hangulForms[h] = hangul
            }
            guard hangul.count >= 2, abs(hangul.count - latin.count) <= max(2, latin.count / 2) else { continue }
            let sim = TransliterationSimilarity.similarity(hangul, latin, short: tiny)
            if sim >= threshold {
                aligner.cellPrior[c] = 1 + transliteration * Float((sim - threshold) / (1 - threshold))
            }
        }
    }
}
