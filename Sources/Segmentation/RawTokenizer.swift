import TMCore

/// A token before Korean analysis and key making: a span of a sentence's scalars.
struct RawToken {
    enum Kind { case word, number, punctuation, symbol, placeholder }
    var start: Int
    var end: Int
    var kind: Kind
}

/// Cuts a sentence into raw tokens: placeholders first, then ICU word breaks over the text
/// between them, then merges that ICU does not make (`U.S.`, `Gen.`, `28 billion`, `...`).
struct RawTokenizer {
    func tokens(_ s: [Unicode.Scalar]) -> [RawToken] {
        var out: [RawToken] = []
        var position = 0
        for span in Placeholders.spans(in: s) {
            if span.lowerBound > position { icuTokens(s, position..<span.lowerBound, into: &out) }
            out.append(RawToken(start: span.lowerBound, end: span.upperBound, kind: .placeholder))
            position = span.upperBound
        }
        if position < s.count { icuTokens(s, position..<s.count, into: &out) }
        return merged(out, s)
    }

    /// ICU word tokens of `s[range]`, white space dropped.
    private func icuTokens(_ s: [Unicode.Scalar], _ range: Range<Int>, into out: inout [RawToken]) {
        // UTF-16 for ICU, with a map from UTF-16 offsets back to scalar offsets.
        var units: [UInt16] = []
        units.reserveCapacity(range.count + 8)
        var scalarAt: [Int32] = []
        scalarAt.reserveCapacity(range.count + 9)
        for i in range {
            for u in s[i].utf16 {
                units.append(u)
                scalarAt.append(Int32(i))
            }
        }
        scalarAt.append(Int32(range.upperBound))
        let (bounds, statuses) = units.withUnsafeBufferPointer { u in BreakIterator.wordPool.with { $0.boundaries(u, statuses: true) } }
        var startUnit = 0
        for (k, b) in bounds.enumerated() {
            let start = Int(scalarAt[startUnit]), end = Int(scalarAt[Int(b)])
            startUnit = Int(b)
            if start >= end { continue }
            let status = statuses[k]
            let first = s[start]
            if end - start == 1 || status < 100 {
                if first.properties.isWhitespace || first == "\u{200B}" || first == "\u{FEFF}" {
                    if s[start..<end].allSatisfy({ $0.properties.isWhitespace || $0 == "\u{200B}" || $0 == "\u{FEFF}" }) { continue }
                }
            }
            let kind: RawToken.Kind
            switch status {
            case 100..<200: kind = .number
            case 200..<500: kind = .word
            default: kind = Self.isPunctuation(first) ? .punctuation : (first.properties.isAlphabetic ? .word : .symbol)
            }
            out.append(RawToken(start: start, end: end, kind: kind))
        }
    }

    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Merges abbreviations with their full stop, numbers with scale words, and runs of dots.
    private func merged(_ tokens: [RawToken], _ s: [Unicode.Scalar]) -> [RawToken] {
        var out: [RawToken] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        func text(_ t: RawToken) -> String { makeString(s[t.start..<t.end]) }
        while i < tokens.count {
            var t = tokens[i]
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            if t.kind == .word, let n = next, n.start == t.end, n.end == n.start + 1, s[n.start] == "." {
                let word = text(t)
                let dotted = word + "."
                let nextNext = i + 2 < tokens.count ? tokens[i + 2] : nil
                let beforeNumber = Abbreviations.beforeNumber.contains(word) && nextNext?.kind == .number
                if Abbreviations.isDotted(dotted) || Abbreviations.always.contains(word) || beforeNumber {
                    t.end = n.end
                    out.append(t)
                    i += 2
                    continue
                }
            }
            if t.kind == .number, let n = next, n.kind == .word, n.start > t.end, n.start - t.end == 1,
               s[t.end].properties.isWhitespace, NumberReader.scaleWords[text(n).lowercased()] != nil {
                t.end = n.end
                out.append(t)
                i += 2
                continue
            }
            // Digits and letters that touch (280억, NATO를, 3D) are one word; TokenBuilder
            // cuts them again by script.
            if t.kind == .word || t.kind == .number, let n = next, n.start == t.end, n.kind == .word || n.kind == .number {
                var merged = t
                merged.end = n.end
                merged.kind = .word
                var j = i + 2
                while j < tokens.count, tokens[j].start == merged.end, tokens[j].kind == .word || tokens[j].kind == .number {
                    merged.end = tokens[j].end
                    j += 1
                }
                out.append(merged)
                i = j
                continue
            }
            if t.kind == .punctuation, s[t.start] == "." {
                var j = i + 1
                while j < tokens.count, tokens[j].start == tokens[j - 1].end, tokens[j].end == tokens[j].start + 1, s[tokens[j].start] == "." { j += 1 }
                if j > i + 1 {
                    t.end = tokens[j - 1].end
                    out.append(t)
                    i = j
                    continue
                }
            }
            out.append(t)
            i += 1
        }
        return out
    }
}
