/// The consonant skeleton of a romanized word, for matching names across scripts:
/// `Trump` and `트럼프` (romanized `teuleompeu`) both give `TLMP`, `Putin` and `푸틴` (`putin`)
/// give `PTN`, `Linux` and `리눅스` (`linugseu`) give `LNKS`.
///
/// Vowels, `h`, `w` and `y` are dropped; consonants fall into classes that Korean
/// loanword spelling does not tell apart (p/b/f/v, t/d, k/g/c/q, s/z/j/ch/sh, l/r);
/// doubled classes collapse.
public enum NameSkeleton {
    public static func of(_ word: String) -> String {
        let s = Array(word.lowercased().unicodeScalars.filter { $0.value >= 97 && $0.value <= 122 })
        var out: [UInt8] = []
        func emit(_ c: UInt8) { if out.last != c { out.append(c) } }
        var i = 0
        while i < s.count {
            let c = s[i]
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            switch (c, next) {
            case ("p", "h"): emit(UInt8(ascii: "P")); i += 2; continue
            case ("t", "h"): emit(UInt8(ascii: "T")); i += 2; continue
            case ("c", "h"), ("s", "h"): emit(UInt8(ascii: "S")); i += 2; continue
            case ("c", "k"): emit(UInt8(ascii: "K")); i += 2; continue
            case ("n", "g"): emit(UInt8(ascii: "N")); i += 2; continue
            case ("g", "h"): i += 2; continue
            case ("q", "u"): emit(UInt8(ascii: "K")); i += 2; continue
            default: break
            }
            switch c {
            case "p", "b", "f", "v": emit(UInt8(ascii: "P"))
            case "t", "d": emit(UInt8(ascii: "T"))
            case "c":
                if let n = next, n == "e" || n == "i" || n == "y" { emit(UInt8(ascii: "S")) } else { emit(UInt8(ascii: "K")) }
            case "k", "g", "q": emit(UInt8(ascii: "K"))
            case "x": emit(UInt8(ascii: "K")); emit(UInt8(ascii: "S"))
            case "s", "z", "j": emit(UInt8(ascii: "S"))
            case "l", "r": emit(UInt8(ascii: "L"))
            case "m": emit(UInt8(ascii: "M"))
            case "n": emit(UInt8(ascii: "N"))
            default: break
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
