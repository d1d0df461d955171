import Foundation

/// Gale and Church's length model on characters: the length of a translation is normally
/// distributed around `ratio` times the source length, with variance `variance` per source
/// character. A bead's cost is `-log` of the two-sided tail probability of the observed
/// difference, plus `-log` of the bead kind's prior probability.
public struct LengthModel: Sendable, Hashable {
    /// Expected target characters per source character (about 0.45 for English to Korean).
    public var ratio: Double
    /// Variance of the target length per source character.
    public var variance: Double

    public init(ratio: Double, variance: Double) {
        self.ratio = ratio
        self.variance = variance
    }

    /// Gale and Church's figures for European languages (c = 1, s² = 6.8).
    public static let galeChurch = LengthModel(ratio: 1, variance: 6.8)

    /// The model for a pair of documents before alignment: the ratio of their total lengths,
    /// and Gale and Church's variance scaled to that ratio.
    /// With `typical` (the pair's usual ratio) and the number of sentences `count`, a short
    /// document's measured ratio is pulled towards the usual one (see `shrunk`).
    public static func estimated(sourceLength: Double, targetLength: Double, count: Int = 1_000_000, typical: Double? = nil) -> LengthModel {
        guard sourceLength > 0, targetLength > 0 else { return typical.map { LengthModel(ratio: $0, variance: 6.8 * $0) } ?? .galeChurch }
        let ratio = min(max(shrunk(targetLength / sourceLength, count: count, towards: typical), 0.05), 20)
        return LengthModel(ratio: ratio, variance: 6.8 * ratio)
    }

    /// Characters of a translation per character of English, for the languages measured:
    /// Korean 0.50 (the 1-1 beads of the Debian FAQ's English and Korean HTML).
    static let charactersPerEnglishCharacter: [String: Double] = ["en": 1, "ko": 0.5]

    /// The usual ratio for a language pair, if both languages are in the table.
    public static func typicalRatio(source: String, target: String) -> Double? {
        guard let s = charactersPerEnglishCharacter[source], let t = charactersPerEnglishCharacter[target] else { return nil }
        return t / s
    }

    /// A ratio measured on `count` pairs (or sentences), pulled towards the pair's usual ratio
    /// when there is little evidence: the weighted geometric mean, the usual ratio weighing
    /// as much as 20 pairs. Without a usual ratio, the measured one.
    public static func shrunk(_ measured: Double, count: Int, towards typical: Double?) -> Double {
        guard let typical, measured > 0 else { return measured }
        let w = Double(count)
        return exp((20 * log(typical) + w * log(measured)) / (20 + w))
    }

    /// Re-estimates the ratio from pairs of lengths taken to be translations (the 1-1 beads
    /// of a first pass), keeping the variance at Gale and Church's, scaled to the ratio.
    /// (The variance measured on such pairs comes out near 1 per character for English and
    /// Korean, but aligning with it is worse: the deviations have heavy tails, and the
    /// first pass has already picked the pairs whose lengths agree.)
    public static func fitted(_ pairs: [(Double, Double)], fallback: LengthModel, typical: Double? = nil) -> LengthModel {
        let usable = pairs.filter { $0.0 >= 8 && $0.1 >= 4 }
        guard usable.count >= (typical == nil ? 20 : 1) else { return fallback }
        let measured = usable.reduce(0) { $0 + $1.1 } / usable.reduce(0) { $0 + $1.0 }
        let ratio = shrunk(measured, count: usable.count, towards: typical)
        return LengthModel(ratio: ratio, variance: 6.8 * ratio)
    }

    /// `-log P(match | l1, l2)` from the length difference alone.
    @inline(__always)
    public func cost(_ l1: Double, _ l2: Double) -> Double {
        let mean = (l1 + l2 / ratio) / 2
        let denominator = (max(mean, 1) * variance).squareRoot()
        let delta = abs(l2 - l1 * ratio) / denominator
        return Self.negativeLogTail(delta)
    }

    /// `-log(2 (1 - Φ(δ)))` for δ ≥ 0, without underflow for large δ.
    @inline(__always)
    static func negativeLogTail(_ delta: Double) -> Double {
        if delta < 8 {
            return -log(max(erfc(delta / 2.0.squareRoot()), 1e-300))
        }
        // Asymptotic tail: 2φ(δ)/δ (1 - 1/δ²).
        return delta * delta / 2 + log(delta) + 0.5 * log(Double.pi / 2) - log(1 - 1 / (delta * delta))
    }
}
