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
        if let plain = plainDigits(text) { return plain }
        if let exact = integerValue(text) { return exact }
        var scalars = text.unicodeScalars.map(KeyNormalizer.foldScalar)
        var scale: Decimal = 1
        // A trailing English scale word.
        if let space = scalars.lastIndex(of: " ") {
            let word = makeString(scalars[(space + 1)...]).lowercased()
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
                guard let v = Decimal(string: digits, locale: posix), current == nil else { return nil }
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

    /// Fast path for ASCII digits with optional `,` grouping: the digits without leading zeros.
    static func plainDigits(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousWasDigit = false
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 {
                if b == 0x30 && out.isEmpty { previousWasDigit = true; continue }
                out.append(b)
                previousWasDigit = true
            } else if b == 0x2C && previousWasDigit {
                previousWasDigit = false
            } else {
                return nil
            }
        }
        guard previousWasDigit else { return nil }
        return out.isEmpty ? "0" : String(decoding: out, as: UTF8.self)
    }

    static let posix = Locale(identifier: "en_US_POSIX")

    /// Fast path for whole numbers with Korean units or a scale word (`280억`, `1조2천억`,
    /// `28 billion`) in 64-bit integers; nil when the text needs the general reader.
    static func integerValue(_ text: String) -> String? {
        let small: [UInt32: Int] = [0xC2ED: 10, 0xBC31: 100, 0xCC9C: 1000]  // 십 백 천
        let large: [UInt32: Int] = [0xB9CC: 10_000, 0xC5B5: 100_000_000, 0xC870: 1_000_000_000_000]  // 만 억 조
        var scalars = Substring(text).unicodeScalars[...]
        var scale = 1
        if let space = scalars.lastIndex(of: " ") {
            let word = makeString(scalars[scalars.index(after: space)...]).lowercased()
            guard let s = scaleWords[word], let v = Int(exactly: NSDecimalNumber(decimal: s).int64Value) else { return nil }
            scale = v
            scalars = scalars[..<space]
        }
        var total = 0, group = 0
        var current: Int?
        var sawDigit = false
        for c in scalars {
            let v = c.value
            if v >= 0x30 && v <= 0x39 {
                let (m, o1) = (current ?? 0).multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(v - 0x30))
                if o1 || o2 { return nil }
                current = a
                sawDigit = true
            } else if c == "," {
                continue
            } else if let unit = small[v] {
                group += (current ?? 1) * unit
                current = nil
            } else if let unit = large[v] {
                let (m, o) = (group + (current ?? (group == 0 ? 1 : 0))).multipliedReportingOverflow(by: unit)
                if o { return nil }
                total += m
                group = 0
                current = nil
            } else {
                return nil
            }
        }
        guard sawDigit else { return nil }
        let (value, o) = (total + group + (current ?? 0)).multipliedReportingOverflow(by: scale)
        return o ? nil : String(value)
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
