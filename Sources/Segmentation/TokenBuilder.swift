import TMCore

/// Turns raw tokens into analysed tokens: Korean words split, keys folded, lemmatized and
/// numbers read. Remembers the split of each Korean form it has seen.
struct TokenBuilder {
    let analyzer: KoreanAnalyzer
    private var splits: [String: [KoreanAnalyzer.Piece]] = [:]
    /// The current sentence as UTF-8, and the UTF-8 offset of each scalar (plus the end),
    /// so token texts are cut from bytes instead of rebuilt scalar by scalar.
    private var utf8: [UInt8] = []
    private var utf8Offsets: [Int] = []

    init(analyzer: KoreanAnalyzer) {
        self.analyzer = analyzer
    }

    mutating func tokens(_ s: [Unicode.Scalar], _ raw: [RawToken]) -> [Token] {
        utf8.removeAll(keepingCapacity: true)
        utf8Offsets.removeAll(keepingCapacity: true)
        for scalar in s {
            utf8Offsets.append(utf8.count)
            utf8.append(contentsOf: UTF8.encode(scalar)!)
        }
        utf8Offsets.append(utf8.count)
        var out: [Token] = []
        out.reserveCapacity(raw.count + raw.count / 2)
        for (index, t) in raw.enumerated() {
            switch t.kind {
            case .placeholder:
                // An inline code (`CodedText`) is keyed by its kind alone: `<g id="1">` in a new
                // document matches TMX's `<bpt i="3">{\b </bpt>` at the same place.
                let key = s[t.start] == "\u{E101}" && t.end - t.start > 1 ? "\u{E101}" + String(s[t.start + 1]) : text(s, t.start, t.end)
                var token = make(s, t.start, t.end, .placeholder, key: key)
                token.script = .common
                out.append(token)
            case .punctuation:
                out.append(make(s, t.start, t.end, .punctuation, key: KeyNormalizer.fold(text(s, t.start, t.end))))
            case .symbol:
                out.append(make(s, t.start, t.end, .symbol, key: KeyNormalizer.fold(text(s, t.start, t.end))))
            case .number, .word:
                // A Korean particle glued to a placeholder, number, Latin word or closing
                // quote (`%s를`, `‘스위스화’를`) belongs to what precedes it.
                var glued = out.last.map { $0.end == t.start && ($0.kind != .punctuation || Self.closes($0.text)) } ?? false
                // A particle alternative in parentheses: `파일을(를)`, `%s은(는)`.
                if let open = out.last, open.text == "(", open.end == t.start, index + 1 < raw.count,
                   raw[index + 1].start == t.end, s[raw[index + 1].start] == ")" {
                    glued = true
                }
                word(s, t.start, t.end, glued: glued, into: &out)
            }
        }
        return out
    }

    private func text(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[utf8Offsets[a]..<utf8Offsets[b]]), as: UTF8.self) }
    }

    private func make(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, _ kind: TokenKind, key: String) -> Token {
        Token(text: text(s, a, b), start: a, end: b, kind: kind, script: Script.of(s[a..<b]), key: key)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.properties.numericType == .decimal }

    /// A word or number token, cut at every change between Hangul and other scripts.
    private static func closes(_ text: String) -> Bool {
        guard let c = text.unicodeScalars.first else { return false }
        let category = c.properties.generalCategory
        return category == .closePunctuation || category == .finalPunctuation || c == "\"" || c == "'"
    }

    private mutating func word(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, glued: Bool, into out: inout [Token]) {
        var i = start
        var previousWasLatin = glued
        while i < end {
            if Self.isDigit(s[i]) {
                i = number(s, i, end, into: &out)
                previousWasLatin = false
                continue
            }
            let hangul = Hangul.isHangul(s[i])
            var j = i + 1
            while j < end, Hangul.isHangul(s[j]) == hangul { j += 1 }
            if hangul {
                korean(s, i, j, afterForeign: previousWasLatin, into: &out)
                previousWasLatin = false
            } else {
                let folded = KeyNormalizer.fold(text(s, i, j))
                let script = Script.of(s[i..<j])
                let key = script == .latin ? EnglishLemmatizer.lemma(folded) : folded
                let isLetters = s[i..<j].contains { $0.properties.isAlphabetic }
                out.append(Token(text: text(s, i, j), start: i, end: j, kind: isLetters ? .word : .symbol, script: script, key: key))
                previousWasLatin = isLetters
            }
            i = j
        }
    }

    /// Reads a number starting at `i`: digits with grouping and decimals, Korean units
    /// (`280억`), an ordinal suffix (`12th`), then a counter (`30일`) and particles.
    private mutating func number(_ s: [Unicode.Scalar], _ i: Int, _ end: Int, into out: inout [Token]) -> Int {
        var j = i
        var lastGood = i
        while j < end {
            let c = s[j]
            if Self.isDigit(c) || NumberReader.isKoreanUnit(c) || c == " " {
                j += 1
                if c != " " { lastGood = j }
            } else if (c == "," || c == "."), j + 1 < end, Self.isDigit(s[j + 1]) {
                j += 1
            } else {
                break
            }
        }
        // A trailing English scale word merged by the tokenizer: "28 billion".
        var numberEnd = lastGood
        if numberEnd < end, s[numberEnd] == " " {
            numberEnd = end
        }
        // Latin letters glued to digits: an ordinal (12th) or a code (3D, 1080p).
        if numberEnd < end, Script.of(s[numberEnd]) == .latin {
            var k = numberEnd
            while k < end, !Hangul.isHangul(s[k]) { k += 1 }
            let suffix = text(s, numberEnd, k).lowercased()
            let digits = text(s, i, numberEnd)
            if ["st", "nd", "rd", "th"].contains(suffix), digits.allSatisfy(\.isNumber) {
                out.append(make(s, i, k, .number, key: NumberReader.value(of: digits) ?? digits))
            } else {
                let folded = KeyNormalizer.fold(text(s, i, k))
                out.append(Token(text: text(s, i, k), start: i, end: k, kind: .word, script: Script.of(s[i..<k]), key: folded))
            }
            return k
        }
        // Korean units only count when they read as a number (`천` alone after digits does).
        let numberText = text(s, i, numberEnd)
        if let value = NumberReader.value(of: numberText) {
            out.append(make(s, i, numberEnd, .number, key: value))
        } else {
            // Fall back to the digits alone.
            var k = i
            while k < numberEnd, Self.isDigit(s[k]) || ((s[k] == "," || s[k] == ".") && k + 1 < numberEnd && Self.isDigit(s[k + 1])) { k += 1 }
            numberEnd = k
            let digits = text(s, i, k)
            out.append(make(s, i, k, .number, key: NumberReader.value(of: digits) ?? digits))
        }
        // A counter right after the number (30일, 2022년, 3명), then particles.
        if numberEnd < end, Hangul.isHangul(s[numberEnd]) {
            var k = numberEnd
            while k < end, Hangul.isHangul(s[k]) { k += 1 }
            var counterEnd = numberEnd
            for length in stride(from: min(3, k - numberEnd), through: 1, by: -1) {
                if KoreanSuffixes.counters.contains(text(s, numberEnd, numberEnd + length)) {
                    counterEnd = numberEnd + length
                    break
                }
            }
            if counterEnd > numberEnd {
                out.append(make(s, numberEnd, counterEnd, .word, key: text(s, numberEnd, counterEnd)))
            }
            if counterEnd < k { korean(s, counterEnd, k, afterForeign: true, into: &out) }
            return k
        }
        return numberEnd
    }

    /// A run of Hangul: split by the analyzer. After a number or a Latin word (`NATO를`), a
    /// run that is wholly a particle or ending is taken as one. Decomposed (NFD) Hangul is
    /// composed for analysis; tokens keep the original text and offsets.
    private mutating func korean(_ s: [Unicode.Scalar], _ i: Int, _ j: Int, afterForeign: Bool, into out: inout [Token]) {
        let (syllables, starts) = Hangul.composeWithOffsets(s[i..<j])
        let word = makeString(syllables)
        if afterForeign, let suffix = KoreanSuffixes.byText[word]?.first {
            out.append(make(s, i, j, suffix.kind == .particle ? .particle : .ending, key: word))
            return
        }
        let pieces: [KoreanAnalyzer.Piece]
        if let cached = splits[word] {
            pieces = cached
        } else {
            pieces = analyzer.split(word)
            splits[word] = pieces
        }
        var syllable = 0
        for piece in pieces {
            let length = piece.text.unicodeScalars.count
            let kind: TokenKind
            switch piece.role {
            case .stem: kind = .word
            case .particle: kind = .particle
            case .ending: kind = .ending
            }
            let a = starts[syllable], b = starts[min(syllable + length, starts.count - 1)]
            out.append(Token(text: text(s, a, b), start: a, end: b, kind: kind, script: .hangul, key: piece.key ?? piece.text))
            syllable += length
        }
    }
}
