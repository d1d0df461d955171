import Foundation
import Segmentation
import TMCore

/// One translatable segment of a document, as matching sees it.
public struct DocumentSegment: Sendable, Hashable {
    /// The source text (inline codes left out, white space collapsed).
    public var source: String
    /// Context for context (101) matches: a PO `msgctxt`, an XLIFF `resname` or unit `name`.
    public var context: String?
    /// The document already has a translation for it; it is analysed but not changed.
    public var isTranslated: Bool
    /// Inline codes (tags, placeholders elements) in the source; a match cannot carry them,
    /// so it is never better than 99.
    public var inlineCodes: Int
    /// Whether a match can be filled in.
    public var isFillable: Bool
    /// A PO plural entry's `msgid_plural`: matched too, for the plural forms.
    public var pluralSource: String?

    public init(source: String, context: String? = nil, isTranslated: Bool = false, inlineCodes: Int = 0,
                isFillable: Bool = true, pluralSource: String? = nil) {
        self.source = source
        self.context = context
        self.isTranslated = isTranslated
        self.inlineCodes = inlineCodes
        self.isFillable = isFillable
        self.pluralSource = pluralSource
    }
}

/// What pre-translation decided for one segment.
public struct SegmentResult: Sendable, Hashable {
    /// The match to fill the target with (at or above the run's minimum score), or nil.
    public var fill: PretranslationMatch?
    /// For a PO plural entry in a language with several forms: the match for `msgid_plural`,
    /// which fills the forms after the first (`fill` fills `msgstr[0]`).
    public var pluralFill: PretranslationMatch?
    /// Glossary terms found in the source.
    public var terms: [SpottedTerm]

    public init(fill: PretranslationMatch? = nil, pluralFill: PretranslationMatch? = nil, terms: [SpottedTerm] = []) {
        self.fill = fill
        self.pluralFill = pluralFill
        self.terms = terms
    }

    /// The score of what is filled: the weaker of the two matches of a plural entry.
    public var score: Int { min(fill?.score ?? 0, pluralFill?.score ?? Int.max) }

    /// The score the memory gave (before any repair), the weaker of a plural entry's two.
    public var originalScore: Int {
        min(fill.map { $0.originalScore ?? $0.score } ?? 0, pluralFill.map { $0.originalScore ?? $0.score } ?? Int.max)
    }

    /// The fill is exact (100 or 101): the target is final, not to be reviewed.
    public var isExact: Bool { fill != nil && score >= 100 }
}

/// The languages a document is pre-translated between.
public struct LanguagePair: Sendable, Hashable {
    public var source: LanguageTag
    public var target: LanguageTag
    public init(source: LanguageTag, target: LanguageTag) {
        self.source = source
        self.target = target
    }
}

/// A document pre-translation reads segments from and writes targets into, keeping
/// everything else as it was. One implementation per input format.
protocol PretranslatableDocument {
    /// The segments, in document order.
    var segments: [DocumentSegment] { get }
    /// The languages the file declares, if it does.
    var declaredSource: LanguageTag? { get }
    var declaredTarget: LanguageTag? { get }
    /// The path of the output, relative to the output folder, for an input at `relativePath`.
    func outputPath(for relativePath: String) -> String
    /// The document with `results` (one per segment, in order) applied.
    func rendered(_ results: [SegmentResult], languages: LanguagePair) throws -> Data
    /// How many forms a plural segment's translation has in `target` (PO `nplurals`).
    func pluralForms(target: LanguageTag) -> Int
}

extension PretranslatableDocument {
    func pluralForms(target: LanguageTag) -> Int { 1 }
}

/// The input formats pre-translation knows, by file extension.
public enum DocumentKind: String, Sendable, CaseIterable {
    case xliff, po, text, markdown

    /// The kind for `path`, by its extension; nil for a file pre-translation does not read.
    public init?(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "xlf", "xliff": self = .xliff
        case "po", "pot": self = .po
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        default: return nil
        }
    }

    /// Reads and parses the document at `path` (`name` is used in messages).
    func load(path: String, name: String, segmenter: Segmentation.Segmenter) throws -> any PretranslatableDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PretranslationError.unreadable(file: name, reason: (error as NSError).localizedDescription)
        }
        switch self {
        case .xliff: return try XLIFFDocument(data: data, file: name)
        case .po: return try PODocument(data: data, file: name)
        case .text, .markdown: return try TextDocument(data: data, file: name, markdown: self == .markdown, segmenter: segmenter)
        }
    }
}
