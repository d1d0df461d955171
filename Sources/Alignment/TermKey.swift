/// Up to six vocabulary ids packed into a hashable value (ids are non-zero; zero pads).
struct TermKey: Hashable, Sendable, Comparable {
    var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0

    static let capacity = 6

    init<C: Collection>(_ ids: C) where C.Element == Int32 {
        for (k, id) in ids.prefix(Self.capacity).enumerated() {
            let v = UInt64(UInt32(id))
            switch k / 2 {
            case 0: a |= v << (32 * UInt64(k % 2))
            case 1: b |= v << (32 * UInt64(k % 2))
            default: c |= v << (32 * UInt64(k % 2))
            }
        }
    }

    var ids: [Int32] {
        var out: [Int32] = []
        for word in [a, b, c] {
            for half in 0..<2 {
                let v = Int32(truncatingIfNeeded: word >> (32 * UInt64(half)) & 0xFFFF_FFFF)
                if v == 0 { return out }
                out.append(v)
            }
        }
        return out
    }

    var count: Int { ids.count }

    static func < (l: TermKey, r: TermKey) -> Bool { (l.a, l.b, l.c) < (r.a, r.b, r.c) }
}

/// Counts of a form, with its surface forms and the pairs that show it.
struct FormStats: Sendable {
    var count: Int32 = 0
    var surface: String = ""
    var otherSurfaces: [String: Int32]? = nil
    var examples: [Int32] = []
    /// Whether the spans break the alignment's consistency (a fallback candidate).
    var loose = false
    /// Sum over occurrences of the share of the source words that have a link.
    var coverage: Float = 0
    /// Sums over occurrences of the IBM-1 link posteriors into the span and out of the term
    /// (`WordAligner.posteriors`, averaged over the span's and the term's words).
    var posteriorForward: Float = 0
    /// Occurrences settled by elimination (`ForcedLinks`; tiny corpora only).
    var forced: Int32 = 0
    var posteriorBackward: Float = 0
    /// Occurrences whose last target word carries a verb ending (`AnalyzedSide.endsInVerbEnding`).
    var verbal: Int32 = 0

    mutating func add(surface form: String, pair: Int32, maxExamples: Int) {
        count += 1
        if otherSurfaces != nil {
            otherSurfaces![form, default: 0] += 1
        } else if surface.isEmpty || surface == form {
            surface = form
        } else {
            otherSurfaces = [surface: count - 1, form: 1]
        }
        if examples.count < maxExamples, examples.last != pair { examples.append(pair) }
    }

    mutating func merge(_ other: FormStats, maxExamples: Int) {
        let mine = surfaceCounts, theirs = other.surfaceCounts
        count += other.count
        coverage += other.coverage
        posteriorForward += other.posteriorForward
        forced += other.forced
        verbal += other.verbal
        posteriorBackward += other.posteriorBackward
        var all = mine
        for (s, n) in theirs { all[s, default: 0] += n }
        if all.count == 1 {
            surface = all.keys.first!
            otherSurfaces = nil
        } else {
            otherSurfaces = all
        }
        for e in other.examples where examples.count < maxExamples && !examples.contains(e) { examples.append(e) }
    }

    /// Surface form -> count.
    var surfaceCounts: [String: Int32] {
        if let others = otherSurfaces { return others }
        return surface.isEmpty ? [:] : [surface: count]
    }
}
