/// An inline code of a segment (a tag, a formatting run's start or end, a placeholder element)
/// as CAT formats carry it: TMX `bpt`/`ept`/`ph`/`it`/`ut`, XLIFF `g`/`x`/`bx`/`ex`/`ph`/`pc`/`sc`/`ec`.
public struct InlineCode: Sendable, Hashable {
    public enum Kind: Character, Sendable, Hashable {
        /// The start of a paired code (TMX `bpt`, XLIFF `bx`, `sc`, the start of `g`/`pc`).
        case open = "b"
        /// The end of a paired code; `id` is its `open`'s.
        case close = "e"
        /// A code on its own (TMX `ph`/`ut`, XLIFF `x`/`ph`).
        case standalone = "p"
        /// The start of a pair whose other half is in another segment (TMX `it pos="begin"`).
        case isolatedOpen = "i"
        /// The end of a pair begun in another segment (TMX `it pos="end"`).
        case isolatedClose = "j"
    }

    public var kind: Kind
    /// Pairs an `open` with its `close` (TMX `i`, XLIFF `id`/`rid`); for others, the code's `x` or `id`, or empty.
    public var id: String
    /// The code's native content (`{\b `, `<b>`), empty when the format gave none (Trados-style `<ph x="1"/>`).
    public var native: String

    public init(_ kind: Kind, id: String = "", native: String = "") {
        self.kind = kind
        self.id = id
        self.native = native
    }
}

/// Text with inline codes, kept in one `String` so that every store that carries text carries
/// the codes too (SQLite's and PostgreSQL's `source`/`target` columns need nothing new).
///
/// A code is written as `U+E101 kind id U+E102 native U+E103`, where `kind` is one letter
/// (`InlineCode.Kind`) and `id` has no `U+E10x`. The three markers are private-use characters;
/// a literal `U+E100`–`U+E103` in text or native content is escaped by a `U+E100` before it, so
/// `decode(encode(pieces)) == pieces` for every input. Text without codes is stored unchanged.
public enum CodedText {
    public enum Piece: Sendable, Hashable {
        case text(String)
        case code(InlineCode)
    }

    static let escape: Unicode.Scalar = "\u{E100}"
    static let start: Unicode.Scalar = "\u{E101}"
    static let middle: Unicode.Scalar = "\u{E102}"
    static let end: Unicode.Scalar = "\u{E103}"

    static func isMarker(_ c: Unicode.Scalar) -> Bool { c.value >= 0xE100 && c.value <= 0xE103 }

    /// Whether `s` holds at least one code (or an escaped marker).
    public static func hasCodes(_ s: String) -> Bool { s.unicodeScalars.contains(where: isMarker) }

    /// `pieces` as one string.
    public static func encode(_ pieces: [Piece]) -> String {
        var out = String.UnicodeScalarView()
        func put(_ s: String) {
            for c in s.unicodeScalars {
                if isMarker(c) { out.append(escape) }
                out.append(c)
            }
        }
        for piece in pieces {
            switch piece {
            case let .text(t): put(t)
            case let .code(c):
                out.append(start)
                out.append(contentsOf: String(c.kind.rawValue).unicodeScalars)
                put(c.id)
                out.append(middle)
                put(c.native)
                out.append(end)
            }
        }
        return String(out)
    }

    /// The pieces of `s`; adjacent text is merged. A marker out of place is read as text.
    public static func decode(_ s: String) -> [Piece] {
        guard hasCodes(s) else { return s.isEmpty ? [] : [.text(s)] }
        let c = Array(s.unicodeScalars)
        var pieces: [Piece] = []
        var text = String.UnicodeScalarView()
        var i = 0
        func flush() {
            if !text.isEmpty { pieces.append(.text(String(text))); text = String.UnicodeScalarView() }
        }
        while i < c.count {
            if c[i] == escape, i + 1 < c.count {
                text.append(c[i + 1])
                i += 2
            } else if c[i] == start, let (code, next) = readCode(c, i) {
                flush()
                pieces.append(.code(code))
                i = next
            } else {
                text.append(c[i])
                i += 1
            }
        }
        flush()
        return pieces
    }

    /// The code starting at `i` (a `start` marker) and the index after it.
    static func readCode(_ c: [Unicode.Scalar], _ i: Int) -> (InlineCode, Int)? {
        guard i + 1 < c.count, let kind = InlineCode.Kind(rawValue: Character(c[i + 1])) else { return nil }
        var j = i + 2
        var id = String.UnicodeScalarView(), native = String.UnicodeScalarView()
        var inNative = false
        while j < c.count {
            let x = c[j]
            if x == escape, j + 1 < c.count {
                if inNative { native.append(c[j + 1]) } else { id.append(c[j + 1]) }
                j += 2
                continue
            }
            if x == middle, !inNative { inNative = true } else if x == end, inNative {
                return (InlineCode(kind, id: String(id), native: String(native)), j + 1)
            } else if x == start || x == middle || x == end {
                return nil
            } else if inNative { native.append(x) } else { id.append(x) }
            j += 1
        }
        return nil
    }

    /// The scalar length of the encoded code starting at `i` of `s`, if one starts there
    /// (for tokenizers: a code is one placeholder token).
    public static func codeLength(in s: [Unicode.Scalar], at i: Int) -> Int? {
        guard s[i] == start, let (_, next) = readCode(s, i) else { return nil }
        return next - i
    }

    /// The text alone, codes left out (TMX level 1).
    public static func plain(_ s: String) -> String {
        guard hasCodes(s) else { return s }
        return decode(s).map { if case let .text(t) = $0 { return t } else { return "" } }.joined()
    }

    /// The text with each code's native content in its place (for formats without codes, such as PO).
    public static func native(_ s: String) -> String {
        guard hasCodes(s) else { return s }
        return decode(s).map {
            switch $0 {
            case let .text(t): return t
            case let .code(c): return c.native
            }
        }.joined()
    }

    /// The codes of `s`, in order.
    public static func codes(_ s: String) -> [InlineCode] {
        guard hasCodes(s) else { return [] }
        return decode(s).compactMap { if case let .code(c) = $0 { return c } else { return nil } }
    }

    /// Readable text for people: codes as `{1}`…`{/1}` (paired), `{1/}` (standalone).
    public static func display(_ s: String) -> String {
        guard hasCodes(s) else { return s }
        return decode(s).map {
            switch $0 {
            case let .text(t): return t
            case let .code(c):
                switch c.kind {
                case .open, .isolatedOpen: return "{\(c.id)}"
                case .close, .isolatedClose: return "{/\(c.id)}"
                case .standalone: return "{\(c.id)/}"
                }
            }
        }.joined()
    }
}
