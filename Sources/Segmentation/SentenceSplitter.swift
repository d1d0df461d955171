import Foundation

/// Splits text into sentences: ICU's sentence breaks (`en@ss=standard`) per line, then
/// SRX-style exception rules that remove breaks ICU puts after abbreviations it does not know
/// (`Gen.`, `Sen.`, `Gov.`, `U.S.`, `No. 5`).
///
/// Every line break ends a sentence, so a heading without final punctuation is a sentence
/// of its own. Sentences come back trimmed of surrounding white space; blank lines yield none.
public struct SentenceSplitter: Sendable {
    public init() {}

    /// The sentences of `text`, as slices of it.
    public func sentences(in text: String) -> [Substring] {
        var result: [Substring] = []
        for line in Self.lines(of: text) {
            splitLine(line, into: &result)
        }
        return result
    }

    /// The lines of `text`, split at LF, CR LF, CR, NEL, LS and PS.
    static func lines(of text: String) -> [Substring] {
        var result: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            switch scalars[i] {
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                if start < i { result.append(Substring(scalars[start..<i])) }
                i = scalars.index(after: i)
                start = i
            default:
                i = scalars.index(after: i)
            }
        }
        if start < scalars.endIndex { result.append(Substring(scalars[start...])) }
        return result
    }

    private func splitLine(_ line: Substring, into result: inout [Substring]) {
        if line.unicodeScalars.allSatisfy(\.properties.isWhitespace) { return }
        let units = Array(line.utf16)
        let bounds = units.withUnsafeBufferPointer { u in BreakIterator.sentencePool.with { $0.boundaries(u).boundaries } }
        // Turn UTF-16 boundaries into String indices, walking forward once.
        var indices: [Substring.Index] = [line.startIndex]
        var cursor = line.utf16.startIndex
        var offset = 0
        for b in bounds {
            cursor = line.utf16.index(cursor, offsetBy: Int(b) - offset)
            offset = Int(b)
            indices.append(cursor)
        }
        var start = indices[0]
        for i in 1..<indices.count {
            let end = indices[i]
            let isLast = i == indices.count - 1
            if !isLast && Self.suppressesBreak(before: line[start..<end], after: line[end...]) { continue }
            let piece = Self.trimmed(line[start..<end])
            if !piece.isEmpty { result.append(piece) }
            start = end
        }
    }

    static func trimmed(_ s: Substring) -> Substring {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return s[s.endIndex...] }
        return Substring(scalars[first...last])
    }

    /// Whether the break between `before` and `after` falls after an abbreviation.
    static func suppressesBreak(before: Substring, after: Substring) -> Bool {
        let head = trimmed(before)
        guard head.last == "." else { return false }
        // The last white-space-delimited word, without opening quotes or brackets.
        let wordStart = head.lastIndex(where: { $0.isWhitespace }).map { head.index(after: $0) } ?? head.startIndex
        var word = head[wordStart...]
        while let f = word.first, "\"'“‘([{«".contains(f) { word = word.dropFirst() }
        let next = after.first(where: { !$0.isWhitespace })
        return Abbreviations.suppressesBreak(word: word, next: next)
    }
}
