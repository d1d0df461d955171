/// The writing system of a token, as far as matching cares.
public enum Script: String, Sendable, Hashable, Codable, CaseIterable {
    case hangul = "Hangul"
    case latin = "Latin"
    case han = "Han"
    case kana = "Kana"
    case cyrillic = "Cyrillic"
    case greek = "Greek"
    case digits = "Digits"
    /// Several scripts in one token (for example `280억`).
    case mixed = "Mixed"
    /// Punctuation, symbols and anything without a script.
    case common = "Common"

    /// The script of one Unicode scalar.
    public static func of(_ scalar: Unicode.Scalar) -> Script {
        let v = scalar.value
        switch v {
        case 0x30...0x39, 0xFF10...0xFF19: return .digits
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return v == 0xD7 || v == 0xF7 ? .common : .latin
        case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xD7B0...0xD7FF, 0xFFA0...0xFFDC:
            return .hangul
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FFFF: return .han
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .kana
        case 0x0400...0x052F: return .cyrillic
        case 0x0370...0x03FF: return .greek
        default: return .common
        }
    }

    /// The script of a run of text: the one script its letters share, `.mixed` if several.
    public static func of<S: Sequence>(_ scalars: S) -> Script where S.Element == Unicode.Scalar {
        var found: Script = .common
        for s in scalars {
            let script = Script.of(s)
            if script == .common { continue }
            if found == .common { found = script } else if found != script { return .mixed }
        }
        return found
    }
}
