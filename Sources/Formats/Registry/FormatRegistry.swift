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
        throw FormatError.unknownFormat(file: path)
    }

    /// The reader for a file by its first bytes: TMX or XLIFF by the root element of an XML
    /// document (UTF-8 or UTF-16), PO by `msgid` lines, else TSV or CSV by the first line's
    /// separators. Nil when the file cannot be read or looks like none of them.
    public static func reader(sniffing path: String) -> (any TranslationUnitReader)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 8192), !head.isEmpty else { return nil }
        let bytes = [UInt8](head)
        let text: String
        if bytes.starts(with: [0xFF, 0xFE]) {
            text = String(data: Data(bytes.dropFirst(2)), encoding: .utf16LittleEndian) ?? ""
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            text = String(data: Data(bytes.dropFirst(2)), encoding: .utf16BigEndian) ?? ""
        } else {
            text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        }
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("<") {
            // The root element: the first tag that is not a declaration, comment or processing instruction.
            var rest = Substring(trimmed)
            while let open = rest.firstIndex(of: "<") {
                let after = rest[rest.index(after: open)...]
                if after.hasPrefix("?") || after.hasPrefix("!") {
                    guard let close = after.firstIndex(of: ">") else { return nil }
                    rest = after[after.index(after: close)...]
                    continue
                }
                let name = after.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
                let local = name.split(separator: ":").last.map { $0.lowercased() } ?? ""
                if local == "tmx" { return TMXReader() }
                if local == "xliff" { return XLIFFReader() }
                return nil
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

    static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
