import Segmentation
import TMCore

/// Puts the inline codes of a new source (`CodedText`: paired codes share an id, each code
/// once) into a memory match's target, so that a filled target carries exactly the source's
/// codes, balanced and nested as in the source.
///
/// - When the memory entry has codes of the same kinds in the same order as the new source, its
///   target's codes are the new source's, one for one (the memory's `<bpt i="1">` in the target
///   becomes the source's `<g id="7">`).
/// - Otherwise each code is placed through the links between the new source's words and the
///   target: words the new source shares with the memory's source that stand unchanged in the
///   target (numbers, placeholders, Latin words), and glossary terms or memory entries whose
///   translation stands once in the target (`Click <g>here</g>` with `here` → `여기` gives
///   `<g>여기</g>를 누르십시오`). A pair around the whole text wraps the whole target; a code at the
///   start or end goes to the start or end.
/// - A code that cannot be placed so is appended at the end (a pair as an empty pair), and
///   counted in `unplaced`: the fill then needs review.
public struct TagTransfer: Sendable {
    let segmenter: Segmenter

    public init(segmenter: Segmenter = Segmenter()) {
        self.segmenter = segmenter
    }

    /// A translation the target may hold for a phrase of the new source (a glossary term, a
    /// memory entry for the text of a code pair).
    public struct Anchor: Sendable, Hashable {
        public var source: String
        public var translations: [String]
        public init(source: String, translations: [String]) {
            self.source = source
            self.translations = translations
        }
    }

    public struct Result: Sendable, Hashable {
        /// The target with the new source's codes in it.
        public var target: String
        /// Codes appended because no place was found for them.
        public var unplaced: Int
    }

    /// `target` (the memory's, codes and all) with the codes of `source` (the new source) in it.
    /// `memorySource` is the memory entry's source.
    public func transfer(source: String, memorySource: String, target: String, anchors: [Anchor]) -> Result {
        let codes = CodedText.codes(source)
        guard !codes.isEmpty else { return Result(target: CodedText.plain(target), unplaced: 0) }
        if let direct = byMemoryCodes(codes, memorySource: memorySource, target: target) { return direct }
        return byLinks(source: source, codes: codes, memorySource: CodedText.plain(memorySource), target: CodedText.plain(target), anchors: anchors)
    }

    // MARK: the memory's own codes

    /// The memory target's codes renamed to the source's, when both sources have the same kinds
    /// of codes in the same order and the result holds each source code once, well nested.
    func byMemoryCodes(_ codes: [InlineCode], memorySource: String, target: String) -> Result? {
        let memory = CodedText.codes(memorySource)
        guard memory.map(\.kind) == codes.map(\.kind) else { return nil }
        var rename: [String: String] = [:]
        for (m, c) in zip(memory, codes) { rename["\(m.kind.rawValue)\(m.id)"] = c.id }
        var used = Set<String>()
        var pieces: [CodedText.Piece] = []
        for piece in CodedText.decode(target) {
            switch piece {
            case .text: pieces.append(piece)
            case let .code(c):
                guard let id = rename["\(c.kind.rawValue)\(c.id)"], used.insert("\(c.kind.rawValue)\(id)").inserted else { continue }
                pieces.append(.code(InlineCode(c.kind, id: id)))
            }
        }
        guard used.count == codes.count, Self.isWellNested(pieces) else { return nil }
        return Result(target: CodedText.encode(pieces), unplaced: 0)
    }

    /// Every close follows its open and pairs nest.
    static func isWellNested(_ pieces: [CodedText.Piece]) -> Bool {
        var stack: [String] = []
        for case let .code(c) in pieces {
            switch c.kind {
            case .open: stack.append(c.id)
            case .close:
                guard stack.last == c.id else { return false }
                stack.removeLast()
            default: continue
            }
        }
        return stack.isEmpty
    }

    // MARK: placing by links

    /// A code of the source with where it stands in the source's text (scalar offsets).
    struct Placed {
        var code: InlineCode
        var order: Int
        var start: Int
        var end: Int
        var partner: Int?
    }

    func byLinks(source: String, codes: [InlineCode], memorySource: String, target: String, anchors: [Anchor]) -> Result {
        // The source's text, and each code's offset in it.
        var text = String.UnicodeScalarView()
        var at: [(InlineCode, Int)] = []
        for piece in CodedText.decode(source) {
            switch piece {
            case let .text(t): text.append(contentsOf: t.unicodeScalars)
            case let .code(c): at.append((c, text.count))
            }
        }
        let plain = String(text)
        let s = segmenter.analyze(plain).tokens.filter { $0.kind != .placeholder || !CodedText.hasCodes($0.text) }
        let m = segmenter.analyze(memorySource).tokens
        let t = segmenter.analyze(target).tokens
        let scalars = Array(target.unicodeScalars)
        let links = Self.links(s, m, t, plain: plain, scalars: scalars, anchors: anchors)
        let content = s.indices.filter { s[$0].kind != .punctuation }
        // The target's text without white space and closing punctuation at its ends.
        var first = 0, last = scalars.count
        while first < last, scalars[first].properties.isWhitespace { first += 1 }
        while last > first, scalars[last - 1].properties.isWhitespace { last -= 1 }
        var lastWord = last
        if let tl = t.last(where: { $0.kind != .punctuation }) { lastWord = max(first, tl.end) }

        // Pairs: open and close.
        var placed: [(code: InlineCode, order: Int, position: Int)] = []
        var unplaced: [(InlineCode, Int)] = []
        var closeIndex: [String: Int] = [:]
        for (k, (c, _)) in at.enumerated() where c.kind == .close { closeIndex[c.id] = k }
        var ranges: [(open: Int, close: Int, a: Int, b: Int)] = []
        var handled = Set<Int>()
        for (k, (c, offset)) in at.enumerated() where c.kind == .open {
            guard let j = closeIndex[c.id] else { continue }
            handled.insert(k); handled.insert(j)
            let end = at[j].1
            let inside = s.indices.filter { s[$0].start >= offset && s[$0].end <= end }
            let insideContent = inside.filter { s[$0].kind != .punctuation }
            var range: (Int, Int)?
            if insideContent.isEmpty {
                // An empty pair: a position, like a standalone code.
                if let p = position(offset, s, links, content, first: first, lastWord: lastWord, last: last) { range = (p, p) }
            } else if Set(insideContent) == Set(content) {
                let endsWithPunctuation = inside.last.map { s[$0].kind == .punctuation } ?? false
                range = (first, endsWithPunctuation ? last : lastWord)
            } else {
                let mapped = insideContent.compactMap { links[$0] }
                if mapped.count == insideContent.count {
                    let a = mapped.map(\.lowerBound).min()!, b = mapped.map(\.upperBound).max()!
                    // Nothing linked from outside the pair may fall inside its target span.
                    let outside = content.filter { !insideContent.contains($0) }.compactMap { links[$0] }
                    if !outside.contains(where: { $0.lowerBound < b && $0.upperBound > a }) { range = (a, b) }
                }
            }
            if let (a, b) = range { ranges.append((k, j, a, b)) } else { unplaced.append((c, k)); unplaced.append((at[j].0, j)) }
        }
        // Pairs must nest in the target as ranges: one that crosses an earlier one is not placed.
        var accepted: [(open: Int, close: Int, a: Int, b: Int)] = []
        for r in ranges {
            if accepted.contains(where: { $0.a < r.a && r.a < $0.b && $0.b < r.b || r.a < $0.a && $0.a < r.b && r.b < $0.b }) {
                unplaced.append((at[r.open].0, r.open)); unplaced.append((at[r.close].0, r.close))
            } else {
                accepted.append(r)
                placed.append((at[r.open].0, r.open, r.a))
                placed.append((at[r.close].0, r.close, r.b))
            }
        }
        for (k, (c, offset)) in at.enumerated() where !handled.contains(k) {
            if let p = position(offset, s, links, content, first: first, lastWord: lastWord, last: last) {
                placed.append((c, k, p))
            } else {
                unplaced.append((c, k))
            }
        }
        // At one offset: closes (innermost first), then standalone codes, then opens (outermost first).
        let width = Dictionary(uniqueKeysWithValues: accepted.flatMap { [($0.open, $0.b - $0.a), ($0.close, $0.b - $0.a)] })
        placed.sort { x, y in
            if x.position != y.position { return x.position < y.position }
            func rank(_ c: InlineCode) -> Int { c.kind == .close ? 0 : c.kind == .open ? 2 : 1 }
            if rank(x.code) != rank(y.code) { return rank(x.code) < rank(y.code) }
            if x.code.kind == .close { return (width[x.order] ?? 0, -x.order) < (width[y.order] ?? 0, -y.order) }
            if x.code.kind == .open { return (-(width[x.order] ?? 0), x.order) < (-(width[y.order] ?? 0), y.order) }
            return x.order < y.order
        }
        var pieces: [CodedText.Piece] = []
        var cursor = 0
        for p in placed {
            if p.position > cursor { pieces.append(.text(String(String.UnicodeScalarView(scalars[cursor..<p.position])))) }
            cursor = max(cursor, p.position)
            pieces.append(.code(InlineCode(p.code.kind, id: p.code.id)))
        }
        if cursor < scalars.count { pieces.append(.text(String(String.UnicodeScalarView(scalars[cursor...])))) }
        for (c, _) in unplaced.sorted(by: { $0.1 < $1.1 }) { pieces.append(.code(InlineCode(c.kind, id: c.id))) }
        if !Self.isWellNested(pieces) {
            // Should not happen; never write unbalanced pairs: every code at the end instead.
            pieces = [.text(target)] + at.map { .code(InlineCode($0.0.kind, id: $0.0.id)) }
            return Result(target: CodedText.encode(pieces), unplaced: codes.count)
        }
        return Result(target: CodedText.encode(pieces), unplaced: unplaced.count)
    }

    /// Where a code at `offset` of the source goes in the target: the start or end when no word
    /// is before or after it, else before the next linked word or after the previous one.
    func position(_ offset: Int, _ s: [Token], _ links: [Int: Range<Int>], _ content: [Int], first: Int, lastWord: Int, last: Int) -> Int? {
        let before = content.filter { s[$0].end <= offset }, after = content.filter { s[$0].start >= offset }
        if before.isEmpty { return first }
        if after.isEmpty {
            // Before the closing punctuation when the source has some after the code.
            let punctuationAfter = s.contains { $0.kind == .punctuation && $0.start >= offset }
            return punctuationAfter ? lastWord : last
        }
        if let next = after.first, let r = links[next] { return r.lowerBound }
        if let previous = before.last, let r = links[previous] { return r.upperBound }
        return nil
    }

    /// Target scalar ranges for the new source's tokens (by index): a token shared with the
    /// memory's source whose key stands once in the target, and the words of anchors whose
    /// translation stands once in the target.
    static func links(_ s: [Token], _ m: [Token], _ t: [Token], plain: String, scalars: [Unicode.Scalar], anchors: [Anchor]) -> [Int: Range<Int>] {
        var links: [Int: Range<Int>] = [:]
        let shared = Set(FuzzyRepair.common(s.map(\.key), m.map(\.key)).map(\.0))
        for (i, token) in s.enumerated() where shared.contains(i) && token.kind != .punctuation {
            let inTarget = t.filter { $0.key == token.key }
            let inSource = s.filter { $0.key == token.key }
            if inTarget.count == 1, inSource.count == 1 { links[i] = inTarget[0].start..<inTarget[0].end }
        }
        for anchor in anchors.sorted(by: { $0.source.count > $1.source.count }) {
            guard let range = FuzzyRepair.tokenRange(of: anchor.source, in: nil, tokens: s) else { continue }
            for translation in anchor.translations.sorted(by: { $0.count > $1.count }) {
                let hits = FuzzyRepair.occurrences(of: translation, in: scalars)
                guard hits.count == 1 else { continue }
                for i in range where links[i] == nil { links[i] = hits[0] }
                break
            }
        }
        return links
    }
}
