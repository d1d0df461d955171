import TMCore
import Segmentation

/// How much a Hangul word sounds like a Latin word, for names and loanwords
/// (`푸틴` ~ `Putin`, `트럼프` ~ `Trump`, `파일` ~ `file`).
///
/// The Hangul side goes through ICU's `Hangul-Latin` transliterator (`트럼프` -> `teuleompeu`);
/// both sides are then reduced to a rough phonetic form: the epenthetic `eu` of loanwords
/// dropped, voiced and voiceless stops, `r`/`l`, `f`/`p`, `v`/`b` merged, every vowel run one
/// `a`, `h`/`w`/`y` and doubled letters dropped. Similarity is 1 minus the edit distance of the
/// two forms over the longer length.
struct TransliterationSimilarity {
    private let transliterator: Transliterator?
    private var cache: [String: [UInt8]] = [:]

    init() {
        transliterator = try? Transliterator(id: "Hangul-Latin")
    }

    /// The phonetic form of a Hangul word (nil if the transliterator is unavailable).
    mutating func hangulForm(_ word: String) -> [UInt8]? {
        if let cached = cache[word] { return cached }
        guard let tr = transliterator else { return nil }
        let form = Self.phonetic(tr(word), fromHangul: true)
        cache[word] = form
        return form
    }

    /// The phonetic form of Latin text.
    static func phonetic(_ latin: String, fromHangul: Bool = false) -> [UInt8] {
        var s = Array(latin.lowercased().utf8).filter { $0 >= 97 && $0 <= 122 }
        var i = 0
        if fromHangul {
            // The epenthetic vowel of loanwords (teuleompeu -> tleomp); the glide of yu-, yeo-.
            var dropped: [UInt8] = []
            while i < s.count {
                if s[i] == 101, i + 1 < s.count, s[i + 1] == 117 { i += 2; continue }  // "eu"
                dropped.append(s[i])
                i += 1
            }
            s = dropped
        }
        var out: [UInt8] = []
        i = 0
        while i < s.count {
            var c = s[i]
            let next: UInt8 = i + 1 < s.count ? s[i + 1] : 0
            // Digraphs.
            if (c == 112 && next == 104) { c = 112; i += 1 }            // ph -> p
            else if (c == 116 && next == 104) { c = 116; i += 1 }       // th -> t
            else if (c == 115 && next == 104) { c = 115; i += 1 }       // sh -> s
            else if (c == 99 && next == 104) { c = 106; i += 1 }        // ch -> j
            else if (c == 99 && next == 107) { c = 107; i += 1 }        // ck -> k
            switch c {
            case 97, 101, 105, 111, 117: c = 97                       // vowels
            case 98, 118, 102, 112: c = 112                           // b v f p
            case 100, 116: c = 116                                    // d t
            case 103, 107, 99, 113: c = 107                           // g k c q
            case 114, 108: c = 108                                    // r l
            case 122, 106: c = 106                                    // z j
            case 120: out.append(107); c = 115                        // x -> ks
            case 104, 119, 121: i += 1; continue                      // h w y
            default: break
            }
            if out.last != c { out.append(c) }
            i += 1
        }
        // A final vowel is often added or dropped (Europe/유럽): ignore it.
        if out.count > 2, out.last == 97 { out.removeLast() }
        return out
    }

    /// Similarity in 0...1 of a Hangul word's phonetic form and a Latin word's. A Latin word
    /// that only adds an English suffix to the borrowed stem (`European` ~ `유럽`) scores a
    /// little less than a full match.
    static func similarity(_ a: [UInt8], _ b: [UInt8], short: Bool = false) -> Double {
        let longest = max(a.count, b.count)
        // Two-sound forms (유로 ~ euro) match too many words; only tiny corpora take them.
        guard longest >= 3, min(a.count, b.count) >= 2 else { return a == b && a.count >= 2 ? (short ? 0.8 : 0.5) : 0 }
        let full = 1 - Double(editDistance(a, b)) / Double(longest)
        if a.count >= 3, b.count > a.count, b.count - a.count <= 3 {
            let prefix = 0.9 * (1 - Double(editDistance(a, Array(b.prefix(a.count)))) / Double(a.count))
            return max(full, prefix)
        }
        return full
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        TMCore.editDistance(a, b)
    }

    /// Similarity of a Hangul word and a Latin word (0 when either is not of its script).
    mutating func similarity(hangul: String, latin: String) -> Double {
        guard let h = hangulForm(hangul) else { return 0 }
        return Self.similarity(h, Self.phonetic(latin))
    }
}
