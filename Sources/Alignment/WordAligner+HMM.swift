import Foundation
import TMCore

/// The HMM alignment model (Vogel et al. 1996) on top of IBM Model 1: the position a word
/// aligns to depends on where the previous word aligned (a learned jump distribution), which
/// keeps phrases together. Trained by forward-backward EM in both directions after IBM-1;
/// NULL is folded into each state's emission with a fixed probability. Links are read from
/// the posteriors.
extension WordAligner {
    /// Largest jump modelled; longer jumps share the end buckets.
    static let maxJump = 8
    static let nullProbability: Float = Float(ProcessInfo.processInfo.environment["TMKIT_NULL_P"] ?? "") ?? 0.2
    static let linkThreshold: Float = Float(ProcessInfo.processInfo.environment["TMKIT_LINK_T"] ?? "") ?? 0.7

    struct HMMState: Sendable {
        var jumps: [Float] = Array(repeating: 1, count: 2 * WordAligner.maxJump + 1)
    }

    /// One HMM EM iteration of one direction. Returns the new table and jump distribution.
    func hmmIterate(pairs: [(AnalyzedSide, AnalyzedSide)], table: [Float], jumps: [Float], reverse: Bool, groups: Int,
                    options: Options) -> ([Float], [Float]) {
        let cells = cellCount
        let partials: [([Float], [Float])] = Parallel.map(count: pairs.count, threads: options.threads) { range in
            var counts = [Float](repeating: 0, count: cells)
            var jumpCounts = [Float](repeating: 0, count: jumps.count)
            var work = HMMWork()
            for p in range {
                guard work.run(self, pairs[p], p, table: table, jumps: jumps, reverse: reverse, crossWeight: options.crossQuoteWeight) else { continue }
                work.accumulate(self, pairs[p], p, reverse: reverse, counts: &counts, jumpCounts: &jumpCounts)
            }
            return (counts, jumpCounts)
        }
        var counts = partials[0].0
        var jumpCounts = partials[0].1
        for part in partials.dropFirst() {
            for c in 0..<cells { counts[c] += part.0[c] }
            for d in 0..<jumpCounts.count { jumpCounts[d] += part.1[d] }
        }
        var totals = [Float](repeating: 0, count: groups)
        for c in 0..<cells { totals[Int(reverse ? cellTarget[c] : cellSource[c])] += counts[c] }
        for c in 0..<cells {
            let g = Int(reverse ? cellTarget[c] : cellSource[c])
            counts[c] = totals[g] > 0 ? counts[c] / totals[g] : 0
        }
        let jumpTotal = jumpCounts.reduce(0, +)
        let smoothed = jumpCounts.map { ($0 + 1) / (jumpTotal + Float(jumpCounts.count)) }
        return (counts, smoothed)
    }

    /// Posterior links of one direction: for each generated word, the best state if its
    /// posterior (NULL share removed) reaches `threshold`. Returns 1-based state per word (0 = none).
    func hmmLinks(_ pair: (AnalyzedSide, AnalyzedSide), _ p: Int, table: [Float], jumps: [Float], reverse: Bool, crossWeight: Float) -> [Int] {
        var work = HMMWork()
        let n = reverse ? pair.0.count : pair.1.count
        guard work.run(self, pair, p, table: table, jumps: jumps, reverse: reverse, crossWeight: crossWeight) else {
            return Array(repeating: 0, count: n + 1)
        }
        var out = [Int](repeating: 0, count: n + 1)
        let m = work.m
        for j in 0..<n {
            var best: Float = 0, arg = -1
            for i in 0..<m {
                let g = work.gamma[j * m + i] * work.nonNullShare(j, i)
                if g > best { best = g; arg = i }
            }
            if arg >= 0, best >= WordAligner.linkThreshold { out[j + 1] = arg + 1 }
        }
        return out
    }
}

/// Scratch buffers for forward-backward on one pair.
struct HMMWork {
    var m = 0, n = 0
    var emit: [Float] = []      // n * m: non-NULL emission
    var null: [Float] = []      // n: NULL emission
    var alpha: [Float] = []
    var beta: [Float] = []
    var gamma: [Float] = []
    var scale: [Float] = []
    var jumpNorm: [Float] = []  // m: normalizer of jumps from each state
    var jumps: [Float] = []

    func nonNullShare(_ j: Int, _ i: Int) -> Float {
        let e = emit[j * m + i]
        let t = e + null[j]
        return t > 0 ? e / t : 0
    }

    @inline(__always)
    func jump(_ from: Int, _ to: Int) -> Float {
        let d = max(-WordAligner.maxJump, min(WordAligner.maxJump, to - from))
        return jumps[d + WordAligner.maxJump] / jumpNorm[from]
    }

    /// Forward-backward; false when a side is empty or the pair has no probability.
    mutating func run(_ aligner: WordAligner, _ pair: (AnalyzedSide, AnalyzedSide), _ p: Int, table: [Float], jumps: [Float],
                      reverse: Bool, crossWeight: Float) -> Bool {
        let (s, t) = pair
        // States are the conditioning side's words; observations the generated side's.
        m = reverse ? t.count : s.count
        n = reverse ? s.count : t.count
        guard m > 0, n > 0 else { return false }
        self.jumps = jumps
        let base = aligner.pairOffset[p]
        let width = t.count + 1
        let p0 = WordAligner.nullProbability
        emit = [Float](repeating: 0, count: n * m)
        null = [Float](repeating: 0, count: n)
        for j in 0..<n {
            for i in 0..<m {
                let (si, tj) = reverse ? (j + 1, i + 1) : (i + 1, j + 1)
                let c = Int(aligner.pairCells[base + si * width + tj])
                emit[j * m + i] = (1 - p0) * table[c] * aligner.cellPrior[c] * WordAligner.quoteWeight(s, t, si, tj, crossWeight)
            }
            let (si, tj) = reverse ? (j + 1, 0) : (0, j + 1)
            let c = Int(aligner.pairCells[base + si * width + tj])
            null[j] = p0 * table[c]
        }
        jumpNorm = [Float](repeating: 0, count: m)
        for from in 0..<m {
            var z: Float = 0
            for to in 0..<m { z += jumps[max(-WordAligner.maxJump, min(WordAligner.maxJump, to - from)) + WordAligner.maxJump] }
            jumpNorm[from] = z
        }
        alpha = [Float](repeating: 0, count: n * m)
        beta = [Float](repeating: 0, count: n * m)
        scale = [Float](repeating: 0, count: n)
        // Forward.
        var total: Float = 0
        for i in 0..<m {
            let v = (emit[i] + null[0]) / Float(m)
            alpha[i] = v
            total += v
        }
        guard total > 0 else { return false }
        scale[0] = total
        for i in 0..<m { alpha[i] /= total }
        for j in 1..<max(n, 1) {
            total = 0
            for i in 0..<m {
                var sum: Float = 0
                for k in 0..<m { sum += alpha[(j - 1) * m + k] * jump(k, i) }
                let v = sum * (emit[j * m + i] + null[j])
                alpha[j * m + i] = v
                total += v
            }
            guard total > 0 else { return false }
            scale[j] = total
            for i in 0..<m { alpha[j * m + i] /= total }
        }
        // Backward.
        for i in 0..<m { beta[(n - 1) * m + i] = 1 }
        if n >= 2 {
            for j in stride(from: n - 2, through: 0, by: -1) {
                for k in 0..<m {
                    var sum: Float = 0
                    for i in 0..<m { sum += jump(k, i) * (emit[(j + 1) * m + i] + null[j + 1]) * beta[(j + 1) * m + i] }
                    beta[j * m + k] = sum / scale[j + 1]
                }
            }
        }
        gamma = [Float](repeating: 0, count: n * m)
        for j in 0..<n {
            var z: Float = 0
            for i in 0..<m { let g = alpha[j * m + i] * beta[j * m + i]; gamma[j * m + i] = g; z += g }
            if z > 0 { for i in 0..<m { gamma[j * m + i] /= z } }
        }
        return true
    }

    /// Adds this pair's expected counts.
    func accumulate(_ aligner: WordAligner, _ pair: (AnalyzedSide, AnalyzedSide), _ p: Int, reverse: Bool, counts: inout [Float], jumpCounts: inout [Float]) {
        let base = aligner.pairOffset[p]
        let width = pair.1.count + 1
        for j in 0..<n {
            var nullShare: Float = 0
            for i in 0..<m {
                let g = gamma[j * m + i]
                guard g > 1e-6 else { continue }
                let share = nonNullShare(j, i)
                let (si, tj) = reverse ? (j + 1, i + 1) : (i + 1, j + 1)
                counts[Int(aligner.pairCells[base + si * width + tj])] += g * share
                nullShare += g * (1 - share)
            }
            let (si, tj) = reverse ? (j + 1, 0) : (0, j + 1)
            counts[Int(aligner.pairCells[base + si * width + tj])] += nullShare
        }
        // Expected jumps: xi(j-1 -> j) = alpha[j-1][k] * jump(k, i) * e[j][i] * beta[j][i] / scale[j].
        guard n >= 2 else { return }
        for j in 1..<n {
            for k in 0..<m {
                let a = alpha[(j - 1) * m + k]
                guard a > 1e-6 else { continue }
                for i in 0..<m {
                    let x = a * jump(k, i) * (emit[j * m + i] + null[j]) * beta[j * m + i] / scale[j]
                    let d = max(-WordAligner.maxJump, min(WordAligner.maxJump, i - k))
                    jumpCounts[d + WordAligner.maxJump] += x
                }
            }
        }
    }
}
