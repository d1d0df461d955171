import Foundation

/// Writes a number's value in the notation of another number, the inverse of `NumberReader`:
/// `6` like `5` is `6`; 6000000000 like `280억` is `60억`, like `28 billion` is `6 billion`,
/// like `1,000` is `6,000,000,000`. Used to patch a translation whose source number changed.
public enum NumberWriter {
    /// `value` (a canonical decimal string, as `NumberReader.value(of:)` gives) written like
    /// `example`; nil when `value` is not a number.
    public static func write(_ value: String, like example: String) -> String? {
        guard let v = Decimal(string: value, locale: NumberReader.posix) else { return nil }
        let folded = String(String.UnicodeScalarView(example.unicodeScalars.map(KeyNormalizer.foldScalar)))
        // English scale word: "28 billion".
        if let space = folded.lastIndex(of: " "), let scale = NumberReader.scaleWords[folded[folded.index(after: space)...].lowercased()] {
            let word = example[example.index(after: example.lastIndex(of: " ") ?? example.startIndex)...]
            if v >= scale {
                return digits(v / scale, grouped: false) + " " + word
            }
            return digits(v, grouped: true)
        }
        // Korean units: "280억", "1조 2천억", "3만5천".
        if folded.unicodeScalars.contains(where: { NumberReader.largeUnits[$0] != nil }) {
            return korean(v, spaced: folded.contains(" "))
        }
        return digits(v, grouped: folded.contains(","))
    }

    /// Digits of `v`, with `,` every three when `grouped`.
    static func digits(_ v: Decimal, grouped: Bool) -> String {
        let plain = NumberReader.canonical(v)
        guard grouped else { return plain }
        let parts = plain.split(separator: ".", maxSplits: 1)
        var head = String(parts[0])
        let negative = head.hasPrefix("-")
        if negative { head.removeFirst() }
        var out = ""
        for (i, c) in head.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (negative ? "-" : "") + String(out.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `v` in myriad groups with Korean units: 6550000000 → `65억5000만` (`65억 5000만` when `spaced`).
    static func korean(_ v: Decimal, spaced: Bool) -> String {
        guard v.isInteger, v > 0 else { return digits(v, grouped: false) }
        let units: [(Decimal, String)] = [(Decimal(string: "10000000000000000")!, "경"), (Decimal(string: "1000000000000")!, "조"), (100_000_000, "억"), (10_000, "만")]
        var rest = v
        var groups: [String] = []
        for (u, name) in units where rest >= u {
            var q = rest / u
            var whole = Decimal()
            NSDecimalRound(&whole, &q, 0, .down)
            groups.append(NumberReader.canonical(whole) + name)
            rest -= whole * u
        }
        if rest > 0 { groups.append(NumberReader.canonical(rest)) }
        return groups.joined(separator: spaced ? " " : "")
    }
}

extension Decimal {
    fileprivate var isInteger: Bool {
        var copy = self
        var r = Decimal()
        NSDecimalRound(&r, &copy, 0, .plain)
        return r == self
    }
}
