import Foundation

/// Folds a token's text into the form match keys use: NFC, full-width forms to ASCII,
/// curly quotes and apostrophes to straight ones, odd spaces to a plain space, lowercase.
/// The text itself is never changed; only keys are folded.
public enum KeyNormalizer {
    /// The folded form of `text`.
    public static func fold(_ text: String) -> String {
        var needsWork = false
        for s in text.unicodeScalars where s.value >= 0x80 || (s.value >= 0x41 && s.value <= 0x5A) {
            needsWork = true
            break
        }
        if !needsWork { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            out.append(foldScalar(s))
        }
        var result = String(out)
        if result.unicodeScalars.contains(where: { $0.value >= 0x300 }) {
            result = result.precomposedStringWithCanonicalMapping
        }
        return result.lowercased()
    }

    /// One scalar folded: width, quotes, spaces, dashes.
    @inline(__always)
    static func foldScalar(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(s.value - 0xFEE0)!  // full-width ASCII
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0xFF07: return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: return "\""
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: return "-"
        case 0x2026: return "…"
        default: return s
        }
    }
}
