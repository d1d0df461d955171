import Foundation

/// Reads numbers written with digits, grouping, decimals, Korean units and English scale
/// words, so that `280억`, `28,000,000,000` and `28 billion` all read as 28000000000.
public enum NumberReader {
    /// Korean units below 10,000 (they multiply the digits before them within a group).
    static let smallUnits: [Unicode.Scalar: Decimal] = ["십": 10, "백": 100, "천": 1000]
    /// Korean myriad units (they close a group).
    static let largeUnits: [Unicode.Scalar: Decimal] = [
        "만": 10_000, "억": 100_000_000, "조": Decimal(string: "1000000000000")!, "경": Decimal(string: "10000000000000000")!,
    ]
    /// English scale words.
    static let scaleWords: [String: Decimal] = [
        "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
        "trillion": Decimal(string: "1000000000000")!, "bn": 1_000_000_000, "mn": 1_000_000,
    ]

    /// Whether `scalar` is one of the Korean number units.
    public static func isKoreanUnit(_ scalar: Unicode.Scalar) -> Bool {
        smallUnits[scalar] != nil || largeUnits[scalar] != nil
    }

    /// The value of `text` as a canonical decimal string (no grouping, `.` for decimals),
    /// or nil when `text` is not a number. Accepts digits (ASCII or full-width) with `,`
    /// grouping and a `.` decimal part, Korean units (`280억`, `1조 2천억`, `3만5천`) and one
    /// trailing English scale word (`28 billion`).
    public static func value(of text: String) -> String? {
        var scalars = text.unicodeScalars.map(KeyNormalizer.foldScalar)
        var scale: Decimal = 1
        // A trailing English scale word.
        if let space = scalars.lastIndex(of: " ") {
            let word = String(String.UnicodeScalarView(scalars[(space + 1)...])).lowercased()
            guard let s = scaleWords[word] else { return nil }
            scale = s
            scalars = Array(scalars[..<space])
        }
        var total: Decimal = 0, group: Decimal = 0
        var current: Decimal?
        var i = 0
        var sawDigit = false
        while i < scalars.count {
            let c = scalars[i]
            if c.properties.numericType == .decimal || c == "." {
                var digits = ""
                while i < scalars.count {
                    let d = scalars[i]
                    if d.properties.numericType == .decimal, let v = d.properties.numericValue {
                        digits.append(String(Int(v)))
                    } else if d == ",", i + 1 < scalars.count, scalars[i + 1].properties.numericType == .decimal, !digits.isEmpty, !digits.contains(".") {
                        // grouping separator
                    } else if d == ".", !digits.contains("."), i + 1 < scalars.count, scalars[i + 1].properties.numericType == .decimal {
                        digits.append(".")
                    } else {
                        break
                    }
                    i += 1
                }
                guard let v = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")), current == nil else { return nil }
                current = v
                sawDigit = true
                continue
            }
            if let unit = smallUnits[c] {
                group += (current ?? 1) * unit
                current = nil
            } else if let unit = largeUnits[c] {
                total += (group + (current ?? (group == 0 ? 1 : 0))) * unit
                group = 0
                current = nil
            } else if c == " " {
                // "1조 2천억": spaces between groups
            } else {
                return nil
            }
            i += 1
        }
        guard sawDigit else { return nil }
        let value = (total + group + (current ?? 0)) * scale
        return canonical(value)
    }

    /// `value` without exponent or trailing zeros.
    static func canonical(_ value: Decimal) -> String {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 12, .plain)
        let s = NSDecimalNumber(decimal: rounded).stringValue
        return s
    }
}
