/// Links a tiny corpus settles by elimination.
///
/// A few titles cannot teach word order, and co-occurrence ties every word of a title with every
/// other. What they can show is a word left alone between two anchors: in `유럽 트럼프 관세 대응` /
/// `EU Trump Tariff Response`, `트럼프`/`Trump` (they sound alike) and `대응`/`Response` (always
/// together) are anchors, so `관세` can only be `Tariff`. A span is *forced* when the words between
/// its neighbouring anchors on each side are exactly the term and exactly the span. Anchors are
/// links whose words sound alike, are equal numbers or names, or always occur together (at least
/// twice); quoted spans, when both sides quote the same number of spans, are regions of their own
/// whose edges are anchors too. Stretches outside quotes count only when an anchor inside them
/// shows that they correspond (Korean often moves a word out of the stretch English keeps it in).
struct ForcedLinks {
    /// Region of each source and target word: quote group, or -(stretch index + 1) outside quotes.
    private let sourceRegion: [Int]
    private let targetRegion: [Int]
    /// Anchor links (source position, target position), sorted.
    private let anchors: [(Int, Int)]
    /// Outside stretches that an anchor confirms.
    private let confirmed: Set<Int>

    init(_ s: AnalyzedSide, _ t: AnalyzedSide, links: [(Int, Int)], isAnchor: (Int, Int) -> Bool) {
        let paired = s.quoteCount > 0 && s.quoteCount == t.quoteCount
        func regions(_ side: AnalyzedSide) -> [Int] {
            guard paired else { return Array(repeating: -1, count: side.count) }
            var out: [Int] = [], stretch = 0, last: Int16 = 0
            for k in 0..<side.count {
                let q = side.quote[k]
                if q == 0 && last != 0 { stretch = Int(last) }
                out.append(q > 0 ? Int(q) : -(stretch + 1))
                last = q
            }
            return out
        }
        sourceRegion = regions(s)
        targetRegion = regions(t)
        let sr = sourceRegion, tr = targetRegion
        anchors = links.filter { sr[$0.0] == tr[$0.1] && isAnchor($0.0, $0.1) }
        confirmed = Set(anchors.map { sr[$0.0] }.filter { $0 < 0 })
    }

    /// The spans elimination settles whatever the links say: source words a...b alone between
    /// two neighbouring anchors (or a region's edges) facing target words lo...hi alone between
    /// the same anchors.
    func gaps(maxSource: Int, maxTarget: Int) -> [(a: Int, b: Int, lo: Int, hi: Int)] {
        var out: [(Int, Int, Int, Int)] = []
        for region in Set(sourceRegion) where region > 0 || confirmed.contains(region) {
            guard let firstS = sourceRegion.firstIndex(of: region), let lastS = sourceRegion.lastIndex(of: region),
                  let firstT = targetRegion.firstIndex(of: region), let lastT = targetRegion.lastIndex(of: region) else { continue }
            let inside = anchors.filter { sourceRegion[$0.0] == region }.sorted { $0.0 < $1.0 }
            // One stretch left on each side once the anchors are taken is settled whatever the
            // order (`협상 장기화` / `Prolonged Negotiations`: Korean puts the head last).
            if !inside.isEmpty {
                let freeS = (firstS...lastS).filter { i in sourceRegion[i] == region && !inside.contains { $0.0 == i } }
                let freeT = (firstT...lastT).filter { j in targetRegion[j] == region && !inside.contains { $0.1 == j } }
                if let a = freeS.first, let b = freeS.last, let lo = freeT.first, let hi = freeT.last,
                   b - a + 1 == freeS.count, hi - lo + 1 == freeT.count, b - a < maxSource, hi - lo < maxTarget {
                    out.append((a, b, lo, hi))
                    continue
                }
            }
            // Anchors must keep their order on the target side for the gaps to correspond.
            guard zip(inside, inside.dropFirst()).allSatisfy({ $0.0 < $1.0 && $0.1 < $1.1 }) else { continue }
            let fences = [(firstS - 1, firstT - 1)] + inside + [(lastS + 1, lastT + 1)]
            for (l, r) in zip(fences, fences.dropFirst()) {
                let (a, b, lo, hi) = (l.0 + 1, r.0 - 1, l.1 + 1, r.1 - 1)
                if a <= b, lo <= hi, b - a < maxSource, hi - lo < maxTarget { out.append((a, b, lo, hi)) }
            }
        }
        return out.sorted { ($0.0, $0.2) < ($1.0, $1.2) }
    }

    /// Whether source words a...b and target words lo...hi are settled by elimination.
    func isForced(_ a: Int, _ b: Int, _ lo: Int, _ hi: Int) -> Bool {
        let region = sourceRegion[a]
        guard sourceRegion[b] == region, targetRegion[lo] == region, targetRegion[hi] == region else { return false }
        guard region > 0 || confirmed.contains(region) else { return false }
        // The nearest anchors around the term, or the region's edges.
        guard let firstS = sourceRegion.firstIndex(of: region), let lastS = sourceRegion.lastIndex(of: region),
              let firstT = targetRegion.firstIndex(of: region), let lastT = targetRegion.lastIndex(of: region) else { return false }
        var leftS = firstS - 1, leftT = firstT - 1, rightS = lastS + 1, rightT = lastT + 1
        for (i, j) in anchors where sourceRegion[i] == region {
            let inTerm = (a...b).contains(i), inSpan = (lo...hi).contains(j)
            if inTerm != inSpan { return false }
            if inTerm { continue }
            if i < a {
                guard j < lo else { return false }
                leftS = max(leftS, i); leftT = max(leftT, j)
            } else {
                guard j > hi else { return false }
                rightS = min(rightS, i); rightT = min(rightT, j)
            }
        }
        return leftS == a - 1 && rightS == b + 1 && leftT == lo - 1 && rightT == hi + 1
    }
}
