import Foundation
import TMCore

/// Turns language codes found in files into `LanguageTag`s, with errors naming where they were.
public enum LanguageCheck {
    /// The tag for `code`; throws `FormatError.language` when it is malformed or unknown.
    public static func tag(_ code: String, file: String, line: Int, column: Int) throws -> LanguageTag {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        guard let tag = LanguageTag(trimmed) else {
            throw FormatError.language(file: file, line: line, column: column, code: code, reason: "not a well-formed BCP 47 tag")
        }
        guard tag.isKnownLanguage else {
            throw FormatError.language(file: file, line: line, column: column, code: code, reason: "not a known language")
        }
        return tag
    }

    /// Orders a pair of languages the file declares to fit what the options ask for.
    /// Returns whether the pair must be swapped; throws when the options name a language the file lacks.
    static func mustSwap(file: String, line: Int, column: Int, declared: (LanguageTag, LanguageTag), options: ReadOptions) throws -> Bool {
        let (s, t) = declared
        if let want = options.sourceLanguage {
            if want.sameLanguage(as: s) { return false }
            if want.sameLanguage(as: t) { return true }
            throw FormatError.language(file: file, line: line, column: column, code: want.code,
                                       reason: "the file has \(s) and \(t), not \(want)")
        }
        if let want = options.targetLanguage {
            if want.sameLanguage(as: t) { return false }
            if want.sameLanguage(as: s) { return true }
            throw FormatError.language(file: file, line: line, column: column, code: want.code,
                                       reason: "the file has \(s) and \(t), not \(want)")
        }
        return false
    }
}
