import Foundation
import TMCore

/// Turns word alignments into ranked term pairs.
///
/// For every source n-gram (1 to `maxWords` neighbouring words), each occurrence proposes the
/// target span from the first to the last target word linked to it, with edge words the
/// models barely tie to the term trimmed (a verb after a noun phrase) and no punctuation inside.
/// Candidates are ranked by a mix of how often the n-gram is translated so (c(e,f)/c(e)),
/// association (Dice over the corpus) and the lexical translation probabilities of the EM
/// models, discounted when some source word is not linked into the span, when the span is
/// longer than the term, and (into Korean) when the target has no Hangul; a target that only
/// copies the source is no translation and is dropped.
struct TermExtractor: Sendable {
    let options: TermAligner.Options

    struct CandidateKey: Hashable, Sendable { var source: TermKey; var target: TermKey }

    struct Shard: Sendable {
        var sources: [TermKey: FormStats] = [:]
        var candidates: [CandidateKey: FormStats] = [:]
        /// Spans that break the alignment's consistency: used only for terms with no other.
        var loose: [CandidateKey: FormStats] = [:]
        /// Occurrences of multi-word source terms without structural evidence.
        var unstructured: [TermKey: Int32] = [:]
    }

    /// Whether source words a...b are written without spaces between them (one written word).
    static func isWrittenAsOne(_ s: AnalyzedSide, _ a: Int, _ b: Int) -> Bool {
        // Only particles/endings may stand between, and no space.
        (a..<b).allSatisfy { !s.spacedNext[$0] }
    }

    /// Whether source words a...b are exactly the words of one quoted span.
    static func fillsQuote(_ s: AnalyzedSide, _ a: Int, _ b: Int) -> Bool {
        let q = s.quote[a]
        guard q > 0, s.quote[b] == q else { return false }
        if a > 0, s.quote[a - 1] == q { return false }
        if b + 1 < s.count, s.quote[b + 1] == q { return false }
        return true
    }

    /// English words that do not start or end a term.
    static let functionWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and", "or", "but", "nor", "as",
        "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "if", "then",
        "than", "so", "not", "no", "do", "does", "did", "can", "could", "will", "would", "shall", "should", "may",
        "might", "must", "has", "have", "had", "you", "your", "we", "our", "they", "their", "he", "his", "she", "her",
        "i", "my", "me", "us", "them", "which", "who", "whom", "what", "when", "where", "how", "there", "here", "into",
        "onto", "about", "via", "per", "all", "any", "each", "some", "such", "also", "only", "just", "very",
    ]

    /// Tuning knobs for benchmark experiments, read from the environment (`TMKIT_ALIGN_WEIGHTS`,
    /// `TMKIT_TRIM`, `TMKIT_ALIGN_CONSISTENT`, `TMKIT_IBM_ITERS`, `TMKIT_HMM_ITERS`, `TMKIT_NULL_P`,
    /// `TMKIT_LINK_T`, `TMKIT_TIMING`). The defaults are the tuned values; users never need them.
    static var experiment: [String: String] { ProcessInfo.processInfo.environment }

    func extract(corpus: AlignmentCorpus, aligner: WordAligner) -> [TermPair] {
        let maxWords = min(options.maxWords, 4)
        let maxExamples = options.maxExamples
        let phraseEvidenceBelow = options.phraseEvidenceBelow
        let sourceIsEnglishLike = options.sourceLanguage.language != "ko"
        let sourceStop: [Bool] = corpus.source.words.map { sourceIsEnglishLike && Self.functionWords.contains($0) }
        let targetIsEnglishLike = options.targetLanguage.language != "ko"
        let targetStop: [Bool] = corpus.target.words.map { targetIsEnglishLike && Self.functionWords.contains($0) }
        let consistent = Self.experiment["TMKIT_ALIGN_CONSISTENT"] != nil
        let trimThreshold = Float(Self.experiment["TMKIT_TRIM"] ?? "") ?? 0.15
        let tiny = corpus.pairs.count < TermAligner.tinyCorpus
        let together = tiny ? Self.alwaysTogether(corpus) : []
        let shards = Parallel.map(count: corpus.pairs.count, threads: options.threads) { range -> Shard in
            var shard = Shard()
            for p in range {
                let (s, t) = corpus.pairs[p]
                let links = aligner.links(pair: p, s, t, crossQuoteWeight: 0.05)
                let forced = tiny ? ForcedLinks(s, t, links: links) { i, j in
                    // Anchors: words always seen together, or equal numbers, the same word, and
                    // clear transliterations that are each other's best match in the pair.
                    func prior(_ i: Int, _ j: Int) -> Float {
                        aligner.index[UInt64(UInt32(s.ids[i])) << 32 | UInt64(UInt32(t.ids[j]))].map { aligner.cellPrior[Int($0)] } ?? 1
                    }
                    let key = UInt64(UInt32(s.ids[i])) << 32 | UInt64(UInt32(t.ids[j]))
                    if together.contains(key) { return true }
                    let p = prior(i, j)
                    guard p >= 12 || (p > 1 && corpus.source[s.ids[i]] == corpus.target[t.ids[j]]) else { return false }
                    return (0..<t.count).allSatisfy { prior(i, $0) <= p } && (0..<s.count).allSatisfy { prior($0, j) <= p }
                } : nil
                let (postF, postB) = aligner.posteriors(pair: p, s, t)
                let n = t.count
                func posterior(_ a: Int, _ b: Int, _ lo: Int, _ hi: Int) -> (Float, Float) {
                    var f: Float = 0, g: Float = 0
                    for j in lo...hi { for i in a...b { f += postF[i * n + j] } }
                    for i in a...b { for j in lo...hi { g += postB[i * n + j] } }
                    return (f / Float(hi - lo + 1), g / Float(b - a + 1))
                }
                var bySource = [[Int]](repeating: [], count: s.count)
                var byTarget = [[Int]](repeating: [], count: t.count)
                // The span the links gave each source n-gram (a * 4096 + b -> lo * 4096 + hi).
                var linkSpan: [Int: Int] = [:]
                for (i, j) in links {
                    bySource[i].append(j)
                    byTarget[j].append(i)
                }
                var settled = Set<Int>()
                defer {
                    // Spans elimination settles that the links missed are candidates too.
                    for g in forced?.gaps(maxSource: maxWords, maxTarget: TermKey.capacity) ?? [] where !settled.contains(g.a * 4096 + g.b) {
                        guard !sourceStop[Int(s.ids[g.a])], !sourceStop[Int(s.ids[g.b])], (g.a..<g.b).allSatisfy({ s.joinsNext[$0] }),
                              (g.lo..<g.hi).allSatisfy({ t.joinsNext[$0] }) else { continue }
                        let key = CandidateKey(source: TermKey(s.ids[g.a...g.b]), target: TermKey(t.ids[g.lo...g.hi]))
                        if linkSpan[g.a * 4096 + g.b] == g.lo * 4096 + g.hi {
                            // The links found it too: that occurrence is settled, not a second one.
                            shard.candidates[key]!.forced += 1
                            continue
                        }
                        shard.candidates[key, default: FormStats()].add(surface: t.surface(g.lo, g.hi), pair: Int32(p), maxExamples: maxExamples)
                        let (pf, pb) = posterior(g.a, g.b, g.lo, g.hi)
                        shard.candidates[key]!.coverage += 1
                        shard.candidates[key]!.forced += 1
                        shard.candidates[key]!.posteriorForward += pf
                        shard.candidates[key]!.posteriorBackward += pb
                    }
                }
                for a in 0..<s.count {
                    var b = a
                    while b < s.count, b - a < maxWords {
                        defer { b += 1 }
                        if b > a && !s.joinsNext[b - 1] { break }
                        if sourceStop[Int(s.ids[a])] || sourceStop[Int(s.ids[b])] { continue }
                        if b > a, phraseEvidenceBelow > 0, !Self.isWrittenAsOne(s, a, b), !Self.fillsQuote(s, a, b) {
                            // Decided after counting: remember that this occurrence lacks structure.
                            shard.unstructured[TermKey(s.ids[a...b]), default: 0] += 1
                        }
                        let sourceKey = TermKey(s.ids[a...b])
                        shard.sources[sourceKey, default: FormStats()].add(surface: s.surface(a, b), pair: Int32(p), maxExamples: maxExamples)
                        var lo = Int.max, hi = -1
                        for i in a...b { for j in bySource[i] { lo = min(lo, j); hi = max(hi, j) } }
                        guard hi >= 0 else { continue }
                        // Trim edge words the models barely tie to the term (a verb after a noun phrase).
                        while hi > lo, edgeStrength(s.ids[a...b], t.ids[hi], aligner) < trimThreshold { hi -= 1 }
                        while hi > lo, edgeStrength(s.ids[a...b], t.ids[lo], aligner) < trimThreshold { lo += 1 }
                        // English terms neither start nor end with a function word.
                        while hi > lo, targetStop[Int(t.ids[hi])] { hi -= 1 }
                        while hi > lo, targetStop[Int(t.ids[lo])] { lo += 1 }
                        guard hi - lo < min(TermKey.capacity, b - a + 3) else { continue }
                        // No punctuation, symbol or placeholder inside the target span.
                        var joined = true
                        for j in lo..<hi where !t.joinsNext[j] { joined = false; break }
                        if !joined { continue }
                        var isConsistent = true
                        for j in lo...hi where byTarget[j].contains(where: { $0 < a || $0 > b }) { isConsistent = false; break }
                        if !isConsistent && consistent {
                            let key = CandidateKey(source: sourceKey, target: TermKey(t.ids[lo...hi]))
                            shard.loose[key, default: FormStats()].add(surface: t.surface(lo, hi), pair: Int32(p), maxExamples: maxExamples)
                            shard.loose[key]!.coverage += Float((a...b).filter { !bySource[$0].isEmpty }.count) / Float(b - a + 1)
                            let (pf, pb) = posterior(a, b, lo, hi)
                            shard.loose[key]!.posteriorForward += pf
                            shard.loose[key]!.posteriorBackward += pb
                            continue
                        }
                        let key = CandidateKey(source: sourceKey, target: TermKey(t.ids[lo...hi]))
                        shard.candidates[key, default: FormStats()].add(surface: t.surface(lo, hi), pair: Int32(p), maxExamples: maxExamples)
                        shard.candidates[key]!.coverage += Float((a...b).filter { !bySource[$0].isEmpty }.count) / Float(b - a + 1)
                        let (pf, pb) = posterior(a, b, lo, hi)
                        if tiny { linkSpan[a * 4096 + b] = lo * 4096 + hi }
                        if t.endsInVerbEnding(hi) { shard.candidates[key]!.verbal += 1 }
                        if let forced, forced.isForced(a, b, lo, hi) {
                            shard.candidates[key]!.forced += 1
                            settled.insert(a * 4096 + b)
                        }
                        shard.candidates[key]!.posteriorForward += pf
                        shard.candidates[key]!.posteriorBackward += pb
                    }
                }
            }
            return shard
        }
        var merged = shards[0]
        for shard in shards.dropFirst() {
            for (k, v) in shard.sources { merged.sources[k, default: FormStats()].merge(v, maxExamples: maxExamples) }
            for (k, v) in shard.candidates { merged.candidates[k, default: FormStats()].merge(v, maxExamples: maxExamples) }
            for (k, v) in shard.loose { merged.loose[k, default: FormStats()].merge(v, maxExamples: maxExamples) }
            for (k, v) in shard.unstructured { merged.unstructured[k, default: 0] += v }
        }
        // Terms without a consistent span fall back on the loose ones, at a discount.
        let covered = Set(merged.candidates.keys.map(\.source))
        for (k, v) in merged.loose where !covered.contains(k.source) {
            var stats = v
            stats.loose = true
            merged.candidates[k] = stats
        }
        let targetCounts = countTargets(Set(merged.candidates.keys.map(\.target)), corpus: corpus)
        return rank(merged, targetCounts: targetCounts, corpus: corpus, aligner: aligner)
    }

    /// Word pairs (source id << 32 | target id) that occur together in at least two pairs and
    /// never apart.
    static func alwaysTogether(_ corpus: AlignmentCorpus) -> Set<UInt64> {
        var sourceFrequency: [Int32: Int] = [:], targetFrequency: [Int32: Int] = [:], both: [UInt64: Int] = [:]
        for (s, t) in corpus.pairs {
            let si = Set(s.ids), ti = Set(t.ids)
            for x in si { sourceFrequency[x, default: 0] += 1 }
            for y in ti { targetFrequency[y, default: 0] += 1 }
            for x in si { for y in ti { both[UInt64(UInt32(x)) << 32 | UInt64(UInt32(y)), default: 0] += 1 } }
        }
        return Set(both.filter { key, n in
            n >= 2 && sourceFrequency[Int32(truncatingIfNeeded: key >> 32)] == n && targetFrequency[Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)] == n
        }.keys)
    }

    /// How often each target form occurs in the target side (as neighbouring words).
    private func countTargets(_ wanted: Set<TermKey>, corpus: AlignmentCorpus) -> [TermKey: Int32] {
        let shards = Parallel.map(count: corpus.pairs.count, threads: options.threads) { range -> [TermKey: Int32] in
            var counts: [TermKey: Int32] = [:]
            for p in range {
                let t = corpus.pairs[p].1
                for a in 0..<t.count {
                    var b = a
                    while b < t.count, b - a < TermKey.capacity {
                        let key = TermKey(t.ids[a...b])
                        if wanted.contains(key) { counts[key, default: 0] += 1 }
                        b += 1
                    }
                }
            }
            return counts
        }
        var counts = shards[0]
        for shard in shards.dropFirst() { for (k, v) in shard { counts[k, default: 0] += v } }
        return counts
    }

    /// How strongly target word `t` is tied to any of the source words: the larger of the two
    /// directions' translation probabilities.
    func edgeStrength(_ source: ArraySlice<Int32>, _ t: Int32, _ aligner: WordAligner) -> Float {
        var best: Float = 0
        for s in source {
            let p = aligner.probabilities(source: s, target: t)
            best = max(best, p.forward, p.backward)
        }
        return best
    }

    /// Lower case without spaces, for comparing a copy with its source.
    static func folded(_ s: String) -> String { s.lowercased().filter { !$0.isWhitespace } }

    /// Mean over target words of the best p(target | source word), and over source words of the
    /// best p(source | target word): how well the words explain each other, each way.
    func lexical(_ source: [Int32], _ target: [Int32], _ aligner: WordAligner) -> (forward: Double, backward: Double) {
        var forward = 0.0
        for t in target {
            var best: Float = 0
            for s in source { best = max(best, aligner.probabilities(source: s, target: t).forward) }
            forward += Double(best)
        }
        var backward = 0.0
        for s in source {
            var best: Float = 0
            for t in target { best = max(best, aligner.probabilities(source: s, target: t).backward) }
            backward += Double(best)
        }
        return (forward / Double(target.count), backward / Double(source.count))
    }

    /// The surface form to show: the most frequent, preferring a lower-case form when the text
    /// has one.
    static func display(_ counts: [String: Int32], preferLower: Bool) -> String {
        let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if preferLower, let lower = sorted.first(where: { $0.key == $0.key.lowercased() }) { return lower.key }
        return sorted.first?.key ?? ""
    }

    /// Title-cased words become lower case unless they are names (`keep` says so: the word
    /// sounds like its translation) or acronyms (`EU`, `NATO`).
    static func caseForm(_ text: String, keep: (Substring) -> Bool) -> String {
        guard text != text.lowercased() else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let letters = word.filter(\.isLetter)
            if letters.count >= 2, letters.allSatisfy(\.isUppercase) { return String(word) }
            if let first = word.first, first.isUppercase, word.dropFirst().allSatisfy({ !$0.isUppercase }), !keep(word) {
                return word.lowercased()
            }
            return String(word)
        }.joined(separator: " ")
    }
}
