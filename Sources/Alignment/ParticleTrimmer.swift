/// Corpus-level particle splitting: a Hangul word that is a more frequent word of the corpus
/// plus a particle (`트랙이` when `트랙` is common) is counted as that word. The analyser leaves
/// weak particles (`이`, `의`, `에`) on words it does not know; the whole corpus shows the stem.
enum ParticleTrimmer {
    /// Particles, longest first.
    static let particles: [String] = [
        "으로는", "에서는", "에게는", "이라는", "으로도", "에서도", "까지는", "부터는",
        "으로", "에서", "에게", "에는", "에도", "에의", "와의", "과의", "로는", "로도", "이나", "까지", "부터", "보다",
        "처럼", "라는", "이란", "인지", "만을", "만이", "들을", "들이", "들의", "들은", "들에", "들도", "들과", "들로",
        "이", "가", "은", "는", "을", "를", "의", "에", "로", "와", "과", "도", "만", "나", "들", "용",
    ].sorted { $0.count > $1.count }

    /// A stem counts when it is seen this often, and at least `stemRatio` times as often as the
    /// word with the particle (`TMKIT_TRIM_MIN`, `TMKIT_TRIM_RATIO` for benchmark experiments).
    static let minimumStem = Int(TermExtractor.experiment["TMKIT_TRIM_MIN"] ?? "") ?? 3
    static let stemRatio = Double(TermExtractor.experiment["TMKIT_TRIM_RATIO"] ?? "") ?? 1

    /// For each id of `vocabulary`, the id to count it as and how many scalars to trim from
    /// the surface (0 when unchanged).
    static func remap(_ vocabulary: inout Vocabulary, frequency: [Int]) -> [(id: Int32, trim: Int)] {
        var out: [(Int32, Int)] = (0..<vocabulary.count).map { (Int32($0), 0) }
        for id in 1..<vocabulary.count {
            let word = vocabulary[Int32(id)]
            let scalars = Array(word.unicodeScalars)
            guard scalars.count >= 3, scalars.allSatisfy({ LanguageCheck.isHangul($0) }) else { continue }
            for particle in particles {
                let p = particle.unicodeScalars.count
                guard scalars.count - p >= 2, word.hasSuffix(particle) else { continue }
                let stem = String(String.UnicodeScalarView(scalars[..<(scalars.count - p)]))
                guard let stemId = vocabulary.lookup(stem) else { continue }
                let f = frequency[Int(stemId)]
                if f >= minimumStem && Double(f) >= stemRatio * Double(frequency[id]) {
                    out[id] = (stemId, p)
                    break
                }
            }
        }
        return out
    }
}
