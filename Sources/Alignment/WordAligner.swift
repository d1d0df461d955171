import Foundation
import TMCore

/// Statistical word alignment over a whole corpus: IBM Model 1 trained by EM in both
/// directions, then (for corpora of 1,000 pairs or more) the HMM model, with priors for
/// transliterations and equal numbers and a soft constraint that keeps quoted spans together;
/// the two directions' links are symmetrized (grow-diag-final-and).
///
/// The co-occurring word pairs of the corpus are numbered once ("cells"); both directions'
/// tables are flat arrays over the cells, and each EM iteration counts shards of the corpus
/// on separate threads and merges the counts in shard order, so results are deterministic.
struct WordAligner: Sendable {
    struct Options: Sendable {
        var iterations = 5
        var hmmIterations = 3
        var threads = Parallel.defaultThreads
        /// Weight of a link that crosses a quoted span boundary when both sides have the same
        /// number of quoted spans.
        var crossQuoteWeight: Float = 0.05
        /// Strength of the diagonal prior of IBM Model 1 (fast_align's lambda): 0 for a mere
        /// tie-break; a few for tiny corpora, where co-occurrence cannot order the words.
        var diagonalStrength: Float = 0

        init(iterations: Int = 5, hmmIterations: Int = 3, threads: Int = Parallel.defaultThreads, diagonalStrength: Float = 0) {
            self.diagonalStrength = diagonalStrength
            self.iterations = iterations
            self.hmmIterations = hmmIterations
            self.threads = threads
        }
    }

    /// The cell of each (source position 0...m, target position 0...n) of each pair, flat.
    private(set) var pairCells: [Int32] = []
    private(set) var pairOffset: [Int] = []
    private(set) var cellSource: [Int32] = []
    private(set) var cellTarget: [Int32] = []
    /// Prior weight of each cell (transliteration, number equality); 1 when none.
    var cellPrior: [Float] = []
    /// p(target | source) and p(source | target) per cell.
    private(set) var forward: [Float] = []
    private(set) var backward: [Float] = []
    /// The cell of each co-occurring (source id, target id).
    private(set) var index: [UInt64: Int32] = [:]

    /// p(target | source) and p(source | target) of two words, 0 when they never co-occur.
    func probabilities(source: Int32, target: Int32) -> (forward: Float, backward: Float) {
        guard let c = index[UInt64(UInt32(source)) << 32 | UInt64(UInt32(target))] else { return (0, 0) }
        return (forward[Int(c)], backward[Int(c)])
    }

    /// Numbers the co-occurring word pairs of `pairs`.
    init(pairs: [(AnalyzedSide, AnalyzedSide)]) {
        var index: [UInt64: Int32] = [:]
        index.reserveCapacity(pairs.count * 40)
        var cells: [Int32] = []
        var offsets: [Int] = []
        offsets.reserveCapacity(pairs.count + 1)
        for (s, t) in pairs {
            offsets.append(cells.count)
            let sIds = [0] + s.ids
            let tIds = [0] + t.ids
            for i in 0..<sIds.count {
                for j in 0..<tIds.count {
                    if i == 0 && j == 0 { cells.append(-1); continue }
                    let key = UInt64(UInt32(sIds[i])) << 32 | UInt64(UInt32(tIds[j]))
                    if let c = index[key] {
                        cells.append(c)
                    } else {
                        let c = Int32(cellSource.count)
                        index[key] = c
                        cellSource.append(sIds[i])
                        cellTarget.append(tIds[j])
                        cells.append(c)
                    }
                }
            }
        }
        offsets.append(cells.count)
        pairCells = cells
        pairOffset = offsets
        self.index = index
        cellPrior = Array(repeating: 1, count: cellSource.count)
    }

    var cellCount: Int { cellSource.count }

    /// For each source id the target id of its highest p(target | source), and for each target
    /// id the source id of its highest p(source | target) (0 when none): competitive linking's
    /// view of the tables, for single words that are each other's best translation.
    func bestTranslations(sourceVocabulary: Int, targetVocabulary: Int) -> (bySource: [Int32], byTarget: [Int32]) {
        var bySource = [Int32](repeating: 0, count: sourceVocabulary), bestF = [Float](repeating: 0, count: sourceVocabulary)
        var byTarget = [Int32](repeating: 0, count: targetVocabulary), bestB = [Float](repeating: 0, count: targetVocabulary)
        for c in 0..<cellCount {
            let s = Int(cellSource[c]), t = Int(cellTarget[c])
            guard s != 0, t != 0 else { continue }
            if forward[c] > bestF[s] { bestF[s] = forward[c]; bySource[s] = Int32(t) }
            if backward[c] > bestB[t] { bestB[t] = backward[c]; byTarget[t] = Int32(s) }
        }
        return (bySource, byTarget)
    }

    /// Trains both directions.
    mutating func train(pairs: [(AnalyzedSide, AnalyzedSide)], sourceVocabulary: Int, targetVocabulary: Int, options: Options) {
        diagonalStrength = options.diagonalStrength
        forward = Array(repeating: 1, count: cellCount)
        backward = Array(repeating: 1, count: cellCount)
        for _ in 0..<options.iterations {
            forward = iterate(pairs: pairs, table: forward, reverse: false, groups: sourceVocabulary, options: options)
            backward = iterate(pairs: pairs, table: backward, reverse: true, groups: targetVocabulary, options: options)
        }
        for _ in 0..<options.hmmIterations {
            (forward, forwardJumps) = hmmIterate(pairs: pairs, table: forward, jumps: forwardJumps, reverse: false, groups: sourceVocabulary, options: options)
            (backward, backwardJumps) = hmmIterate(pairs: pairs, table: backward, jumps: backwardJumps, reverse: true, groups: targetVocabulary, options: options)
        }
        useHMM = options.hmmIterations > 0
    }

    /// See `Options.diagonalStrength`.
    var diagonalStrength: Float = 0

    /// The position weight of linking content positions i of m and j of n (0-based).
    @inline(__always)
    func position(_ i: Int, _ m: Int, _ j: Int, _ n: Int) -> Float {
        guard diagonalStrength > 0 else { return Self.diagonal(i, m, j, n) }
        let d = abs((Float(i) + 0.5) / Float(max(m, 1)) - (Float(j) + 0.5) / Float(max(n, 1)))
        return exp(-diagonalStrength * d)
    }

    /// Link posteriors of a pair under IBM Model 1 with its priors and position weights:
    /// `forward[i * n + j]` is the chance that target word j comes from source word i (NULL
    /// the rest), `backward[i * n + j]` that source word i comes from target word j.
    func posteriors(pair p: Int, _ s: AnalyzedSide, _ t: AnalyzedSide) -> (forward: [Float], backward: [Float]) {
        let m = s.count, n = t.count
        var f = [Float](repeating: 0, count: m * n), b = [Float](repeating: 0, count: m * n)
        guard m > 0, n > 0 else { return (f, b) }
        let base = pairOffset[p]
        let width = n + 1
        for j in 1...n {
            var total = forward[Int(pairCells[base + j])] * cellPrior[Int(pairCells[base + j])]
            for i in 1...m {
                let c = Int(pairCells[base + i * width + j])
                let v = forward[c] * cellPrior[c] * Self.quoteWeight(s, t, i, j, 0.05) * position(i - 1, m, j - 1, n)
                f[(i - 1) * n + (j - 1)] = v
                total += v
            }
            if total > 0 { for i in 0..<m { f[i * n + j - 1] /= total } }
        }
        for i in 1...m {
            var total = backward[Int(pairCells[base + i * width])] * cellPrior[Int(pairCells[base + i * width])]
            for j in 1...n {
                let c = Int(pairCells[base + i * width + j])
                let v = backward[c] * cellPrior[c] * Self.quoteWeight(s, t, i, j, 0.05) * position(i - 1, m, j - 1, n)
                b[(i - 1) * n + (j - 1)] = v
                total += v
            }
            if total > 0 { for j in 0..<n { b[(i - 1) * n + j] /= total } }
        }
        return (f, b)
    }

    var forwardJumps = HMMState().jumps
    var backwardJumps = HMMState().jumps
    var useHMM = false

    /// The weight of linking source position i (1-based) and target position j (1-based) in a pair.
    @inline(__always)
    static func quoteWeight(_ s: AnalyzedSide, _ t: AnalyzedSide, _ i: Int, _ j: Int, _ w: Float) -> Float {
        guard i > 0, j > 0, s.quoteCount > 0, s.quoteCount == t.quoteCount else { return 1 }
        return s.quote[i - 1] == t.quote[j - 1] ? 1 : w
    }

    /// One EM iteration of one direction; returns the new table.
    private func iterate(pairs: [(AnalyzedSide, AnalyzedSide)], table: [Float], reverse: Bool, groups: Int, options: Options) -> [Float] {
        let cells = cellCount
        let crossWeight = options.crossQuoteWeight
        let partials: [[Float]] = Parallel.map(count: pairs.count, threads: options.threads) { range in
            var counts = [Float](repeating: 0, count: cells)
            var scratch = [Float](repeating: 0, count: 64)
            for p in range {
                let (s, t) = pairs[p]
                let m = s.count, n = t.count
                let base = pairOffset[p]
                let width = n + 1
                // Each word of the "generated" side distributes one count over the other side + NULL.
                let outer = reverse ? m : n
                let inner = reverse ? n : m
                if scratch.count < inner + 1 { scratch = [Float](repeating: 0, count: inner + 1) }
                if outer == 0 { continue }
                for a in 1...outer {
                    var total: Float = 0
                    for b in 0...inner {
                        let (i, j) = reverse ? (a, b) : (b, a)
                        let c = Int(pairCells[base + i * width + j])
                        var v = table[c] * cellPrior[c] * Self.quoteWeight(s, t, i, j, crossWeight)
                        if diagonalStrength > 0, i > 0, j > 0 { v *= position(i - 1, m, j - 1, n) }
                        scratch[b] = v
                        total += v
                    }
                    guard total > 0 else { continue }
                    for b in 0...inner {
                        let (i, j) = reverse ? (a, b) : (b, a)
                        let c = Int(pairCells[base + i * width + j])
                        counts[c] += scratch[b] / total
                    }
                }
            }
            return counts
        }
        var counts = partials[0]
        for part in partials.dropFirst() {
            for c in 0..<cells { counts[c] += part[c] }
        }
        var totals = [Float](repeating: 0, count: groups)
        for c in 0..<cells {
            let g = Int(reverse ? cellTarget[c] : cellSource[c])
            totals[g] += counts[c]
        }
        for c in 0..<cells {
            let g = Int(reverse ? cellTarget[c] : cellSource[c])
            counts[c] = totals[g] > 0 ? counts[c] / totals[g] : 0
        }
        return counts
    }

    /// The symmetrized alignment of pair `p`: links (i, j) with 0-based content positions.
    func links(pair p: Int, _ s: AnalyzedSide, _ t: AnalyzedSide, crossQuoteWeight: Float) -> [(Int, Int)] {
        let m = s.count, n = t.count
        guard m > 0, n > 0 else { return [] }
        if useHMM {
            let a1 = hmmLinks((s, t), p, table: forward, jumps: forwardJumps, reverse: false, crossWeight: crossQuoteWeight)
            let a2 = hmmLinks((s, t), p, table: backward, jumps: backwardJumps, reverse: true, crossWeight: crossQuoteWeight)
            var f = Set<Int>(), b = Set<Int>()
            for j in 1...n where a1[j] > 0 { f.insert((a1[j] - 1) * 4096 + (j - 1)) }
            for i in 1...m where a2[i] > 0 { b.insert((i - 1) * 4096 + (a2[i] - 1)) }
            return Symmetrizer.growDiagFinalAnd(f, b, m: m, n: n)
        }
        let base = pairOffset[p]
        let width = n + 1
        // Forward: for each target j the best source i (0 = NULL).
        var a1 = [Int](repeating: 0, count: n + 1)
        for j in 1...n {
            var best: Float = 0, arg = 0
            for i in 0...m {
                let c = Int(pairCells[base + i * width + j])
                var v = forward[c] * cellPrior[c] * Self.quoteWeight(s, t, i, j, crossQuoteWeight)
                if i > 0 { v *= position(i - 1, m, j - 1, n) }
                if v > best { best = v; arg = i }
            }
            a1[j] = arg
        }
        var a2 = [Int](repeating: 0, count: m + 1)
        for i in 1...m {
            var best: Float = 0, arg = 0
            for j in 0...n {
                let c = Int(pairCells[base + i * width + j])
                var v = backward[c] * cellPrior[c] * Self.quoteWeight(s, t, i, j, crossQuoteWeight)
                if j > 0 { v *= position(i - 1, m, j - 1, n) }
                if v > best { best = v; arg = j }
            }
            a2[i] = arg
        }
        var forwardLinks = Set<Int>()
        for j in 1...n where a1[j] > 0 { forwardLinks.insert((a1[j] - 1) * 4096 + (j - 1)) }
        var backwardLinks = Set<Int>()
        for i in 1...m where a2[i] > 0 { backwardLinks.insert((i - 1) * 4096 + (a2[i] - 1)) }
        return Symmetrizer.growDiagFinalAnd(forwardLinks, backwardLinks, m: m, n: n)
    }

    /// A very small preference for links near the diagonal, to break ties between repeats.
    @inline(__always)
    static func diagonal(_ i: Int, _ m: Int, _ j: Int, _ n: Int) -> Float {
        let d = abs(Float(i) / Float(max(m, 1)) - Float(j) / Float(max(n, 1)))
        return 1 - 0.01 * d
    }
}
