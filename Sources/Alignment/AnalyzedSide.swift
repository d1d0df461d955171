import Segmentation
import TMCore

/// One side of a pair, analysed once and kept compact: for its content tokens (words and
/// numbers) their offsets in the text, vocabulary ids, quote groups and adjacency. The
/// segment's tokens are not kept (they cost far more memory than the text).
struct AnalyzedSide: Sendable {
    /// The analysed text (offsets count its Unicode scalars).
    let text: String
    /// Per content token: start and end scalar offset, and the end of its surface (a kept
    /// derivational suffix glued on: `장기` + `화`).
    let starts: [Int32]
    let ends: [Int32]
    let surfaceEnds: [Int32]
    /// Per content token: whether it carries a verb ending (`빠졌` + `습니다`, `조절` + `하는`).
    let verbEnding: [Bool]
    /// Per content token: whether white space stands between it and the next content token.
    let spacedNext: [Bool]
    /// Match key of each content token and whether it is a number; emptied once interned.
    var keys: [String]
    var numbers: [Bool]
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
        var content: [Int] = []
        var quote: [Int16] = []
        var joins: [Bool] = []
        var group: Int16 = 0
        var open: Unicode.Scalar? = nil
        var groups = 0
        var lastContent = -1
        var gap = false
        let tokens = segment.tokens
        for (index, token) in tokens.enumerated() {
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
        let scalars = Array(segment.text.unicodeScalars)
        var starts: [Int32] = [], ends: [Int32] = [], surfaceEnds: [Int32] = [], verb: [Bool] = [], spaced: [Bool] = []
        starts.reserveCapacity(content.count)
        for (k, index) in content.enumerated() {
            let token = tokens[index]
            starts.append(Int32(token.start))
            ends.append(Int32(token.end))
            var surfaceEnd = token.end
            var verbal = false
            if index + 1 < tokens.count, tokens[index + 1].kind == .ending, tokens[index + 1].start == token.end {
                if Self.keptDerivations.contains(tokens[index + 1].text) {
                    surfaceEnd = tokens[index + 1].end
                } else {
                    verbal = true
                }
            }
            surfaceEnds.append(Int32(surfaceEnd))
            verb.append(verbal)
            if k + 1 < content.count {
                let next = tokens[content[k + 1]].start
                spaced.append(next > token.end && scalars[token.end..<min(next, scalars.count)].contains { $0.properties.isWhitespace })
            } else {
                spaced.append(false)
            }
        }
        self.text = segment.text
        self.starts = starts
        self.ends = ends
        self.surfaceEnds = surfaceEnds
        self.verbEnding = verb
        self.spacedNext = spaced
        self.keys = content.map { tokens[$0].key }
        self.numbers = content.map { tokens[$0].kind == .number }
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

    var count: Int { starts.count }

    /// Derivational suffixes that belong to the term they end (`장기화`, `호환성`).
    static let keptDerivations: Set<String> = ["화", "성", "기", "지"]

    /// The text of content tokens `a...b` as it stands in the segment, spaces included, with
    /// a derivational suffix glued to the last one (`장기` + `화`).
    func surface(_ a: Int, _ b: Int) -> String {
        let start = Int(starts[a])
        if b < trim.count, trim[b] > 0 { return slice(start, Int(ends[b]) - trim[b]) }
        return slice(start, Int(surfaceEnds[b]))
    }

    /// Whether content token `b` carries a verb ending (`빠졌` + `습니다`, `조절` + `하는`): a
    /// predicate, not a noun, when it ends a span.
    func endsInVerbEnding(_ b: Int) -> Bool { verbEnding[b] }

    private func slice(_ start: Int, _ end: Int) -> String {
        let scalars = text.unicodeScalars
        let i = scalars.index(scalars.startIndex, offsetBy: start)
        let j = scalars.index(i, offsetBy: end - start)
        return String(scalars[i..<j])
    }
}
