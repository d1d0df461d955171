/// Keyboard accelerators in UI strings: the marker before the access key (`&File`, GTK's
/// `_File`, LibreOffice's `~File`, `I_mport`) or the suffix CJK translations add
/// (`파일(&F)`, `열기(_O)...`).
///
/// **Rule.** Accelerators are not part of a string's meaning, so they are left out of match
/// keys: `_Unreconcile` has the keys of `Unreconcile` and `I_mport Session` those of
/// `Import Session`. The text and token ranges keep them. At most one accelerator counts per
/// string (the first), and a marker counts only
/// - right before a letter or digit, and after the start, a space, a letter, a digit or an
///   opening bracket or quote;
/// - not doubled (`&&`, `__` are an escaped character) and not inside a placeholder (`&amp;`,
///   `{file_name}`);
/// - for `_`, not in an identifier: a word with a second `_` (`a_b_c`) or of lowercase ASCII
///   with two letters or more on each side (`file_name`).
/// A suffix is `(` marker letter-or-digit `)` followed by the end, a space or punctuation.
public struct Accelerator: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        /// The marker stands in the word: `&File`, `I_mport`.
        case inline
        /// A bracketed suffix: `파일(&F)`.
        case suffix
    }
    /// `&`, `_` or `~`.
    public var marker: Character
    /// The access key (the character after the marker).
    public var key: Character
    public var style: Style
    /// Scalar offsets in the string of what the accelerator adds: the marker (inline), or the
    /// whole suffix `(&F)`.
    public var range: Range<Int>

    static let markers: Set<Unicode.Scalar> = ["&", "_", "~"]

    /// The accelerator of `text`, if it has one.
    public static func find(in text: String) -> Accelerator? {
        find(in: Array(text.unicodeScalars))
    }

    /// `text` without its accelerator (the marker, or the whole suffix).
    public static func removed(from text: String) -> String {
        let s = Array(text.unicodeScalars)
        guard let a = find(in: s) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s[..<a.range.lowerBound])
        out.append(contentsOf: s[a.range.upperBound...])
        return String(out)
    }

    static func find(in s: [Unicode.Scalar]) -> Accelerator? {
        guard s.contains(where: { markers.contains($0) }) else { return nil }
        let skip = Placeholders.spans(in: s)
        var p = 0
        var i = 0
        while i < s.count {
            while p < skip.count && skip[p].upperBound <= i { p += 1 }
            if p < skip.count && skip[p].contains(i) { i = skip[p].upperBound; continue }
            let c = s[i]
            guard markers.contains(c) else { i += 1; continue }
            if i + 1 < s.count && s[i + 1] == c { i += 2; continue }  // && __ ~~: an escaped character
            guard i + 1 < s.count, isKey(s[i + 1]) else { i += 1; continue }
            // A suffix: (&F)
            if i > 0 && s[i - 1] == "(" && i + 2 < s.count && s[i + 2] == ")" &&
                (i + 3 == s.count || s[i + 3].properties.isWhitespace || RawTokenizer.isPunctuation(s[i + 3])) {
                return Accelerator(marker: Character(c), key: Character(s[i + 1]), style: .suffix, range: (i - 1)..<(i + 3))
            }
            if i > 0 {
                let b = s[i - 1]
                guard b.properties.isWhitespace || isKey(b) || "([{\"'“‘«「『".unicodeScalars.contains(b) else { i += 1; continue }
            }
            if c == "_" && isIdentifier(s, at: i) { i += 1; continue }
            return Accelerator(marker: Character(c), key: Character(s[i + 1]), style: .inline, range: i..<(i + 1))
        }
        return nil
    }

    private static func isKey(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType == .decimal
    }

    /// Whether the `_` at `i` joins the parts of an identifier rather than marking a key.
    private static func isIdentifier(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var a = i
        while a > 0 && (isKey(s[a - 1]) || s[a - 1] == "_") { a -= 1 }
        var b = i + 1
        while b < s.count && (isKey(s[b]) || s[b] == "_") { b += 1 }
        if s[a..<b].filter({ $0 == "_" }).count > 1 { return true }
        let before = s[a..<i], after = s[(i + 1)..<b]
        let lowerASCII = { (x: ArraySlice<Unicode.Scalar>) in x.allSatisfy { ($0.value >= 0x61 && $0.value <= 0x7A) || ($0.value >= 0x30 && $0.value <= 0x39) } }
        return before.count >= 2 && after.count >= 2 && lowerASCII(before) && lowerASCII(after)
    }
}
