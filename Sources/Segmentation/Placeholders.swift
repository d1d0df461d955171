import TMCore

/// Finds placeholders and inline markup that must survive translation untouched:
/// printf (`%s`, `%1$d`, `%(name)s`, `%%`), Qt (`%1`), braces (`{0}`, `{name}`), shell
/// variables (`$HOME`, `${name}`), XML/HTML tags (`<b>`, `</a>`, `<br/>`), entities (`&amp;`)
/// and inline codes kept in text (`CodedText`).
enum Placeholders {
    /// Scalar-offset ranges of the placeholders in `s`, in order, not overlapping.
    static func spans(in s: [Unicode.Scalar]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            var end: Int?
            switch c {
            case "%": end = printf(s, i)
            case "{": end = brace(s, i)
            case "<": end = tag(s, i)
            case "&": end = entity(s, i)
            case "$": end = shellVariable(s, i)
            case "\u{E101}": end = CodedText.codeLength(in: s, at: i).map { i + $0 }
            default: break
            }
            if let e = end {
                spans.append(i..<e)
                i = e
            } else {
                i += 1
            }
        }
        return spans
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }
    private static func isIdentifier(_ c: Unicode.Scalar) -> Bool { isASCIILetter(c) || isDigit(c) || c == "_" }

    /// `%s`, `%-10.3f`, `%1$s`, `%(name)s`, `%lld`, `%%`, `%1` (Qt).
    static func printf(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        var i = start + 1
        guard i < s.count else { return nil }
        if s[i] == "%" { return i + 1 }
        if s[i] == "(" {  // Python named
            var j = i + 1
            while j < s.count, isIdentifier(s[j]) { j += 1 }
            guard j < s.count, s[j] == ")", j > i + 1 else { return nil }
            i = j + 1
        } else {
            var j = i
            while j < s.count, isDigit(s[j]) { j += 1 }
            if j > i, j < s.count, s[j] == "$" {
                i = j + 1
            } else if j > i {
                // Qt's %1 .. %99, or a width: decide by what follows.
                if j >= s.count || !isASCIILetter(s[j]) || (j < s.count && !"diouxXeEfFgGaAcspn".unicodeScalars.contains(s[j])) {
                    return j - i <= 2 ? j : nil
                }
            }
        }
        while i < s.count, "-+#0'".unicodeScalars.contains(s[i]) { i += 1 }
        while i < s.count, isDigit(s[i]) || s[i] == "*" { i += 1 }
        if i < s.count, s[i] == "." {
            i += 1
            while i < s.count, isDigit(s[i]) || s[i] == "*" { i += 1 }
        }
        for length in ["hh", "ll", "h", "l", "L", "q", "j", "z", "t", "I64"] {
            let ls = Array(length.unicodeScalars)
            if i + ls.count <= s.count, Array(s[i..<i + ls.count]) == ls { i += ls.count; break }
        }
        guard i < s.count, "diouxXeEfFgGaAcspn@".unicodeScalars.contains(s[i]) else { return nil }
        // `%s` glued to a following letter is still a placeholder (`%sfoo`), but `%d`-like
        // inside a word such as `50%discount` is rare enough to accept.
        return i + 1
    }

    /// `{0}`, `{name}`, `{0:N2}`, `{{name}}`.
    static func brace(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        var i = start + 1
        let double = i < s.count && s[i] == "{"
        if double { i += 1 }
        let bodyStart = i
        while i < s.count, i - bodyStart <= 40, isIdentifier(s[i]) || ".:,-#".unicodeScalars.contains(s[i]) { i += 1 }
        guard i > bodyStart, i < s.count, s[i] == "}" else { return nil }
        guard isIdentifier(s[bodyStart]) else { return nil }
        i += 1
        if double {
            guard i < s.count, s[i] == "}" else { return nil }
            i += 1
        }
        return i
    }

    /// `<b>`, `</b>`, `<a href="x">`, `<br/>`: a letter must follow `<` or `</`.
    static func tag(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        var i = start + 1
        if i < s.count, s[i] == "/" { i += 1 }
        guard i < s.count, isASCIILetter(s[i]) else { return nil }
        var quote: Unicode.Scalar?
        while i < s.count, i - start < 400 {
            let c = s[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ">" {
                return i + 1
            } else if c == "<" {
                return nil
            }
            i += 1
        }
        return nil
    }

    /// `&amp;`, `&#8230;`, `&#x2026;`.
    static func entity(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        var i = start + 1
        guard i < s.count else { return nil }
        if s[i] == "#" {
            i += 1
            let hex = i < s.count && (s[i] == "x" || s[i] == "X")
            if hex { i += 1 }
            let digitsStart = i
            while i < s.count, isDigit(s[i]) || (hex && "abcdefABCDEF".unicodeScalars.contains(s[i])) { i += 1 }
            guard i > digitsStart else { return nil }
        } else {
            guard isASCIILetter(s[i]) else { return nil }
            while i < s.count, i - start < 32, isASCIILetter(s[i]) || isDigit(s[i]) { i += 1 }
        }
        guard i < s.count, s[i] == ";" else { return nil }
        return i + 1
    }

    /// `${name}` or `$NAME` (upper case, as environment variables are written).
    static func shellVariable(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        var i = start + 1
        guard i < s.count else { return nil }
        if s[i] == "{" {
            i += 1
            let bodyStart = i
            while i < s.count, isIdentifier(s[i]) { i += 1 }
            guard i > bodyStart, i < s.count, s[i] == "}" else { return nil }
            return i + 1
        }
        guard (s[i].value >= 0x41 && s[i].value <= 0x5A) || s[i] == "_" else { return nil }
        while i < s.count, (s[i].value >= 0x41 && s[i].value <= 0x5A) || isDigit(s[i]) || s[i] == "_" { i += 1 }
        return i - start >= 3 ? i : nil
    }
}
