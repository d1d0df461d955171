import Segmentation
import TMCore

/// The repairs that go through a word's link to the target: a word the translator copied as
/// it is, or one whose glossary translation stands once in the target; marks inside the text;
/// and the differences that need no patch.
extension FuzzyRepair {
    typealias Block = (memory: Range<Int>, source: Range<Int>)

    /// Words a target language does not translate word for word (English articles).
    static let articles: Set<String> = ["a", "an", "the"]

    /// Differences the target does not show: articles added or dropped, and the same word
    /// spelt otherwise (`Min` / `Minimum`, `Full-Screen` / `Full Screen`, `e-mail` / `email`).
    static func needsNoPatch(_ mb: [Token], _ sb: [Token]) -> Bool {
        let words = (mb + sb).filter { $0.kind != .punctuation }
        if !words.isEmpty, words.allSatisfy({ articles.contains($0.key) }) { return true }
        // A hyphen added or dropped between words (`Full-Screen` / `Full Screen`).
        if !(mb + sb).isEmpty, (mb + sb).allSatisfy({ $0.text == "-" || $0.text == "‐" }) { return true }
        guard !mb.isEmpty, !sb.isEmpty, (mb + sb).allSatisfy({ $0.kind == .word || $0.kind == .punctuation }) else { return false }
        let a = letters(mb.map(\.text).joined()), b = letters(sb.map(\.text).joined())
        guard !a.isEmpty, !b.isEmpty else { return false }
        if a == b { return true }
        // An abbreviation: the shorter, of 3 letters or more, begins the longer (one word each).
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return mb.count == 1 && sb.count == 1 && short.count >= 3 && long.count - short.count <= 5 && long.hasPrefix(short)
    }

    static func letters(_ s: String) -> String {
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }

    /// Two ways of writing one mark (`...` / `…`): the target keeps its own.
    static func sameMark(_ a: String, _ b: String) -> Bool {
        let forms: [Set<String>] = [["...", "…"], [".", "。"], [":", "："], ["?", "？"], ["!", "！"]]
        return a != b && forms.contains { $0.contains(a) && $0.contains(b) }
    }

    /// A target of several sentences keeps its final period when the new source drops one.
    static func keepsItsPeriod(_ target: [Unicode.Scalar], old: String, new: String) -> Bool {
        guard old == ".", new.isEmpty else { return false }
        let inner = target.dropLast().filter { $0 == "." || $0 == "。" }.count
        return inner > 0
    }

    /// A mark inside the text (not the closing one) replaced or dropped by position: the
    /// memory source's k-th `“` is the target's k-th, where both have it as often.
    static func mark(_ block: Block, _ m: [Token], _ s: [Token], _ memorySource: String,
                     _ target: [Unicode.Scalar]) -> (Patch, String)? {
        let mb = Array(m[block.memory]), sb = Array(s[block.source])
        let isMark = { (t: Token) in t.kind == .punctuation || t.kind == .symbol }
        // The new one may be a letter standing for a mark (`%s×%s` → `%sx%s`).
        guard mb.count == 1, sb.count <= 1, isMark(mb[0]), sb.allSatisfy({ isMark($0) || $0.text.unicodeScalars.count == 1 }) else { return nil }
        let old = Array(mb[0].text.unicodeScalars)
        let inMemory = m.filter { $0.text == mb[0].text }.count
        let k = m[..<block.memory.lowerBound].filter { $0.text == mb[0].text }.count
        var hits: [Int] = []
        var i = 0
        while i + old.count <= target.count {
            if Array(target[i..<(i + old.count)]) == old { hits.append(i); i += old.count } else { i += 1 }
        }
        guard hits.count == inMemory, k < hits.count else { return nil }
        let new = sb.first?.text ?? ""
        var range = hits[k]..<(hits[k] + old.count)
        // A dropped mark between two spaces takes one along (`a - b` → `a b`).
        if new.isEmpty, range.upperBound < target.count, target[range.upperBound] == " ",
           range.lowerBound > 0, target[range.lowerBound - 1] == " " {
            range = range.lowerBound..<(range.upperBound + 1)
        }
        return (Patch(range: range, text: new), "mark \(mb[0].text) → \(new.isEmpty ? "∅" : new)")
    }

    /// Quotes the new source adds around a placeholder the memory's source has bare, put
    /// around it in the target (`error reading %s` → `error reading "%s"`: `%s 읽는 중 오류` →
    /// `"%s" 읽는 중 오류`), or taken off where the new source drops them and the target has them
    /// right around it. Each wrap covers two adjacent blocks (by index, in order).
    static func quoteWraps(_ blocks: [Block], _ m: [Token], _ s: [Token],
                           _ target: [Unicode.Scalar]) -> [(blocks: Range<Int>, patch: Patch, note: String)] {
        var out: [(blocks: Range<Int>, patch: Patch, note: String)] = []
        var b = 0
        while b + 1 < blocks.count {
            let open = blocks[b], close = blocks[b + 1]
            defer { b += 1 }
            let isQuote = { (t: Token) in t.kind == .punctuation && quotes.contains(t.text) }
            if open.memory.isEmpty, close.memory.isEmpty, open.source.count == 1, close.source.count == 1,
               close.source.lowerBound == open.source.upperBound + 1, open.memory.lowerBound < m.count,
               close.memory.lowerBound == open.memory.lowerBound + 1 {
                // Added: the placeholder between them is the memory's m[p].
                let p = open.memory.lowerBound, q = s[open.source.lowerBound], e = s[close.source.lowerBound]
                guard isQuote(q), isQuote(e), s[open.source.upperBound].kind == .placeholder, m[p].kind == .placeholder,
                      m[p].text == s[open.source.upperBound].text, let hit = placeholder(m, p, in: target) else { continue }
                out.append((b..<(b + 2), Patch(range: hit, text: q.text + m[p].text + e.text), "wrap \(m[p].text) → \(q.text)\(m[p].text)\(e.text)"))
                b += 1
            } else if open.source.isEmpty, close.source.isEmpty, open.memory.count == 1, close.memory.count == 1,
                      close.memory.lowerBound == open.memory.upperBound + 1, open.source.lowerBound < s.count,
                      close.source.lowerBound == open.source.lowerBound + 1 {
                // Dropped: the target's quotes right around the placeholder go.
                let p = open.memory.upperBound, q = m[open.memory.lowerBound], e = m[close.memory.lowerBound]
                guard isQuote(q), isQuote(e), m[p].kind == .placeholder, s[open.source.lowerBound].text == m[p].text,
                      let hit = placeholder(m, p, in: target), hit.lowerBound > 0, hit.upperBound < target.count,
                      quotes.contains(String(target[hit.lowerBound - 1])), quotes.contains(String(target[hit.upperBound])) else { continue }
                out.append((b..<(b + 2), Patch(range: (hit.lowerBound - 1)..<(hit.upperBound + 1), text: m[p].text), "wrap \(q.text)\(m[p].text)\(e.text) → \(m[p].text)"))
                b += 1
            }
        }
        return out
    }

    /// Quote marks, straight and typographic.
    static let quotes: Set<String> = ["\"", "'", "“", "”", "‘", "’", "«", "»", "「", "」"]

    /// Where the memory source's placeholder `m[p]` stands in the target: its k-th occurrence,
    /// where the target has it as often as the memory source.
    static func placeholder(_ m: [Token], _ p: Int, in target: [Unicode.Scalar]) -> Range<Int>? {
        let text = Array(m[p].text.unicodeScalars)
        let inMemory = m.filter { $0.text == m[p].text }.count
        let k = m[..<p].filter { $0.text == m[p].text }.count
        var hits: [Range<Int>] = []
        var i = 0
        while i + text.count <= target.count {
            if Array(target[i..<(i + text.count)]) == text { hits.append(i..<(i + text.count)); i += text.count } else { i += 1 }
        }
        guard hits.count == inMemory, k < hits.count else { return nil }
        return hits[k]
    }

    /// A word (or a few) changed, dropped or added, through its link to the target.
    func word(_ block: Block, _ m: [Token], _ s: [Token], _ memorySource: String, _ source: String,
              _ target: [Unicode.Scalar], _ lookup: (String) -> [String]) -> (Patch, String)? {
        let mb = Array(m[block.memory]), sb = Array(s[block.source])
        guard (mb + sb).allSatisfy({ [.word, .number, .punctuation, .symbol].contains($0.kind) }),
              (mb + sb).contains(where: { $0.kind == .word }),
              mb.count <= 3, sb.count <= 3 else { return nil }
        let oldText = Self.text(of: block.memory, in: m, memorySource)
        let newText = Self.text(of: block.source, in: s, source)
        let wordsOnly = (mb + sb).allSatisfy { $0.kind == .word || $0.kind == .number }
        if mb.isEmpty {
            // A new name goes before the word after it: `SSH` in `Add a new SSH entry`.
            guard Self.isNameLike(newText), block.memory.lowerBound < m.count,
                  let (next, _) = Self.link(m[block.memory.lowerBound].text, in: target, lookup),
                  Self.startsWord(next.lowerBound, in: target) else { return nil }
            return (Patch(range: next.lowerBound..<next.lowerBound, text: newText + " "), "word ∅ → \(newText)")
        }
        guard let (old, verbatim) = Self.link(oldText, in: target, lookup), Self.startsWord(old.lowerBound, in: target),
              verbatim || wordsOnly else { return nil }
        // Through a translation, the word must stand as a noun does: alone or with a particle
        // (`실행하시겠습니까` is a verb: not patched).
        guard let whole = Self.wholeWord(old, in: target, verbatim: verbatim) else { return nil }
        if sb.isEmpty {
            // Dropped: the word goes with its particle and one space. Not the last word, which
            // in Korean is the head or the predicate (`기본 웹 브라우저 사용`).
            if !verbatim, whole.upperBound >= target.count { return nil }
            return (Patch(range: whole, text: ""), "word \(oldText) → ∅")
        }
        let new: String
        if verbatim && Self.isNameLike(newText) {
            new = newText
        } else if let translation = lookup(newText).first(where: { !$0.contains("<") && !$0.contains(">") }) {
            new = translation
        } else {
            return nil
        }
        var range = old
        var text = new
        if let (particleRange, particle) = KoreanParticle.after(range.upperBound, in: target, following: new) {
            text += particle
            range = range.lowerBound..<particleRange.upperBound
        }
        return (Patch(range: range, text: text), "word \(String(String.UnicodeScalarView(target[old]))) → \(new)")
    }

    /// `block` with the marks at either end split off as blocks of their own where both sides
    /// have them (`profile “` → `file "` is a word and a mark), so each is patched by its kind.
    static func split(_ block: Block, _ m: [Token], _ s: [Token]) -> [Block] {
        let isMark = { (t: Token) in t.kind == .punctuation || t.kind == .symbol }
        var (ml, mu, sl, su) = (block.memory.lowerBound, block.memory.upperBound, block.source.lowerBound, block.source.upperBound)
        var before: [Block] = [], after: [Block] = []
        while mu - ml > 1 || su - sl > 1, mu > ml, su > sl, isMark(m[mu - 1]), isMark(s[su - 1]),
              m[ml..<mu].contains(where: { !isMark($0) }) || s[sl..<su].contains(where: { !isMark($0) }) {
            after.insert(((mu - 1)..<mu, (su - 1)..<su), at: 0)
            mu -= 1; su -= 1
        }
        while mu - ml > 1 || su - sl > 1, mu > ml, su > sl, isMark(m[ml]), isMark(s[sl]),
              m[ml..<mu].contains(where: { !isMark($0) }) || s[sl..<su].contains(where: { !isMark($0) }) {
            before.append((ml..<(ml + 1), sl..<(sl + 1)))
            ml += 1; sl += 1
        }
        return before + [(ml..<mu, sl..<su)] + after
    }

    /// The text from the first token of `range` to the end of its last, as written.
    static func text(of range: Range<Int>, in tokens: [Token], _ text: String) -> String {
        guard !range.isEmpty else { return "" }
        let scalars = Array(text.unicodeScalars)
        let a = tokens[range.lowerBound].start, b = tokens[range.upperBound - 1].end
        guard a <= b, b <= scalars.count else { return "" }
        return String(String.UnicodeScalarView(scalars[a..<b]))
    }

    /// Where `word` stands in the target, once: as it is (copied untranslated), else as one of
    /// its glossary translations (the longest that stands there once). `verbatim` says which.
    static func link(_ word: String, in target: [Unicode.Scalar], _ lookup: (String) -> [String]) -> (Range<Int>, verbatim: Bool)? {
        if word.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
            let hits = occurrences(of: word, in: target)
            if hits.count == 1 { return (hits[0], true) }
            if hits.count > 1 { return nil }
        }
        for translation in lookup(word).sorted(by: { $0.count > $1.count }) {
            let hits = occurrences(of: translation, in: target)
            if hits.count == 1 { return (hits[0], false) }
        }
        return nil
    }

    /// A name a translator copies as it is: an acronym (`SSH`), a word with a capital or a digit
    /// inside (`GdkPixbuf`, `KF5`), or an identifier (`GtkMisc::xalign`).
    static func isNameLike(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard scalars.contains(where: { $0.properties.isAlphabetic }), scalars.allSatisfy({ $0.isASCII && !$0.properties.isWhitespace }) else { return false }
        let letters = scalars.filter { $0.properties.isAlphabetic }
        if letters.count >= 2, letters.allSatisfy({ $0.properties.isUppercase }) { return true }
        if scalars.dropFirst().contains(where: { $0.properties.isUppercase }) { return true }
        return scalars.contains { $0.properties.numericType != nil } || s.contains("_") || s.contains("::")
    }

    static func startsWord(_ offset: Int, in target: [Unicode.Scalar]) -> Bool {
        offset == 0 || target[offset - 1].properties.isWhitespace || "(\"'“‘[".unicodeScalars.contains(target[offset - 1])
    }

    /// Korean particles a dropped word takes along (longest first).
    static let particles = ["에서는", "에서", "에게", "으로", "까지", "부터", "이나", "을", "를", "이", "가", "은", "는", "의", "에", "로", "와", "과", "도", "만", "나"]

    /// The range a dropped word takes out of the target: the word, its particle, and one space
    /// (after it, or before it at the end); nil when it does not stand as a word of its own.
    static func wholeWord(_ word: Range<Int>, in target: [Unicode.Scalar], verbatim: Bool) -> Range<Int>? {
        var end = word.upperBound
        let isHangul = { (c: Unicode.Scalar) in c.value >= 0xAC00 && c.value <= 0xD7A3 }
        if end < target.count, isHangul(target[end]) {
            let rest = target[end...].prefix { isHangul($0) }
            guard let particle = particles.first(where: { String(String.UnicodeScalarView(rest)) == $0 }) else { return nil }
            end += particle.unicodeScalars.count
        }
        let lastOfWord = target[word.upperBound - 1]
        if end < target.count, target[end].properties.isWhitespace {
            return word.lowerBound..<(end + 1)
        }
        if end == target.count || (verbatim && !lastOfWord.properties.isAlphabetic && lastOfWord.properties.numericType == nil) {
            // At the end, the space before goes; a copied `KF5/` goes as it is.
            if end == target.count, word.lowerBound > 0, target[word.lowerBound - 1].properties.isWhitespace {
                return (word.lowerBound - 1)..<end
            }
            return word.lowerBound..<end
        }
        return nil
    }
}
