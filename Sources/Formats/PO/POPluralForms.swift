import TMCore

/// A catalog's `Plural-Forms`: how many `msgstr[n]` forms a plural entry has, and the C
/// expression choosing one. Known values follow gettext's own table (`msginit`, msgfmt's hints).
public struct POPluralForms: Sendable, Hashable {
    public var count: Int
    public var expression: String

    public init(count: Int, expression: String) {
        self.count = count
        self.expression = expression
    }

    /// The header value, `nplurals=1; plural=0;`.
    public var headerValue: String { "nplurals=\(count); plural=\(expression);" }

    /// Parses a header value; nil for gettext's template placeholder (`nplurals=INTEGER`) or anything unusable.
    public init?(header value: String) {
        var count: Int?
        var expression: String?
        for part in value.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { continue }
            if kv[0] == "nplurals" { count = Int(kv[1]) }
            if kv[0] == "plural" { expression = kv[1] }
        }
        guard let count, (1...6).contains(count), let expression, !expression.isEmpty,
              expression != "EXPRESSION" else { return nil }
        self.init(count: count, expression: expression)
    }

    /// The forms for a language, from gettext's table; nil for a language it does not list.
    public init?(language tag: LanguageTag) {
        let full = tag.code.replacingOccurrences(of: "-", with: "_")
        guard let v = Self.table[full] ?? Self.table[tag.language] else { return nil }
        self = v
    }

    static let one = POPluralForms(count: 1, expression: "0")
    static let notOne = POPluralForms(count: 2, expression: "(n != 1)")
    static let overOne = POPluralForms(count: 2, expression: "(n > 1)")
    static let slavic = POPluralForms(count: 3, expression: "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)")

    static let table: [String: POPluralForms] = {
        var t: [String: POPluralForms] = [:]
        for l in ["ja", "ko", "vi", "th", "zh", "id", "ms", "lo", "km", "my"] { t[l] = one }
        for l in ["en", "de", "nl", "sv", "da", "no", "nb", "nn", "fo", "es", "pt", "it", "bg", "el", "fi", "et", "he", "eo", "hu", "tr", "ca", "eu", "gl", "af", "hi", "bn", "ur", "sw"] { t[l] = notOne }
        for l in ["fr", "pt_BR", "oc", "fil", "tl"] { t[l] = overOne }
        for l in ["ru", "uk", "be", "sr", "hr", "bs"] { t[l] = slavic }
        t["cs"] = .init(count: 3, expression: "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2")
        t["sk"] = t["cs"]
        t["pl"] = .init(count: 3, expression: "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)")
        t["lt"] = .init(count: 3, expression: "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2)")
        t["lv"] = .init(count: 3, expression: "(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2)")
        t["ro"] = .init(count: 3, expression: "(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2)")
        t["ga"] = .init(count: 3, expression: "n==1 ? 0 : n==2 ? 1 : 2")
        t["sl"] = .init(count: 4, expression: "(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3)")
        t["ar"] = .init(count: 6, expression: "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5")
        return t
    }()
}
