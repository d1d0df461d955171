/// Decoding of HTML character references (`&amp;`, `&#233;`, `&#x20AC;`, `&nbsp;`).
enum HTMLEntities {
    /// The named references that occur in real documents. Unknown names stay as written.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "sbquo": "‚", "bdquo": "„",
        "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "middot": "·", "bull": "•",
        "times": "×", "divide": "÷", "deg": "°", "plusmn": "±", "euro": "€", "pound": "£", "yen": "¥",
        "cent": "¢", "sect": "§", "para": "¶", "dagger": "†", "Dagger": "‡", "prime": "′", "Prime": "″",
        "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔", "rArr": "⇒", "lArr": "⇐",
        "le": "≤", "ge": "≥", "ne": "≠", "minus": "−", "infin": "∞", "asymp": "≈", "micro": "µ",
        "shy": "\u{00AD}", "zwj": "\u{200D}", "zwnj": "\u{200C}", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "thinsp": "\u{2009}", "iexcl": "¡", "iquest": "¿", "ordf": "ª", "ordm": "º", "sup1": "¹",
        "sup2": "²", "sup3": "³", "frac12": "½", "frac14": "¼", "frac34": "¾", "acute": "´", "uml": "¨",
        "Auml": "Ä", "auml": "ä", "Ouml": "Ö", "ouml": "ö", "Uuml": "Ü", "uuml": "ü", "szlig": "ß",
        "eacute": "é", "Eacute": "É", "egrave": "è", "agrave": "à", "aacute": "á", "iacute": "í",
        "oacute": "ó", "uacute": "ú", "ntilde": "ñ", "ccedil": "ç", "ecirc": "ê", "acirc": "â",
        "ocirc": "ô", "icirc": "î", "ucirc": "û", "aring": "å", "aelig": "æ", "oslash": "ø",
    ]

    /// The text a reference at `i` (which holds `&`) stands for, and how many scalars it spans.
    /// A bare `&` (no valid reference) is returned as itself.
    static func decode(_ s: [Unicode.Scalar], at i: Int) -> (String, Int) {
        var k = i + 1
        guard k < s.count else { return ("&", 1) }
        if s[k] == "#" {
            k += 1
            var hex = false
            if k < s.count, s[k] == "x" || s[k] == "X" { hex = true; k += 1 }
            var value: UInt32 = 0
            let start = k
            while k < s.count, k - start < 8, let d = digit(s[k], hex: hex) {
                value = value * (hex ? 16 : 10) + d
                k += 1
            }
            guard k > start else { return ("&", 1) }
            if k < s.count, s[k] == ";" { k += 1 }
            if value == 0 || (0xD800...0xDFFF).contains(value) { return ("\u{FFFD}", k - i) }
            // Windows-1252 remapping that browsers apply to &#150; and friends.
            if let mapped = cp1252[value] { return (mapped, k - i) }
            return (Unicode.Scalar(value).map { String($0) } ?? "\u{FFFD}", k - i)
        }
        var name = ""
        while k < s.count, k - i <= 32, s[k].properties.isAlphabetic || ("0"..."9").contains(s[k]) {
            name.unicodeScalars.append(s[k])
            k += 1
        }
        guard k < s.count, s[k] == ";", let text = named[name] else {
            // Browsers accept a few references without ';' (`&nbsp`, `&amp`).
            if let text = named[name], ["amp", "lt", "gt", "quot", "nbsp"].contains(name) { return (text, k - i) }
            return ("&", 1)
        }
        return (text, k + 1 - i)
    }

    private static func digit(_ u: Unicode.Scalar, hex: Bool) -> UInt32? {
        switch u.value {
        case 48...57: return u.value - 48
        case 97...102 where hex: return u.value - 87
        case 65...70 where hex: return u.value - 55
        default: return nil
        }
    }

    private static let cp1252: [UInt32: String] = [
        0x80: "€", 0x85: "…", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—", 0x99: "™",
    ]
}
