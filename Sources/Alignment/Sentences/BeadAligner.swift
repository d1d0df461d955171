import Foundation

/// A unit to align: a sentence or a paragraph, by its length in characters and its anchors.
struct AlignUnit: Sendable {
    var length: Double
    var anchors: AnchorVector
}

/// One bead of an alignment of units: `source` units matched with `target` units.
struct UnitBead: Sendable, Hashable {
    var source: Range<Int>
    var target: Range<Int>
    /// The posterior probability of the bead, given both sequences.
    var posterior: Double
}

/// The bead shapes: 1-1, 1-0, 0-1, 2-1, 1-2, and 3-1, 1-3 for a translation that condenses
/// three sentences into one or splits one into three.
enum BeadShape {
    static let di: [Int] = [1, 1, 0, 2, 1, 3, 1]
    static let dj: [Int] = [1, 0, 1, 1, 2, 1, 3]
    /// Gale and Church's prior probabilities (their 2-2 share given to 3-1 and 1-3).
    static let galeChurchPriors: [Double] = [0.89, 0.005, 0.005, 0.045, 0.045, 0.005, 0.005]

    /// Priors re-estimated from the shapes of a first pass's beads, smoothed towards Gale and
    /// Church's with the weight of `smoothing` beads: a pair whose translation leaves many
    /// sentences out gets a higher 1-0 prior.
    static func estimatedPriors(_ beads: [UnitBead], smoothing: Double = 200) -> [Double] {
        var counts = [Double](repeating: 0, count: count)
        for b in beads {
            guard let s = (0..<count).first(where: { di[$0] == b.source.count && dj[$0] == b.target.count }) else { continue }
            counts[s] += 1
        }
        let total = counts.reduce(0, +)
        return (0..<count).map { (counts[$0] + smoothing * galeChurchPriors[$0]) / (total + smoothing) }
    }
    static let count = 7
}

/// Dynamic programming over beads inside a band around the diagonal: the cheapest path
/// (Viterbi) and, by forward-backward over the same band, the posterior probability of
/// each bead on it. Time and memory are O((n + m) · band).
struct BeadAligner {
    var model: LengthModel
    /// Prior probability of each bead shape, as costs (-log).
    var priorCosts: [Double] = BeadShape.galeChurchPriors.map { -log($0) }
    var table: AnchorTable
    var useAnchors: Bool
    /// Compute posteriors (forward-backward); false gives the Viterbi path with posterior 1.
    var posteriors = true

    /// Aligns `a` with `b`. Either may be empty.
    func align(_ a: [AlignUnit], _ b: [AlignUnit]) -> [UnitBead] {
        let n = a.count, m = b.count
        if n == 0 && m == 0 { return [] }
        if n == 0 { return (0..<m).map { UnitBead(source: 0..<0, target: $0..<($0 + 1), posterior: 1) } }
        if m == 0 { return (0..<n).map { UnitBead(source: $0..<($0 + 1), target: 0..<0, posterior: 1) } }
        let longest = max(n, m)
        // The whole matrix for small problems; else a band that doubles while the best path
        // runs along its edge.
        var width = longest <= 300 ? longest + 2 : max(48, longest / 100)
        // Memory stays under about 1.3 GB (54 bytes a cell): very long inputs get a narrower band.
        let maxCells = 24_000_000
        width = min(width, max(16, maxCells / (2 * (n + 1)) - 1))
        let costs = BeadCosts(a: a, b: b, model: model, table: table, useAnchors: useAnchors, priorCosts: priorCosts)
        while true {
            var grid = Grid(n: n, m: m, width: width, posteriors: posteriors)
            grid.forward(costs)
            let path = grid.viterbiPath()
            let full = width >= longest + 2
            if full || !grid.touchesEdge(path) || (n + 1) * (4 * width + 1) > maxCells {
                guard posteriors else { return grid.viterbiBeads(path) }
                grid.backward()
                return grid.beads(path)
            }
            width *= 2
        }
    }
}

/// The cost of each bead shape ending at a cell.
struct BeadCosts {
    let a: [AlignUnit]
    let b: [AlignUnit]
    let model: LengthModel
    let table: AnchorTable
    let useAnchors: Bool
    let priorCosts: [Double]

    /// Miss weight of units `i-1` and `i` together (shared keys counted once), per `i`.
    let pairMissA: [Double]
    let pairMissB: [Double]
    /// Miss weight of units `i-2`, `i-1` and `i` together, per `i`.
    let tripleMissA: [Double]
    let tripleMissB: [Double]

    init(a: [AlignUnit], b: [AlignUnit], model: LengthModel, table: AnchorTable, useAnchors: Bool, priorCosts: [Double]) {
        self.priorCosts = priorCosts
        self.a = a
        self.b = b
        self.model = model
        self.table = table
        self.useAnchors = useAnchors
        pairMissA = a.indices.map { $0 == 0 ? 0 : a[$0 - 1].anchors.miss + a[$0].anchors.miss - table.sharedMiss(a[$0 - 1].anchors.ids, a[$0].anchors.ids) }
        pairMissB = b.indices.map { $0 == 0 ? 0 : b[$0 - 1].anchors.miss + b[$0].anchors.miss - table.sharedMiss(b[$0 - 1].anchors.ids, b[$0].anchors.ids) }
        func triple(_ u: [AlignUnit]) -> [Double] {
            u.indices.map { i in
                guard i >= 2 else { return 0 }
                let ids = Set(u[i - 2].anchors.ids).union(u[i - 1].anchors.ids).union(u[i].anchors.ids)
                return ids.reduce(0) { $0 + table.miss[Int($1)] }
            }
        }
        tripleMissA = triple(a)
        tripleMissB = triple(b)
    }

    /// The cost of the bead of shape `s` that ends at cell (i, j) (units before i and j).
    /// `p11` is the anchor gain shared by units i-1 and j-1; `p21` by i-2 and j-1; `p31` by
    /// i-3 and j-1; `p12` by i-1 and j-2; `p13` by i-1 and j-3 (the grid caches them).
    @inline(__always)
    func cost(_ s: Int, _ i: Int, _ j: Int, p11: Double, p21: Double, p12: Double, p31: Double, p13: Double) -> Double {
        let di = BeadShape.di[s], dj = BeadShape.dj[s]
        var l1 = 0.0, l2 = 0.0
        for k in 0..<di { l1 += a[i - 1 - k].length }
        for k in 0..<dj { l2 += b[j - 1 - k].length }
        // A sentence without a translation costs its prior only: its length says nothing
        // about a translation that is not there. (Gale and Church score it by the length
        // mismatch against zero, which makes long untranslated sentences merge into a
        // neighbour's bead as 2-1 instead.)
        var c = priorCosts[s]
        if s != 1 && s != 2 { c += model.fastCost(l1, l2) }
        guard useAnchors else { return c }
        switch s {
        case 0:
            c += a[i - 1].anchors.miss + b[j - 1].anchors.miss - p11
        case 1:
            c += a[i - 1].anchors.miss
        case 2:
            c += b[j - 1].anchors.miss
        case 3:
            let t = b[j - 1].anchors.ids
            let g1 = p21, g2 = p11
            var gain = g1 + g2
            if g1 > 0 && g2 > 0 { gain -= table.shared3(a[i - 2].anchors.ids, a[i - 1].anchors.ids, t, weights: table.gain) }
            c += pairMissA[i - 1] + b[j - 1].anchors.miss - gain
        case 5:
            // Three source units: inclusion-exclusion over the pairs (keys in all three and the
            // target are rare enough to leave out).
            let t = b[j - 1].anchors.ids
            let u1 = a[i - 3].anchors.ids, u2 = a[i - 2].anchors.ids, u3 = a[i - 1].anchors.ids
            var gain = p31 + p21 + p11
            if p31 > 0 && p21 > 0 { gain -= table.shared3(u1, u2, t, weights: table.gain) }
            if p31 > 0 && p11 > 0 { gain -= table.shared3(u1, u3, t, weights: table.gain) }
            if p21 > 0 && p11 > 0 { gain -= table.shared3(u2, u3, t, weights: table.gain) }
            c += tripleMissA[i - 1] + b[j - 1].anchors.miss - gain
        case 6:
            let t = a[i - 1].anchors.ids
            let u1 = b[j - 3].anchors.ids, u2 = b[j - 2].anchors.ids, u3 = b[j - 1].anchors.ids
            var gain = p13 + p12 + p11
            if p13 > 0 && p12 > 0 { gain -= table.shared3(t, u1, u2, weights: table.gain) }
            if p13 > 0 && p11 > 0 { gain -= table.shared3(t, u1, u3, weights: table.gain) }
            if p12 > 0 && p11 > 0 { gain -= table.shared3(t, u2, u3, weights: table.gain) }
            c += a[i - 1].anchors.miss + tripleMissB[j - 1] - gain
        default:
            let t = a[i - 1].anchors.ids
            let g1 = p12, g2 = p11
            var gain = g1 + g2
            if g1 > 0 && g2 > 0 { gain -= table.shared3(t, b[j - 2].anchors.ids, b[j - 1].anchors.ids, weights: table.gain) }
            c += a[i - 1].anchors.miss + pairMissB[j - 1] - gain
        }
        return c
    }
}

/// The band of cells (i, j), i in 0...n, j in lo[i]...hi[i], and the DP tables over it.
struct Grid {
    let n: Int, m: Int
    var lo: [Int], hi: [Int], offset: [Int]
    var cellCount: Int
    /// Viterbi cost, forward cost (-log of the summed probability), backward cost.
    var viterbi: [Double], forwardCost: [Double], backwardCost: [Double]
    var back: [UInt8]
    /// Bead costs by shape, kept from the forward pass for the backward pass.
    var beadCost: [Float]
    /// Anchor gain shared by units i-1 and j-1, per cell (i, j).
    var shared: [Double]
    let posteriors: Bool

    init(n: Int, m: Int, width: Int, posteriors: Bool) {
        self.posteriors = posteriors
        self.n = n
        self.m = m
        lo = [Int](repeating: 0, count: n + 1)
        hi = [Int](repeating: 0, count: n + 1)
        offset = [Int](repeating: 0, count: n + 2)
        var total = 0
        for i in 0...n {
            let center = Double(i) * Double(m) / Double(n)
            lo[i] = max(0, Int((center - Double(width)).rounded(.down)))
            hi[i] = min(m, Int((center + Double(width)).rounded(.up)))
            if i > 0 { lo[i] = max(lo[i], lo[i - 1]); hi[i] = max(hi[i], hi[i - 1]) }
            offset[i] = total
            total += hi[i] - lo[i] + 1
        }
        offset[n + 1] = total
        cellCount = total
        viterbi = [Double](repeating: .infinity, count: total)
        forwardCost = [Double](repeating: .infinity, count: total)
        backwardCost = [Double](repeating: .infinity, count: total)
        back = [UInt8](repeating: 255, count: total)
        beadCost = posteriors ? [Float](repeating: .infinity, count: total * BeadShape.count) : []
        shared = [Double](repeating: 0, count: total)
    }

    @inline(__always)
    func cell(_ i: Int, _ j: Int) -> Int? {
        guard i >= 0, i <= n, j >= lo[i], j <= hi[i] else { return nil }
        return offset[i] + j - lo[i]
    }

    mutating func forward(_ costs: BeadCosts) {
        viterbi[0] = 0
        forwardCost[0] = 0
        var terms = [Double](repeating: 0, count: BeadShape.count)
        for i in 0...n {
            for j in lo[i]...hi[i] {
                if i == 0 && j == 0 { continue }
                let here = offset[i] + j - lo[i]
                var p11 = 0.0, p21 = 0.0, p12 = 0.0, p31 = 0.0, p13 = 0.0
                if costs.useAnchors && i >= 1 && j >= 1 {
                    p11 = costs.table.shared(costs.a[i - 1].anchors.ids, costs.b[j - 1].anchors.ids)
                    shared[here] = p11
                    if i >= 2 { p21 = sharedGain(costs, i - 1, j) }
                    if i >= 3 { p31 = sharedGain(costs, i - 2, j) }
                    if j >= 2 { p12 = sharedGain(costs, i, j - 1) }
                    if j >= 3 { p13 = sharedGain(costs, i, j - 2) }
                }
                var best = Double.infinity, bestShape = 255
                var termCount = 0, minTerm = Double.infinity
                for s in 0..<BeadShape.count {
                    let pi = i - BeadShape.di[s], pj = j - BeadShape.dj[s]
                    guard pi >= 0, pj >= 0, let prev = cell(pi, pj), viterbi[prev].isFinite else { continue }
                    let c = costs.cost(s, i, j, p11: p11, p21: p21, p12: p12, p31: p31, p13: p13)
                    let v = viterbi[prev] + c
                    if v < best { best = v; bestShape = s }
                    guard posteriors else { continue }
                    beadCost[here * BeadShape.count + s] = Float(c)
                    let f = forwardCost[prev] + c
                    terms[termCount] = f
                    termCount += 1
                    if f < minTerm { minTerm = f }
                }
                guard bestShape != 255 else { continue }
                viterbi[here] = best
                back[here] = UInt8(bestShape)
                guard posteriors else { continue }
                var sum = 0.0
                for t in 0..<termCount { sum += exp(minTerm - terms[t]) }
                forwardCost[here] = minTerm - log(sum)
            }
        }
    }

    /// The anchor gain shared by units i-1 and j-1: cached for cells already visited.
    @inline(__always)
    func sharedGain(_ costs: BeadCosts, _ i: Int, _ j: Int) -> Double {
        if let c = cell(i, j) { return shared[c] }
        return costs.table.shared(costs.a[i - 1].anchors.ids, costs.b[j - 1].anchors.ids)
    }

    mutating func backward() {
        guard let last = cell(n, m) else { return }
        backwardCost[last] = 0
        var terms = [Double](repeating: 0, count: BeadShape.count)
        for i in stride(from: n, through: 0, by: -1) {
            for j in stride(from: hi[i], through: lo[i], by: -1) {
                let here = offset[i] + j - lo[i]
                if here == last { continue }
                var termCount = 0, minTerm = Double.infinity
                for s in 0..<BeadShape.count {
                    guard let next = cell(i + BeadShape.di[s], j + BeadShape.dj[s]), backwardCost[next].isFinite else { continue }
                    let c = Double(beadCost[next * BeadShape.count + s])
                    guard c.isFinite else { continue }
                    let g = backwardCost[next] + c
                    terms[termCount] = g
                    termCount += 1
                    if g < minTerm { minTerm = g }
                }
                guard termCount > 0 else { continue }
                var sum = 0.0
                for t in 0..<termCount { sum += exp(minTerm - terms[t]) }
                backwardCost[here] = minTerm - log(sum)
            }
        }
    }

    /// The cells of the cheapest path, from (n, m) back to (0, 0), with the shape that reached each.
    func viterbiPath() -> [(i: Int, j: Int, shape: Int)] {
        var path: [(i: Int, j: Int, shape: Int)] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            guard let here = cell(i, j), back[here] != 255 else { break }
            let s = Int(back[here])
            path.append((i, j, s))
            i -= BeadShape.di[s]
            j -= BeadShape.dj[s]
        }
        return path.reversed()
    }

    /// Whether the path runs along an edge of the band (so a wider band might find a better one).
    func touchesEdge(_ path: [(i: Int, j: Int, shape: Int)]) -> Bool {
        for p in path {
            if (lo[p.i] > 0 && p.j <= lo[p.i] + 1) || (hi[p.i] < m && p.j >= hi[p.i] - 1) { return true }
        }
        return false
    }

    /// The beads of the path with posterior 1 (when no posteriors were computed).
    func viterbiBeads(_ path: [(i: Int, j: Int, shape: Int)]) -> [UnitBead] {
        path.map { p in
            UnitBead(source: (p.i - BeadShape.di[p.shape])..<p.i, target: (p.j - BeadShape.dj[p.shape])..<p.j, posterior: 1)
        }
    }

    func beads(_ path: [(i: Int, j: Int, shape: Int)]) -> [UnitBead] {
        guard let last = cell(n, m) else { return [] }
        let total = forwardCost[last]
        return path.compactMap { p in
            let di = BeadShape.di[p.shape], dj = BeadShape.dj[p.shape]
            guard let here = cell(p.i, p.j), let prev = cell(p.i - di, p.j - dj) else { return nil }
            let c = Double(beadCost[here * BeadShape.count + p.shape])
            let logPosterior = total - (forwardCost[prev] + c + backwardCost[here])
            let posterior = min(1, max(0, exp(logPosterior)))
            return UnitBead(source: (p.i - di)..<p.i, target: (p.j - dj)..<p.j, posterior: posterior)
        }
    }
}

extension LengthModel {
    /// `cost(l1, l2)` through a table of the tail function: the same to four decimals, much faster.
    @inline(__always)
    func fastCost(_ l1: Double, _ l2: Double) -> Double {
        let mean = (l1 + l2 / ratio) / 2
        let delta = abs(l2 - l1 * ratio) / (max(mean, 1) * variance).squareRoot()
        return TailTable.shared.value(delta)
    }
}

/// `-log(2 (1 - Φ(δ)))` tabulated on [0, 30] in steps of 1/256, linearly interpolated.
struct TailTable: Sendable {
    static let shared = TailTable()
    static let step = 1.0 / 256
    let values: [Double]

    init() {
        values = (0...(30 * 256 + 1)).map { LengthModel.negativeLogTail(Double($0) * Self.step) }
    }

    @inline(__always)
    func value(_ delta: Double) -> Double {
        let x = delta * 256
        if x >= Double(values.count - 2) { return LengthModel.negativeLogTail(delta) }
        let k = Int(x)
        let f = x - Double(k)
        return values[k] + (values[k + 1] - values[k]) * f
    }
}
