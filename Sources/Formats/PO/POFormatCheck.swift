/// The format-string check `msgfmt --check` makes for an entry's `*-format` flags, so that a
/// fill that would fail it can be marked fuzzy instead (msgfmt does not check fuzzy entries).
///
/// C (`c-format`, and the printf-like formats by default) and Python (`python-format`) strings
/// are compared the way msgfmt compares them: argument by argument, each argument by its
/// position (`%2$s` is argument 2; unnumbered directives count up from 1) and its type (`%d`
/// and `%i` are one type, `%ld` another; a `*` width is an `int` argument). So `%s of %d` →
/// `%d 중 %s` fails (argument 1 changes type) and `%1$s … %2$s` → `%2$s … %1$s` passes.
public enum POFormatCheck {
    /// Whether `target` passes msgfmt's check against `source` for every format flag in `flags`.
    public static func passes(_ source: String, _ target: String, flags: [String]) -> Bool {
        for flag in flags where flag.hasSuffix("-format") && !flag.hasPrefix("no-") {
            switch flag {
            case "python-brace-format":
                if braces(source) != braces(target) { return false }
            case "python-format":
                guard let s = python(source), let t = python(target), s == t else { return false }
            case "c-format", "objc-format", "gcc-internal-format", "gfc-internal-format":
                guard let s = printf(source), let t = printf(target), s == t else { return false }
            default:
                // Formats msgfmt knows that tmkit does not model: the same directives, in any order.
                if loose(source) != loose(target) { return false }
            }
        }
        return true
    }

    /// A C format string's arguments: number → type (`int`, `long int`, `double`, `string`...);
    /// nil when the string is not a valid C format (numbered and unnumbered directives mixed, a gap in the numbers).
    public static func printf(_ s: String) -> [Int: String]? {
        var args: [Int: String] = [:]
        var next = 1
        var numbered: Bool?
        let c = Array(s.unicodeScalars)
        var i = 0
        func number(_ j: inout Int) -> Int? {
            var k = j
            var v = 0
            while k < c.count, let d = digit(c[k]) { v = v * 10 + d; k += 1 }
            guard k > j, k < c.count, c[k] == "$", v > 0 else { return nil }
            j = k + 1
            return v
        }
        func add(_ position: Int?, _ type: String) -> Bool {
            let isNumbered = position != nil
            if let n = numbered, n != isNumbered { return false }
            numbered = isNumbered
            let p = position ?? next
            if position == nil { next += 1 }
            if let old = args[p], old != type { return false }
            args[p] = type
            return true
        }
        while i < c.count {
            guard c[i] == "%" else { i += 1; continue }
            var j = i + 1
            if j < c.count && c[j] == "%" { i = j + 1; continue }
            let position = number(&j)
            while j < c.count && "-+ #0'I".unicodeScalars.contains(c[j]) { j += 1 }
            // Width and precision: digits, or `*` (an int argument, maybe numbered).
            for part in 0..<2 {
                if part == 1 { guard j < c.count && c[j] == "." else { break }; j += 1 }
                if j < c.count && c[j] == "*" {
                    j += 1
                    let p = number(&j)
                    if p == nil && position != nil { return nil }
                    guard add(p, "int") else { return nil }
                } else {
                    while j < c.count && digit(c[j]) != nil { j += 1 }
                }
            }
            var size = ""
            while j < c.count && "hlLqjzt".unicodeScalars.contains(c[j]) { size.unicodeScalars.append(c[j]); j += 1 }
            guard j < c.count else { return nil }
            let type: String
            switch c[j] {
            case "d", "i": type = size + " int"
            case "u", "o", "x", "X": type = size + " unsigned int"
            case "e", "E", "f", "F", "g", "G", "a", "A": type = size == "L" ? "long double" : "double"
            case "c": type = size.isEmpty ? "char" : "wide char"
            case "s": type = size.isEmpty ? "string" : "wide string"
            case "p": type = "pointer"
            case "n": type = size + " count pointer"
            case "m": i = j + 1; continue  // glibc's strerror(errno), no argument
            default: return nil
            }
            guard add(position, type) else { return nil }
            i = j + 1
        }
        // Numbered arguments must not leave a gap.
        if numbered == true, let top = args.keys.max(), top != args.count { return nil }
        return args
    }

    /// A Python %-format's arguments: `%(name)s` by name, unnumbered ones by order; nil when invalid (both kinds mixed).
    public static func python(_ s: String) -> [String: String]? {
        var args: [String: String] = [:]
        var next = 0
        var named: Bool?
        let c = Array(s.unicodeScalars)
        var i = 0
        while i < c.count {
            guard c[i] == "%" else { i += 1; continue }
            var j = i + 1
            if j < c.count && c[j] == "%" { i = j + 1; continue }
            var name: String?
            if j < c.count && c[j] == "(" {
                var k = j + 1
                var n = ""
                while k < c.count && c[k] != ")" { n.unicodeScalars.append(c[k]); k += 1 }
                guard k < c.count else { return nil }
                name = n
                j = k + 1
            }
            while j < c.count && "-+ #0".unicodeScalars.contains(c[j]) { j += 1 }
            var star = false
            for part in 0..<2 {
                if part == 1 { guard j < c.count && c[j] == "." else { break }; j += 1 }
                if j < c.count && c[j] == "*" { star = true; j += 1 } else { while j < c.count && digit(c[j]) != nil { j += 1 } }
            }
            while j < c.count && "hlL".unicodeScalars.contains(c[j]) { j += 1 }
            guard j < c.count else { return nil }
            let type: String
            switch c[j] {
            case "d", "i", "o", "u", "x", "X": type = "integer"
            case "e", "E", "f", "F", "g", "G": type = "float"
            case "c": type = "character"
            case "s", "r", "a": type = "any"
            default: return nil
            }
            let isNamed = name != nil
            if let n = named, n != isNamed { return nil }
            named = isNamed
            if let name {
                if star { return nil }
                if let old = args[name], old != type { return nil }
                args[name] = type
            } else {
                if star { args["#\(next)"] = "integer"; next += 1 }
                args["#\(next)"] = type
                next += 1
            }
            i = j + 1
        }
        return args
    }

    /// `{name}` fields, sorted.
    static func braces(_ s: String) -> [String] {
        var out: [String] = []
        var current: String?
        var previous: Character?
        for ch in s {
            if ch == "{" && previous == "{" { current = nil; previous = nil; continue }
            if ch == "{" { current = "" } else if ch == "}", let cur = current { out.append(cur); current = nil } else { current?.append(ch) }
            previous = ch
        }
        return out.sorted()
    }

    /// `%`-directives (`%s`, `%1`, `%n`), sorted: for formats without a model of their own.
    static func loose(_ s: String) -> [String] {
        var out: [String] = []
        let c = Array(s)
        var i = 0
        while i < c.count {
            guard c[i] == "%", i + 1 < c.count else { i += 1; continue }
            if c[i + 1] == "%" { i += 2; continue }
            var j = i + 1
            while j < c.count && (c[j].isNumber || c[j] == "$" || c[j] == ".") { j += 1 }
            if j < c.count && c[j].isLetter { j += 1 }
            if j > i + 1 { out.append(String(c[i..<j])) }
            i = j
        }
        return out.sorted()
    }

    private static func digit(_ u: Unicode.Scalar) -> Int? {
        u.value >= 48 && u.value <= 57 ? Int(u.value - 48) : nil
    }
}
