import TMCore

/// Menu accelerators are not words: `바꾸기(_B)`, `열기(&O)`, `_Save As`, `E&xit` match
/// `바꾸기`, `열기`, `Save As` and `Exit`. Applied to the tokens the TM stores and scores.
enum AcceleratorMarkers {
    static let markers: Set<String> = ["_", "&", "~"]

    static func isMarked(_ key: String) -> Bool {
        guard let f = key.first, markers.contains(String(f)) else { return false }
        return key.count >= 2
    }

    /// The tokens with accelerator markers removed: a parenthesised accelerator (`(_B)`,
    /// `(&O)`) is dropped; a marker glued to a word is dropped from its key, joining the word's
    /// halves (`E&xit`).
    static func strip(_ tokens: [Token]) -> [StoredToken] {
        var out: [StoredToken] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        let n = tokens.count
        while i < n {
            let t = tokens[i]
            // ( _B )  or  ( & O )
            if t.kind == .punctuation, t.text == "(" {
                if i + 2 < n, isMarked(tokens[i + 1].key), tokens[i + 1].key.count == 2, tokens[i + 2].text == ")" {
                    i += 3
                    continue
                }
                if i + 3 < n, tokens[i + 1].kind == .punctuation, markers.contains(tokens[i + 1].text),
                   tokens[i + 2].text.count == 1, tokens[i + 2].kind != .punctuation, tokens[i + 3].text == ")" {
                    i += 4
                    continue
                }
            }
            // A marker glued to the next word: dropped; glued to the previous word too: the halves join.
            if t.kind == .punctuation, markers.contains(t.text), i + 1 < n, tokens[i + 1].start == t.end,
               tokens[i + 1].kind == .word {
                let next = tokens[i + 1]
                if let last = out.last, last.end == t.start, last.kind == .word {
                    out[out.count - 1] = StoredToken(kind: .word, key: last.key + next.key, start: last.start, end: next.end)
                } else {
                    out.append(StoredToken(kind: .word, key: next.key, start: next.start, end: next.end))
                }
                i += 2
                continue
            }
            var key = t.key
            if t.kind == .word, isMarked(key) { key.removeFirst() }
            out.append(StoredToken(kind: t.kind, key: key, start: t.start, end: t.end))
            i += 1
        }
        return out
    }
}
