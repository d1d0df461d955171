/// Escaping for XML output.
enum XMLEscape {
    /// Whether a scalar may appear in an XML 1.0 document.
    static func isAllowed(_ v: Unicode.Scalar) -> Bool {
        switch v.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Escapes `&`, `<`, `>` (and `"` when `attribute`), and drops characters XML cannot carry.
    /// Returns the escaped text and how many characters were dropped.
    static func escape(_ s: String, attribute: Bool = false) -> (text: String, dropped: Int) {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        var dropped = 0
        for v in s.unicodeScalars {
            switch v {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\r": out += "&#13;"
            default:
                if isAllowed(v) { out.unicodeScalars.append(v) } else { dropped += 1 }
            }
        }
        return (out, dropped)
    }
}
