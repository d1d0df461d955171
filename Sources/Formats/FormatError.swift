/// Errors of the Formats module. Each message names the file and the position.
public enum FormatError: Error, CustomStringConvertible, Sendable {
    case unreadable(file: String, reason: String)
    case invalidUTF8(file: String, byteOffset: Int)
    case binary(file: String, byteOffset: Int)
    case lineTooLong(file: String, line: Int, limit: Int)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read: \(reason)"
        case let .invalidUTF8(file, offset): return "\(file): invalid UTF-8 at byte \(offset)"
        case let .binary(file, offset): return "\(file): looks like a binary file (NUL byte at byte \(offset)), not text"
        case let .lineTooLong(file, line, limit): return "\(file):\(line): line longer than \(limit) bytes"
        }
    }
}
