import Foundation

/// Combines the alignments of the two directions.
enum Symmetrizer {
    /// grow-diag-final-and (Koehn et al.): start from the intersection, grow into neighbouring
    /// union links (diagonals included) that touch an unaligned word, then add union links of
    /// words still unaligned on both sides. Links are encoded `i * 4096 + j`.
    static let mode = ProcessInfo.processInfo.environment["TMKIT_SYM"] ?? "gdfa"

    static func growDiagFinalAnd(_ a: Set<Int>, _ b: Set<Int>, m: Int, n: Int) -> [(Int, Int)] {
        var alignment = a.intersection(b)
        if mode == "inter" { return alignment.sorted().map { ($0 / 4096, $0 % 4096) } }
        if mode == "union" { return a.union(b).sorted().map { ($0 / 4096, $0 % 4096) } }
        let union = a.union(b)
        var sourceAligned = [Bool](repeating: false, count: m)
        var targetAligned = [Bool](repeating: false, count: n)
        for l in alignment {
            sourceAligned[l / 4096] = true
            targetAligned[l % 4096] = true
        }
        let neighbours = [(-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)]
        var changed = true
        while changed {
            changed = false
            for l in alignment.sorted() {
                let i = l / 4096, j = l % 4096
                for (di, dj) in neighbours {
                    let i2 = i + di, j2 = j + dj
                    guard i2 >= 0, i2 < m, j2 >= 0, j2 < n else { continue }
                    let l2 = i2 * 4096 + j2
                    if !alignment.contains(l2), union.contains(l2), !sourceAligned[i2] || !targetAligned[j2] {
                        alignment.insert(l2)
                        sourceAligned[i2] = true
                        targetAligned[j2] = true
                        changed = true
                    }
                }
            }
        }
        for set in mode == "gd" ? [] : [a, b] {
            for l in set.sorted() {
                let i = l / 4096, j = l % 4096
                if !sourceAligned[i], !targetAligned[j] {
                    alignment.insert(l)
                    sourceAligned[i] = true
                    targetAligned[j] = true
                }
            }
        }
        return alignment.sorted().map { ($0 / 4096, $0 % 4096) }
    }
}
