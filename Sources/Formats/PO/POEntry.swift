import Foundation
/// One gettext catalog entry as read from a PO file, with its raw lines kept for rewriting.
public struct POEntry: Sendable {
    /// The 1-based line the entry starts on (its first comment or keyword).
    public var line: Int
    public init(line: Int) { self.line = line }
    /// The raw lines of the entry, including trailing blank lines, without line ends.
    public var lines: [String] = []
    public var context: String?
    public var msgid = ""
    public var msgidPlural: String?
    /// `msgstr`, or `msgstr[0]`, `msgstr[1]`... for a plural entry.
    public var msgstr: [String] = []
    /// `#,` flags (`fuzzy`, `c-format`...).
    public var flags: [String] = []
    /// `#:` references, one per whitespace-separated item.
    public var references: [String] = []
    /// `#.` comments, one per line.
    public var extractedComments: [String] = []
    /// `# ` comments, one per line.
    public var translatorComments: [String] = []
    /// A `#~` obsolete entry.
    public var isObsolete = false

    /// The header entry (empty msgid, no context).
    public var isHeader: Bool { msgid.isEmpty && context == nil && !isObsolete && hasMsgid }
    public var isFuzzy: Bool { flags.contains("fuzzy") }
    public var isPlural: Bool { msgidPlural != nil }
    /// Whether the entry has a translation (every form non-empty).
    public var isTranslated: Bool { !msgstr.isEmpty && msgstr.allSatisfy { !$0.isEmpty } }

    /// Whether the entry has a `msgid` (false for comments and blank lines at the end of a file).
    public internal(set) var hasMsgid = false
    /// Indices into `lines`: the `#,` flags line, the `#|` previous-string lines, the first
    /// keyword (`msgctxt` or `msgid`, where the comments end) and the msgstr block.
    public internal(set) var flagsLine: Int?
    public internal(set) var previousLines: [Int] = []
    public internal(set) var keywordLine: Int?
    public internal(set) var msgstrLines: Range<Int>?

    /// A header field such as `Language` (for the header entry).
    public func headerField(_ name: String) -> String? {
        guard let text = msgstr.first else { return nil }
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased() {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

