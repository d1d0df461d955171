import Segmentation
import TMCore

/// One side of a pair, analysed once: its segment and, for its content tokens (words and
/// numbers), vocabulary ids, quote groups and adjacency.
struct AnalyzedSide: Sendable {
    let segment: Segment
    /// Indices into `segment.tokens` of the content tokens, in order.
    let content: [Int]
    /// Vocabulary id of each content token (filled in once the vocabulary is built).
    var ids: [Int32] = []
    /// Scalars to cut from the end of each content token's surface (a particle the corpus
    /// shows is not part of the word; see `ParticleTrimmer`).
    var trim: [Int] = []
    /// For each content token, the number of the quoted span it stands in (0 = outside).
    let quote: [Int16]
    /// Whether content token `k` and `k + 1` are neighbours: only particles or endings between.
    let joinsNext: [Bool]
    /// The number of quoted spans.
    let quoteCount: Int

    init(_ segment: Segment) {
        self.segment = segment
        var content: [Int] = []
        var quote: [Int16] = []
        var joins: [Bool] = []
        var group: Int16 = 0
        var open: Unicode.Scalar? = nil
        var groups = 0
        var lastContent = -1
        var gap = false
        for (index, token) in segment.tokens.enumerated() {
            if token.kind == .punctuation, let q = token.text.unicodeScalars.first, token.text.unicodeScalars.count == 1,
               let role = Self.quoteRole(q, open: open) {
                if role {
                    groups += 1
                    group = Int16(min(groups, Int(Int16.max)))
                    open = q
                } else {
                    group = 0
                    open = nil
                }
                gap = true
                continue
            }
            if token.kind.isContent {
                if lastContent >= 0 { joins.append(!gap) }
                content.append(index)
                quote.append(group)
                lastContent = index
                gap = false
            } else if token.kind != .particle && token.kind != .ending {
                gap = true
            }
        }
        if !content.isEmpty { joins.append(false) }
        self.content = content
        self.quote = quote
        self.joinsNext = joins
        self.quoteCount = groups
    }

    /// Whether `q` opens (true) or closes (false) a quoted span, or is no quote (nil).
    static func quoteRole(_ q: Unicode.Scalar, open: Unicode.Scalar?) -> Bool? {
        switch q {
        case "\u{2018}", "\u{201C}", "\u{300C}", "\u{300E}", "\u{00AB}": return open == nil ? true : nil
        case "\u{2019}", "\u{201D}", "\u{300D}", "\u{300F}", "\u{00BB}": return open == nil ? nil : false
        case "'", "\"": return open == nil ? true : (open == q ? false : nil)
        default: return nil
        }
    }

    var count: Int { content.count }

    func token(_ k: Int) -> Token { segment.tokens[content[k]] }

    /// Derivational suffixes that belong to the term they end (`장기화`, `호환성`).
    static let keptDerivations: Set<String> = ["화", "성", "기", "지"]

    /// The text of content tokens `a...b` as it stands in the segment, spaces included, with
    /// a derivational suffix glued to the last one (`장기` + `화`).
    func surface(_ a: Int, _ b: Int) -> String {
        let start = segment.tokens[content[a]].start
        var end = segment.tokens[content[b]].end
        if b < trim.count, trim[b] > 0 { end -= trim[b]; return slice(start, end) }
        let next = content[b] + 1
        if next < segment.tokens.count, segment.tokens[next].kind == .ending, segment.tokens[next].start == end,
           Self.keptDerivations.contains(segment.tokens[next].text) {
            end = segment.tokens[next].end
        }
        return slice(start, end)
    }

    /// Whether content token `b` carries a verb ending (`빠졌` + `습니다`, `조절` + `하는`): a
    /// predicate, not a noun, when it ends a span.
    func endsInVerbEnding(_ b: Int) -> Bool {
        let next = content[b] + 1
        guard next < segment.tokens.count else { return false }
        let t = segment.tokens[next]
        return t.kind == .ending && t.start == segment.tokens[content[b]].end && !Self.keptDerivations.contains(t.text)
    }

    private func slice(_ start: Int, _ end: Int) -> String {
        let scalars = segment.text.unicodeScalars
        let i = scalars.index(scalars.startIndex, offsetBy: start)
        let j = scalars.index(i, offsetBy: end - start)
        return String(scalars[i..<j])
    }
}
