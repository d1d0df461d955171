import TMCore

/// The terms under which one side of an entry is indexed, and a query is looked up:
/// every match key that is not punctuation (`w`), each pair of adjacent keys (`b`: far more
/// selective than single words, so a query of common words still finds its entry), and the character bigrams of the Hangul
/// text with spaces removed (`h`), so `바탕 화면` and `바탕화면` share their bigrams.
/// Terms are hashed with the language, so Korean and English sides never mix.
enum IndexTerms {
    /// Distinct term hashes of one side.
    static func terms(of side: AnalyzedSide, text: String, language: String) -> [Int64] {
        var seen = Set<Int64>()
        var out: [Int64] = []
        var previous: String?
        for t in side.tokens where t.kind != .punctuation {
            let h = hash(language, "w", t.key)
            if seen.insert(h).inserted { out.append(h) }
            if let p = previous {
                let b = hash(language, "b", p + "\u{1}" + t.key)
                if seen.insert(b).inserted { out.append(b) }
            }
            previous = t.key
        }
        for bigram in hangulBigrams(text) {
            let h = hash(language, "h", bigram)
            if seen.insert(h).inserted { out.append(h) }
        }
        return out
    }

    static func hash(_ language: String, _ kind: String, _ term: String) -> Int64 {
        var h = FNV64()
        h.add(language)
        h.add(byte: 0)
        h.add(kind)
        h.add(byte: 0)
        h.add(term)
        return h.signed
    }

    /// Bigrams of consecutive Hangul syllables, skipping spaces; any other character breaks the chain.
    static func hangulBigrams(_ text: String) -> [String] {
        var out: [String] = []
        var previous: Unicode.Scalar?
        for s in text.unicodeScalars {
            if s.value >= 0xAC00 && s.value <= 0xD7A3 {
                if let p = previous {
                    var b = String.UnicodeScalarView()
                    b.append(p)
                    b.append(s)
                    out.append(String(b))
                }
                previous = s
            } else if s == " " {
                continue
            } else {
                previous = nil
            }
        }
        return out
    }
}
