/// Errors of the Segmentation module; each message names what failed.
public enum SegmentationError: Error, CustomStringConvertible, Sendable {
    /// ICU refused to open something (`code` is ICU's error name).
    case icu(what: String, code: String)
    /// A lexicon file could not be read.
    case lexicon(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .icu(what, code): return "ICU could not open \(what): \(code)"
        case let .lexicon(path, line, reason): return "\(path):\(line): \(reason)"
        }
    }
}
