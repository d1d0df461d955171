import TMCore

/// One token as the TM stores it: kind, match key and code-point range in the text.
struct StoredToken: Sendable, Hashable {
    var kind: TokenKind
    var key: String
    var start: Int
    var end: Int
}

/// One side (source or target) of an entry, analysed once: tokens with match keys.
/// Stored as a compact blob so lookups never analyse stored text again.
struct AnalyzedSide: Sendable {
    var tokens: [StoredToken]

    init(tokens: [StoredToken]) { self.tokens = tokens }

    /// The segment's tokens. Menu accelerators (`_Save As`, `열기(&O)`) are already out of the
    /// keys: Segmentation's `Accelerator` rule is the one both the TM and pre-translation use.
    init(_ segment: Segment) {
        tokens = segment.tokens.map { StoredToken(kind: $0.kind, key: $0.key, start: $0.start, end: $0.end) }
    }

    /// Tokens that take part in word-level matching (all but punctuation).
    var matchTokens: [StoredToken] { tokens.filter { $0.kind != .punctuation } }

    /// Hash of the match keys (no punctuation): equal for texts that differ only in case,
    /// punctuation or width, so such near-exact matches are found without the index.
    var keysHash: Int64 {
        var h = FNV64()
        for t in tokens where t.kind != .punctuation {
            h.add(t.key)
            h.add(byte: 0x1F)
        }
        return h.signed
    }

    // MARK: blob encoding: per token a kind byte, start, end, key length (varints), key bytes.

    private static let kinds = TokenKind.allCases

    var encoded: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(tokens.count * 8)
        for t in tokens {
            out.append(UInt8(Self.kinds.firstIndex(of: t.kind)!))
            Varint.append(UInt64(t.start), to: &out)
            Varint.append(UInt64(t.end - t.start), to: &out)
            Varint.append(UInt64(t.key.utf8.count), to: &out)
            out.append(contentsOf: t.key.utf8)
        }
        return out
    }

    /// A blob that does not decode (a damaged store).
    struct Damaged: Error {}

    /// Decodes a stored blob; every length and kind is checked against the bytes there are.
    init(decoding bytes: UnsafeRawBufferPointer) throws(Damaged) {
        var tokens: [StoredToken] = []
        var i = 0
        let b = bytes.bindMemory(to: UInt8.self)
        while i < b.count {
            let kindIndex = Int(b[i])
            guard kindIndex < Self.kinds.count else { throw Damaged() }
            i += 1
            guard let start = Varint.read(b, &i, limit: UInt64(Int32.max)),
                  let length = Varint.read(b, &i, limit: UInt64(Int32.max)),
                  let n = Varint.read(b, &i, limit: UInt64(b.count - i)) else { throw Damaged() }
            let keyLength = Int(n)
            guard keyLength <= b.count - i else { throw Damaged() }
            let key = String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + keyLength)]), as: UTF8.self)
            i += keyLength
            tokens.append(StoredToken(kind: Self.kinds[kindIndex], key: key, start: Int(start), end: Int(start + length)))
        }
        self.tokens = tokens
    }
}

/// LEB128 varints.
enum Varint {
    @inline(__always)
    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Reads a varint that must end inside `b` and be at most `limit`; nil otherwise.
    static func read(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, limit: UInt64) -> UInt64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while i < b.count {
            let byte = b[i]
            i += 1
            guard shift < 63 else { return nil }
            v |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return v <= limit ? v : nil }
            shift += 7
        }
        return nil
    }

    @inline(__always)
    static func read(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while i < b.count {
            let byte = b[i]
            i += 1
            v |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return v
    }
}

