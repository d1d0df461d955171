/// Errors of the Alignment module.
public enum AlignmentError: Error, CustomStringConvertible, Sendable {
    /// A pair's text is in another language than the options say (`where` names file and line).
    case languageMismatch(where: String, side: String, expected: String, found: String)
    /// No usable pair in the input.
    case emptyCorpus(skipped: Int, swapped: Int = 0)

    public var description: String {
        switch self {
        case let .languageMismatch(location, side, expected, found):
            return "\(location): the \(side) text looks like \(found), but the \(side) language is \(expected)"
        case let .emptyCorpus(skipped, swapped):
            let other = swapped > 0 ? ", \(swapped) because the Korean stood on the other side" : ""
            return "no usable sentence pairs to align (\(skipped - swapped) skipped because a side was empty or over-long\(other))"
        }
    }
}
