/// Errors of the Pretranslation module. Each message names the file and, where known, the position.
public enum PretranslationError: Error, CustomStringConvertible, Sendable {
    /// The file is not well-formed (XML, PO): file, line, column, what is wrong.
    case malformed(file: String, line: Int, column: Int, reason: String)
    /// The file is well-formed but not a document tmkit can pre-translate.
    case unsupported(file: String, reason: String)
    /// The file's languages differ from the run's.
    case languageMismatch(file: String, reason: String)
    case unreadable(file: String, reason: String)
    case unwritable(file: String, reason: String)
    /// The run has no source or target language for a file that does not say.
    case missingLanguage(file: String, which: String)

    public var description: String {
        switch self {
        case let .malformed(file, line, column, reason): return "\(file):\(line):\(column): \(reason)"
        case let .unsupported(file, reason): return "\(file): \(reason)"
        case let .languageMismatch(file, reason): return "\(file): \(reason)"
        case let .unreadable(file, reason): return "\(file): cannot read: \(reason)"
        case let .unwritable(file, reason): return "\(file): cannot write: \(reason)"
        case let .missingLanguage(file, which): return "\(file): no \(which) language (the file does not say; use --\(which)-lang)"
        }
    }

    /// The file the error is about.
    public var file: String {
        switch self {
        case let .malformed(file, _, _, _), let .unsupported(file, _), let .languageMismatch(file, _),
             let .unreadable(file, _), let .unwritable(file, _), let .missingLanguage(file, _):
            return file
        }
    }
}
