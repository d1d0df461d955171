import TMCore

/// Summary of one read: counts and skip reasons.
public struct ReadSummary: Sendable, Equatable {
    /// Units handed to the caller.
    public var read: Int
    /// Units not handed over, by reason (`"empty target"`, `"fuzzy"`, `"missing target (ko)"`...).
    public var skipped: [String: Int]
    /// The languages the reader settled on, when it knows them.
    public var sourceLanguage: LanguageTag?
    public var targetLanguage: LanguageTag?
    /// One-line remarks on how the file was read (a legacy encoding guessed...), for the user.
    public var notes: [String] = []

    public init(read: Int = 0, skipped: [String: Int] = [:], sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil) {
        self.read = read
        self.skipped = skipped
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }

    /// All skipped units, whatever the reason.
    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    /// Counts one skipped unit.
    public mutating func skip(_ reason: String) { skipped[reason, default: 0] += 1 }
}

/// What to read from a file.
public struct ReadOptions: Sendable {
    /// The source language; when nil, the file says (TMX srclang, PO header, TSV header, XLIFF).
    public var sourceLanguage: LanguageTag?
    /// The target language; when nil, the file says.
    public var targetLanguage: LanguageTag?
    /// Whether fuzzy (needs-review) translations are read; skipped and counted otherwise.
    public var includeFuzzy: Bool

    public init(sourceLanguage: LanguageTag? = nil, targetLanguage: LanguageTag? = nil, includeFuzzy: Bool = false) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.includeFuzzy = includeFuzzy
    }
}

/// A format that yields translation units, streaming (memory does not grow with file size).
public protocol TranslationUnitReader: Sendable {
    /// Calls `body` for each unit in file order; throws `FormatError` naming file:line:column
    /// on malformed input. Errors thrown by `body` stop the read and are rethrown.
    func read(_ path: String, options: ReadOptions, _ body: (TranslationUnit) throws -> Void) throws -> ReadSummary
}

extension TranslationUnitReader {
    /// Reads every unit into an array (for small files and tests).
    public func readAll(_ path: String, options: ReadOptions = .init()) throws -> (units: [TranslationUnit], summary: ReadSummary) {
        var units: [TranslationUnit] = []
        let summary = try read(path, options: options) { units.append($0) }
        return (units, summary)
    }
}
