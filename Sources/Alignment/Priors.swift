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
