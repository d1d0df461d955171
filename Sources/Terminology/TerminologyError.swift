import Formats

/// Errors of the Terminology module; each names the file and, for XML, the line and column.
public enum TerminologyError: Error, CustomStringConvertible, Sendable {
    case malformedXML(file: String, line: Int, column: Int, code: Int, reason: String)
    /// XML refused for safety before parsing (an external entity declaration).
    case refusedXML(file: String, line: Int, column: Int, reason: String)
    case notTBX(file: String, root: String)
    case unreadable(file: String, reason: String)
    case unwritable(file: String, reason: String)
    case unknownFormat(file: String)
    case badLine(file: String, line: Int, reason: String)
    case noLanguages(file: String)
    case invalidLanguage(String)
    case notFound(source: String, target: String?)
    /// A value outside TBX-Basic's picklists (status, part of speech) or a bad language code.
    case badValue(file: String, line: Int, column: Int, category: String, value: String, reason: String)
    /// A value given on the command line or to the store that is not known.
    case unknownValue(category: String, value: String, reason: String)
    /// The glossary store could not be opened, read or written.
    case store(path: String, reason: String)
    /// A delimited file Formats' reader refused (its message names file:line:column).
    case input(FormatError)

    public var description: String {
        switch self {
        case let .malformedXML(file, line, column, code, reason):
            return "\(file):\(line):\(column): not well-formed XML (libxml2 error \(code): \(reason))"
        case let .refusedXML(file, line, column, reason): return "\(file):\(line):\(column): refused: \(reason)"
        case let .notTBX(file, root):
            return "\(file): not a TBX file (root element <\(root)>, expected <tbx> or <martif>)"
        case let .unreadable(file, reason): return "\(file): cannot read: \(reason)"
        case let .unwritable(file, reason): return "\(file): cannot write: \(reason)"
        case let .unknownFormat(file): return "\(file): unknown glossary format (use .tbx, .tsv, .txt, .utf8 or .csv)"
        case let .badLine(file, line, reason): return "\(file):\(line): \(reason)"
        case let .noLanguages(file): return "\(file): no language pair (give --source-lang and --target-lang)"
        case let .invalidLanguage(code): return "'\(code)' is not a valid language code (BCP 47, such as ko or en-US)"
        case let .badValue(file, line, column, category, value, reason):
            return "\(file):\(line):\(column): unknown \(category) '\(value)' (\(reason))"
        case let .unknownValue(category, value, reason): return "unknown \(category) '\(value)' (\(reason))"
        case let .store(path, reason): return "\(path): glossary store: \(reason)"
        case let .input(error): return error.description
        case let .notFound(source, target):
            return target.map { "no entry '\(source)' -> '\($0)' in the glossary" } ?? "no entry '\(source)' in the glossary"
        }
    }
}
