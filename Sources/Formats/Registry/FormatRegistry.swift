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

    /// Like `reader(for:)`, but throws `FormatError.unknownFormat`.
    public static func requireReader(for path: String) throws -> any TranslationUnitReader {
        guard let r = reader(for: path) else { throw FormatError.unknownFormat(file: path) }
        return r
    }

    static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
