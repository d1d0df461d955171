import Foundation

/// Picks a reader by file extension.
public enum FormatRegistry {
    /// The file extensions tmkit reads, lowercased, without the dot.
    public static let readableExtensions = ["tmx", "tsv", "tab", "txt", "csv", "po", "pot", "xlf", "xliff", "sdlxliff"]

    /// The reader for `path`, by its extension (case-insensitive); nil for an unknown one.
    public static func reader(for path: String) -> (any TranslationUnitReader)? {
        switch fileExtension(of: path) {
        case "tmx": return TMXReader()
        case "tsv", "tab", "txt": return DelimitedReader(dialect: .tsv)
        case "csv": return DelimitedReader(dialect: .csv)
        case "po", "pot": return POReader()
        case "xlf", "xliff", "sdlxliff": return XLIFFReader()
                default: return nil
        }
    }

    /// Like `reader(for:)`, but throws `FormatError.unknownFormat`. A file whose extension says
    /// nothing (`.xml`, none, another) is recognised by its content (see `reader(sniffing:)`).
    public static func requireReader(for path: String) throws -> any TranslationUnitReader {
        if let r = reader(for: path) { return r }
        if let r = reader(sniffing: path) { return r }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 {
            throw FormatError.empty(file: path)
        }
        throw FormatError.unknownFormat(file: path)
    }

    /// The reader for a file by its first bytes: TMX or XLIFF by the root element of an XML
    /// document (or the name its DOCTYPE gives the root; UTF-8, UTF-16 or UTF-32 with or
    /// without a byte order mark, or EBCDIC, found as XML 1.0 Appendix F says), PO by `msgid`
    /// lines, else TSV or CSV by the first line's separators. Nil when the file cannot be read
    /// or looks like none of them.
    public static func reader(sniffing path: String) -> (any TranslationUnitReader)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: XMLEncodingGuess.sniffLength), !head.isEmpty else { return nil }
        let text = sniffedText([UInt8](head))
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("<") {
            // The root element: the first tag that is not a declaration, comment or processing instruction.
            var rest = Substring(trimmed)
            while let open = rest.firstIndex(of: "<") {
                let after = rest[rest.index(after: open)...]
                if after.hasPrefix("!DOCTYPE") || after.hasPrefix("!doctype") {
                    // The DOCTYPE names the root element, whatever its internal subset holds.
                    let name = after.dropFirst(8).drop { $0.isWhitespace }.prefix { !$0.isWhitespace && $0 != "[" && $0 != ">" }
                    return rootReader(String(name))
                }
                if after.hasPrefix("?") || after.hasPrefix("!") {
                    guard let close = after.firstIndex(of: ">") else { return nil }
                    rest = after[after.index(after: close)...]
                    continue
                }
                return rootReader(String(after.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }))
            }
            return nil
        }
        let lines = trimmed.split(separator: "\n", omittingEmptySubsequences: true)
        if lines.contains(where: { $0.hasPrefix("msgid ") || $0.hasPrefix("msgctxt ") }) { return POReader() }
        guard let first = lines.first else { return nil }
        if first.contains("\t") { return DelimitedReader(dialect: .tsv) }
        if first.contains(",") { return DelimitedReader(dialect: .csv) }
        return nil
    }

    /// The reader for an XML document whose root element is `name` (prefix ignored).
    static func rootReader(_ name: String) -> (any TranslationUnitReader)? {
        switch name.split(separator: ":").last.map({ $0.lowercased() }) {
        case "tmx": return TMXReader()
        case "xliff": return XLIFFReader()
        default: return nil
        }
    }

    /// The start of a file as text, for sniffing: decoded by its byte order mark, or by how
    /// `<?` or `<` looks in UTF-32, UTF-16 or EBCDIC; else as UTF-8 (bad bytes replaced).
    static func sniffedText(_ bytes: [UInt8]) -> String {
        func decode(_ data: ArraySlice<UInt8>, _ encoding: String.Encoding) -> String {
            // Cut to whole code units, so a sample ending mid-character still decodes.
            let unit = encoding == .utf32BigEndian || encoding == .utf32LittleEndian ? 4 : 2
            return String(data: Data(data.prefix(data.count / unit * unit)), encoding: encoding) ?? ""
        }
        let b = bytes[...]
        if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return decode(b.dropFirst(4), .utf32BigEndian) }
        if b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return decode(b.dropFirst(4), .utf32LittleEndian) }
        if b.starts(with: [0xFF, 0xFE]) { return decode(b.dropFirst(2), .utf16LittleEndian) }
        if b.starts(with: [0xFE, 0xFF]) { return decode(b.dropFirst(2), .utf16BigEndian) }
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: b.dropFirst(3), as: UTF8.self) }
        if b.starts(with: [0x00, 0x00, 0x00, 0x3C]) { return decode(b, .utf32BigEndian) }
        if b.starts(with: [0x3C, 0x00, 0x00, 0x00]) { return decode(b, .utf32LittleEndian) }
        if b.starts(with: [0x00, 0x3C, 0x00]) { return decode(b, .utf16BigEndian) }
        if b.starts(with: [0x3C, 0x00]) { return decode(b, .utf16LittleEndian) }
        if b.starts(with: [0x4C, 0x6F, 0xA7, 0x94]), let ebcdic = Transcoder(from: "IBM037"),
           let utf8 = ebcdic.convert(b.prefix(4096)).utf8 {  // `<?xm` in EBCDIC; the prolog is what counts
            return String(decoding: utf8, as: UTF8.self)
        }
        return String(decoding: b, as: UTF8.self)
    }

    static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
