/// Errors of the Formats module. Each message names the file and the position.
public enum FormatError: Error, CustomStringConvertible, Sendable, Equatable {
    case unreadable(file: String, reason: String)
    case invalidUTF8(file: String, byteOffset: Int)
    case binary(file: String, line: Int, column: Int, byteOffset: Int)
    case lineTooLong(file: String, line: Int, limit: Int)
    /// The file is empty (zero bytes, or no content where content is required).
    case empty(file: String)
    /// A line that is not valid UTF-8; `column` counts characters before the bad byte, plus one.
    case invalidUTF8InLine(file: String, line: Int, column: Int)
    /// XML that is not well-formed (or that the parser refused, such as an entity bomb).
    case malformedXML(file: String, line: Int, column: Int, reason: String)
    /// XML refused for safety before parsing, such as a document declaring an external entity.
    case refusedXML(file: String, line: Int, column: Int, reason: String)
    /// A syntax error in a text format (PO, CSV quoting...).
    case malformed(file: String, line: Int, column: Int, reason: String)
    /// A language code that is not a well-formed BCP 47 tag or not a known language.
    case language(file: String, line: Int, column: Int, code: String, reason: String)
    /// Neither the file nor the options say which language a side is in.
    case missingLanguage(file: String, side: String)
    /// The file is not in a format tmkit reads (by extension).
    case unknownFormat(file: String)
    /// Writing failed.
    case write(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read: \(reason)"
        case let .invalidUTF8(file, offset): return "\(file): invalid UTF-8 at byte \(offset)"
        case let .binary(file, line, column, offset): return "\(file):\(line):\(column): looks like a binary file (a NUL byte, byte \(offset) of the file), not text"
        case let .lineTooLong(file, line, limit): return "\(file):\(line): line longer than \(limit) bytes"
        case let .empty(file): return "\(file): file is empty"
        case let .invalidUTF8InLine(file, line, column): return "\(file):\(line):\(column): invalid UTF-8"
        case let .malformedXML(file, line, column, reason): return "\(file):\(line):\(column): malformed XML: \(reason)"
        case let .refusedXML(file, line, column, reason): return "\(file):\(line):\(column): refused: \(reason)"
        case let .malformed(file, line, column, reason): return "\(file):\(line):\(column): \(reason)"
        case let .language(file, line, column, code, reason):
            return "\(file):\(line):\(column): bad language code '\(code)': \(reason)"
        case let .missingLanguage(file, side):
            return "\(file): the \(side) language is not given by the file; name it with an option"
        case let .unknownFormat(file): return "\(file): unknown file format (neither its extension nor its content says TMX, XLIFF, PO, TSV or CSV)"
        case let .write(file, reason): return "\(file): cannot write: \(reason)"
        }
    }
}
