/// Escaping for XML (and HTML) written by hand: the one escaper every writer uses.
public enum XMLEscape {
    /// Whether a scalar may appear in an XML 1.0 document.
    public static func isAllowed(_ v: Unicode.Scalar) -> Bool {
        switch v.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Escapes `&`, `<`, `>` (and `"` when `attribute`), and drops characters XML cannot carry.
    /// In an attribute, tabs and newlines become character references so that a reader's
    /// attribute normalisation keeps them. Returns the escaped text and how many characters
    /// were dropped.
    public static func escape(_ s: String, attribute: Bool = false) -> (text: String, dropped: Int) {
        escape(s, quotes: attribute, whitespaceReferences: attribute, apostrophes: false)
    }

    /// `s` safe both as element text and inside a double-quoted attribute: `&`, `<`, `>` and
    /// `"` escaped, tabs and newlines kept, characters XML cannot carry dropped. With
    /// `apostrophes`, `'` is escaped too (for HTML attributes in either quote).
    public static func markup(_ s: String, apostrophes: Bool = false) -> String {
        escape(s, quotes: true, whitespaceReferences: false, apostrophes: apostrophes).text
    }

    private static func escape(_ s: String, quotes: Bool, whitespaceReferences: Bool, apostrophes: Bool) -> (text: String, dropped: Int) {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        var dropped = 0
        for v in s.unicodeScalars {
            switch v {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where apostrophes: out += "&#39;"
            case "\n" where whitespaceReferences: out += "&#10;"
            case "\t" where whitespaceReferences: out += "&#9;"
            case "\r": out += "&#13;"
            default:
                if isAllowed(v) { out.unicodeScalars.append(v) } else { dropped += 1 }
            }
        }
        return (out, dropped)
    }
}
