import TMCore

/// Errors of the sentence aligner. Each message names the document it is about.
///
/// (Named apart from the term aligner's errors so that both live in the `Alignment` module.)
public enum SentenceAlignmentError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The document has no text at all.
    case emptyDocument(file: String)
    /// The document has text but no sentence with a letter or a digit.
    case noSentences(file: String)
    /// The document is not in the language it was given as (the pair is probably swapped).
    case wrongLanguage(file: String, role: String, expected: String, found: String, share: Double)

    public var description: String {
        switch self {
        case let .emptyDocument(file):
            return "\(file): empty document, nothing to align"
        case let .noSentences(file):
            return "\(file): no sentences (no text with letters or digits) to align"
        case let .wrongLanguage(file, role, expected, found, share):
            let percent = Int((share * 100).rounded())
            return "\(file): the \(role) document should be \(expected) but looks like \(found) (\(percent)% of its letters); "
                + "are the documents in the wrong order? (set --source-lang and --target-lang)"
        }
    }
}
