/// Recognizes a legacy Korean document: not UTF-8, no BOM, no encoding declaration, and the
/// bytes decode as CP949 (a superset of EUC-KR) to text that is mostly Hangul.
enum XMLEncodingGuess {
    /// How much of the start of a document is looked at.
    static let sniffLength = 64 * 1024

    /// "CP949" when `head` (the start of a document) is clearly CP949/EUC-KR, else nil
    /// (the parser then reports the first bad byte with its position).
    static func legacyEncoding(_ head: [UInt8]) -> String? {
        guard let first = head.first, first == UInt8(ascii: "<") || first == 0x20 || first == 0x0A || first == 0x0D || first == 0x09 else { return nil }
        guard head.contains(where: { $0 >= 0x80 }) else { return nil }
        if declaresEncoding(head) { return nil }
        return legacyKorean(head)
    }

    /// "CP949" when `head` (the start of any text file) is not UTF-8 and decodes as CP949
    /// (a superset of EUC-KR) to text that is mostly Hangul, else nil.
    static func legacyKorean(_ head: [UInt8]) -> String? {
        guard head.contains(where: { $0 >= 0x80 }) else { return nil }
        // Valid UTF-8 up to (at most) a sequence cut by the end of the sample: not legacy.
        let bad = head.withUnsafeBufferPointer { TextFileReader.firstInvalidUTF8($0) }
        guard let bad, bad < head.count - 3 else { return nil }
        guard let transcoder = Transcoder(from: "CP949") else { return nil }
        var sample = head[...]
        var (utf8, failedAt) = transcoder.convert(sample)
        if utf8 == nil, failedAt >= head.count - 1 {  // a double-byte character cut by the sample's end
            sample = head[..<(head.count - 1)]
            (utf8, failedAt) = transcoder.convert(sample)
        }
        guard let utf8 else { return nil }
        var other = 0, hangul = 0
        for v in String(decoding: utf8, as: UTF8.self).unicodeScalars where v.value >= 0x80 {
            switch v.value {
            case 0xAC00...0xD7A3, 0x3131...0x318E, 0x1100...0x11FF: hangul += 1
            default: other += 1
            }
        }
        return hangul > 0 && hangul * 2 >= hangul + other ? "CP949" : nil
    }

    /// The iconv name for a document in little-endian UTF-32, found as XML 1.0 Appendix F says
    /// (`FF FE 00 00` is the byte order mark, `3C 00 00 00` a `<` without one), else nil.
    static func littleEndianUTF32(_ head: [UInt8]) -> String? {
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32" }  // iconv reads the mark
        if head.starts(with: [0x3C, 0x00, 0x00, 0x00]) { return "UTF-32LE" }
        return nil
    }

    /// Whether an XML declaration at the start names an encoding.
    private static func declaresEncoding(_ head: [UInt8]) -> Bool {
        guard head.starts(with: Array("<?xml".utf8)) else { return false }
        let decl = head.prefix(while: { $0 != UInt8(ascii: ">") })
        return String(decoding: decl, as: UTF8.self).contains("encoding")
    }
}
