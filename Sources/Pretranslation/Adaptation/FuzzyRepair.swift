import Segmentation
import TMCore

/// Patches a fuzzy match's target where the match differs from the new source only in
/// numbers, placeholders, glossary terms or the closing punctuation, so the fill needs no edit:
///
/// - a number, by value, in the target's own notation (`5` → `6`; `280억` where the memory
///   source said `28 billion` and the new one says `6 billion` → `60억`);
/// - a placeholder (or inline code), by position: the memory source's `%s` is found in the
///   target and replaced by the new source's `%d`;
/// - a glossary term, through the word link the glossary gives between the memory source and
///   its target: the old term's translation found in the target is replaced by the new term's
///   (with the Korean particle after it made to agree: `파일을` → `폴더를`);
/// - the closing punctuation (`Save` / `Save:`, `Open` / `Open…`), where the target ends as
///   the memory source does; quotes and other marks inside the text by position (`“%s”` →
///   `'%s'`), where the target has them as often as the memory source;
/// - a word through its link to the target (see `FuzzyRepair+Words.swift`): a word the
///   translator copied as it is (`GdkPixbuf`, `KDE`) or one whose glossary translation stands
///   once in the target is replaced by the new word's translation, or taken out with its
///   particle when the new source drops it; a new name (`SSH`, `PAC`) goes before the word
///   that follows it in the source.
///
/// Differences that need no patch (articles, a word's spelling variant such as `Min` /
/// `Minimum` or `Full-Screen` / `Full Screen`, `...` / `…`) leave the target as it is there.
/// Any other difference (a word added, removed or changed that no link covers) leaves the
/// match as it is: a repair is all or nothing.
public struct FuzzyRepair: Sendable {
    let segmenter: Segmenter

    public init(segmenter: Segmenter = Segmenter()) {
        self.segmenter = segmenter
    }

    /// `match` repaired for `source`, or nil when it is exact or cannot be repaired whole.
    /// `sourceTerms` and `memoryTerms` are the glossary terms found in the new source and in
    /// the match's source; `lookup` gives the glossary's translations of a word or phrase
    /// standing alone (preferred first), for the word links.
    public func repaired(_ match: PretranslationMatch, for source: String, sourceTerms: [SpottedTerm],
                         memoryTerms: [SpottedTerm], lookup: (String) -> [String] = { _ in [] }) -> PretranslationMatch? {
        guard match.score < 100, match.originalScore == nil else { return nil }
        let m = segmenter.analyze(match.source).tokens
        let s = segmenter.analyze(source).tokens
        let pairs = Self.common(m.map(\.key), s.map(\.key))
        var blocks = Self.gaps(between: pairs, m.count, s.count).flatMap { Self.split($0, m, s) }.map { Self.directive($0, m, s) }
        let variants = Self.markVariants(m, s, pairs: pairs)
        guard !blocks.isEmpty || !variants.isEmpty else { return nil }
        let t = segmenter.analyze(match.target)
        let target = Array(match.target.unicodeScalars)
        var patches: [Patch] = []
        var notes: [String] = []
        // Quotes added or dropped around a placeholder (`%s` / `"%s"`).
        for wrap in Self.quoteWraps(blocks, m, s, target).reversed() {
            patches.append(wrap.patch)
            notes.append(wrap.note)
            blocks.removeSubrange(wrap.blocks)
        }
        // A mark the keys do not tell apart (`“%s”` / `"%s"`), in the new source's style where
        // the target has the memory's; otherwise the target keeps its own.
        for block in variants {
            if let (patch, note) = Self.mark(block, m, s, match.source, target) {
                patches.append(patch)
                notes.append(note)
            }
        }
        var usedTerms = Set<Int>()
        for block in blocks {
            let mb = Array(m[block.memory]), sb = Array(s[block.source])
            if mb.count == 1, sb.count == 1, mb[0].kind == .number, sb[0].kind == .number {
                // The memory's number in the target, by value (any notation).
                let hits = t.tokens.enumerated().filter { $0.element.kind == .number && $0.element.key == mb[0].key }
                let k = m[..<block.memory.lowerBound].filter { $0.kind == .number && $0.key == mb[0].key }.count
                guard k < hits.count, let text = NumberWriter.write(sb[0].key, like: hits[k].element.text) else { return nil }
                let written = hits[k].element.text == mb[0].text ? sb[0].text : text
                patches.append(Patch(range: hits[k].element.start..<hits[k].element.end, text: written))
                notes.append("number \(hits[k].element.text) → \(written)")
            } else if let old = Self.placeholderLike(mb), let new = Self.placeholderLike(sb) {
                // By position: the memory source's k-th `old` is the target's k-th.
                let memorySource = Array(match.source.unicodeScalars), o = Array(old.unicodeScalars)
                let inMemory = Self.exactOccurrences(of: o, in: memorySource)
                let k = inMemory.filter { $0.lowerBound < mb[0].start }.count
                let hits = Self.exactOccurrences(of: o, in: target)
                guard hits.count == inMemory.count, k < hits.count else { return nil }
                patches.append(Patch(range: hits[k], text: new))
                notes.append("placeholder \(old) → \(new)")
            } else if (mb + sb).allSatisfy({ $0.kind == .punctuation }), block.memory.upperBound == m.count, block.source.upperBound == s.count {
                // The closing punctuation: the target must end as the memory's source does.
                let old = mb.map(\.text).joined(), new = sb.map(\.text).joined()
                if Self.sameMark(old, new) || Self.keepsItsPeriod(target, old: old, new: new) { continue }
                let endsInPunctuation = t.tokens.last.map { $0.kind == .punctuation && $0.end == target.count } ?? false
                guard let patch = Self.ending(target, old: old, new: new, endsInPunctuation: endsInPunctuation) else { return nil }
                patches.append(patch)
                notes.append("ending \(old.isEmpty ? "∅" : old) → \(new.isEmpty ? "∅" : new)")
            } else if Self.needsNoPatch(mb, sb) {
                continue
            } else if (mb + sb).allSatisfy({ $0.kind == .punctuation }), let (patch, note) = Self.mark(block, m, s, match.source, target) {
                // A mark inside the text is a mark, even where a glossary term spans it.
                patches.append(patch)
                notes.append(note)
            } else if let (patch, note, id) = term(block, m, s, match, target, sourceTerms, memoryTerms) {
                // One term may cover several blocks (`new file` → `old folder`): patched once.
                if usedTerms.insert(id).inserted {
                    patches.append(patch)
                    notes.append(note)
                }
            } else if let (patch, note) = Self.mark(block, m, s, match.source, target) ?? word(block, m, s, match.source, source, target, lookup) {
                patches.append(patch)
                notes.append(note)
            } else {
                return nil
            }
        }
        guard !patches.isEmpty, let patched = Self.apply(patches, to: target), patched != match.target else { return nil }
        var out = match
        out.target = patched
        out.originalTarget = match.target
        out.originalScore = match.score
        out.score = 99
        out.repairs = notes
        return out
    }

    // MARK: pieces

    struct Patch {
        var range: Range<Int>
        var text: String
    }

    /// The spans where two key sequences differ: between consecutive pairs of `common`, and
    /// before the first and after the last, where either side has something.
    static func gaps(between pairs: [(Int, Int)], _ n: Int, _ m: Int) -> [(memory: Range<Int>, source: Range<Int>)] {
        var out: [(memory: Range<Int>, source: Range<Int>)] = []
        var si = 0, sj = 0
        for (i, j) in pairs + [(n, m)] {
            if si < i || sj < j { out.append((si..<i, sj..<j)) }
            si = i + 1
            sj = j + 1
        }
        return out
    }

    /// Marks with the same key but another form on the two sides (`“` / `"`, `’` / `'`), as
    /// one-token blocks. Forms that are one mark written two ways (`...` / `…`) are left out:
    /// there the target keeps its own.
    static func markVariants(_ m: [Token], _ s: [Token], pairs: [(Int, Int)]) -> [(memory: Range<Int>, source: Range<Int>)] {
        pairs.compactMap { i, j in
            guard m[i].kind == .punctuation, m[i].text != s[j].text, !sameMark(m[i].text, s[j].text) else { return nil }
            return (i..<(i + 1), j..<(j + 1))
        }
    }

    /// The index pairs `(i, j)` where `a[i] == b[j]` on a longest common subsequence.
    static func common(_ a: [String], _ b: [String]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n && j < m {
            if a[i] == b[j] {
                out.append((i, j)); i += 1; j += 1
            } else if lcs[i][j + 1] >= lcs[i + 1][j] {
                j += 1
            } else {
                i += 1
            }
        }
        return out
    }

    /// A glossary-term repair for `block`: the memory-source term covering it, its translation
    /// in the target, and the new source's term in the same place.
    private func term(_ block: (memory: Range<Int>, source: Range<Int>), _ m: [Token], _ s: [Token], _ match: PretranslationMatch,
                      _ target: [Unicode.Scalar], _ sourceTerms: [SpottedTerm], _ memoryTerms: [SpottedTerm]) -> (Patch, String, Int)? {
        for (mi, mt) in memoryTerms.enumerated() {
            guard let mr = Self.tokenRange(of: mt.surface, in: match.source, tokens: m), mr.lowerBound <= block.memory.lowerBound,
                  mr.upperBound >= block.memory.upperBound else { continue }
            for st in sourceTerms {
                guard let sr = Self.tokenRange(of: st.surface, in: nil, tokens: s), sr.lowerBound <= block.source.lowerBound,
                      sr.upperBound >= block.source.upperBound,
                      block.memory.lowerBound - mr.lowerBound == block.source.lowerBound - sr.lowerBound,
                      mr.upperBound - block.memory.upperBound == sr.upperBound - block.source.upperBound,
                      let new = st.translations.first else { continue }
                // The old term's translation, once in the target (the longest that is there).
                for old in mt.translations.sorted(by: { $0.count > $1.count }) {
                    let hits = Self.occurrences(of: old, in: target)
                    guard hits.count == 1 else { continue }
                    var range = hits[0]
                    var text = new
                    // A Korean particle after it agrees with the new word.
                    if let (particleRange, particle) = KoreanParticle.after(range.upperBound, in: target, following: new) {
                        text += particle
                        range = range.lowerBound..<particleRange.upperBound
                    }
                    return (Patch(range: range, text: text), "term \(old) → \(new)", mi)
                }
            }
        }
        return nil
    }

    /// The tokens (by index) a term's surface covers in a text, found by text.
    static func tokenRange(of surface: String, in text: String?, tokens: [Token]) -> Range<Int>? {
        let joined = tokens.map(\.text)
        let want = surface.lowercased().split(whereSeparator: \.isWhitespace).joined()
        guard !want.isEmpty else { return nil }
        for a in joined.indices {
            var acc = ""
            for b in a..<joined.count {
                acc += joined[b].lowercased()
                if acc == want { return a..<(b + 1) }
                if !want.hasPrefix(acc) { break }
            }
        }
        return nil
    }

    /// Scalar ranges where `needle` stands in `hay` (case-insensitive for Latin letters).
    static func occurrences(of needle: String, in hay: [Unicode.Scalar]) -> [Range<Int>] {
        let n = Array(needle.lowercased().unicodeScalars)
        guard !n.isEmpty, n.count <= hay.count else { return [] }
        let h = hay.map { Character($0).lowercased().unicodeScalars.count == 1 ? Character($0).lowercased().unicodeScalars.first! : $0 }
        var out: [Range<Int>] = []
        var i = 0
        while i + n.count <= h.count {
            if Array(h[i..<(i + n.count)]) == n {
                // Whole words for Latin: not inside a longer word.
                let before = i > 0 ? h[i - 1] : " ", after = i + n.count < h.count ? h[i + n.count] : " "
                let latin = { (c: Unicode.Scalar) in c.isASCII && c.properties.isAlphabetic }
                if !(latin(n.first!) && latin(before)) && !(latin(n.last!) && latin(after)) { out.append(i..<(i + n.count)) }
                i += n.count
            } else {
                i += 1
            }
        }
        return out
    }

    /// The patch that makes `target` end with `new` where it ends with `old` (punctuation).
    static func ending(_ target: [Unicode.Scalar], old: String, new: String, endsInPunctuation: Bool) -> Patch? {
        var end = target.count
        while end > 0 && target[end - 1].properties.isWhitespace { end -= 1 }
        let equivalents: [String: [String]] = ["...": ["...", "…"], "…": ["…", "..."], ".": [".", "。"], ":": [":", "："], "?": ["?", "？"], "!": ["!", "！"]]
        if old.isEmpty {
            // Nothing to take off; the target must not already end in punctuation.
            if endsInPunctuation { return nil }
            return Patch(range: end..<end, text: new)
        }
        for form in equivalents[old] ?? [old] {
            let f = Array(form.unicodeScalars)
            if end >= f.count, Array(target[(end - f.count)..<end]) == f {
                let replacement = new == "..." && form == "…" ? "…" : new
                return Patch(range: (end - f.count)..<end, text: replacement)
            }
        }
        return nil
    }

    /// `patches` applied to `target`; nil when two overlap.
    static func apply(_ patches: [Patch], to target: [Unicode.Scalar]) -> String? {
        let sorted = patches.sorted { $0.range.lowerBound > $1.range.lowerBound }
        var out = target
        var limit = Int.max
        for p in sorted {
            guard p.range.upperBound <= limit else { return nil }
            out.replaceSubrange(p.range, with: Array(p.text.unicodeScalars))
            limit = p.range.lowerBound
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: out)
        return String(v)
    }
}

/// Korean particles whose form depends on whether the word before ends in a consonant.
enum KoreanParticle {
    /// (after a consonant, after a vowel)
    static let pairs: [(String, String)] = [("으로", "로"), ("을", "를"), ("이", "가"), ("은", "는"), ("과", "와"), ("이나", "나"), ("이랑", "랑")]

    /// The particle at `offset` in `text`, rewritten to follow `word`: its range and new form.
    static func after(_ offset: Int, in text: [Unicode.Scalar], following word: String) -> (Range<Int>, String)? {
        guard let last = word.unicodeScalars.last, last.value >= 0xAC00, last.value <= 0xD7A3 else { return nil }
        let jong = (last.value - 0xAC00) % 28
        for (consonant, vowel) in pairs {
            for form in [consonant, vowel] {
                let f = Array(form.unicodeScalars)
                guard offset + f.count <= text.count, Array(text[offset..<(offset + f.count)]) == f else { continue }
                let next = offset + f.count < text.count ? text[offset + f.count] : " "
                guard !(next.value >= 0xAC00 && next.value <= 0xD7A3) else { continue }
                // ㄹ takes 로, not 으로.
                let useConsonant = consonant == "으로" ? (jong != 0 && jong != 8) : jong != 0
                return (offset..<(offset + f.count), useConsonant ? consonant : vowel)
            }
        }
        return nil
    }
}
